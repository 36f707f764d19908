import type { EntityManager } from 'typeorm';
import { inChunks, insertInChunks, VALUES_PER_STATEMENT, type Database } from '../../../shared/src';
import type { CertificateCopy, CertificationChangesPage } from '../../../certification/src/peer-routes';
import { refreshDirectoryCopies } from '../organization/directory-copies';
import { CertificationCopy, CertificationCopyCountry, PeerOutboxCursor } from './certification-copy.entity';

/** The cursor's name for the certification subgraph's outbox. */
export const CERTIFICATION_SOURCE = 'certification';

export async function readCopyCursor(database: Database): Promise<number> {
  return (await database.dataSource.manager.findOneBy(PeerOutboxCursor, { source: CERTIFICATION_SOURCE }))?.position ?? 0;
}

/** A certificate ends on its expiry, or on its withdrawal if that came first (`organizationCertificationOn`). */
function endedOn(certificate: CertificateCopy): string {
  return certificate.withdrawnOn && certificate.withdrawnOn < certificate.expiresOn ? certificate.withdrawnOn : certificate.expiresOn;
}

/**
 * Replaces the copies of these organizations' certificates with `certificates` (all of theirs, as the
 * certification subgraph has them now), then their certified-until day and the directory index's copies, inside
 * the caller's transaction. Running it twice with the same page changes nothing the second time.
 */
export async function replaceCertificateCopies(
  manager: EntityManager,
  organizationIds: readonly string[],
  certificates: readonly CertificateCopy[],
): Promise<void> {
  const ids = [...new Set(organizationIds)];
  if (!ids.length) return;
  await inChunks(ids, VALUES_PER_STATEMENT, async (chunk) => {
    const list = chunk.map(() => '?').join(', ');
    await manager.query(`DELETE FROM certification_copy_country WHERE organization_id IN (${list})`, chunk);
    await manager.query(`DELETE FROM certification_copy WHERE organization_id IN (${list})`, chunk);
  });
  const mine = certificates.filter((c) => ids.includes(c.organizationId));
  await insertInChunks(manager, CertificationCopy, mine.map((c) => ({
    certificationId: c.certificationId, organizationId: c.organizationId, standard: c.standard, status: c.status,
    validFrom: c.validFrom, expiresOn: c.expiresOn, endedOn: endedOn(c),
  })));
  await insertInChunks(manager, CertificationCopyCountry, mine.flatMap((c) => [...new Set(c.countriesCovered)].map((country) => ({
    certificationId: c.certificationId, country, organizationId: c.organizationId, status: c.status, expiresOn: c.expiresOn,
  }))));
  await inChunks(ids, VALUES_PER_STATEMENT, async (chunk) => {
    await manager.query(
      'UPDATE organization SET certified_until = (SELECT MAX(c.expires_on) FROM certification_copy c ' +
        `WHERE c.organization_id = organization.id AND c.status = 'ACTIVE') WHERE id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
  });
  await refreshDirectoryCopies(manager, ids);
}

/** Moves the cursor inside the transaction that wrote the copies: both or neither. */
async function moveCopyCursor(manager: EntityManager, position: number): Promise<void> {
  const updated = await manager.update(PeerOutboxCursor, { source: CERTIFICATION_SOURCE }, { position });
  if (!updated.affected) await manager.insert(PeerOutboxCursor, { source: CERTIFICATION_SOURCE, position });
}

/**
 * Applies one page of the certification subgraph's changes and moves the cursor to its settled position, in one
 * transaction: a crash repeats a page (harmless), never skips one. Answers whether the cursor moved.
 */
export async function applyCertificationChanges(database: Database, after: number, page: CertificationChangesPage): Promise<boolean> {
  const moves = page.settledPosition > after;
  if (!page.organizationIds.length && !moves) return false;
  await database.transaction(async (manager) => {
    await replaceCertificateCopies(manager, page.organizationIds, page.certificates);
    if (moves) await moveCopyCursor(manager, page.settledPosition);
  });
  return moves;
}
