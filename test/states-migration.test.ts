import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Observers1796700000000 } from '../services/membership/src/migrations/1796700000000-observers';
import { StatesAndTerminationReasons1796700000001 } from '../services/membership/src/migrations/1796700000001-states-and-termination-reasons';
import { membershipSubgraph } from '../services/membership/src/subgraph';
import { createLogger, openDatabase, type DatabaseConfig } from '../services/shared/src';
import { createMysqlDatabase, DATABASES } from './support/databases';

const logger = createLogger({ service: 'test', level: 'silent' });
const ALL = membershipSubgraph.migrations;
// Rows as they stood before the observers migration, which runs first and moves government observers to the OBSERVER pillar.
const EARLIER = ALL.slice(0, ALL.indexOf(Observers1796700000000));
// Up to this migration and no further, so that undoing the last migration undoes this one, whatever came after it.
const UP_TO_STATES = ALL.slice(0, ALL.indexOf(StatesAndTerminationReasons1796700000001) + 1);

const organization = (id: string, name: string, pillar: string, category = 'MEMBER') =>
  `INSERT INTO organization (id, name, pillar, headquarters_country, membership_category, membership_status, version) VALUES ('${id}', '${name}', '${pillar}', 'CH', '${category}', 'ACTIVE', 1)`;
const entry = (id: string, organizationId: string, sequence: number, status: string, reason: string) =>
  'INSERT INTO membership_status_entry (id, organization_id, sequence, status, category, effective_from, reason, recorded_at) ' +
  `VALUES ('${id}', '${organizationId}', ${sequence}, '${status}', 'MEMBER', '2024-01-0${sequence}', '${reason}', '2024-01-01T00:00:00.000Z')`;

describe.each(DATABASES)('the States-and-termination-reasons migration on %s', (kind) => {
  it('tells States from IGOs by their names, codes past terminations from their text, and can be reverted', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'icoca-migration-'));
    const mysql = kind === 'mysql' ? await createMysqlDatabase('states') : null;
    const config: DatabaseConfig = mysql ? { kind: 'mysql', url: mysql.url } : { kind: 'sqlite', file: path.join(folder, 'm.sqlite') };
    try {
      const before = await openDatabase({ config, entities: [], migrations: EARLIER, logger });
      for (const statement of [
        organization('g1', 'Republic of Arvenia, Ministry of Foreign Affairs', 'GOVERNMENT'),
        organization('g2', 'Union of Coastal States', 'GOVERNMENT'),
        organization('g3', 'Inter-Regional Organization for Maritime Safety', 'GOVERNMENT'),
        organization('g4', 'Kingdom of Observia', 'GOVERNMENT', 'OBSERVER'),
        organization('g5', 'Organization of Littoral States', 'GOVERNMENT', 'OBSERVER'),
        organization('s1', 'Rights Watch Union', 'CIVIL_SOCIETY', 'OBSERVER'),
        organization('c1', 'Some Organization of Guards Ltd', 'PRIVATE_SECURITY_COMPANY'),
        organization('c2', 'Other Guards Ltd', 'PRIVATE_SECURITY_COMPANY'),
        organization('c3', 'Third Guards Ltd', 'PRIVATE_SECURITY_COMPANY'),
        entry('e1', 'c1', 1, 'ACTIVE', 'Admitted on application'),
        entry('e2', 'c1', 2, 'TERMINATED', 'Terminated for Non-Payment of dues'),
        entry('e3', 'c2', 1, 'SUSPENDED', 'Annual self-assessment not submitted'),
        entry('e4', 'c2', 2, 'TERMINATED', 'Terminated: no self-assessment and no good-faith cooperation'),
        entry('e5', 'c3', 1, 'TERMINATED', 'Decision of the Board'),
        "INSERT INTO membership_application (id, organization_name, pillar, requested_category, headquarters_country, countries_of_operation, " +
          "contact_name, contact_email, status, submitted_at, version) VALUES ('a1', 'African Union Commission', 'GOVERNMENT', 'OBSERVER', 'ET', '[]', " +
          "'A Person', 'a@au.example', 'PENDING', '2026-01-01T00:00:00.000Z', 1)",
      ]) {
        await before.dataSource.query(statement);
      }
      await before.close();

      const after = await openDatabase({ config, entities: [], migrations: UP_TO_STATES, logger });
      try {
        expect(await after.dataSource.query('SELECT id, government_kind AS kind FROM organization ORDER BY id')).toEqual([
          { id: 'c1', kind: null }, { id: 'c2', kind: null }, { id: 'c3', kind: null },
          { id: 'g1', kind: 'STATE' }, { id: 'g2', kind: 'INTERGOVERNMENTAL_ORGANIZATION' }, { id: 'g3', kind: 'INTERGOVERNMENTAL_ORGANIZATION' },
          // Government observers are States or IGOs too; a civil-society observer is neither.
          { id: 'g4', kind: 'STATE' }, { id: 'g5', kind: 'INTERGOVERNMENTAL_ORGANIZATION' }, { id: 's1', kind: null },
        ]);
        expect(await after.dataSource.query("SELECT pillar, observer_kind AS observerKind FROM organization WHERE id = 'g4'")).toEqual([{ pillar: 'OBSERVER', observerKind: 'GOVERNMENT' }]);
        expect(await after.dataSource.query('SELECT government_kind AS kind FROM membership_application')).toEqual([{ kind: 'INTERGOVERNMENTAL_ORGANIZATION' }]);
        expect(await after.dataSource.query('SELECT id, reason_code AS code FROM membership_status_entry ORDER BY id')).toEqual([
          { id: 'e1', code: null },
          { id: 'e2', code: 'NON_PAYMENT_OF_DUES' },
          { id: 'e3', code: null },
          { id: 'e4', code: 'NON_SUBMISSION_OF_SELF_ASSESSMENT' },
          { id: 'e5', code: 'OTHER' },
        ]);
        await after.dataSource.query(
          "INSERT INTO montreux_document_participation (id, organization_id, since, recorded_at) VALUES ('m1', 'g1', '2008-09-17', '2026-01-01T00:00:00.000Z')",
        );
        // One period per organization and start.
        await expect(after.dataSource.query(
          "INSERT INTO montreux_document_participation (id, organization_id, since, recorded_at) VALUES ('m2', 'g1', '2008-09-17', '2026-01-01T00:00:00.000Z')",
        )).rejects.toThrow();
        await after.dataSource.query('DELETE FROM montreux_document_participation');
        await after.dataSource.undoLastMigration({ transaction: 'each' });
        const [reverted] = await after.dataSource.query("SELECT * FROM organization WHERE id = 'g1'");
        expect(reverted).not.toHaveProperty('government_kind');
        const [terminated] = await after.dataSource.query("SELECT * FROM membership_status_entry WHERE id = 'e2'");
        expect(terminated).not.toHaveProperty('reason_code');
      } finally {
        await after.close();
      }
    } finally {
      await mysql?.drop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
