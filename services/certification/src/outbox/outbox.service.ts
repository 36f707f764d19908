import type { EntityManager } from 'typeorm';
import { MoreThan } from 'typeorm';
import { nowTimestamp, type Database } from '../../../shared/src';
import { CertificationOutboxEntry, OutboxCursor } from './outbox.entity';
import type { OutboxChange } from './outbox.rules';

/** Writes an outbox entry inside the caller's transaction: it commits or rolls back with the status change. */
export async function recordCertificationOutbox(manager: EntityManager, organizationId: string, effectiveFrom: string): Promise<void> {
  await manager.insert(CertificationOutboxEntry, { organizationId, effectiveFrom, recordedAt: nowTimestamp() });
}

export async function readCursor(database: Database, source: string): Promise<number> {
  const cursor = await database.dataSource.manager.findOneBy(OutboxCursor, { source });
  return cursor?.position ?? 0;
}

/** Moves a cursor inside the transaction that recorded what the entries changed: both or neither. */
export async function moveCursor(manager: EntityManager, source: string, position: number): Promise<void> {
  const updated = await manager.update(OutboxCursor, { source }, { position });
  if (!updated.affected) await manager.insert(OutboxCursor, { source, position });
}

export async function certificationOutboxAfter(database: Database, after: number, take: number): Promise<OutboxChange[]> {
  return database.dataSource.manager.find(CertificationOutboxEntry, {
    where: { position: MoreThan(after) },
    order: { position: 'ASC' },
    take,
  });
}
