import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { InheritCache, PublicCache } from './cache-hints';
import { badUserInput } from './errors';
import { manyOf } from './entity-rows';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Where a page stands in a list; the same object in every connection of the graph (shareable: every subgraph declares it). */
@ObjectType({ description: 'Where this page stands in the whole list, and the cursors to turn to the next or the previous page.' })
@Directive('@shareable')
@InheritCache()
export class PageInfo {
  @Field({
    description:
      'True when more items follow this page: ask again with `first` and `after: endCursor`. When this page was read ' +
      'backwards (`last`/`before`), true when it was read before a cursor (the cursor\'s own item follows).',
  })
  hasNextPage: boolean;

  @Field({
    description:
      'True when items come before this page: ask again with `last` and `before: startCursor`. When this page was read ' +
      'forwards (`first`/`after`), true when it was read after a cursor (the cursor\'s own item comes before).',
  })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page: pass it as `before` to read the page before; null for an empty page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page: pass it as `after` to read the page after; null for an empty page.' })
  endCursor: string | null;
}

/**
 * The four arguments of every paged list (Relay's): `first`/`after` read forwards, `last`/`before`
 * backwards. Declared once here so every list takes them, described, in the same way.
 */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size when reading forwards, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}). Not with \`last\`.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor (an `endCursor` or an edge\'s `cursor`) after which the page starts. Not with `before`.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Page size when reading backwards, 1 to ${MAX_PAGE_SIZE}: the last items of the list, or the items just before \`before\`. Not with \`first\`.`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor (a `startCursor` or an edge\'s `cursor`) before which the page ends. Not with `after`.' })
  before?: string | null;
}

/** What a paged list was asked for; the resolvers pass their `PageArgs` (or the part they take) straight through. */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A checked page request: how many items, which way, and from which cursor (null: from the start or the end). */
export interface PageDirection {
  size: number;
  backwards: boolean;
  cursor: string | null;
  /** The argument the cursor came in, named in errors about it. */
  cursorArgument: 'after' | 'before';
}

/** Checks `first`/`after`/`last`/`before` together: one direction at a time, sizes 1 to 100 (20 when none is given). */
export function pageDirection(args: PageRequest): PageDirection {
  const { first, after, last, before } = args;
  if (first != null && last != null) throw badUserInput('Use first (forwards) or last (backwards), not both', 'last');
  if (after != null && before != null) throw badUserInput('Use after (forwards) or before (backwards), not both', 'before');
  if (first != null && before != null) throw badUserInput('before reads backwards: use it with last, not first', 'before');
  if (last != null && after != null) throw badUserInput('after reads forwards: use it with first, not last', 'after');
  const backwards = last != null || before != null;
  return {
    size: pageSize(backwards ? last : first, backwards ? 'last' : 'first'),
    backwards,
    cursor: (backwards ? before : after) ?? null,
    cursorArgument: backwards ? 'before' : 'after',
  };
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
    @Field({ description: 'Opaque cursor of this item: pass it as `after` to continue after it, or as `before` to read the items before it.' })
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

/** Validates a page size (`first` or `last`): 1 to 100, 20 when omitted. */
export function pageSize(first: number | null | undefined, argument: 'first' | 'last' = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`${argument} must be between 1 and ${MAX_PAGE_SIZE}`, argument);
  }
  return first;
}

export type CursorValue = string | number;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const notACursor = (argument: 'after' | 'before' = 'after') =>
  badUserInput(`${argument} is not a cursor returned by this list`, argument);

/**
 * Reads a cursor made by `encodeCursor` whose values have the types `kinds` (one per sort key);
 * anything else is BAD_USER_INPUT, so a forged cursor cannot quietly restart the list.
 */
export function decodeCursor(cursor: string, kinds: ('string' | 'number')[], argument: 'after' | 'before' = 'after'): CursorValue[] {
  try {
    if (cursor.length > 1000) throw new Error('too long');
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === kinds.length && values.every((v, i) => typeof v === kinds[i])) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the coded error
  }
  throw notACursor(argument);
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
export function decodeOrderedCursor<T>(cursor: string, order: string, keys: SortKey<T>[], argument: 'after' | 'before'): (CursorValue | null)[] {
  let parsed: unknown;
  try {
    if (cursor.length > 1000) throw new Error('too long');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw notACursor(argument);
  }
  const candidate = parsed as Partial<OrderedCursor> | null;
  if (!candidate || typeof candidate !== 'object' || !Array.isArray(candidate.v) || typeof candidate.o !== 'string') throw notACursor(argument);
  if (candidate.o !== order) {
    throw badUserInput(`${argument} is a cursor of this list in another order: start again from the first page of this order`, argument);
  }
  const values = candidate.v;
  const fits = values.length === keys.length &&
    values.every((v, i) => (v === null ? Boolean(keys[i].nullable) : typeof v === (keys[i].numeric ? 'number' : 'string')));
  if (!fits) throw notACursor(argument);
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
 * The common order: one column, then the id so that it is total, both the same way. One index on
 * (column, id) serves it, read forwards or backwards. `alias` is the query's alias of the table.
 */
export function columnThenId<T extends { id: string }>(
  name: string,
  alias: string,
  column: string,
  value: (row: T) => CursorValue | null,
  descending: boolean,
): SortOrder<T> {
  return {
    name,
    keys: [
      { column: `${alias}.${column}`, value, descending },
      { column: `${alias}.id`, value: (row) => row.id, descending },
    ],
  };
}

/**
 * Adds "strictly after `values` in the order `keys`" to `query`, as
 * k1 >= v1 AND ((k1 > v1) OR (k1 = v1 AND k2 > v2) OR ...): the leading range on k1 lets both
 * databases seek straight to the cursor in the (k1, k2...) index; the OR alone made them read the
 * index from its start, so a deep page cost several times the first. Paging backwards passes the keys
 * turned round (`reversed`), so "after" in that order is "before" in the list's.
 */
export function continueAfter<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, keys: SortKey<T>[], values: CursorValue[], prefix: string) {
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

/** The same keys read the other way round: the index on them is read backwards, so the last page costs what the first does. */
export function reversed<T>(keys: SortKey<T>[]): SortKey<T>[] {
  return keys.map((key) => ({ ...key, descending: !key.descending }));
}

function orderRows<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, keys: SortKey<T>[]) {
  keys.forEach((key, i) => {
    if (i === 0) query.orderBy(key.column, key.descending ? 'DESC' : 'ASC');
    else query.addOrderBy(key.column, key.descending ? 'DESC' : 'ASC');
  });
}

/**
 * Builds the connection from the rows read in the direction asked (one more than the page, to tell
 * whether the list goes on that way). Backwards, the rows come nearest-to-the-cursor first and are put
 * back into the list's order.
 */
export function connectionOf<T, C extends ConnectionShape<T>>(
  connectionType: new () => C,
  rows: T[],
  direction: PageDirection,
  cursorOf: (row: T) => string,
  countAll: () => Promise<number>,
): C {
  const { size, backwards, cursor } = direction;
  const more = rows.length > size;
  const page = rows.slice(0, size);
  if (backwards) page.reverse();
  // A cursor is encoded only when asked for: the gateway's directory fetch asks for nodes alone.
  const edges = page.map((node) => ({
    node,
    get cursor() {
      return cursorOf(node);
    },
  }));
  const connection = new connectionType();
  Object.assign(connection, {
    edges,
    pageInfo: Object.assign(new PageInfo(), {
      hasNextPage: backwards ? cursor !== null : more,
      hasPreviousPage: backwards ? more : cursor !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    }),
    countAll,
  });
  return connection;
}

/**
 * Keyset pagination: continues strictly after the `after` row (or before the `before` row) in the order
 * `keys` (the last key must be unique, e.g. the id), so page 1000, and the last page, cost what page 1
 * costs given an index on the keys.
 */
export async function paginate<T extends ObjectLiteral, C extends ConnectionShape<T>>(
  connectionType: new () => C,
  query: SelectQueryBuilder<T>,
  keys: SortKey<T>[],
  args: PageRequest,
  /** Counts the whole list another way than `query` would (from an index alone, say). */
  count?: () => Promise<number>,
): Promise<C> {
  if (keys.some((key) => key.nullable)) throw new Error('paginate takes no nullable keys: use paginateOrdered');
  const direction = pageDirection(args);
  const page = query.clone();
  const keysRead = direction.backwards ? reversed(keys) : keys;
  if (direction.cursor) {
    const kinds = keys.map((k) => (k.numeric ? 'number' : 'string') as 'number' | 'string');
    continueAfter(page, keysRead, decodeCursor(direction.cursor, kinds, direction.cursorArgument), 'cursor');
  }
  orderRows(page, keysRead);
  const rows = await manyOf(page.limit(direction.size + 1));
  const cursorOf = (node: T) => encodeCursor(keys.map((k) => k.value(node) as CursorValue));
  // Cloned only when the count is asked for (most pages do not ask): `query` itself is never changed here.
  return connectionOf(connectionType, rows, direction, cursorOf, count ?? (() => query.clone().getCount()));
}

/**
 * Keyset pagination of a list that can be sorted several ways (`order`): as `paginate`, but each cursor
 * names the order it came from, so a cursor of another order (or a forged one) is BAD_USER_INPUT instead
 * of a page that silently skips or repeats rows. A nullable first key puts the rows without a value last:
 * the list is two parts, the rows with a value (read in the index on (key, ...)) and then the rows without
 * one (`key IS NULL`, then the other keys), so neither part sorts the list in memory. Forwards the parts are
 * read in that order, backwards the other way round; a page that crosses from one part to the other costs
 * one statement more.
 */
export async function paginateOrdered<T extends ObjectLiteral, C extends ConnectionShape<T>>(
  connectionType: new () => C,
  query: SelectQueryBuilder<T>,
  order: SortOrder<T>,
  args: PageRequest,
  count?: () => Promise<number>,
): Promise<C> {
  const { keys, name } = order;
  if (keys.slice(1).some((key) => key.nullable)) throw new Error(`Only the first key of order ${name} may be nullable`);
  const direction = pageDirection(args);
  const { size, backwards } = direction;
  const cursor = direction.cursor ? decodeOrderedCursor(direction.cursor, name, keys, direction.cursorArgument) : null;
  const [lead, ...rest] = keys;
  const cursorOf = (node: T) => encodeOrderedCursor(name, keys.map((k) => k.value(node)));
  // Cloned only when the count is asked for (most pages do not ask): `query` itself is never changed here.
  const countAll = count ?? (() => query.clone().getCount());

  // The parts of the list in the order they are read: forwards, the rows with a value then those without.
  const withValue = { condition: lead.nullable ? `${lead.column} IS NOT NULL` : null, keys, holdsCursor: cursor !== null && cursor[0] !== null };
  const withoutValue = { condition: `${lead.column} IS NULL`, keys: rest, holdsCursor: cursor !== null && cursor[0] === null };
  const parts = !lead.nullable ? [withValue] : backwards ? [withoutValue, withValue] : [withValue, withoutValue];
  // Reading from a cursor starts in the part that holds it; the parts before it (in the reading direction) are skipped.
  const first = cursor ? parts.findIndex((part) => part.holdsCursor) : 0;

  let rows: T[] = [];
  for (const part of parts.slice(first)) {
    if (rows.length > size) break;
    const page = query.clone();
    if (part.condition) page.andWhere(part.condition);
    const keysRead = backwards ? reversed(part.keys) : part.keys;
    if (cursor && part.holdsCursor) {
      const values = (part.keys === keys ? cursor : cursor.slice(1)) as CursorValue[];
      continueAfter(page, keysRead, values, 'cursor');
    }
    orderRows(page, keysRead);
    rows = rows.concat(await manyOf(page.limit(size + 1 - rows.length)));
  }
  return connectionOf(connectionType, rows, direction, cursorOf, countAll);
}

/**
 * A page of a list computed in memory (a queue computed from dates, say), with the same arguments and
 * cursors as the keyset pages: `keyOf` gives a row's sort keys. The rows are sorted here, by the same
 * comparison the cursors are compared with, so a caller's own sort (localeCompare, say) cannot make
 * pages skip or repeat rows.
 */
export function paginateSorted<T, C extends ConnectionShape<T>>(
  connectionType: new () => C,
  rows: readonly T[],
  keyOf: (row: T) => CursorValue[],
  kinds: ('string' | 'number')[],
  args: PageRequest,
  /** Which keys the list is sorted on in descending order (by position; ascending when left out). */
  descending: boolean[] = [],
): C {
  const direction = pageDirection(args);
  const compare = (a: CursorValue[], b: CursorValue[]) => {
    for (let i = 0; i < a.length; i += 1) {
      const sign = descending[i] ? -1 : 1;
      if (a[i] < b[i]) return -sign;
      if (a[i] > b[i]) return sign;
    }
    return 0;
  };
  const at = direction.cursor ? decodeCursor(direction.cursor, kinds, direction.cursorArgument) : null;
  const sorted = rows.map((row) => ({ row, key: keyOf(row) })).sort((a, b) => compare(a.key, b.key));
  const read = direction.backwards
    ? sorted.filter(({ key }) => !at || compare(key, at) < 0).reverse()
    : sorted.filter(({ key }) => !at || compare(key, at) > 0);
  const page = read.slice(0, direction.size + 1).map(({ row }) => row);
  return connectionOf(connectionType, page, direction, (row) => encodeCursor(keyOf(row)), async () => rows.length);
}
