import { Field, Float, ObjectType } from 'type-graphql';
import { CalendarDate, ConnectionType } from '../../../shared/src';
import { Organization } from '../organization/organization.entity';
import { PriorityFactorKind } from './priorities.weights';

@ObjectType({ description: 'One factor of a monitoring priority score: its value, its weight (configuration) and what it adds.' })
export class PriorityFactor {
  @Field(() => PriorityFactorKind, { description: 'Which factor.' })
  factor: PriorityFactorKind;

  @Field(() => Float, { description: 'The factor\'s value for the company on the day.' })
  value: number;

  @Field(() => Float, { description: 'Its weight (MONITORING_PRIORITY_WEIGHTS, documented defaults).' })
  weight: number;

  @Field(() => Float, { description: 'value × weight, rounded to two decimals: what it adds to the score.' })
  contribution: number;

  @Field(() => String, { nullable: true, description: 'What the value rests on, when a number alone does not say it (areas and levels, last visit).' })
  detail: string | null;
}

@ObjectType({ description: 'Where a member or affiliate company stands in the Secretariat\'s monitoring priorities for a day, and why.' })
export class MonitoringPriority {
  organizationId: string;

  @Field(() => Organization, { description: 'The company.' })
  organization: Organization;

  @Field({ description: 'The company\'s name, as the membership subgraph gave it for the ranking.' })
  name: string;

  @Field(() => CalendarDate, { description: 'The day the ranking is computed for.' })
  day: string;

  @Field(() => Float, { description: 'The sum of the factors\' contributions; the higher, the sooner to monitor.' })
  score: number;

  @Field(() => [PriorityFactor], { description: 'Every factor, with its value, weight and contribution.' })
  factors: PriorityFactor[];
}

export const MonitoringPriorityConnection = ConnectionType(MonitoringPriority, 'MonitoringPriority', 'monitoring priorities');


