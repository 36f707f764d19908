import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CalendarDate } from '../../../shared/src';
import { Organization } from '../organization/organization.entity';
import type { MembershipContext } from '../context';
import { MembershipCategory, MembershipStatus, MembershipStatusEntry } from './membership-status.entity';
import { entryOn } from './membership-status.rules';

/** An organization's membership status history, and its status and category on a given day. */
@Resolver(() => Organization)
export class MembershipStatusOrganizationFields {
  @FieldResolver(() => [MembershipStatusEntry], {
    description: 'Every change of membership status, oldest first. Entries are never changed or removed.',
  })
  statusHistory(@Root() organization: Organization, @Ctx() { loaders }: MembershipContext) {
    return loaders.statusHistory.load(organization.id);
  }

  @FieldResolver(() => MembershipStatus, {
    nullable: true,
    description:
      'The membership status in force on `date`, from the dated history (for audits: "was X a member on ' +
      '2026-03-01?"). Null when the organization was not yet admitted on that date.',
  })
  async membershipStatusOn(
    @Root() organization: Organization,
    @Arg('date', () => CalendarDate, { description: 'The day asked about, YYYY-MM-DD.' }) date: string,
    @Ctx() { loaders }: MembershipContext,
  ): Promise<MembershipStatus | null> {
    return entryOn(await loaders.statusHistory.load(organization.id), date)?.status ?? null;
  }

  @FieldResolver(() => MembershipCategory, {
    nullable: true,
    description: 'The membership category in force on `date`; null when not yet admitted on that date.',
  })
  async membershipCategoryOn(
    @Root() organization: Organization,
    @Arg('date', () => CalendarDate, { description: 'The day asked about, YYYY-MM-DD.' }) date: string,
    @Ctx() { loaders }: MembershipContext,
  ): Promise<MembershipCategory | null> {
    return entryOn(await loaders.statusHistory.load(organization.id), date)?.category ?? null;
  }
}
