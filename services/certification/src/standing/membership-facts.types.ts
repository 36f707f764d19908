import { Directive, Field, ObjectType } from 'type-graphql';
import {
  CalendarDate,
  MembershipCategory,
  MEMBERSHIP_STATUS_ENTRY_FIELDS,
  MembershipStatus,
  PublicCache,
  SHARED_DESCRIPTIONS,
} from '../../../shared/src';

/*
 * The membership subgraph's types that this subgraph reads through `@requires` (never resolves): the
 * pillar, and the dated membership history. The enums and descriptions are declared once for every
 * subgraph in services/shared/src/shared-types.ts, so the composed graph has one of each.
 */



export { MembershipCategory, MembershipStatus, Pillar } from '../../../shared/src';

/** One dated entry of the membership history (owned by the membership subgraph). */
@PublicCache()
@ObjectType({ description: SHARED_DESCRIPTIONS.MembershipStatusEntry })
@Directive('@shareable')
export class MembershipStatusEntry {
  @Field(() => MembershipStatus, { description: MEMBERSHIP_STATUS_ENTRY_FIELDS.status })
  status: MembershipStatus;

  @Field(() => MembershipCategory, { description: MEMBERSHIP_STATUS_ENTRY_FIELDS.category })
  category: MembershipCategory;

  @Field(() => CalendarDate, { description: MEMBERSHIP_STATUS_ENTRY_FIELDS.effectiveFrom })
  effectiveFrom: string;
}
