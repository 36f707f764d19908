import { In } from 'typeorm';
import { listLoader, nestedPagesLoader, recordLoader, rowsWhereIn, type Database, type PageRequest } from '../../../shared/src';
import { Certification, CertificationBody, CertificationStatusEntry } from './certification.entity';
import type { WorkedOut } from './certification-in-force';
import { certificationPagesOf } from './certification.service';

/** Per-request loaders of certificates, their dated histories and certification bodies: one statement per batch. */
export function createCertificationLoaders(database: Database) {
  const manager = database.dataSource.manager;
  return {
    certification: recordLoader<string, Certification>(
      (ids) => manager.findBy(Certification, { id: In([...ids]) }),
      (c) => c.id,
    ),
    /** A page of each organization's certificates (`certificationsPage`), per set of page arguments. */
    certificationPagesByOrganization: nestedPagesLoader((ids, page: PageRequest) => certificationPagesOf(database, ids, page)),
    certificationsByOrganization: listLoader<string, Certification>(
      (ids) => rowsWhereIn(manager, Certification, 'organizationId', ids, { issuedOn: 'DESC', id: 'ASC' }),
      (c) => c.organizationId,
    ),
    certificationHistoryByOrganization: listLoader<string, CertificationStatusEntry>(
      (ids) => rowsWhereIn(manager, CertificationStatusEntry, 'organizationId', ids, { certificationId: 'ASC', sequence: 'ASC' }),
      (e) => e.organizationId,
    ),
    certificationHistory: listLoader<string, CertificationStatusEntry>(
      (ids) =>
        manager.find(CertificationStatusEntry, { where: { certificationId: In([...ids]) }, order: { sequence: 'ASC' } }),
      (e) => e.certificationId,
    ),
    /** What `certificationInForce` worked out in this request, by organization (certification-in-force.ts). */
    certificationInForceWorkedOut: new Map<string, WorkedOut>(),
    certificationBody: recordLoader<string, CertificationBody>(
      (ids) => manager.findBy(CertificationBody, { id: In([...ids]) }),
      (b) => b.id,
    ),
  };
}
