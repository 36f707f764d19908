import mysql from 'mysql2/promise';
import { afterEach, describe, expect, it } from 'vitest';
import { ComplaintsInitial1764547200000 } from '../services/complaints/src/migrations/1764547200000-complaints-initial';
import { ComplaintsCompanyCheck1795910400000 } from '../services/complaints/src/migrations/1795910400000-complaints-company-check';
import { ComplaintsTextInAnyScript1796200000000 } from '../services/complaints/src/migrations/1796200000000-complaints-text-in-any-script';
import { createLogger, openDatabase, type Database } from '../services/shared/src';
import { createMysqlDatabase, MYSQL_SERVER_URL } from './support/databases';

const logger = createLogger({ service: 'test', level: 'silent' });
const ARABIC_AND_EMOJI = 'قام الحراس بدفعي عند البوابة \u200Fthe guard\u200F 🙏';

const charsets = (database: Database) =>
  database.dataSource.query(
    'SELECT DISTINCT CHARACTER_SET_NAME AS charset FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ' +
      "AND ((TABLE_NAME = 'complaint' AND COLUMN_NAME IN ('description', 'inadmissibility_reason', 'outcome', 'remedy')) " +
      "OR (TABLE_NAME = 'complaint_event' AND COLUMN_NAME = 'note'))",
  ) as Promise<{ charset: string }[]>;

/** A complaints database created with a latin1 default (a server's default) is made able to store any script. */
describe.skipIf(!MYSQL_SERVER_URL)('the text-in-any-script migration on MariaDB/MySQL', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('converts latin1 complaint tables to utf8mb4, keeping their rows, so Arabic and emoji are stored exactly', async () => {
    const db = await createMysqlDatabase('charset');
    cleanups.push(db.drop);
    const server = await mysql.createConnection(MYSQL_SERVER_URL!);
    await server.query(`ALTER DATABASE \`${new URL(db.url).pathname.slice(1)}\` CHARACTER SET latin1 COLLATE latin1_swedish_ci`);
    await server.end();
    const config = { kind: 'mysql' as const, url: db.url };
    const before = await openDatabase({ config, entities: [], migrations: [ComplaintsInitial1764547200000, ComplaintsCompanyCheck1795910400000], logger });
    expect(await charsets(before)).toEqual([{ charset: 'latin1' }]);
    await before.dataSource.query(
      'INSERT INTO complaint (id, reference_number, reference_year, reference_sequence, receipt_hash, company_id, kind, status, ' +
        'incident_date, incident_country, description, language, anonymous, submitted_at, updated_at, version) ' +
        "VALUES ('c-1', 'ICOCA-2026-000001', 2026, 1, 'hash', 'org-1', 'HARM_TO_COMPLAINANT', 'RECEIVED', '2026-01-02', 'KE', " +
        "'Déjà vu at the gate', 'fr', 1, '2026-01-03T00:00:00.000Z', '2026-01-03T00:00:00.000Z', 1)",
    );
    await before.close();

    const after = await openDatabase({
      config,
      entities: [],
      migrations: [ComplaintsInitial1764547200000, ComplaintsCompanyCheck1795910400000, ComplaintsTextInAnyScript1796200000000],
      logger,
    });
    cleanups.unshift(() => after.close());
    expect(await charsets(after)).toEqual([{ charset: 'utf8mb4' }]);
    const [kept] = (await after.dataSource.query("SELECT description FROM complaint WHERE id = 'c-1'")) as { description: string }[];
    expect(kept.description).toBe('Déjà vu at the gate');
    await after.dataSource.query("UPDATE complaint SET description = ?, outcome = ? WHERE id = 'c-1'", [ARABIC_AND_EMOJI, ARABIC_AND_EMOJI]);
    const rows = (await after.dataSource.query("SELECT description, outcome, reference_number AS reference FROM complaint WHERE id = 'c-1'")) as {
      description: string;
      outcome: string;
      reference: string;
    }[];
    expect(rows).toEqual([{ description: ARABIC_AND_EMOJI, outcome: ARABIC_AND_EMOJI, reference: 'ICOCA-2026-000001' }]);
    const [column] = (await after.dataSource.query(
      "SELECT IS_NULLABLE AS nullable FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'complaint' AND COLUMN_NAME = 'description'",
    )) as { nullable: string }[];
    expect(column.nullable).toBe('NO');
  });
});
