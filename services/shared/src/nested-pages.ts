import DataLoader from 'dataloader';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  connectionOf,
  continueAfter,
  decodeOrderedCursor,
  encodeOrderedCursor,
  pageDirection,
  reversed,
  type ConnectionShape,
  type CursorValue,
  type PageRequest,
  type SortOrder,
} from './pagination';

/** How a nested list finds its parent: the column in queries and the value on a loaded row. */
export interface ParentKey<T> {
  /** Column as written in the query, e.g. `complaint.company_id`. */
  column: string;
  value: (row: T) => string;
}

/**
 * One page of a nested list for each of many parents (the complaints of each organization on a directory page)
 * in one statement: ROW_NUMBER() OVER (PARTITION BY parent ORDER BY the order's keys) numbers each parent's rows
 * after (or before) the cursor, and the rows numbered up to the page size plus one are read, sorted by parent
 * and keys, so 20 parents cost what 5 cost. `totalCount` counts every parent's rows with one GROUP BY, the first
 * time one is asked. The same arguments, cursors (naming the order) and errors as `paginateOrdered`; the order's
 * keys may not be nullable. Window functions: SQLite 3.25+, MariaDB 10.2+, MySQL 8.
 */
export async function paginateEach<T extends ObjectLiteral, C extends ConnectionShape<T>>(
  connectionType: new () => C,
  query: SelectQueryBuilder<T>,
  parent: ParentKey<T>,
  parents: readonly string[],
  order: SortOrder<T>,
  args: PageRequest,
): Promise<C[]> {
  const { keys, name } = order;
  if (keys.some((key) => key.nullable)) throw new Error(`paginateEach takes no nullable keys (order ${name})`);
  const direction = pageDirection(args);
  const cursor = direction.cursor ? (decodeOrderedCursor(direction.cursor, name, keys, direction.cursorArgument) as CursorValue[]) : null;
  const keysRead = direction.backwards ? reversed(keys) : keys;
  const ofParents = query.clone().andWhere(`${parent.column} IN (:...pageParents)`, { pageParents: [...parents] });

  const ranked = ofParents.clone();
  if (cursor) continueAfter(ranked, keysRead, cursor, 'cursor');
  const unique = keys[keys.length - 1].column;
  const windowOrder = keysRead.map((key) => `${key.column} ${key.descending ? 'DESC' : 'ASC'}`).join(', ');
  ranked.select(unique, 'page_key').addSelect(`ROW_NUMBER() OVER (PARTITION BY ${parent.column} ORDER BY ${windowOrder})`, 'page_row');

  const alias = query.alias;
  const page = query.connection
    .createQueryBuilder(query.expressionMap.mainAlias!.target, alias)
    .where(`${unique} IN (SELECT ranked.page_key FROM (${ranked.getQuery()}) ranked WHERE ranked.page_row <= :pageRows)`)
    .setParameters({ ...ranked.getParameters(), pageRows: direction.size + 1 })
    .orderBy(parent.column, 'ASC');
  for (const key of keysRead) page.addOrderBy(key.column, key.descending ? 'DESC' : 'ASC');
  const rows = (await page.getMany()) as T[];

  const byParent = new Map<string, T[]>(parents.map((id) => [id, []]));
  for (const row of rows) byParent.get(parent.value(row))?.push(row);
  let counts: Promise<Map<string, number>> | null = null;
  const countOf = async (id: string) => {
    counts ??= ofParents
      .clone()
      .select(parent.column, 'parent')
      .addSelect('COUNT(*)', 'count')
      .groupBy(parent.column)
      .getRawMany<{ parent: string; count: number | string }>()
      .then((found) => new Map(found.map((row) => [row.parent, Number(row.count)])));
    return (await counts).get(id) ?? 0;
  };
  const cursorOf = (row: T) => encodeOrderedCursor(name, keys.map((key) => key.value(row)));
  return parents.map((id) => connectionOf(connectionType, byParent.get(id)!, direction, cursorOf, () => countOf(id)));
}

/**
 * A per-request loader of nested pages: one DataLoader per distinct page arguments (a directory page asks the
 * same arguments of each organization), each batching its parents into one `paginateEach`-like call.
 */
export function nestedPagesLoader<A extends object, C>(load: (parents: readonly string[], args: A) => Promise<C[]>) {
  const byArguments = new Map<string, DataLoader<string, C>>();
  return {
    load(parentId: string, args: A): Promise<C> {
      const key = JSON.stringify(Object.entries(args).filter(([, value]) => value != null).sort(([a], [b]) => a.localeCompare(b)));
      let loader = byArguments.get(key);
      if (!loader) {
        loader = new DataLoader<string, C>((parents) => load(parents, args));
        byArguments.set(key, loader);
      }
      return loader.load(parentId);
    },
  };
}
