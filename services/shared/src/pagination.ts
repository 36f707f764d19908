import { Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { InheritCache, PublicCache } from './cache-hints';
import { badUserInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Where a page stands in a list; the same object in every connection of the graph (shareable: every subgraph declares it). */
@ObjectType({ description: 'Where this page stands in the whole list.' })
@Directive('@shareable')
@InheritCache()
export class PageInfo {
  @Field({ description: 'True when more items follow this page: ask again with `after: endCursor`.' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; null for an empty page.' })
  endCursor: string | null;
}

/** A Relay edge type for `node`: generated per node type so each gets its own name in the schema. */
export interface Edge<T> {
  cursor: string;
  node: T;
}

/** The shape every `...Connection` object has; `totalCount` is counted only when a client asks for it. */
export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/**
 * Declares `<Name>Connection` and `<Name>Edge` for a node type. `totalCount` is a method, so the
 * COUNT statement runs only for clients that select it. A `public` list (the directory, say) may be
 * cached like its items; any other is never cached.
 */
export function ConnectionType<T extends object>(
  nodeType: ClassType<T>,
  name: string,
  itemsDescription: string,
  { public: isPublic = false }: { public?: boolean } = {},
) {
  const hint: ClassDecorator = isPublic ? PublicCache() : () => undefined;

  @ObjectType(`${name}Edge`, { description: `One ${itemsDescription.replace(/s$/, '')} in a page, with its cursor.` })
  @InheritCache()
  class EdgeType {
    @Field({ description: 'Opaque cursor of this item: pass it as `after` to continue after it.' })
    cursor: string;

    @Field(() => nodeType, { description: 'The item itself.' })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${itemsDescription}, in a stable order, with cursors.` })
  @hint
  class Connection implements ConnectionShape<T> {
    @Field(() => [EdgeType], { description: 'The items of this page, each with its cursor.' })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: 'Whether more items follow, and where this page ends.' })
    pageInfo: PageInfo;

    countAll: () => Promise<number>;

    @Field(() => Int, { description: 'How many items match the filter in all, across all pages.' })
    totalCount(): Promise<number> {
      return this.countAll();
    }
  }
  return Connection;
}

/** Validates `first`: 1 to 100, 20 when omitted. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return first;
}

type CursorValue = string | number;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const notACursor = () => badUserInput('after is not a cursor returned by this list', 'after');

/**
 * Reads a cursor made by `encodeCursor` whose values have the types `kinds` (one per sort key);
 * anything else is BAD_USER_INPUT, so a forged cursor cannot quietly restart the list.
 */
export function decodeCursor(cursor: string, kinds: ('string' | 'number')[]): CursorValue[] {
  try {
    if (cursor.length > 1000) throw new Error('too long');
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === kinds.length && values.every((v, i) => typeof v === kinds[i])) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the coded error
  }
  throw notACursor();
}

/** A cursor of a list that can be sorted several ways: the sort it came from travels with its values. */
interface OrderedCursor {
  /** The order's name (e.g. `LAST_ACTIVITY`): a cursor is refused under any other order. */
  o: string;
  /** The sort keys' values on the row the cursor points at; null for a nullable key without a value. */
  v: (CursorValue | null)[];
}

/** The cursor of a row in the list sorted by `order` (also used by tools that start a list part-way, like the benchmark). */
export function encodeOrderedCursor(order: string, values: (CursorValue | null)[]): string {
  const cursor: OrderedCursor = { o: order, v: values };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Reads a cursor made by `encodeOrderedCursor` for `order` and `keys`; another order's cursor or a forged one is BAD_USER_INPUT. */
function decodeOrderedCursor<T>(cursor: string, order: string, keys: SortKey<T>[]): (CursorValue | null)[] {
  let parsed: unknown;
  try {
    if (cursor.length > 1000) throw new Error('too long');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw notACursor();
  }
  const candidate = parsed as Partial<OrderedCursor> | null;
  if (!candidate || typeof candidate !== 'object' || !Array.isArray(candidate.v) || typeof candidate.o !== 'string') throw notACursor();
  if (candidate.o !== order) {
    throw badUserInput('after is a cursor of this list in another order: start again from the first page of this order', 'after');
  }
  const values = candidate.v;
  const fits = values.length === keys.length &&
    values.every((v, i) => (v === null ? Boolean(keys[i].nullable) : typeof v === (keys[i].numeric ? 'number' : 'string')));
  if (!fits) throw notACursor();
  return values as (CursorValue | null)[];
}

export interface SortKey<T> {
  /** Column as written in the query, e.g. `organization.name`. */
  column: string;
  /** Where the value is on a loaded row. */
  value: (row: T) => CursorValue | null;
  descending?: boolean;
  /** The key's values are numbers (default: strings). */
  numeric?: boolean;
  /**
   * The key may be null; rows without a value come last, whatever the direction. Only the first key of
   * an order may be nullable (the last one must be unique and present, e.g. the id).
   */
  nullable?: boolean;
}

/** One way a list can be sorted: its name (bound into its cursors) and its keys, the last one unique. */
export interface SortOrder<T> {
  name: string;
  keys: SortKey<T>[];
}

/**
 * Adds "strictly after `values` in the order `keys`" to `query`, as
 * k1 >= v1 AND ((k1 > v1) OR (k1 = v1 AND k2 > v2) OR ...): the leading range on k1 lets both
 * databases seek straight to the cursor in the (k1, k2...) index; the OR alone made them read the
 * index from its start, so a deep page cost several times the first. (Paging backwards, `before`,
 * is the same with the comparisons turned round.)
 */
function continueAfter<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, keys: SortKey<T>[], values: CursorValue[], prefix: string) {
  if (keys.length === 0) return;
  const parameters = Object.fromEntries(values.map((v, i) => [`${prefix}${i}`, v]));
  query.andWhere(`${keys[0].column} ${keys[0].descending ? '<=' : '>='} :${prefix}0`, parameters);
  query.andWhere(
    new Brackets((outer) => {
      keys.forEach((key, i) => {
        outer.orWhere(
          new Brackets((inner) => {
            for (let j = 0; j < i; j += 1) inner.andWhere(`${keys[j].column} = :${prefix}${j}`);
            inner.andWhere(`${key.column} ${key.descending ? '<' : '>'} :${prefix}${i}`);
          }),
        );
      });
    }),
    parameters,
  );
}

function orderRows<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, keys: SortKey<T>[]) {
  keys.forEach((key, i) => {
    if (i === 0) query.orderBy(key.column, key.descending ? 'DESC' : 'ASC');
    else query.addOrderBy(key.column, key.descending ? 'DESC' : 'ASC');
  });
}

function connectionOf<T, C extends ConnectionShape<T>>(
  connectionType: new () => C,
  rows: T[],
  size: number,
  cursorOf: (row: T) => string,
  countAll: () => Promise<number>,
): C {
  const hasNextPage = rows.length > size;
  const edges = rows.slice(0, size).map((node) => ({ cursor: cursorOf(node), node }));
  const connection = new connectionType();
  Object.assign(connection, {
    edges,
    pageInfo: Object.assign(new PageInfo(), { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }),
    countAll,
  });
  return connection;
}

/**
 * Keyset pagination: continues strictly after the `after` row in the order `keys` (the last key must
 * be unique, e.g. the id), so page 1000 costs what page 1 costs given an index on the keys.
 */
export async function paginate<T extends ObjectLiteral, C extends ConnectionShape<T>>(
  connectionType: new () => C,
  query: SelectQueryBuilder<T>,
  keys: SortKey<T>[],
  args: { first?: number | null; after?: string | null },
  /** Counts the whole list another way than `query` would (from an index alone, say). */
  count?: () => Promise<number>,
): Promise<C> {
  const size = pageSize(args.first);
  const countQuery = query.clone();
  const page = query.clone();
  if (args.after) {
    continueAfter(page, keys, decodeCursor(args.after, keys.map((k) => (k.numeric ? 'number' : 'string'))), 'cursor');
  }
  orderRows(page, keys);
  const rows = await page.limit(size + 1).getMany();
  return connectionOf(connectionType, rows, size, (node) => encodeCursor(keys.map((k) => k.value(node) as CursorValue)), count ?? (() => countQuery.getCount()));
}

/**
 * Keyset pagination of a list that can be sorted several ways (`order`): as `paginate`, but each cursor
 * names the order it came from, so a cursor of another order (or a forged one) is BAD_USER_INPUT instead
 * of a page that silently skips or repeats rows. A nullable first key puts the rows without a value last:
 * the rows with one are read first, in the index on (key, ...), and the rows without one after them in
 * the same index (`key IS NULL`, then the other keys), so neither part sorts the list in memory; a page
 * that reaches past the last row with a value costs one statement more.
 */
export async function paginateOrdered<T extends ObjectLiteral, C extends ConnectionShape<T>>(
  connectionType: new () => C,
  query: SelectQueryBuilder<T>,
  order: SortOrder<T>,
  args: { first?: number | null; after?: string | null },
  count?: () => Promise<number>,
): Promise<C> {
  const { keys, name } = order;
  if (keys.slice(1).some((key) => key.nullable)) throw new Error(`Only the first key of order ${name} may be nullable`);
  const size = pageSize(args.first);
  const countQuery = query.clone();
  const after = args.after ? decodeOrderedCursor(args.after, name, keys) : null;
  const [lead, ...rest] = keys;
  const cursorOf = (node: T) => encodeOrderedCursor(name, keys.map((k) => k.value(node)));
  const countAll = count ?? (() => countQuery.getCount());

  // The rows whose first key has a value (every row, when it cannot be null).
  let rows: T[] = [];
  if (!after || after[0] !== null) {
    const page = query.clone();
    if (lead.nullable) page.andWhere(`${lead.column} IS NOT NULL`);
    if (after) continueAfter(page, keys, after as CursorValue[], 'cursor');
    orderRows(page, keys);
    rows = await page.limit(size + 1).getMany();
  }
  // Then, once those are all read, the rows without a value, in the order of the other keys.
  if (lead.nullable && rows.length <= size) {
    const page = query.clone();
    page.andWhere(`${lead.column} IS NULL`);
    if (after && after[0] === null) continueAfter(page, rest, after.slice(1) as CursorValue[], 'cursor');
    orderRows(page, rest);
    rows = rows.concat(await page.limit(size + 1 - rows.length).getMany());
  }
  return connectionOf(connectionType, rows, size, cursorOf, countAll);
}
