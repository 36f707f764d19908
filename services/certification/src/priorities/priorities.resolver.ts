import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { badUserInput, CalendarDate, PageArgs, requireSecretariat, today } from '../../../shared/src';
import type { CertificationContext } from '../context';
import { monitoringPriorities } from './priorities.service';
import { MonitoringPriority, MonitoringPriorityConnection } from './priorities.types';

/** The Secretariat's ranking of member and affiliate companies to monitor, with every factor shown. */
@Resolver(() => MonitoringPriority)
export class MonitoringPriorityResolver {
  @Query(() => MonitoringPriorityConnection, {
    nullable: true,
    description:
      'Member and affiliate companies ranked by a transparent score for a day: highest first, then by organization id (Secretariat), ' +
      'in pages of `first` (or `last`, backwards); a cursor (`after`/`before`) is valid only for the day it was read on (else BAD_USER_INPUT). ' +
      'Risk levels, certification, surveillance reports and field visits are read for the day; complaints, findings and risk reports as they stand now.',
  })
  monitoringPriorities(
    @Arg('on', () => CalendarDate, { nullable: true, description: 'The day ranked; today when omitted, never in the future.' }) on: string | null,
    @Args() page: PageArgs,
    @Ctx() context: CertificationContext,
  ) {
    requireSecretariat(context.viewer);
    const day = on ?? today();
    if (day > today()) throw badUserInput('on cannot be in the future', 'on');
    const { membership, complaints } = context.services.peers;
    // The peers' clients for this request: their calls carry its id.
    const peers = { membership: membership.forRequest(context.requestId), complaints: complaints.forRequest(context.requestId) };
    return monitoringPriorities(context.database, peers, context.services.settings, day, page);
  }
}
