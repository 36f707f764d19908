import { QueryFailedError, type DataSource, type EntityManager, type EntityMetadata, type EntityTarget, type ObjectLiteral, type QueryRunner, type SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import { inChunks, VALUES_PER_STATEMENT } from './batches';
import { tracingEnabled } from './tracing';

/*
 * The hot reads of the directory and of verification (lists, loaders behind `_entities`) read rows of one table
 * at a time. TypeORM builds their SQL again on every call and runs each row through its general transformer
 * (joins, relation ids, grouping); profiles of the directory put both among the largest costs of a subgraph.
 * These readers write a statement once per process and turn each row into the object TypeORM would have made:
 * an instance of the entity's class made as TypeORM makes it (so getters such as `ownerOrganizationId` still work)
 * and each column converted by the driver, exactly as `getMany` converts it. Only SQL text is kept across
 * requests, never data, so a write is always seen by the next read.
 */

/** The rows of a read: its column names, and each row's values in that order. */
interface SelectedRows {
  columns: readonly string[];
  rows: readonly (readonly unknown[])[];
}

/** What this module needs of a better-sqlite3 statement. */
interface RawStatement {
  raw(toggle: boolean): RawStatement;
  all(...parameters: unknown[]): unknown[][];
  columns(): { name: string }[];
}
interface KeptStatement {
  statement: RawStatement;
  columns: readonly string[];
}

/** How many statements are kept per SQLite connection (texts differ by chunk size and page shape: a few dozen in use). */
const KEPT_STATEMENTS = 200;
const keptStatements = new WeakMap<object, Map<string, KeptStatement>>();

/**
 * The SQLite connection of an embedded data source, when a read may use it directly: better-sqlite3 is one
 * connection, shared by every query runner and transaction of the data source, so reading on it sees exactly what
 * TypeORM's own `query` would. With tracing on, reads go through TypeORM so each statement gets its span.
 */
function embeddedConnection(manager: EntityManager): { prepare(sql: string): RawStatement } | undefined {
  const driver = manager.connection.driver as unknown as { options: { type: string }; databaseConnection?: { prepare(sql: string): RawStatement } };
  return driver.options.type === 'better-sqlite3' && !tracingEnabled() ? driver.databaseConnection : undefined;
}

/**
 * Runs a read-only statement and returns its rows as arrays. On SQLite the statement is prepared once and read in
 * better-sqlite3's raw mode: making an object with a property per column for each row was half the statement's cost
 * in the directory's profiles. Counted and reported as TypeORM reports its statements (the statement counter, slow
 * and failed statements); elsewhere (MySQL) it is TypeORM's `query`, its objects read column by column.
 */
export async function selectRows(manager: EntityManager, sql: string, parameters: readonly unknown[]): Promise<SelectedRows> {
  const connection = embeddedConnection(manager);
  const values = parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  if (!connection) {
    const objects: unknown = await manager.query(sql, values);
    if (!Array.isArray(objects)) throw new Error('selectRows runs reads only: the statement gave no rows');
    const columns = objects.length ? Object.keys(objects[0]) : [];
    return { columns, rows: objects.map((object) => columns.map((column) => object[column])) };
  }
  const logger = manager.connection.logger;
  logger.logQuery(sql, values);
  const started = Date.now();
  try {
    let kept = keptStatements.get(connection);
    if (!kept) keptStatements.set(connection, (kept = new Map()));
    let read = recentlyUsed(kept, sql);
    if (!read) {
      const statement = connection.prepare(sql).raw(true);
      read = { statement, columns: statement.columns().map((column) => column.name) };
      // The least recently used goes first: texts vary by batch size and inlined numbers, the busiest stay.
      keep(kept, sql, read, KEPT_STATEMENTS);
    }
    const rows = read.statement.all(...values);
    const took = Date.now() - started;
    const slowAfter = manager.connection.options.maxQueryExecutionTime;
    if (slowAfter && took > slowAfter) logger.logQuerySlow(took, sql, values);
    return { columns: read.columns, rows };
  } catch (error) {
    logger.logQueryError(error instanceof Error ? error : String(error), sql, values);
    throw new QueryFailedError(sql, values, error as Error);
  }
}

/** Where each of an entity's columns is in a read's rows (by the names the read gives them); columns the read lacks are left out. */
type ColumnPlaces = readonly (readonly [number, ColumnMetadata])[];
type EntityColumns = readonly (readonly [string, ColumnMetadata])[];
// Kept by the column list of a kept statement (the same array on each read; MySQL's differ per read) and the entity's columns.
const placesByRead = new WeakMap<readonly string[], WeakMap<EntityColumns, ColumnPlaces>>();

function columnPlaces(read: SelectedRows, columns: EntityColumns): ColumnPlaces {
  let byColumns = placesByRead.get(read.columns);
  if (!byColumns) placesByRead.set(read.columns, (byColumns = new WeakMap()));
  let places = byColumns.get(columns);
  if (!places) {
    places = columns.map(([name, column]) => [read.columns.indexOf(name), column] as const).filter(([place]) => place >= 0);
    byColumns.set(columns, places);
  }
  return places;
}

/** Turns a raw row into the entity TypeORM's `getMany` would return, or null when it holds no value at all. */
function entityOf<T>(metadata: EntityMetadata, places: ColumnPlaces, raw: readonly unknown[]): T | null {
  const driver = metadata.connection.driver;
  const entity = metadata.create(undefined, { fromDeserializer: true }) as ObjectLiteral;
  let hasData = false;
  for (const [place, column] of places) {
    const value = raw[place];
    if (value === undefined) continue;
    if (value !== null && !column.isVirtualProperty) hasData = true;
    // A plain property (readsPlainly refuses embedded columns, which `setEntityValue` would nest).
    entity[column.propertyName] = driver.prepareHydratedValue(value, column);
  }
  return hasData ? (entity as T) : null;
}

/** Entities the plain path can read as TypeORM would: a class, no inheritance, embedded columns, lazy relations or load listeners. */
function readsPlainly(dataSource: DataSource, metadata: EntityMetadata): boolean {
  return (
    typeof metadata.target === 'function' &&
    !metadata.discriminatorColumn &&
    !metadata.embeddeds.length &&
    !metadata.lazyRelations.length &&
    !metadata.afterLoadListeners.length &&
    !dataSource.options.typename &&
    !dataSource.subscribers.some((subscriber) => typeof subscriber.afterLoad === 'function' &&
      (!subscriber.listenTo || subscriber.listenTo() === metadata.target))
  );
}

interface KeyedRead {
  metadata: EntityMetadata;
  /** `SELECT ... FROM t WHERE key IN (` */
  head: string;
  /** `) ORDER BY ...` */
  tail: string;
  columns: (readonly [string, ColumnMetadata])[];
}

/** The statements of each data source, by entity, key and order. */
const keyedReads = new WeakMap<DataSource, Map<string, KeyedRead>>();

/** The ORDER BY of a keyed read: property names and directions, e.g. `{ sequence: 'ASC' }`. */
export type RowOrder<T> = Partial<Record<keyof T & string, 'ASC' | 'DESC'>>;

function keyedRead<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, key: keyof T & string, order: RowOrder<T>) {
  let reads = keyedReads.get(dataSource);
  if (!reads) keyedReads.set(dataSource, (reads = new Map()));
  const metadata = dataSource.getMetadata(entity);
  const name = `${metadata.name}|${key}|${JSON.stringify(order)}`;
  let read = reads.get(name);
  if (read) return read;
  if (!readsPlainly(dataSource, metadata)) throw new Error(`rowsWhereIn: ${metadata.name} needs TypeORM's own loading`);
  const escape = (identifier: string) => dataSource.driver.escape(identifier);
  const column = (property: string) => {
    const found = metadata.findColumnWithPropertyName(property);
    if (!found) throw new Error(`rowsWhereIn: ${metadata.name} has no column ${property}`);
    return escape(found.databaseName);
  };
  // Each column under its own name: the row's keys are then the database names TypeORM's metadata knows.
  const selected = metadata.columns.filter((c) => !c.isVirtual && c.isSelect);
  const table = metadata.tablePath.split('.').map(escape).join('.');
  const orderBy = Object.entries(order).map(([property, direction]) => `${column(property)} ${direction as string}`);
  read = {
    metadata,
    head: `SELECT ${selected.map((c) => escape(c.databaseName)).join(', ')} FROM ${table} WHERE ${column(key)} IN (`,
    tail: `)${orderBy.length ? ` ORDER BY ${orderBy.join(', ')}` : ''}`,
    columns: selected.map((c) => [c.databaseName, c] as const),
  };
  reads.set(name, read);
  return read;
}

/**
 * The rows of `entity` whose `key` is one of `keys`, in `order`, as the entities `find({ where: { key: In(keys) },
 * order })` returns, and with the same one statement (one per thousand keys); for the loaders of hot reads.
 */
export async function rowsWhereIn<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  key: keyof T & string,
  keys: readonly unknown[],
  order: RowOrder<T> = {},
): Promise<T[]> {
  if (!keys.length) return [];
  const read = keyedRead(manager.connection, entity, key, order);
  return inChunks(keys, VALUES_PER_STATEMENT, async (chunk) => {
    const selected = await selectRows(manager, `${read.head}${chunk.map(() => '?').join(', ')}${read.tail}`, chunk);
    const places = columnPlaces(selected, read.columns);
    const rows: T[] = [];
    for (const raw of selected.rows) {
      const row = entityOf<T>(read.metadata, places, raw);
      if (row) rows.push(row);
    }
    return rows;
  });
}

/** How many statement texts of query builders are kept per entity (shapes of filters, orders and page sizes). */
const KEPT_QUERY_TEXTS = 500;
const queryTexts = new WeakMap<EntityMetadata, Map<string, string>>();

/** Reads `key` in a bounded map kept in order of use: a hit moves to the end, so the first key is the least recently used. */
function recentlyUsed<V>(map: Map<string, V>, key: string): V | undefined {
  const value = map.get(key);
  if (value !== undefined) {
    map.delete(key);
    map.set(key, value);
  }
  return value;
}

/** Keeps `value` under `key`, dropping the least recently used entry beyond `limit`. */
function keep<V>(map: Map<string, V>, key: string, value: V, limit: number): void {
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value!);
}

/**
 * What decides the SQL text TypeORM writes for a query of one entity, as a string: the same shape (selection,
 * joins, conditions with their placeholders, order, limit) gives the same text whatever the parameters' values,
 * which are bound apart. Undefined for queries whose text depends on more (grouping, several FROMs, sub-query
 * builders, locks, options), which are written afresh each time.
 */
function shapeOf(query: SelectQueryBuilder<ObjectLiteral>): string | undefined {
  const map = query.expressionMap;
  if (
    map.groupBys.length || map.havings.length || map.commonTableExpressions.length || map.subQuery || map.lockMode ||
    map.lockTables || map.onLocked || map.cache || map.options.length || map.extraAppendedAndWhereCondition || map.timeTravel
  ) {
    return undefined;
  }
  // A clone copies the aliases but keeps the main alias itself: the main one is known by its name.
  if (map.aliases.some((alias) => alias.subQuery || (alias.type === 'from' && alias.name !== map.mainAlias!.name))) return undefined;
  const joins = map.joinAttributes.map((join) => [
    join.direction,
    join.alias.name,
    typeof join.entityOrProperty === 'function' ? join.entityOrProperty.name : join.entityOrProperty,
    join.condition ?? null,
  ]);
  return JSON.stringify([
    map.mainAlias!.name,
    map.selects,
    joins,
    map.wheres,
    map.orderBys,
    map.limit ?? null,
    map.offset ?? null,
    map.take ?? null,
    map.skip ?? null,
    map.withDeleted,
    map.selectDistinct,
    map.selectDistinctOn,
    map.useIndex ?? null,
    map.maxExecutionTime,
    map.comment ?? null,
  ]);
}

/**
 * `query.getQueryAndParameters()`, with the text written once per shape of query: building it again was the
 * largest cost of the directory's page in TypeORM after the statement itself. The parameters are bound as TypeORM
 * binds them (placeholders to `?`, lists spread) on every call.
 */
function queryAndParameters(query: SelectQueryBuilder<ObjectLiteral>): [string, unknown[]] {
  const shape = shapeOf(query);
  if (shape === undefined) return query.getQueryAndParameters();
  // Kept by the entity's metadata (its data source's own), so two entities never share a text.
  const metadata = query.expressionMap.mainAlias!.metadata;
  let texts = queryTexts.get(metadata);
  if (!texts) queryTexts.set(metadata, (texts = new Map()));
  let text = recentlyUsed(texts, shape);
  if (text === undefined) {
    text = query.getQuery();
    keep(texts, shape, text, KEPT_QUERY_TEXTS);
  }
  return query.connection.driver.escapeQueryWithParameters(text, query.getParameters());
}

/** The columns of an entity read under an alias (`organization_id`, ...), worked out once per entity and alias. */
const aliasedColumns = new WeakMap<EntityMetadata, Map<string, { columns: (readonly [string, ColumnMetadata])[]; primary: string[] }>>();

function columnsUnder(metadata: EntityMetadata, alias: string) {
  let byAlias = aliasedColumns.get(metadata);
  if (!byAlias) aliasedColumns.set(metadata, (byAlias = new Map()));
  let found = byAlias.get(alias);
  if (!found) {
    const driver = metadata.connection.driver;
    found = {
      columns: metadata.columns.filter((c) => !c.isVirtual).map((c) => [DriverUtils.buildAlias(driver, undefined, alias, c.databaseName), c] as const),
      primary: metadata.primaryColumns.map((c) => DriverUtils.buildAlias(driver, undefined, alias, c.databaseName)),
    };
    byAlias.set(alias, found);
  }
  return found;
}

/**
 * `query.getMany()` without TypeORM's general transformer, for a query of one entity whose joins only filter
 * (a page of the directory): its raw rows become the same entities, one per primary key in the order read.
 * Any other query (a joined selection, relation ids, inheritance) is left to `getMany`.
 */
export async function manyOf<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<T[]> {
  const map = query.expressionMap;
  const main = map.mainAlias;
  if (
    !main?.hasMetadata ||
    map.joinAttributes.some((join) => join.isSelected) ||
    map.relationIdAttributes.length ||
    map.selects.some((select) => select.selection !== main.name) ||
    map.lockMode ||
    map.cache ||
    map.useTransaction ||
    !readsPlainly(query.connection, main.metadata)
  ) {
    return query.getMany();
  }
  const metadata = main.metadata;
  const { columns, primary } = columnsUnder(metadata, main.name);
  const [sql, parameters] = queryAndParameters(query);
  const selected = await selectRows((query as unknown as { queryRunner?: QueryRunner }).queryRunner?.manager ?? query.connection.manager, sql, parameters);
  const places = columnPlaces(selected, columns);
  const primaryPlaces = primary.map((alias) => selected.columns.indexOf(alias));
  const byId = new Map<string, T>();
  for (const raw of selected.rows) {
    // As TypeORM's transformer: rows that repeat a primary key (through a join) make one entity.
    const id = primaryPlaces.length === 1 ? String(raw[primaryPlaces[0]]) : primaryPlaces.map((place) => String(raw[place])).join('_');
    if (byId.has(id)) continue;
    const row = entityOf<T>(metadata, places, raw);
    if (row) byId.set(id, row);
  }
  return [...byId.values()];
}
