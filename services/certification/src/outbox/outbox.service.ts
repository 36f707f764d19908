import type { EntityManager } from 'typeorm';
import { MoreThan } from 'typeorm';
import { nowTimestamp, type Database } from '../../../shared/src';
import { CertificationOutboxEntry, OutboxCursor } from './outbox.entity';

/** Writes an outbox entry inside the caller's transaction: it commits or rolls back with the status change. */
export async function recordCertificationOutbox(manager: EntityManager, organizationId: string, effectiveFrom: string): Promise<void> {
  await manager.insert(CertificationOutboxEntry, { organizationId, effectiveFrom, recordedAt: nowTimestamp() });
}

/** An outbox entry as the tracker handles it, whichever subgraph wrote it. */
export interface OutboxChange {
  position: number;
  organizationId: string;
  effectiveFrom: string;
  recordedAt: string;
}

/** A gap younger than this may still fill (a transaction that took its position earlier commits later). */
export const SETTLE_MS = 30_000;

/**
 * How far a cursor may move: up to the first gap in positions, unless the entry after the gap is old enough
 * for the gap to be a rolled-back transaction's. Entries beyond are handled now and again next time (harmless:
 * nothing differs the second time), so an entry committed late is never skipped.
 */
export function settledPosition(entries: readonly OutboxChange[], after: number, now = Date.now()): number {
  let settled = after;
  for (const entry of entries) {
    if (entry.position !== settled + 1 && Date.parse(entry.recordedAt) > now - SETTLE_MS) break;
    settled = entry.position;
  }
  return settled;
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
