import { Authorized, Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Access, CalendarDate, PublicCache, SHARED_DESCRIPTIONS, type OwnedByOrganization } from '../../../shared/src';
import { CodeProvision } from '../complaint/complaint.enums';
import { ProtectedCount } from '../disclosure/protected-count';

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
  description:
    'Aggregate statistics of the complaints against one company. The public reads one figure, `total`: the complaints ' +
    'received up to `asOf`, withheld when fewer than 5 (as every public count of complaints, see `ProtectedCount`). ' +
    'It counts years that have ended only and moves only in steps of 5 or more, so reading it on two days never ' +
    'tells a small number of complaints (not one new complaint, not a year of fewer than 5). The exact counts, by ' +
    'year and by provision, are for the Secretariat and the company itself (a member token of this organization).',
})
export class ComplaintStatistics implements OwnedByOrganization {
  /** The company the statistics are about: members of it may read the exact counts. */
  organizationId: string;

  get ownerOrganizationId(): string {
    return this.organizationId;
  }

  @Field(() => ProtectedCount, {
    description:
      'Complaints received up to `asOf`, for everyone: withheld when fewer than 5 (`value: null, fewerThan: 5`).',
  })
  total: ProtectedCount;

  @Field(() => CalendarDate, {
    description:
      'The last day `total` counts: 31 December of the last year that ended with 5 or more complaints more than the ' +
      'previous `asOf` (or of the last year that has ended, while `total` is withheld).',
  })
  asOf: string;

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @Field(() => Int, {
    nullable: true,
    description: 'Complaints received in all, to date: for the Secretariat and members of this organization only.',
  })
  received: number | null;

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @Field(() => Int, { nullable: true, description: 'Complaints still being handled: for the Secretariat and members of this organization only.' })
  open: number | null;

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @Field(() => Int, {
    nullable: true,
    description: 'Complaints closed or found inadmissible: for the Secretariat and members of this organization only.',
  })
  closed: number | null;

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @Field(() => [ComplaintYearCount], {
    nullable: true,
    description: 'The same counts per year of filing, oldest first: for the Secretariat and members of this organization only.',
  })
  byYear: ComplaintYearCount[] | null;

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @Field(() => [ComplaintProvisionCount], {
    nullable: true,
    description:
      'Complaints per provision of the Code alleged, most cited first: for the Secretariat and members of this ' +
      'organization only.',
  })
  byProvision: ComplaintProvisionCount[] | null;
}
