import { randomUUID } from 'node:crypto';
import {
  checkExpectedVersion,
  conflict,
  conflictOnUniqueViolation,
  nowTimestamp,
  paginate,
  personOrOrganizationName,
  text,
  type Database,
  type PageRequest,
} from '../../../shared/src';
import type { MonitoringActivity } from '../monitoring/monitoring.entity';
import { FieldVisitConsultation, FieldVisitContribution, FieldVisitNamedOrganization, FieldVisitRecord, FieldVisitSummary } from './field-visit.entity';
import { checkConsultations, checkNamedOrganizations, checkOpenForInput, checkPublishable, checkRecordable, LIMITS } from './field-visit.rules';
import {
  FieldVisitContributionConnection,
  type FieldVisitContributionFilter,
  type RecordFieldVisitConductInput,
  type SubmitFieldVisitContributionInput,
} from './field-visit.types';

/** Checks every part of a field visit record; BAD_USER_INPUT names the first one wrong, before anything is stored. */
export function checkedConduct(activity: MonitoringActivity, input: RecordFieldVisitConductInput) {
  checkRecordable(activity);
  const methodologyReference = text(input.methodology.reference, 'input.methodology.reference', { max: LIMITS.methodologyReference });
  const methodologyVersion = text(input.methodology.version, 'input.methodology.version', { max: LIMITS.methodologyVersion });
  checkConsultations(input.consultations);
  const named = input.namedOrganizations ?? [];
  checkNamedOrganizations(named, new Set(input.consultations.map((c) => c.category)));
  return {
    methodologyReference,
    methodologyVersion,
    consultations: input.consultations.map(({ category, consulted }) => ({ category, consulted })),
    namedOrganizations: named.map((n, i) => ({
      name: personOrOrganizationName(n.name, `input.namedOrganizations.${i}.name`, { max: LIMITS.organizationName }),
      category: n.category,
    })),
  };
}

/**
 * Writes a visit's record, its counts and its named organizations in one transaction, replacing what was there:
 * the first time an insert (a concurrent first write is CONFLICT), then an update guarded by `version`.
 */
export async function recordConduct(
  database: Database,
  activity: MonitoringActivity,
  existing: FieldVisitRecord | null,
  conduct: ReturnType<typeof checkedConduct>,
  expectedVersion: number | null | undefined,
  recordedBy: string | null,
): Promise<FieldVisitRecord> {
  if (existing) checkExpectedVersion({ id: activity.id, version: existing.version }, 'Field visit record', expectedVersion);
  const fields = { methodologyReference: conduct.methodologyReference, methodologyVersion: conduct.methodologyVersion, recordedAt: nowTimestamp(), recordedBy };
  return conflictOnUniqueViolation(
    () =>
      database.transaction(async (manager) => {
        if (existing) {
          const result = await manager
            .createQueryBuilder()
            .update(FieldVisitRecord)
            .set({ ...fields, version: () => 'version + 1' })
            .where('activity_id = :id AND version = :version', { id: activity.id, version: existing.version })
            .execute();
          if (result.affected !== 1) throw conflict(`The record of field visit ${activity.id} was changed by someone else meanwhile; reload it`);
          await manager.delete(FieldVisitConsultation, { activityId: activity.id });
          await manager.delete(FieldVisitNamedOrganization, { activityId: activity.id });
        } else {
          await manager.insert(FieldVisitRecord, { activityId: activity.id, organizationId: activity.organizationId, ...fields, version: 1 });
        }
        await manager.insert(FieldVisitConsultation, conduct.consultations.map((c) => ({ activityId: activity.id, ...c })));
        if (conduct.namedOrganizations.length) {
          await manager.insert(
            FieldVisitNamedOrganization,
            conduct.namedOrganizations.map((n, position) => ({ id: randomUUID(), activityId: activity.id, position, ...n })),
          );
        }
        return manager.findOneByOrFail(FieldVisitRecord, { activityId: activity.id });
      }),
    `Field visit ${activity.id} was recorded by someone else meanwhile; reload it`,
  );
}

/** Stores a civil society member's input for a planned visit; the visit's country and company are kept with it. */
export async function submitContribution(
  database: Database,
  activity: MonitoringActivity,
  input: SubmitFieldVisitContributionInput,
  contributorOrganizationId: string,
  submittedBy: string | null,
): Promise<FieldVisitContribution> {
  checkOpenForInput(activity);
  const record = Object.assign(new FieldVisitContribution(), {
    id: randomUUID(),
    activityId: activity.id,
    contributorOrganizationId,
    country: activity.country,
    companyOrganizationId: activity.organizationId,
    affectedCommunities: text(input.affectedCommunities, 'input.affectedCommunities', { max: LIMITS.affectedCommunities }),
    concerns: text(input.concerns, 'input.concerns', { max: LIMITS.concerns }),
    submittedAt: nowTimestamp(),
    submittedBy,
  });
  await database.dataSource.manager.insert(FieldVisitContribution, record);
  return record;
}

/** Publishes the summary of a completed visit to the members that sent input; once (a second is CONFLICT). */
export async function publishSummary(database: Database, activity: MonitoringActivity, summary: string, publishedBy: string | null): Promise<FieldVisitSummary> {
  checkPublishable(activity);
  const record = Object.assign(new FieldVisitSummary(), {
    activityId: activity.id,
    text: text(summary, 'summary', { max: LIMITS.summary }),
    publishedAt: nowTimestamp(),
    publishedBy,
  });
  return conflictOnUniqueViolation(
    () => database.dataSource.manager.insert(FieldVisitSummary, record).then(() => record),
    `A summary of field visit ${activity.id} is already published`,
  );
}

/** A page of inputs, newest first: every input for the Secretariat, its own for a member (`contributor`). */
export function contributionsPage(
  database: Database,
  contributor: string | null,
  filter: FieldVisitContributionFilter | null | undefined,
  page: PageRequest,
) {
  const query = database.dataSource.manager.createQueryBuilder(FieldVisitContribution, 'input');
  if (contributor) query.andWhere('input.contributorOrganizationId = :contributor', { contributor });
  if (filter?.activityId) query.andWhere('input.activityId = :activityId', { activityId: filter.activityId });
  return paginate(
    FieldVisitContributionConnection,
    query,
    [
      { column: 'input.submittedAt', value: (r) => r.submittedAt, descending: true },
      { column: 'input.id', value: (r) => r.id, descending: true },
    ],
    page,
  );
}
