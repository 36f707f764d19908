import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PublicCache, SHARED_DESCRIPTIONS, type OwnedByOrganization } from '../../../shared/src';
import { CodeProvision } from '../complaint/complaint.enums';

/** The membership subgraph's `Organization`, extended here with its complaints and their statistics. */
@PublicCache()
@ObjectType({ description: SHARED_DESCRIPTIONS.Organization })
@Directive('@key(fields: "id")')
export class Organization implements OwnedByOrganization {
  @Field(() => ID, { description: 'Stable identifier of the organization.' })
  id: string;

  get ownerOrganizationId(): string {
    return this.id;
  }
}

/** A reference to an organization by id, resolved by the membership subgraph through the gateway. */
export function organizationReference(id: string): Organization {
  return Object.assign(new Organization(), { id });
}

@PublicCache()
@ObjectType({ description: 'Complaints received in one calendar year (of filing).' })
export class ComplaintYearCount {
  @Field(() => Int, { description: 'The calendar year the complaints were filed in.' })
  year: number;

  @Field(() => Int, { description: 'Complaints filed that year.' })
  received: number;

  @Field(() => Int, { description: 'Of those, complaints still being handled.' })
  open: number;

  @Field(() => Int, { description: 'Of those, complaints closed or found inadmissible.' })
  closed: number;
}

@PublicCache()
@ObjectType({ description: 'How many complaints cite one provision of the Code.' })
export class ComplaintProvisionCount {
  @Field(() => CodeProvision, { description: 'The provision of the Code.' })
  provision: CodeProvision;

  @Field(() => Int, { description: 'Complaints alleging a violation of it.' })
  count: number;
}

@PublicCache()
@ObjectType({
  description: 'Public, aggregate statistics of the complaints against one company: counts only, nothing about any complaint.',
})
export class ComplaintStatistics {
  @Field(() => Int, { description: 'Complaints received in all.' })
  received: number;

  @Field(() => Int, { description: 'Complaints still being handled.' })
  open: number;

  @Field(() => Int, { description: 'Complaints closed or found inadmissible.' })
  closed: number;

  @Field(() => [ComplaintYearCount], { description: 'The same counts per year of filing, oldest first.' })
  byYear: ComplaintYearCount[];

  @Field(() => [ComplaintProvisionCount], { description: 'Complaints per provision of the Code alleged, most cited first.' })
  byProvision: ComplaintProvisionCount[];
}
