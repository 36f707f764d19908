import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MembershipInitial1764374400000 } from '../services/membership/src/migrations/1764374400000-membership-initial';
import { NameSkeletons1795935352217 } from '../services/membership/src/migrations/1795935352217-name-skeletons';
import { matchKey, nameSkeleton } from '../services/membership/src/organization/name-matching.rules';
import { createLogger, openDatabase, type DatabaseConfig } from '../services/shared/src';
import { createMysqlDatabase, DATABASES } from './support/databases';

const logger = createLogger({ service: 'test', level: 'silent' });
const mode = (file: string) => statSync(file).mode & 0o777;

describe('the embedded database files', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'icoca-files-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('are created 0600 (with their WAL and shared memory) in a 0700 folder, whatever the umask', async () => {
    const dataDir = path.join(root, 'fresh', 'data');
    const file = path.join(dataDir, 'membership.sqlite');
    const previous = process.umask(0o000);
    let database;
    try {
      database = await openDatabase({ config: { kind: 'sqlite', file }, entities: [], migrations: [], logger });
    } finally {
      process.umask(previous);
    }
    try {
      await database.dataSource.query('CREATE TABLE probe (id INTEGER PRIMARY KEY)');
      await database.dataSource.query('INSERT INTO probe (id) VALUES (1)');
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(root, 'fresh'))).toBe(0o700);
      for (const companion of [file, `${file}-wal`, `${file}-shm`]) {
        expect(existsSync(companion), companion).toBe(true);
        expect(mode(companion), companion).toBe(0o600);
      }
    } finally {
      await database.close();
    }
  });
});

describe.each(DATABASES)('the name-skeleton migration on %s', (kind) => {
  it('fills in skeletons and match keys of a database that already holds names', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'icoca-migration-'));
    const mysql = kind === 'mysql' ? await createMysqlDatabase('migration') : null;
    const config: DatabaseConfig = mysql ? { kind: 'mysql', url: mysql.url } : { kind: 'sqlite', file: path.join(folder, 'm.sqlite') };
    try {
      const before = await openDatabase({ config, entities: [], migrations: [MembershipInitial1764374400000], logger });
      await before.dataSource.query(
        "INSERT INTO organization (id, name, pillar, headquarters_country, membership_category, membership_status, version) VALUES ('o1', 'x', 'GOVERNMENT', 'CH', 'MEMBER', 'ACTIVE', 1)",
      );
      const names = ['Aegis Meridian Security Ltd', 'Sicherheit Straße GmbH', 'Éclat Sécurité SARL'];
      for (const [i, name] of names.entries()) {
        await before.dataSource.query(
          "INSERT INTO organization_name (id, organization_id, name, kind, match_key) VALUES (?, 'o1', ?, 'REGISTERED', 'stale')",
          [`n${i}`, name],
        );
      }
      await before.close();

      const after = await openDatabase({
        config,
        entities: [],
        migrations: [MembershipInitial1764374400000, NameSkeletons1795935352217],
        logger,
      });
      try {
        const rows: { name: string; match_key: string; skeleton: string }[] = await after.dataSource.query(
          'SELECT name, match_key, skeleton FROM organization_name ORDER BY id',
        );
        expect(rows).toEqual(names.map((name) => ({ name, match_key: matchKey(name), skeleton: nameSkeleton(name) })));
        const indexes: unknown[] = await after.dataSource.query(
          kind === 'mysql'
            ? "SHOW INDEX FROM organization_name WHERE Key_name = 'ix_organization_name_skeleton'"
            : "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'ix_organization_name_skeleton'",
        );
        expect(indexes).toHaveLength(1);
        const found = await after.dataSource.query('SELECT id FROM organization_name WHERE skeleton = ?', [
          nameSkeleton('\u0410EGIS MERIDIAN SECURITY GmbH'),
        ]);
        expect(found).toEqual([{ id: 'n0' }]);
      } finally {
        await after.close();
      }
    } finally {
      await mysql?.drop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
