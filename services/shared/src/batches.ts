import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * Values bound per statement built from a list: far below SQLite's limit of 32,766 placeholders and
 * MariaDB's 65,535, with room for the statement's other parameters.
 */
export const VALUES_PER_STATEMENT = 1000;

/**
 * Runs `fn` on consecutive slices of `list` of at most `size` items, one after the other (in the
 * caller's transaction, on its one connection), and joins the answers. A statement built from a list
 * (`IN (...)`, `VALUES (...), (...)`) thus stays within any database's limit whatever the list's length.
 */
export async function inChunks<T, R>(
  list: readonly T[],
  size: number,
  fn: (chunk: T[]) => Promise<readonly R[] | void>,
): Promise<R[]> {
  if (!Number.isInteger(size) || size < 1) throw new Error(`inChunks: size must be a positive integer, not ${size}`);
  const answers: R[] = [];
  for (let i = 0; i < list.length; i += size) {
    const answer = await fn(list.slice(i, i + size));
    if (answer) for (const item of answer) answers.push(item);
  }
  return answers;
}

/**
 * Inserts `rows` of `entity` a few at a time (as many rows per statement as keep its placeholders
 * within `VALUES_PER_STATEMENT`), without entity listeners: for bulk writes such as the register
 * import, where one statement per row made 100,000 organizations take most of an hour on MariaDB.
 * A caller that relies on a subscriber (the name index) does that work itself, for the whole batch.
 */
export async function insertInChunks<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly QueryDeepPartialEntity<T>[],
): Promise<void> {
  if (!rows.length) return;
  const columns = Math.max(1, manager.connection.getMetadata(entity).columns.length);
  await inChunks(rows, Math.max(1, Math.floor(VALUES_PER_STATEMENT / columns)), async (chunk) => {
    await manager.createQueryBuilder().insert().into(entity).values(chunk).callListeners(false).updateEntity(false).execute();
  });
}
