import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import { inChunks, VALUES_PER_STATEMENT } from './batches';

/*
 * The hot reads of the directory and of verification (lists, loaders behind `_entities`) read rows of one table
 * at a time. TypeORM builds their SQL again on every call and runs each row through its general transformer
 * (joins, relation ids, grouping); profiles of the directory put both among the largest costs of a subgraph.
 * These readers write a statement once per process and turn each row into the object TypeORM would have made:
 * an instance of the entity's class made as TypeORM makes it (so getters such as `ownerOrganizationId` still work)
 * and each column converted by the driver, exactly as `getMany` converts it. Only SQL text is kept across
 * requests, never data, so a write is always seen by the next read.
 */

/** Turns a raw row into the entity TypeORM's `getMany` would return, or null when it holds no value at all. */
function entityOf<T>(metadata: EntityMetadata, columns: readonly (readonly [string, ColumnMetadata])[], raw: ObjectLiteral): T | null {
  const driver = metadata.connection.driver;
  const entity = metadata.create(undefined, { fromDeserializer: true }) as ObjectLiteral;
  let hasData = false;
  for (const [key, column] of columns) {
    const value = raw[key];
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
    const raws: ObjectLiteral[] = await manager.query(`${read.head}${chunk.map(() => '?').join(', ')}${read.tail}`, chunk);
    const rows: T[] = [];
    for (const raw of raws) {
      const row = entityOf<T>(read.metadata, read.columns, raw);
      if (row) rows.push(row);
    }
    return rows;
  });
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
    !readsPlainly(query.connection, main.metadata)
  ) {
    return query.getMany();
  }
  const metadata = main.metadata;
  const driver = query.connection.driver;
  const columns = metadata.columns
    .filter((c) => !c.isVirtual)
    .map((c) => [DriverUtils.buildAlias(driver, undefined, main.name, c.databaseName), c] as const);
  const primary = metadata.primaryColumns.map((c) => DriverUtils.buildAlias(driver, undefined, main.name, c.databaseName));
  const byId = new Map<string, T>();
  for (const raw of await query.getRawMany<ObjectLiteral>()) {
    // As TypeORM's transformer: rows that repeat a primary key (through a join) make one entity.
    const id = primary.map((alias) => String(raw[alias])).join('_');
    if (byId.has(id)) continue;
    const row = entityOf<T>(metadata, columns, raw);
    if (row) byId.set(id, row);
  }
  return [...byId.values()];
}
