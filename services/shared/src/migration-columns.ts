import type { TableColumnOptions } from 'typeorm';

/*
 * The column shapes every subgraph's migrations write alike, the same on SQLite and MySQL. Migrations that
 * have run must go on producing the same schema, so these shapes never change: a column of another shape
 * gets a helper of its own, or is written out in its migration.
 */

/** A primary key holding an id (a UUID), `id` unless named; several make a composite key. */
export const idColumn = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });

/** An id of another row, in this database or another subgraph's (`organization_id`, say). */
export const refColumn = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable });

/** A calendar day, `YYYY-MM-DD`. */
export const dateColumn = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '10', isNullable });

/** An instant, ISO 8601 in UTC (`2026-11-28T09:30:00.000Z`). */
export const timestampColumn = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '30', isNullable });

/** Who did something: the subject of the account that did it, when known. */
export const subjectColumn = (name: string): TableColumnOptions => ({ name, type: 'varchar', length: '100', isNullable: true });

/** The optimistic-locking version of a row. */
export const versionColumn = (): TableColumnOptions => ({ name: 'version', type: 'int' });
