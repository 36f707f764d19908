import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Brackets, Column, Entity, In, PrimaryColumn, QueryFailedError, SelectQueryBuilder, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger, manyOf, openDatabase, rowsWhereIn, selectRows, type Database, type DatabaseConfig } from '../services/shared/src';
import { createMysqlDatabase, DATABASES } from './support/databases';

/*
 * The plain readers of the hot paths (entity-rows.ts) against TypeORM's own loading, on a real SQLite file and a
 * real MariaDB: the same entities for queries of every shape the directory builds, the same statement count, and
 * a text kept per shape that never answers a query of another shape.
 */

@Entity('probe_company')
class ProbeCompany {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  pillar!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'boolean', default: false })
  observer!: boolean;

  @Column({ type: 'simple-json', nullable: true })
  regions!: string[] | null;

  @Column({ type: 'varchar', length: 10, name: 'member_since', nullable: true })
  memberSince!: string | null;

  /** A getter on the class: the plain readers make instances of the entity, as TypeORM does. */
  get label(): string {
    return `${this.name} (${this.pillar})`;
  }
}

const logger = createLogger({ service: 'test', level: 'silent' });
const PILLARS = ['PRIVATE_SECURITY_COMPANY', 'CIVIL_SOCIETY_ORGANIZATION', 'GOVERNMENT'];
// Names that share words, as real company names do, so orders by name meet ties broken by id.
const WORDS = ['Global', 'Security', 'Risk', 'Global', 'Services', 'Group'];

describe.each(DATABASES)('plain entity readers on %s', (kind) => {
  let database: Database;
  let folder: string | undefined;
  let dropMysql: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    let config: DatabaseConfig;
    if (kind === 'mysql') {
      const mysql = await createMysqlDatabase('entity_rows');
      dropMysql = mysql.drop;
      config = { kind: 'mysql', url: mysql.url };
    } else {
      folder = mkdtempSync(path.join(tmpdir(), 'icoca-entity-rows-'));
      config = { kind: 'sqlite', file: path.join(folder, 'rows.sqlite') };
    }
    database = await openDatabase({ config, entities: [ProbeCompany], migrations: [], logger });
    await database.dataSource.query(
      kind === 'mysql'
        ? 'CREATE TABLE probe_company (id varchar(36) PRIMARY KEY, name varchar(100) NOT NULL, pillar varchar(32) NOT NULL, ' +
            'version int NOT NULL, observer tinyint NOT NULL DEFAULT 0, regions text NULL, member_since varchar(10) NULL)'
        : 'CREATE TABLE probe_company (id varchar(36) PRIMARY KEY NOT NULL, name varchar(100) NOT NULL, pillar varchar(32) NOT NULL, ' +
            'version integer NOT NULL, observer boolean NOT NULL DEFAULT 0, regions text, member_since varchar(10))',
    );
    const repository = database.dataSource.getRepository(ProbeCompany);
    for (let i = 0; i < 60; i += 1) {
      await repository.insert({
        id: `c-${String(i).padStart(3, '0')}`,
        name: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${i % 9}`,
        pillar: PILLARS[i % PILLARS.length],
        version: i,
        observer: i % 4 === 0,
        regions: i % 5 === 0 ? null : [`R${i % 3}`, `R${i % 7}`],
        memberSince: i % 6 === 0 ? null : `2024-0${(i % 9) + 1}-15`,
      });
    }
  });

  afterAll(async () => {
    await database?.close();
    await dropMysql?.();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const query = () => database.dataSource.getRepository(ProbeCompany).createQueryBuilder('company');

  it('read pages of every shape the directory builds as TypeORM reads them, one statement each', async () => {
    const shapes = [
      () => query().orderBy('company.name', 'ASC').addOrderBy('company.id', 'ASC').limit(21),
      () => query().where('company.pillar = :pillar', { pillar: PILLARS[0] }).orderBy('company.name', 'ASC').addOrderBy('company.id', 'ASC').limit(21),
      // The same shape with another value: the kept text must be bound afresh.
      () => query().where('company.pillar = :pillar', { pillar: PILLARS[1] }).orderBy('company.name', 'ASC').addOrderBy('company.id', 'ASC').limit(21),
      // Lists of different lengths spread into different placeholders.
      () => query().where('company.pillar IN (:...pillars)', { pillars: PILLARS.slice(0, 2) }).orderBy('company.id', 'DESC').limit(5),
      () => query().where('company.pillar IN (:...pillars)', { pillars: PILLARS }).orderBy('company.id', 'DESC').limit(5),
      // Another page size is another text.
      () => query().where('company.pillar IN (:...pillars)', { pillars: PILLARS }).orderBy('company.id', 'DESC').limit(7),
      // A cursor's condition, in brackets, as pagination.ts writes it.
      () =>
        query()
          .where('company.name >= :c0', { c0: 'Risk' })
          .andWhere(new Brackets((outer) => outer.where('company.name > :c0').orWhere(new Brackets((inner) => inner.where('company.name = :c0').andWhere('company.id > :c1')))), { c1: 'c-030' })
          .orderBy('company.name', 'ASC')
          .addOrderBy('company.id', 'ASC')
          .limit(10),
      // Object-literal conditions, with TypeORM's generated parameter names.
      () => query().where({ pillar: In(PILLARS.slice(1)), observer: true }).orderBy('company.version', 'ASC').limit(50),
      // A join that only filters, as the directory's country filter.
      () =>
        query()
          .innerJoin(ProbeCompany, 'twin', 'twin.id = company.id AND twin.version >= :least', { least: 40 })
          .orderBy('company.name', 'DESC')
          .addOrderBy('company.id', 'DESC')
          .limit(30),
    ];
    for (const [i, shape] of shapes.entries()) {
      for (let round = 0; round < 2; round += 1) {
        const expected = await shape().getMany();
        const before = database.statements.count;
        const read = await manyOf(shape());
        expect(database.statements.count - before, `shape ${i}`).toBe(1);
        expect(read, `shape ${i}`).toStrictEqual(expected);
        expect(read.every((row) => row instanceof ProbeCompany), `shape ${i}`).toBe(true);
        expect(read.map((row) => row.label)).toEqual(expected.map((row) => row.label));
      }
    }
    // The booleans, JSON, nulls and numbers are converted as TypeORM converts them.
    const some = await manyOf(query().orderBy('company.id', 'ASC').limit(7));
    expect(some.map((row) => [row.observer, row.regions, row.memberSince, row.version])).toEqual([
      [true, null, null, 0],
      [false, ['R1', 'R1'], '2024-02-15', 1],
      [false, ['R2', 'R2'], '2024-03-15', 2],
      [false, ['R0', 'R3'], '2024-04-15', 3],
      [true, ['R1', 'R4'], '2024-05-15', 4],
      [false, null, '2024-06-15', 5],
      [false, ['R0', 'R6'], null, 6],
    ]);
  });

  it('write the text of a page once per shape, cloned as pagination clones it', async () => {
    const getQuery = vi.spyOn(SelectQueryBuilder.prototype, 'getQuery');
    try {
      const base = query().where('company.version >= :least', { least: 3 });
      const page = (least: number, size: number) => {
        const copy = base.clone().setParameter('least', least);
        return manyOf(copy.orderBy('company.name', 'DESC').addOrderBy('company.id', 'DESC').limit(size));
      };
      const first = await page(3, 4);
      const written = getQuery.mock.calls.length;
      expect(written).toBeGreaterThan(0);
      // The same shape with other values: read afresh, the text kept.
      const again = await page(50, 4);
      expect(getQuery.mock.calls.length).toBe(written);
      expect(again.every((row) => row.version >= 50)).toBe(true);
      expect(again).not.toEqual(first);
      // Another page size is another shape.
      await page(3, 5);
      expect(getQuery.mock.calls.length).toBeGreaterThan(written);
    } finally {
      getQuery.mockRestore();
    }
  });

  it('see a write at once: statements are kept, rows never', async () => {
    const page = () => manyOf(query().where('company.pillar = :pillar', { pillar: 'STATE' }).orderBy('company.id', 'ASC').limit(3));
    expect(await page()).toEqual([]);
    await database.dataSource.getRepository(ProbeCompany).insert({ id: 'z-state', name: 'A State', pillar: 'STATE', version: 1, observer: false, regions: null, memberSince: null });
    expect((await page()).map((row) => row.id)).toEqual(['z-state']);
    await database.dataSource.getRepository(ProbeCompany).delete({ id: 'z-state' });
    expect(await page()).toEqual([]);
  });

  it('read the rows of many keys as find does, in one statement', async () => {
    const ids = ['c-059', 'c-001', 'c-030', 'c-002', 'missing'];
    const before = database.statements.count;
    const read = await rowsWhereIn(database.dataSource.manager, ProbeCompany, 'id', ids, { version: 'DESC' });
    expect(database.statements.count - before).toBe(1);
    const expected = await database.dataSource.getRepository(ProbeCompany).find({ where: { id: In(ids) }, order: { version: 'DESC' } });
    expect(read).toStrictEqual(expected);
    expect(read.map((row) => row.id)).toEqual(['c-059', 'c-030', 'c-002', 'c-001']);
  });

  it('read within a transaction what the transaction wrote, and nothing of it once rolled back', async () => {
    const renamed = (manager: EntityManager) =>
      manyOf(manager.getRepository(ProbeCompany).createQueryBuilder('company').where('company.name = :name', { name: 'Renamed In Transaction' }).limit(5));
    await database
      .transaction(async (manager) => {
        await manager.getRepository(ProbeCompany).update({ id: 'c-010' }, { name: 'Renamed In Transaction' });
        // Both readers, on the transaction's own connection (on MariaDB another connection would not see the row).
        const [row] = await rowsWhereIn(manager, ProbeCompany, 'id', ['c-010']);
        expect(row.name).toBe('Renamed In Transaction');
        expect((await renamed(manager)).map((company) => company.id)).toEqual(['c-010']);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    const [after] = await rowsWhereIn(database.dataSource.manager, ProbeCompany, 'id', ['c-010']);
    expect(after.name).not.toBe('Renamed In Transaction');
    expect(await renamed(database.dataSource.manager)).toEqual([]);
  });

  it('report a failing statement as TypeORM does, and count it', async () => {
    const before = database.statements.count;
    const failing = selectRows(database.dataSource.manager, 'SELECT no_such_column FROM probe_company WHERE id = ?', ['c-001']);
    await expect(failing).rejects.toBeInstanceOf(QueryFailedError);
    expect(database.statements.count - before).toBe(1);
    // Rows come back as arrays in the order selected, with the columns named.
    const read = await selectRows(database.dataSource.manager, 'SELECT id, version FROM probe_company WHERE id IN (?, ?) ORDER BY id', ['c-002', 'c-001']);
    expect(read.columns).toEqual(['id', 'version']);
    expect(read.rows).toEqual([
      ['c-001', 1],
      ['c-002', 2],
    ]);
  });
});
