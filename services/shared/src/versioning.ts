import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { conflict } from './errors';

/**
 * Optimistic concurrency, written once for every subgraph. A record that people edit carries a
 * `version`; a writer says which version it read (`expectedVersion`), and a change made meanwhile by
 * someone else is refused with CONFLICT instead of being silently overwritten.
 */
export interface Versioned {
  id: string;
  version: number;
}

/**
 * Refuses a change made against an older copy. `expectedVersion` null or undefined means the caller
 * did not say (optional on some mutations): the conditional update below still guards the write.
 * CONFLICT with `conflictMessage`, or a default naming `what`, the id and both versions.
 */
export function checkExpectedVersion(
  record: Versioned,
  what: string,
  expectedVersion: number | null | undefined,
  conflictMessage?: string,
): void {
  if (expectedVersion != null && expectedVersion !== record.version) {
    throw conflict(
      conflictMessage ?? `${what} ${record.id} changed since version ${expectedVersion} (now ${record.version}); reload it`,
    );
  }
}

/**
 * `UPDATE … SET changes, version = version + 1 WHERE id = ? AND version = ?` inside the caller's
 * transaction. No row changed means someone else wrote first: CONFLICT (the `conflictMessage`, or a
 * default naming `what`). For callers that read the record again their own way; `updateVersioned`
 * answers it as it now is.
 */
export async function writeVersioned<T extends ObjectLiteral & Versioned>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  record: Versioned,
  changes: QueryDeepPartialEntity<T>,
  what: string,
  conflictMessage = `${what} ${record.id} was changed by someone else meanwhile; reload it`,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => 'version + 1' } as QueryDeepPartialEntity<T>)
    .where('id = :id AND version = :version', { id: record.id, version: record.version })
    .execute();
  if (result.affected !== 1) throw conflict(conflictMessage);
}

/** `writeVersioned`, then the record as it now is (one more statement). */
export async function updateVersioned<T extends ObjectLiteral & Versioned>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  record: Versioned,
  changes: QueryDeepPartialEntity<T>,
  what: string,
  conflictMessage?: string,
): Promise<T> {
  await writeVersioned(manager, entity, record, changes, what, conflictMessage);
  return manager.findOneByOrFail(entity, { id: record.id } as never);
}

/**
 * The next number of an append-only history (1 for the first entry): MAX(sequence) + 1 among the rows
 * matching `where` (column → value, property names). Two writers racing get the same number; the
 * history's unique index on (owner, sequence) refuses the second (`conflictOnUniqueViolation`).
 */
export async function nextSequence<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: Record<string, string | number>,
  column = 'sequence',
): Promise<number> {
  const query = manager.createQueryBuilder(entity, 'history').select(`MAX(history.${column})`, 'last');
  Object.entries(where).forEach(([property, value], index) => {
    query.andWhere(`history.${property} = :value${index}`, { [`value${index}`]: value });
  });
  const row = await query.getRawOne<{ last: number | string | null }>();
  return Number(row?.last ?? 0) + 1;
}
