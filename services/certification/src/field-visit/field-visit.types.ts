import { Field, ID, InputType, Int } from 'type-graphql';
import { ConnectionType } from '../../../shared/src';
import { ConsultedCategory, FieldVisitContribution } from './field-visit.entity';

@InputType({ description: 'The methodology a field visit followed.' })
export class FieldVisitMethodologyInput {
  @Field({ description: 'Its name, e.g. "ICoCA field-based review methodology". 1 to 200 characters.' })
  reference: string;

  @Field({ description: 'Its version, e.g. "2". 1 to 20 characters.' })
  version: string;
}

@InputType({ description: 'How many of one category a field visit consulted.' })
export class ConsultationCountInput {
  @Field(() => ConsultedCategory, { description: 'The category; each at most once.' })
  category: ConsultedCategory;

  @Field(() => Int, { description: 'How many were consulted: 1 or more (leave out a category nobody was consulted in).' })
  consulted: number;
}

@InputType({ description: 'An organization consulted, to be named (Secretariat only ever reads the names).' })
export class NamedOrganizationInput {
  @Field({ description: 'Its name. 1 to 200 characters.' })
  name: string;

  @Field(() => ConsultedCategory, { description: 'The category it was consulted as; one of the categories counted.' })
  category: ConsultedCategory;

  @Field({ description: 'True when the organization agreed to be named. False is BAD_USER_INPUT: leave it out, it is still counted.' })
  agreedToBeNamed: boolean;
}

@InputType({ description: 'How a field visit was carried out (Secretariat). Replaces what was recorded before for the visit.' })
export class RecordFieldVisitConductInput {
  @Field(() => ID, { description: 'The field visit: a monitoring activity of type FIELD_VISIT, in progress or completed.' })
  activityId: string;

  @Field(() => FieldVisitMethodologyInput, { description: 'The methodology followed.' })
  methodology: FieldVisitMethodologyInput;

  @Field(() => [ConsultationCountInput], { description: 'Whom the visit consulted, by category, with counts.' })
  consultations: ConsultationCountInput[];

  @Field(() => [NamedOrganizationInput], {
    nullable: true,
    description: 'Organizations consulted that agreed to be named, at most 50. Each must have agreed (`agreedToBeNamed: true`).',
  })
  namedOrganizations?: NamedOrganizationInput[] | null;

  @Field(() => Int, { nullable: true, description: 'The `version` read, when replacing an earlier record; CONFLICT when it changed since.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'Input of a civil society member for a planned field visit.' })
export class SubmitFieldVisitContributionInput {
  @Field(() => ID, { description: 'The planned field visit (a monitoring activity of type FIELD_VISIT, status PLANNED).' })
  activityId: string;

  @Field({ description: 'The communities affected the input speaks for. 1 to 500 characters.' })
  affectedCommunities: string;

  @Field({ description: 'Their concerns and needs, for the visit to take into account. 1 to 4000 characters.' })
  concerns: string;
}

@InputType({ description: 'Narrows a list of civil society inputs.' })
export class FieldVisitContributionFilter {
  @Field(() => ID, { nullable: true, description: 'Only the inputs for this field visit.' })
  activityId?: string | null;
}

export const FieldVisitContributionConnection = ConnectionType(FieldVisitContribution, 'FieldVisitContribution', 'civil society inputs for field visits');
