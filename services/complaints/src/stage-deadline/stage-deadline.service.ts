import { paginate, type Database, type PageRequest } from '../../../shared/src';
import { Complaint } from '../complaint/complaint.entity';
import { ComplaintConnection } from '../complaint/complaint.types';
import { dueWindowEnd } from './stage-deadline.rules';

/**
 * What is due within the next 7 days from `now`, overdue first: complaints whose stage due date is before the
 * window's end, in due-date order (the overdue ones, due earliest, lead), then by id. Settled complaints have
 * no due date and never appear. Keyset pages on (stage_due_at, id), read from the index on those columns, or
 * on (assigned_officer_subject, stage_due_at, id) for one officer's list.
 */
export function listDueComplaints(
  database: Database,
  filter: { assignedOfficer: string | null },
  now: string,
  page: PageRequest,
) {
  const query = database.dataSource
    .getRepository(Complaint)
    .createQueryBuilder('complaint')
    .where('complaint.stage_due_at < :windowEnd', { windowEnd: dueWindowEnd(now) });
  if (filter.assignedOfficer) {
    query.andWhere('complaint.assigned_officer_subject = :officer', { officer: filter.assignedOfficer });
  }
  return paginate(
    ComplaintConnection,
    query,
    [
      { column: 'complaint.stage_due_at', value: (c) => c.stageDueAt as string },
      { column: 'complaint.id', value: (c) => c.id },
    ],
    page,
  );
}
