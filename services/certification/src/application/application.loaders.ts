import { In } from 'typeorm';
import { listLoader, recordLoader, type Database } from '../../../shared/src';
import { CertificationApplication, CertificationApplicationEvent } from './application.entity';

/** Per-request loaders of applications for ICoCA certification and their events: one statement per kind of record. */
export function createApplicationLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    application: recordLoader<string, CertificationApplication>(
      (ids) => manager.findBy(CertificationApplication, { id: In([...ids]) }),
      (a) => a.id,
    ),
    applicationsByOrganization: listLoader<string, CertificationApplication>(
      (ids) =>
        manager.find(CertificationApplication, { where: { organizationId: In([...ids]) }, order: { createdAt: 'DESC', id: 'DESC' } }),
      (a) => a.organizationId,
    ),
    applicationHistory: listLoader<string, CertificationApplicationEvent>(
      (ids) => manager.find(CertificationApplicationEvent, { where: { applicationId: In([...ids]) }, order: { sequence: 'ASC' } }),
      (e) => e.applicationId,
    ),
  };
}
