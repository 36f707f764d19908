import { Directive, Field, ID, ObjectType } from 'type-graphql';
import {
  CalendarDate,
  MembershipCategory,
  MEMBERSHIP_STATUS_ENTRY_FIELDS,
  MembershipStatus,
  type OwnedByOrganization,
  Pillar,
  PublicCache,
  SHARED_DESCRIPTIONS,
} from '../../../shared/src';

/** One dated entry of the membership history (owned by the membership subgraph). */
@PublicCache()
@ObjectType({ description: SHARED_DESCRIPTIONS.MembershipStatusEntry })
@Directive('@shareable')
class MembershipStatusEntry {
  @Field(() => MembershipStatus, { description: MEMBERSHIP_STATUS_ENTRY_FIELDS.status })
  status: MembershipStatus;

  @Field(() => MembershipCategory, { description: MEMBERSHIP_STATUS_ENTRY_FIELDS.category })
  category: MembershipCategory;

  @Field(() => CalendarDate, { description: MEMBERSHIP_STATUS_ENTRY_FIELDS.effectiveFrom })
  effectiveFrom: string;
}

/** The membership subgraph's `Organization`, extended here with certification and monitoring fields. */
@PublicCache()
@ObjectType({
  description: SHARED_DESCRIPTIONS.Organization,
})
@Directive('@key(fields: "id")')
export class Organization implements OwnedByOrganization {
  @Field(() => ID, { description: 'Stable identifier of the organization.' })
  id: string;

  // Owned by the membership subgraph; the gateway brings them along (`@requires`) for the standing: the
  // dated part of `MembershipFacts` (membership/membership-facts.ts), absent when the gateway is bypassed.
  @Directive('@external')
  @Field(() => Pillar, { description: 'Which of the three pillars the organization belongs to, or OBSERVER.' })
  pillar?: Pillar;

  @Directive('@external')
  @Field(() => CalendarDate, { nullable: true, description: 'For a member company: its certification deadline.' })
  certificationDeadline?: string | null;

  @Directive('@external')
  @Field(() => [MembershipStatusEntry], { description: 'Every change of membership status, oldest first.' })
  statusHistory?: MembershipStatusEntry[];

  get ownerOrganizationId(): string {
    return this.id;
  }
}

/** An entity reference to an organization, for fields that point at one. */
export function organizationReference(id: string): Organization {
  return Object.assign(new Organization(), { id });
}
