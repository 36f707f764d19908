import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  checkExpectedVersion,
  columnThenId,
  countryCode,
  type Database,
  nowTimestamp,
  type PageRequest,
  paginateEach,
  paginateOrdered,
  type SortOrder,
  today,
  updateVersioned,
} from '../../../shared/src';
import { FieldVisitKind, MonitoringActivity, MonitoringActivityStatus, MonitoringActivityType } from './monitoring.entity';
import { checkCompletion, checkStart } from './monitoring.rules';
import { MonitoringActivityConnection, MonitoringActivityOrder, type MonitoringActivityFilter } from './monitoring.types';

/** Monitoring activities: the public list, scheduling, start and completion. Findings: finding.service.ts. */

/** A page of monitoring activities meeting `filter`, in `order` (latest planned start first by default). */
export function listActivities(
  database: Database,
  filter: MonitoringActivityFilter | null,
  page: PageRequest,
  order: MonitoringActivityOrder = MonitoringActivityOrder.PLANNED_START_LATEST_FIRST,
) {
  const query = database.dataSource.getRepository(MonitoringActivity).createQueryBuilder('activity');
  if (filter?.organizationId) query.andWhere('activity.organizationId = :organizationId', { organizationId: filter.organizationId });
  if (filter?.type) query.andWhere('activity.type = :type', { type: filter.type });
  if (filter?.status) query.andWhere('activity.status = :status', { status: filter.status });
  if (filter?.country) query.andWhere('activity.country = :country', { country: countryCode(filter.country, 'filter.country') });
  if (filter?.startingFrom) query.andWhere('activity.plannedStartOn >= :from', { from: filter.startingFrom });
  if (filter?.startingBefore) query.andWhere('activity.plannedStartOn < :before', { before: filter.startingBefore });
  return paginateOrdered(MonitoringActivityConnection, query, ACTIVITY_ORDERS[order], page);
}

const byPlannedStart = (name: MonitoringActivityOrder, descending: boolean) => columnThenId<MonitoringActivity>(name, 'activity', 'planned_start_on', (row) => row.plannedStartOn, descending);

/** The orders of the activity list; ix_monitoring_activity_start serves both, read either way. */
const ACTIVITY_ORDERS: Record<MonitoringActivityOrder, SortOrder<MonitoringActivity>> = {
  [MonitoringActivityOrder.PLANNED_START_LATEST_FIRST]: byPlannedStart(MonitoringActivityOrder.PLANNED_START_LATEST_FIRST, true),
  [MonitoringActivityOrder.PLANNED_START_EARLIEST_FIRST]: byPlannedStart(MonitoringActivityOrder.PLANNED_START_EARLIEST_FIRST, false),
};

/** One page of activities for each organization of `organizationIds`, latest planned start first (ix_monitoring_activity_organization_start). */
export function activityPagesOf(database: Database, organizationIds: readonly string[], page: PageRequest) {
  return paginateEach(
    MonitoringActivityConnection,
    database.dataSource.getRepository(MonitoringActivity).createQueryBuilder('activity'),
    { column: 'activity.organization_id', value: (a) => a.organizationId },
    organizationIds,
    ACTIVITY_ORDERS[MonitoringActivityOrder.PLANNED_START_LATEST_FIRST],
    page,
  );
}

export interface NewActivity {
  organizationId: string;
  type: MonitoringActivityType;
  fieldVisitKind: FieldVisitKind | null;
  country: string;
  plannedStartOn: string;
  plannedEndOn: string | null;
  purpose: string | null;
  selfAssessmentId?: string | null;
}

/** Inserts a planned activity (or, for a desk review done on the spot, a completed one) inside a transaction. */
export async function insertActivity(
  manager: EntityManager,
  input: NewActivity,
  completed?: { on: string; summary: string | null },
): Promise<MonitoringActivity> {
  const activity = manager.create(MonitoringActivity, {
    id: randomUUID(),
    ...input,
    selfAssessmentId: input.selfAssessmentId ?? null,
    startedOn: completed ? completed.on : null,
    completedOn: completed ? completed.on : null,
    status: completed ? MonitoringActivityStatus.COMPLETED : MonitoringActivityStatus.PLANNED,
    summary: completed?.summary ?? null,
    recordedAt: nowTimestamp(),
    version: 1,
  });
  await manager.insert(MonitoringActivity, activity);
  return activity;
}

export function scheduleActivity(database: Database, input: NewActivity): Promise<MonitoringActivity> {
  return database.transaction((manager) => insertActivity(manager, input));
}

function updateActivity(
  database: Database,
  activity: MonitoringActivity,
  changes: Partial<MonitoringActivity>,
): Promise<MonitoringActivity> {
  return database.transaction((manager) =>
    updateVersioned(
      manager,
      MonitoringActivity,
      activity,
      changes,
      'Monitoring activity',
      `Monitoring activity ${activity.id} was changed by someone else meanwhile; reload it and try again`,
    ),
  );
}

export function startActivity(database: Database, activity: MonitoringActivity, startedOn: string | null) {
  const day = startedOn ?? today();
  checkStart(activity.status, day, today());
  return updateActivity(database, activity, { status: MonitoringActivityStatus.IN_PROGRESS, startedOn: day });
}

export function completeActivity(
  database: Database,
  activity: MonitoringActivity,
  completion: { completedOn: string | null; summary: string | null; expectedVersion: number | null },
) {
  checkExpectedVersion(activity, 'Monitoring activity', completion.expectedVersion);
  const completedOn = completion.completedOn ?? today();
  checkCompletion(activity.status, activity.startedOn, completedOn, today());
  // Completed without a recorded start: it started as planned, or on the day it was completed if that is earlier.
  const startedOn = activity.startedOn ?? (activity.plannedStartOn < completedOn ? activity.plannedStartOn : completedOn);
  return updateActivity(database, activity, {
    status: MonitoringActivityStatus.COMPLETED,
    startedOn,
    completedOn,
    summary: completion.summary,
  });
}

