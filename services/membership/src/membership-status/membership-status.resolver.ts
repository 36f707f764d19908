import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { CalendarDate, notFound, requireSecretariat, text } from '../../../shared/src';
import { Organization } from '../organization/organization.entity';
import type { MembershipContext } from '../context';
import { MembershipCategory, MembershipStatus, TerminationReason } from './membership-status.entity';
import { changeStatus } from './membership-status.service';

/** The Secretariat's decisions on an organization's membership. */
@Resolver()
export class MembershipStatusResolver {
  @Mutation(() => Organization, {
    description:
      'Records a decision on membership (Secretariat): suspend, reinstate, terminate (with a `reasonCode`), record a ' +
      'withdrawal, or move an active member to another category. Illegal transitions are refused with BAD_USER_INPUT; a change ' +
      'made by someone else meanwhile with CONFLICT.',
  })
  async changeMembershipStatus(
    @Arg('organizationId', () => ID, { description: 'The organization concerned.' }) organizationId: string,
    @Arg('status', () => MembershipStatus, { description: 'The new status.' }) status: MembershipStatus,
    @Arg('reason', () => String, { description: 'Why; shown in the public history. 1 to 2000 characters.' })
    reason: string,
    @Arg('reasonCode', () => TerminationReason, {
      nullable: true,
      description: 'Required for TERMINATED (OTHER when no code fits), refused for other statuses: the main ground, coded.',
    })
    reasonCode: TerminationReason | null,
    @Arg('effectiveFrom', () => CalendarDate, {
      nullable: true,
      description: 'First day the status applies; today when omitted. Not in the future, not before the last change.',
    })
    effectiveFrom: string | null,
    @Arg('category', () => MembershipCategory, {
      nullable: true,
      description: 'A new category (e.g. AFFILIATE for a member company that missed its deadline); unchanged when omitted.',
    })
    category: MembershipCategory | null,
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description: 'The `version` the decision was based on; CONFLICT if the organization changed since.',
    })
    expectedVersion: number | null,
    @Ctx() { viewer, loaders, database, services }: MembershipContext,
  ): Promise<Organization> {
    requireSecretariat(viewer);
    const checkedReason = text(reason, 'reason', { max: 2000 });
    const organization = await loaders.organization.load(organizationId);
    if (!organization) throw notFound('Organization', organizationId);
    const history = await loaders.statusHistory.load(organizationId);
    const changed = await changeStatus(database, organization, history, {
      status,
      category,
      reason: checkedReason,
      reasonCode,
      effectiveFrom,
      expectedVersion,
      decidedBy: viewer.subject ?? null,
    }, services.settings.deadlineFirstYear);
    // This request's loaders hold the state before the change; the answer must show the state after it.
    loaders.organization.clear(organizationId).prime(organizationId, changed);
    loaders.statusHistory.clear(organizationId);
    return changed;
  }
}
