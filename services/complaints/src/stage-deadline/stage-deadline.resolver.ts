import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Access, nowTimestamp, optionalText, PageArgs, requireSecretariat, Timestamp } from '../../../shared/src';
import { Complaint } from '../complaint/complaint.entity';
import { ComplaintConnection } from '../complaint/complaint.types';
import type { ComplaintsContext } from '../context';
import { isOverdue } from './stage-deadline.rules';
import { listDueComplaints } from './stage-deadline.service';

/**
 * Stage deadlines: the Secretariat's own targets for how long a complaint waits in each stage. They are
 * internal (the company sees the status, not the Secretariat's targets), so every field here is the Secretariat's.
 */
@Resolver(() => Complaint)
export class StageDeadlineFields {
  @Query(() => ComplaintConnection, {
    nullable: true,
    description:
      'What is overdue and what falls due in the next 7 days (from now, not the calendar week), overdue first: ' +
      'complaints in due-date order, then by id (the one order a work queue needs), in pages of `first` (default 20, ' +
      'at most 100) read forwards, or of `last` read backwards from the week\'s furthest deadline. Settled ' +
      'complaints (CLOSED, INADMISSIBLE, RESOLVED) are never due. Secretariat only.',
  })
  complaintsDue(
    @Arg('assignedOfficer', () => String, {
      nullable: true,
      description: 'Only the complaints assigned to this case officer (the subject of their token).',
    })
    assignedOfficer: string | null,
    @Args() page: PageArgs,
    @Ctx() { viewer, database }: ComplaintsContext,
  ) {
    requireSecretariat(viewer);
    const officer = optionalText(assignedOfficer, 'assignedOfficer', 100);
    return listDueComplaints(database, { assignedOfficer: officer }, nowTimestamp(), page);
  }

  @Authorized(Access.Secretariat)
  @FieldResolver(() => Timestamp, {
    nullable: true,
    description:
      'When the stage the complaint is in is due, by the Secretariat\'s target for that stage, counted from when the ' +
      'stage began; null once settled (Secretariat only).',
  })
  stageDueAt(@Root() complaint: Complaint): string | null {
    return complaint.stageDueAt;
  }

  @Authorized(Access.Secretariat)
  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'True when the stage\'s due date has passed at the moment of asking; false once settled (Secretariat only).',
  })
  overdue(@Root() complaint: Complaint): boolean {
    return isOverdue(complaint.stageDueAt, nowTimestamp());
  }
}
