import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ComplaintsInitial1764547200000 } from '../services/complaints/src/migrations/1764547200000-complaints-initial';
import { ComplaintsCompanyCheck1795910400000 } from '../services/complaints/src/migrations/1795910400000-complaints-company-check';
import { statisticsStatements } from '../services/complaints/src/complaint/complaint.loaders';
import { complaintsSubgraph } from '../services/complaints/src/subgraph';
import { createLogger, openDatabase, type DatabaseConfig } from '../services/shared/src';
import { createMysqlDatabase, DATABASES } from './support/databases';

const logger = createLogger({ service: 'test', level: 'silent' });

/** A complaints database filed before the company check existed keeps its complaints, counted as checked. */
describe.each(DATABASES)('the company-check migration on %s', (kind) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('adds the company check to existing complaints as PASSED, and keeps their timelines', async () => {
    let config: DatabaseConfig;
    if (kind === 'mysql') {
      const db = await createMysqlDatabase('migration');
      cleanups.push(db.drop);
      config = { kind: 'mysql', url: db.url };
    } else {
      const folder = mkdtempSync(path.join(tmpdir(), 'icoca-migration-'));
      cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
      config = { kind: 'sqlite', file: path.join(folder, 'complaints.sqlite') };
    }
    const before = await openDatabase({ config, entities: [], migrations: [ComplaintsInitial1764547200000], logger });
    await before.dataSource.query(
      'INSERT INTO complaint (id, reference_number, reference_year, reference_sequence, receipt_hash, company_id, kind, status, ' +
        'incident_date, incident_country, description, language, anonymous, submitted_at, updated_at, version) ' +
        "VALUES ('c-1', 'ICOCA-2026-000001', 2026, 1, 'hash', 'org-1', 'HARM_TO_COMPLAINANT', 'RECEIVED', '2026-01-02', 'KE', " +
        "'What happened', 'en', 1, '2026-01-03T00:00:00.000Z', '2026-01-03T00:00:00.000Z', 1)",
    );
    await before.dataSource.query(
      'INSERT INTO complaint_event (id, complaint_id, sequence, kind, to_status, audience, actor, occurred_at) ' +
        "VALUES ('e-1', 'c-1', 1, 'SUBMITTED', 'RECEIVED', 'COMPLAINANT_AND_COMPANY', 'COMPLAINANT', '2026-01-03T00:00:00.000Z')",
    );
    await before.close();

    const after = await openDatabase({
      config,
      entities: [],
      migrations: [ComplaintsInitial1764547200000, ComplaintsCompanyCheck1795910400000],
      logger,
    });
    cleanups.unshift(() => after.close());
    const [row] = await after.dataSource.query(
      'SELECT company_check AS companyCheck, company_check_attempts AS attempts, company_check_next_at AS nextAt FROM complaint',
    );
    expect(row).toMatchObject({ companyCheck: 'PASSED', nextAt: null });
    expect(Number(row.attempts)).toBe(0);
    const events = await after.dataSource.query("SELECT id FROM complaint_event WHERE complaint_id = 'c-1'");
    expect(events).toHaveLength(1);
  });
});

/** The statistics of a directory page read, company by company, from an index that holds every column they count. */
describe('the complaint statistics index on sqlite', () => {
  it('serves a page of companies from the index alone, not by reading every passed complaint', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'icoca-statistics-'));
    const database = await openDatabase({ config: { kind: 'sqlite', file: path.join(folder, 'complaints.sqlite') }, entities: [], migrations: complaintsSubgraph.migrations, logger });
    try {
      const companies = Array.from({ length: 20 }, (_, i) => `org-${i}`);
      const statement = statisticsStatements(database.dataSource.manager).byStatus(companies.map(() => '?').join(', '));
      const plan: { detail: string }[] = await database.dataSource.query(`EXPLAIN QUERY PLAN ${statement}`, [...companies, 'PASSED']);
      const details = plan.map((step) => step.detail).join('\n');
      expect(details).toContain('USING COVERING INDEX ix_complaint_company_statistics (company_id=? AND company_check=?)');
    } finally {
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
