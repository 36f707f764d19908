/**
 * `npm run bench -- --import 100000 [--baseline 1000] [--mysql mysql://root@127.0.0.1:3306]`: times
 * `npm run import`'s work (checks, plan, both databases' writes) for a register of synthetic
 * organizations with shared-word names (`syntheticName`), into empty databases, beside a small
 * register imported the same way in the same run. The question it answers: does a large register
 * import in time proportional to its size, on both databases (one statement per row did not).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { createLogger, openDatabase, type Database, type DatabaseConfig } from '../services/shared/src';
import { certificationSubgraph } from '../services/certification/src/subgraph';
import { membershipSubgraph } from '../services/membership/src/subgraph';
import { machineLine } from './autocannon-runs';
import type { FileRow } from './register-file';
import { runImport } from './register-import';
import { COUNTRIES, syntheticName } from './scale-data';

/** An import file's rows: companies with shared-word names, two countries, a status history and a contact each. */
export function syntheticRegisterRows(organizations: number): FileRow[] {
  return Array.from({ length: organizations }, (_, i) => {
    const country = COUNTRIES[i % COUNTRIES.length];
    const joined = `${2013 + (i % 12)}-${String(1 + (i % 12)).padStart(2, '0')}-15`;
    return {
      row: i + 1,
      value: {
        externalReference: `synthetic-${i}`,
        name: syntheticName(i),
        pillar: 'PRIVATE_SECURITY_COMPANY',
        headquartersCountry: country,
        countriesOfOperation: [country, COUNTRIES[(i * 7 + 3) % COUNTRIES.length]],
        statusHistory: [{ status: 'ACTIVE', category: 'MEMBER', effectiveFrom: joined, reason: 'Admitted by the Board' }],
        contacts: [{ name: 'Compliance Desk', role: 'Head of compliance', email: `compliance-${i}@example.org`, phone: null }],
      },
    };
  });
}

interface ImportRun {
  organizations: number;
  seconds: number;
}

/** Imports `rows` into fresh, empty databases (SQLite files in a temporary folder, or new MariaDB databases) and drops them after. */
async function timeImport(rows: FileRow[], mysqlUrl: string | undefined): Promise<ImportRun> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'icoca-import-bench-'));
  const suffix = randomBytes(4).toString('hex');
  const created: string[] = [];
  const databases: Database[] = [];
  const open = async (definition: typeof membershipSubgraph | typeof certificationSubgraph): Promise<Database> => {
    let config: DatabaseConfig = { kind: 'sqlite', file: path.join(dataDir, `${definition.name}.sqlite`) };
    if (mysqlUrl) {
      const name = `icoca_import_${definition.name}_${suffix}`;
      const connection = await mysql.createConnection(mysqlUrl);
      await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await connection.end();
      created.push(name);
      const url = new URL(mysqlUrl);
      url.pathname = `/${name}`;
      config = { kind: 'mysql', url: url.toString() };
    }
    const database = await openDatabase({
      config, entities: definition.entities, migrations: definition.migrations, subscribers: definition.subscribers,
      logger: createLogger({ service: `import-bench:${definition.name}`, level: 'warn', standardError: true }),
    });
    databases.push(database);
    return database;
  };
  try {
    const membership = await open(membershipSubgraph);
    const certification = await open(certificationSubgraph);
    const started = process.hrtime.bigint();
    const summary = await runImport(rows, { membership, certification }, { decidedBy: 'import-bench' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!summary.written || summary.organizations.created !== rows.length) {
      const first = summary.problems[0];
      throw new Error(`the import wrote ${summary.organizations.created} of ${rows.length}${first ? `; row ${first.row}, ${first.field}: ${first.message}` : ''}`);
    }
    return { organizations: rows.length, seconds };
  } finally {
    for (const database of databases) await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (mysqlUrl && created.length) {
      const connection = await mysql.createConnection(mysqlUrl);
      for (const name of created) await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    }
  }
}

export async function runImportBench(argv: string[]): Promise<void> {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const large = Number(value('import'));
  const small = Number(value('baseline') ?? 1000);
  if (!Number.isInteger(large) || large < 1 || !Number.isInteger(small) || small < 1) throw new Error('--import and --baseline take whole numbers');
  const mysqlUrl = value('mysql');
  const runs: ImportRun[] = [];
  for (const size of [small, large]) {
    process.stderr.write(`importing ${size} organizations ...\n`);
    runs.push(await timeImport(syntheticRegisterRows(size), mysqlUrl));
  }
  const [baseline, measured] = runs;
  const perOrganization = (run: ImportRun) => (run.seconds * 1000) / run.organizations;
  process.stdout.write(
    [
      `Machine: ${machineLine()}`,
      `Database: ${mysqlUrl ? 'MySQL/MariaDB' : 'SQLite (embedded)'}; empty databases, one organization, two countries, one status entry and one contact per row`,
      '',
      '| organizations | seconds | ms per organization |',
      '|---|---|---|',
      ...runs.map((r) => `| ${r.organizations.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${perOrganization(r).toFixed(2)} |`),
      '',
      `cost per organization at ${measured.organizations.toLocaleString('en')} ÷ at ${baseline.organizations.toLocaleString('en')}: ${(perOrganization(measured) / perOrganization(baseline)).toFixed(2)}`,
      '',
    ].join('\n'),
  );
}
