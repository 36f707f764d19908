import { In } from 'typeorm';
import { listLoader, recordLoader, type Database } from '../../../shared/src';
import { FieldVisitConsultation, FieldVisitContribution, FieldVisitNamedOrganization, FieldVisitRecord, FieldVisitSummary } from './field-visit.entity';

/** Per-request loaders of field visit records and civil society inputs: one statement per kind of record, whatever the list length. */
export function createFieldVisitLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    /** How a visit was carried out, by activity id; null when nothing is recorded. */
    fieldVisitRecord: recordLoader<string, FieldVisitRecord>((ids) => manager.findBy(FieldVisitRecord, { activityId: In([...ids]) }), (r) => r.activityId),
    fieldVisitConsultations: listLoader<string, FieldVisitConsultation>(
      (ids) => manager.find(FieldVisitConsultation, { where: { activityId: In([...ids]) }, order: { category: 'ASC' } }),
      (c) => c.activityId,
    ),
    fieldVisitNamedOrganizations: listLoader<string, FieldVisitNamedOrganization>(
      (ids) => manager.find(FieldVisitNamedOrganization, { where: { activityId: In([...ids]) }, order: { position: 'ASC' } }),
      (n) => n.activityId,
    ),
    /** The summary published to contributors, by activity id; null until published. */
    fieldVisitSummary: recordLoader<string, FieldVisitSummary>((ids) => manager.findBy(FieldVisitSummary, { activityId: In([...ids]) }), (s) => s.activityId),
    fieldVisitContribution: recordLoader<string, FieldVisitContribution>((ids) => manager.findBy(FieldVisitContribution, { id: In([...ids]) }), (c) => c.id),
    /** Inputs each organization sent, newest first (`Organization.fieldVisitContributions`). */
    fieldVisitContributionsByContributor: listLoader<string, FieldVisitContribution>(
      (ids) =>
        manager.find(FieldVisitContribution, {
          where: { contributorOrganizationId: In([...ids]) },
          order: { submittedAt: 'DESC', id: 'DESC' },
        }),
      (c) => c.contributorOrganizationId,
    ),
  };
}
