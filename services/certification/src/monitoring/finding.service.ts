import { randomUUID } from 'node:crypto';
import { Brackets } from 'typeorm';
import {
  checkExpectedVersion,
  columnThenId,
  type Database,
  nextSequence,
  notFound,
  nowTimestamp,
  type PageRequest,
  paginateOrdered,
  type SortOrder,
  today,
  updateVersioned,
} from '../../../shared/src';
import { checkEffectiveDate } from '../certification/certification.rules';
import { CodeVersion, Finding, FindingSeverity, FindingStatus, FindingStatusEntry, MonitoringActivity } from './monitoring.entity';
import { checkFindingActivity, checkFindingTransition } from './monitoring.rules';
import { FindingConnection, FindingOrder, type FindingFilter } from './monitoring.types';

/** Findings of monitoring activities: the Secretariat's list, recording, and the status machine with its history. */

/** A page of findings meeting `filter`, in `order` (soonest due first by default). */
export function listFindings(database: Database, filter: FindingFilter | null, page: PageRequest, order: FindingOrder = FindingOrder.DUE_SOONEST) {
  const query = database.dataSource.getRepository(Finding).createQueryBuilder('finding');
  if (filter?.organizationId) query.andWhere('finding.organizationId = :organizationId', { organizationId: filter.organizationId });
  if (filter?.statuses?.length) query.andWhere('finding.status IN (:...statuses)', { statuses: filter.statuses });
  if (filter?.severities?.length) query.andWhere('finding.severity IN (:...severities)', { severities: filter.severities });
  if (filter?.dueBefore) query.andWhere('finding.dueOn < :dueBefore', { dueBefore: filter.dueBefore });
  if (filter?.overdue != null) {
    const params = { closed: FindingStatus.CLOSED, now: today() };
    if (filter.overdue) query.andWhere('finding.status <> :closed AND finding.dueOn < :now', params);
    else {
      query.andWhere(
        new Brackets((where) => where.where('finding.status = :closed', params).orWhere('finding.dueOn >= :now', params)),
      );
    }
  }
  return paginateOrdered(FindingConnection, query, FINDING_ORDERS[order], page);
}

const byDueDate = (name: FindingOrder, descending: boolean) => columnThenId<Finding>(name, 'finding', 'due_on', (row) => row.dueOn, descending);

/** The orders of the findings list; ix_finding_list (and ix_finding_due by status) serve both, read either way. */
const FINDING_ORDERS: Record<FindingOrder, SortOrder<Finding>> = {
  [FindingOrder.DUE_SOONEST]: byDueDate(FindingOrder.DUE_SOONEST, false),
  [FindingOrder.DUE_LATEST]: byDueDate(FindingOrder.DUE_LATEST, true),
};

export interface NewFinding {
  codeVersion: CodeVersion;
  paragraph: number;
  severity: FindingSeverity;
  description: string;
  recommendation: string;
  dueOn: string;
  decidedBy: string | null;
}

/** Records a finding (status OPEN, first history entry) on an activity that started. */
export async function recordFinding(database: Database, activityId: string, input: NewFinding): Promise<Finding> {
  return database.transaction(async (manager) => {
    const activity = await manager.findOneBy(MonitoringActivity, { id: activityId });
    if (!activity) throw notFound('Monitoring activity', activityId);
    checkFindingActivity(activity.status, activity.startedOn ?? activity.plannedStartOn, input.dueOn);
    const { decidedBy, ...fields } = input;
    const finding = manager.create(Finding, {
      id: randomUUID(),
      activityId,
      organizationId: activity.organizationId,
      ...fields,
      status: FindingStatus.OPEN,
      recordedAt: nowTimestamp(),
      version: 1,
    });
    await manager.insert(Finding, finding);
    await manager.insert(FindingStatusEntry, {
      id: randomUUID(),
      findingId: finding.id,
      organizationId: finding.organizationId,
      sequence: 1,
      status: FindingStatus.OPEN,
      effectiveFrom: today(),
      reason: 'Finding recorded',
      decidedBy,
      recordedAt: nowTimestamp(),
    });
    return finding;
  });
}

/** Moves a finding along its status machine and appends the history entry, in one transaction. */
export async function changeFindingStatus(
  database: Database,
  finding: Finding,
  history: readonly FindingStatusEntry[],
  change: { status: FindingStatus; reason: string; effectiveFrom: string | null; expectedVersion: number | null; decidedBy: string | null },
): Promise<Finding> {
  checkExpectedVersion(finding, 'Finding', change.expectedVersion);
  checkFindingTransition(finding.status, change.status);
  const effectiveFrom = change.effectiveFrom ?? today();
  checkEffectiveDate(effectiveFrom, history.at(-1)?.effectiveFrom ?? null, today());
  return database.transaction(async (manager) => {
    const changed = await updateVersioned(
      manager,
      Finding,
      finding,
      { status: change.status },
      'Finding',
      `Finding ${finding.id} was changed by someone else meanwhile; reload it and try again`,
    );
    await manager.insert(FindingStatusEntry, {
      id: randomUUID(),
      findingId: finding.id,
      organizationId: finding.organizationId,
      sequence: await nextSequence(manager, FindingStatusEntry, { findingId: finding.id }),
      status: change.status,
      effectiveFrom,
      reason: change.reason,
      decidedBy: change.decidedBy,
      recordedAt: nowTimestamp(),
    });
    return changed;
  });
}
