import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { conflict, notFound, nowTimestamp, today, type Database } from '../../../shared/src';
import { checkEffectiveDate } from '../certification/certification.rules';
import {
  CodeVersion,
  FieldVisitKind,
  Finding,
  FindingSeverity,
  FindingStatus,
  FindingStatusEntry,
  MonitoringActivity,
  MonitoringActivityStatus,
  MonitoringActivityType,
} from './monitoring.entity';
import { checkCompletion, checkFindingActivity, checkFindingTransition, checkStart } from './monitoring.rules';

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

async function updateActivity(
  database: Database,
  activity: MonitoringActivity,
  changes: Partial<MonitoringActivity>,
): Promise<MonitoringActivity> {
  return database.transaction(async (manager) => {
    const result = await manager
      .createQueryBuilder()
      .update(MonitoringActivity)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: activity.id, version: activity.version })
      .execute();
    if (result.affected !== 1) {
      throw conflict(`Monitoring activity ${activity.id} was changed by someone else meanwhile; reload it and try again`);
    }
    return manager.findOneByOrFail(MonitoringActivity, { id: activity.id });
  });
}

function checkVersion(record: { id: string; version: number }, what: string, expectedVersion: number | null | undefined): void {
  if (expectedVersion != null && expectedVersion !== record.version) {
    throw conflict(`${what} ${record.id} changed since version ${expectedVersion} (now ${record.version}); reload it`);
  }
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
  checkVersion(activity, 'Monitoring activity', completion.expectedVersion);
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
  checkVersion(finding, 'Finding', change.expectedVersion);
  checkFindingTransition(finding.status, change.status);
  const effectiveFrom = change.effectiveFrom ?? today();
  checkEffectiveDate(effectiveFrom, history.at(-1)?.effectiveFrom ?? null, today());
  return database.transaction(async (manager) => {
    const result = await manager
      .createQueryBuilder()
      .update(Finding)
      .set({ status: change.status, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: finding.id, version: finding.version })
      .execute();
    if (result.affected !== 1) {
      throw conflict(`Finding ${finding.id} was changed by someone else meanwhile; reload it and try again`);
    }
    const { last } = (await manager
      .createQueryBuilder(FindingStatusEntry, 'entry')
      .select('MAX(entry.sequence)', 'last')
      .where('entry.findingId = :id', { id: finding.id })
      .getRawOne<{ last: number | null }>()) ?? { last: null };
    await manager.insert(FindingStatusEntry, {
      id: randomUUID(),
      findingId: finding.id,
      organizationId: finding.organizationId,
      sequence: Number(last ?? 0) + 1,
      status: change.status,
      effectiveFrom,
      reason: change.reason,
      decidedBy: change.decidedBy,
      recordedAt: nowTimestamp(),
    });
    return manager.findOneByOrFail(Finding, { id: finding.id });
  });
}
