import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { CalendarDate, notFound, requireSecretariat } from '../../../shared/src';
import { Organization } from '../organization/organization.entity';
import type { MembershipContext } from '../context';
import { recordParticipation, type ParticipationChange } from './montreux-document.service';

/** The Secretariat's record of which States and IGOs support the Montreux Document, and since when. */
@Resolver()
export class MontreuxDocumentResolver {
  @Mutation(() => Organization, {
    description:
      'Records (Secretariat) that a State or an intergovernmental organization expressed its support for the Montreux ' +
      'Document on `since`. BAD_USER_INPUT for another pillar, a day before 17 September 2008 or in the future, or ' +
      'while earlier support is still recorded as lasting; CONFLICT if the organization changed since `expectedVersion`.',
  })
  recordMontreuxDocumentSupport(
    @Arg('organizationId', () => ID, { description: 'The State or intergovernmental organization.' }) organizationId: string,
    @Arg('since', () => CalendarDate, { description: 'The day its support was communicated (to the Swiss FDFA).' }) since: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The `version` the record was based on.' })
    expectedVersion: number | null,
    @Ctx() context: MembershipContext,
  ): Promise<Organization> {
    return record(context, organizationId, { kind: 'SUPPORT', day: since, expectedVersion, recordedBy: context.viewer.subject ?? null });
  }

  @Mutation(() => Organization, {
    description:
      'Records (Secretariat) that a State or an intergovernmental organization withdrew its support for the Montreux ' +
      'Document on `until`. BAD_USER_INPUT when no support is recorded as lasting, or for a day not after its start ' +
      'or in the future; CONFLICT if the organization changed since `expectedVersion`.',
  })
  recordMontreuxDocumentWithdrawal(
    @Arg('organizationId', () => ID, { description: 'The State or intergovernmental organization.' }) organizationId: string,
    @Arg('until', () => CalendarDate, { description: 'The day its support ended.' }) until: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The `version` the record was based on.' })
    expectedVersion: number | null,
    @Ctx() context: MembershipContext,
  ): Promise<Organization> {
    return record(context, organizationId, { kind: 'WITHDRAWAL', day: until, expectedVersion, recordedBy: context.viewer.subject ?? null });
  }
}

async function record({ viewer, loaders, database }: MembershipContext, organizationId: string, change: ParticipationChange) {
  requireSecretariat(viewer);
  const organization = await loaders.organization.load(organizationId);
  if (!organization) throw notFound('Organization', organizationId);
  const periods = await loaders.montreuxDocumentParticipation.load(organizationId);
  const changed = await recordParticipation(database, organization, periods, change);
  // This request's loaders hold the state before the change; the answer must show the state after it.
  loaders.organization.clear(organizationId).prime(organizationId, changed);
  loaders.montreuxDocumentParticipation.clear(organizationId);
  return changed;
}
