import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MembershipInitial1764374400000 } from '../services/membership/src/migrations/1764374400000-membership-initial';
import { NameSkeletons1795935352217 } from '../services/membership/src/migrations/1795935352217-name-skeletons';
import { RegisterHistory1796000000000 } from '../services/membership/src/migrations/1796000000000-register-history';
import { createLogger, openDatabase, type DatabaseConfig } from '../services/shared/src';
import { createMysqlDatabase, DATABASES } from './support/databases';

const logger = createLogger({ service: 'test', level: 'silent' });
const EARLIER = [MembershipInitial1764374400000, NameSkeletons1795935352217];

describe.each(DATABASES)('the register-history migration on %s', (kind) => {
  it('keeps a register that already holds organizations, names and contacts, and can be reverted', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'icoca-migration-'));
    const mysql = kind === 'mysql' ? await createMysqlDatabase('register') : null;
    const config: DatabaseConfig = mysql ? { kind: 'mysql', url: mysql.url } : { kind: 'sqlite', file: path.join(folder, 'm.sqlite') };
    try {
      const before = await openDatabase({ config, entities: [], migrations: EARLIER, logger });
      await before.dataSource.query(
        "INSERT INTO organization (id, name, pillar, headquarters_country, membership_category, membership_status, version) VALUES ('o1', 'Old Ltd', 'GOVERNMENT', 'CH', 'MEMBER', 'ACTIVE', 1)",
      );
      await before.dataSource.query(
        "INSERT INTO organization_name (id, organization_id, name, kind, match_key, skeleton) VALUES ('n1', 'o1', 'Old Ltd', 'REGISTERED', 'old', 'old')",
      );
      await before.dataSource.query(
        "INSERT INTO organization_contact (id, organization_id, name, email) VALUES ('c1', 'o1', 'A Person', 'a@old.example')",
      );
      await before.close();

      const after = await openDatabase({ config, entities: [], migrations: [...EARLIER, RegisterHistory1796000000000], logger });
      try {
        const [name] = await after.dataSource.query('SELECT recorded_at FROM organization_name');
        expect(Date.parse(name.recorded_at)).toBeGreaterThan(Date.now() - 60_000);
        expect(await after.dataSource.query('SELECT version FROM organization_contact')).toEqual([{ version: 1 }]);
        await after.dataSource.query("UPDATE organization SET external_reference = 'REF-1' WHERE id = 'o1'");
        await after.dataSource.query(
          "INSERT INTO organization (id, name, pillar, headquarters_country, membership_category, membership_status, version) VALUES ('o2', 'New Ltd', 'GOVERNMENT', 'CH', 'MEMBER', 'ACTIVE', 1)",
        );
        // One organization per external reference: a second import of the same row cannot create a twin.
        await expect(after.dataSource.query("UPDATE organization SET external_reference = 'REF-1' WHERE id = 'o2'")).rejects.toThrow();
        await after.dataSource.query(
          "INSERT INTO organization_change (id, organization_id, sequence, kind, before_value, after_value, effective_from, reason, recorded_at) VALUES ('h1', 'o1', 1, 'RENAMED', '[]', '[]', '2026-01-01', 'r', '2026-01-01T00:00:00.000Z')",
        );
        await expect(after.dataSource.query(
          "INSERT INTO organization_change (id, organization_id, sequence, kind, before_value, after_value, effective_from, reason, recorded_at) VALUES ('h2', 'o1', 1, 'RENAMED', '[]', '[]', '2026-01-01', 'r', '2026-01-01T00:00:00.000Z')",
        )).rejects.toThrow();
        await after.dataSource.undoLastMigration({ transaction: 'each' });
        const [organization] = await after.dataSource.query("SELECT * FROM organization WHERE id = 'o1'");
        expect(organization).not.toHaveProperty('external_reference');
        expect(organization.name).toBe('Old Ltd');
      } finally {
        await after.close();
      }
    } finally {
      await mysql?.drop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
