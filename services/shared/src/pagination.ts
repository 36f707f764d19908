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
  throw badUserInput('after is not a cursor returned by this list', 'after');
}

export interface SortKey<T> {
  /** Column as written in the query, e.g. `organization.name`. */
  column: string;
  /** Where the value is on a loaded row. */
  value: (row: T) => CursorValue;
  descending?: boolean;
  /** The key's values are numbers (default: strings). */
  numeric?: boolean;
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
    const values = decodeCursor(args.after, keys.map((k) => (k.numeric ? 'number' : 'string')));
    // k1 >= v1 AND ((k1 > v1) OR (k1 = v1 AND k2 > v2) OR ...): the leading range on k1 lets both
    // databases seek straight to the cursor in the (k1, k2...) index; the OR alone made them read the
    // index from its start, so a deep page cost several times the first.
    const parameters = Object.fromEntries(values.map((v, i) => [`cursor${i}`, v]));
    page.andWhere(`${keys[0].column} ${keys[0].descending ? '<=' : '>='} :cursor0`, parameters);
    page.andWhere(
      new Brackets((outer) => {
        keys.forEach((key, i) => {
          outer.orWhere(
            new Brackets((inner) => {
              for (let j = 0; j < i; j += 1) inner.andWhere(`${keys[j].column} = :cursor${j}`);
              inner.andWhere(`${key.column} ${key.descending ? '<' : '>'} :cursor${i}`);
            }),
          );
        });
      }),
      parameters,
    );
  }
  keys.forEach((key, i) => {
    if (i === 0) page.orderBy(key.column, key.descending ? 'DESC' : 'ASC');
    else page.addOrderBy(key.column, key.descending ? 'DESC' : 'ASC');
  });
  const rows = await page.limit(size + 1).getMany();
  const hasNextPage = rows.length > size;
  const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor(keys.map((k) => k.value(node))), node }));
  const connection = new connectionType();
  Object.assign(connection, {
    edges,
    pageInfo: Object.assign(new PageInfo(), { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }),
    countAll: count ?? (() => countQuery.getCount()),
  });
  return connection;
}
