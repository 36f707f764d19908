import { In } from 'typeorm';
import { listLoader, type Database } from '../../../shared/src';
import { MontreuxDocumentParticipation } from './montreux-document.entity';

/** Per-request loaders of Montreux Document participation: one statement for all the organizations asked. */
export function createMontreuxDocumentLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    /** Each organization's periods of support, oldest first. */
    montreuxDocumentParticipation: listLoader<string, MontreuxDocumentParticipation>(
      (ids) =>
        manager.find(MontreuxDocumentParticipation, { where: { organizationId: In([...ids]) }, order: { since: 'ASC' } }),
      (period) => period.organizationId,
    ),
  };
}
