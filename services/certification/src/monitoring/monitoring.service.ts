import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { checkExpectedVersion, countryCode, nowTimestamp, paginate, today, updateVersioned, type Database } from '../../../shared/src';
import { FieldVisitKind, MonitoringActivity, MonitoringActivityStatus, MonitoringActivityType } from './monitoring.entity';
import { checkCompletion, checkStart } from './monitoring.rules';
import { MonitoringActivityConnection, type MonitoringActivityFilter } from './monitoring.types';

/** Monitoring activities: the public list, scheduling, start and completion. Findings: finding.service.ts. */

/** A page of monitoring activities meeting `filter`, latest planned start first. */
export function listActivities(
  database: Database,
  filter: MonitoringActivityFilter | null,
  page: { first: number | null; after: string | null },
) {
  const query = database.dataSource.getRepository(MonitoringActivity).createQueryBuilder('activity');
  if (filter?.organizationId) query.andWhere('activity.organizationId = :organizationId', { organizationId: filter.organizationId });
  if (filter?.type) query.andWhere('activity.type = :type', { type: filter.type });
  if (filter?.status) query.andWhere('activity.status = :status', { status: filter.status });
  if (filter?.country) query.andWhere('activity.country = :country', { country: countryCode(filter.country, 'filter.country') });
  if (filter?.startingFrom) query.andWhere('activity.plannedStartOn >= :from', { from: filter.startingFrom });
  if (filter?.startingBefore) query.andWhere('activity.plannedStartOn < :before', { before: filter.startingBefore });
  return paginate(
    MonitoringActivityConnection,
    query,
    [
      { column: 'activity.plannedStartOn', value: (a) => a.plannedStartOn, descending: true },
      { column: 'activity.id', value: (a) => a.id, descending: true },
    ],
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

