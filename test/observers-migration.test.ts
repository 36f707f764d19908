import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MembershipInitial1764374400000 } from '../services/membership/src/migrations/1764374400000-membership-initial';
import { NameSkeletons1795935352217 } from '../services/membership/src/migrations/1795935352217-name-skeletons';
import { RegisterHistory1796000000000 } from '../services/membership/src/migrations/1796000000000-register-history';
import { StatusEntryEffectiveIndex1796200000002 } from '../services/membership/src/migrations/1796200000002-status-entry-effective-index';
import { NameTrigrams1796300000000 } from '../services/membership/src/migrations/1796300000000-name-trigrams';
import { MembershipOutbox1796500000000 } from '../services/membership/src/migrations/1796500000000-membership-outbox';
import { NameTrigramFrequencies1796600000000 } from '../services/membership/src/migrations/1796600000000-name-trigram-frequencies';
import { Observers1796700000000 } from '../services/membership/src/migrations/1796700000000-observers';
import { createLogger, openDatabase, type DatabaseConfig } from '../services/shared/src';
import { createMysqlDatabase, DATABASES } from './support/databases';

const logger = createLogger({ service: 'test', level: 'silent' });
const EARLIER = [
  MembershipInitial1764374400000, NameSkeletons1795935352217, RegisterHistory1796000000000, StatusEntryEffectiveIndex1796200000002,
  NameTrigrams1796300000000, MembershipOutbox1796500000000, NameTrigramFrequencies1796600000000,
];

const organization = (id: string, pillar: string, category: string, status = 'ACTIVE') =>
  'INSERT INTO organization (id, name, pillar, headquarters_country, membership_category, membership_status, version) ' +
  `VALUES ('${id}', 'Org ${id}', '${pillar}', 'CH', '${category}', '${status}', 1)`;

describe.each(DATABASES)('the observers migration on %s', (kind) => {
  it('moves the observers of the government and civil-society pillars beside the pillars, keeping their kind and history', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'icoca-migration-'));
    const mysql = kind === 'mysql' ? await createMysqlDatabase('observers') : null;
    const config: DatabaseConfig = mysql ? { kind: 'mysql', url: mysql.url } : { kind: 'sqlite', file: path.join(folder, 'm.sqlite') };
    try {
      const before = await openDatabase({ config, entities: [], migrations: EARLIER, logger });
      for (const statement of [
        organization('gov-observer', 'GOVERNMENT', 'OBSERVER'),
        organization('cso-observer', 'CIVIL_SOCIETY', 'OBSERVER', 'WITHDRAWN'),
        organization('gov-member', 'GOVERNMENT', 'MEMBER'),
        organization('company', 'PRIVATE_SECURITY_COMPANY', 'MEMBER'),
        "INSERT INTO organization_operating_country (organization_id, country, position, pillar, membership_status, name) VALUES ('gov-observer', 'CH', 0, 'GOVERNMENT', 'ACTIVE', 'Org gov-observer')",
        'INSERT INTO membership_application (id, organization_name, pillar, requested_category, headquarters_country, ' +
          "countries_of_operation, contact_name, contact_email, status, submitted_at, version) VALUES ('a1', 'Applicant', " +
          "'GOVERNMENT', 'OBSERVER', 'GR', '[]', 'A Person', 'a@applicant.example', 'PENDING', '2026-11-21T16:30:00.000Z', 1)",
        "INSERT INTO membership_status_entry (id, organization_id, sequence, status, category, effective_from, reason, recorded_at) VALUES ('e1', 'gov-observer', 1, 'ACTIVE', 'OBSERVER', '2021-06-15', 'Admitted as an observer', '2021-06-15T00:00:00.000Z')",
      ]) {
        await before.dataSource.query(statement);
      }
      await before.close();

      const after = await openDatabase({ config, entities: [], migrations: [...EARLIER, Observers1796700000000], logger });
      try {
        const rows = await after.dataSource.query('SELECT id, pillar, observer_kind, membership_category FROM organization ORDER BY id');
        expect(rows).toEqual([
          { id: 'company', pillar: 'PRIVATE_SECURITY_COMPANY', observer_kind: null, membership_category: 'MEMBER' },
          { id: 'cso-observer', pillar: 'OBSERVER', observer_kind: 'CIVIL_SOCIETY', membership_category: 'OBSERVER' },
          { id: 'gov-member', pillar: 'GOVERNMENT', observer_kind: null, membership_category: 'MEMBER' },
          { id: 'gov-observer', pillar: 'OBSERVER', observer_kind: 'GOVERNMENT', membership_category: 'OBSERVER' },
        ]);
        expect(await after.dataSource.query('SELECT pillar, observer_kind FROM membership_application')).toEqual([
          { pillar: 'OBSERVER', observer_kind: 'GOVERNMENT' },
        ]);
        // The directory's copy of the pillar follows; the dated history is left as it was.
        expect(await after.dataSource.query('SELECT pillar FROM organization_operating_country')).toEqual([{ pillar: 'OBSERVER' }]);
        expect(await after.dataSource.query('SELECT category, effective_from FROM membership_status_entry')).toEqual([
          { category: 'OBSERVER', effective_from: '2021-06-15' },
        ]);

        await after.dataSource.undoLastMigration({ transaction: 'each' });
        const reverted = await after.dataSource.query("SELECT * FROM organization WHERE id = 'gov-observer'");
        expect(reverted[0]).not.toHaveProperty('observer_kind');
        expect(reverted[0].pillar).toBe('GOVERNMENT');
        expect(await after.dataSource.query('SELECT pillar FROM organization_operating_country')).toEqual([{ pillar: 'GOVERNMENT' }]);
      } finally {
        await after.close();
      }
    } finally {
      await mysql?.drop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
