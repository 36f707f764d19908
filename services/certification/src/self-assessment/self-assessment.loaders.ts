import { In } from 'typeorm';
import { listLoader, type Database } from '../../../shared/src';
import { SelfAssessmentRecord } from './self-assessment.entity';

/** Per-request loaders of self-assessments: one statement per batch. */
export function createSelfAssessmentLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    selfAssessmentsByOrganization: listLoader<string, SelfAssessmentRecord>(
      (ids) =>
        manager.find(SelfAssessmentRecord, { where: { organizationId: In([...ids]) }, order: { year: 'ASC' } }),
      (s) => s.organizationId,
    ),
  };
}
