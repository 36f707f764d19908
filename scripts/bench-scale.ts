import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { createLogger, DEVELOPMENT_JWT_SECRET, encodeCursor, issueToken, openDatabase } from '../services/shared/src';
import { SUBGRAPHS } from '../services/subgraphs';
import { checkAnswers, machineLine, measure, post, type Result, type Target } from './autocannon-runs';
import { freshGatewaySecrets, spawnService, waitUntilHealthy } from './processes';
import { FILTER_COUNTRY, seedScaleData, type ScaleDatabases } from './scale-data';

/**
 * `npm run bench -- --organizations 100000 [--certifications [n]] [--complaints [n]] [--mysql <server url>]
 * [--duration 10] [--connections 8] [--warmup 2] [--json file] [--keep]`: seeds a synthetic register of that
 * size (through the subgraphs' entities, on top of the sample data) into a fresh DATA_DIR, or fresh
 * MySQL databases on the server given, starts the stack on it as compiled processes with the rate
 * limits above the load, and measures the directory's first and deep pages, the filtered count, the
 * name search and `verifyMembers` through the gateway; with `--certifications` and `--complaints`,
 * their first and deep pages too (as many rows as organizations unless a number follows).
 */
interface ScaleOptions {
  organizations: number;
  certifications: number;
  complaints: number;
  mysql?: string;
  duration: number;
  connections: number;
  warmup: number;
  json?: string;
  /** Leave the seeded databases in place (to read query plans with EXPLAIN). */
  keep: boolean;
}

function scaleOptions(argv: string[]): ScaleOptions {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const next = argv[i + 1];
    return next !== undefined && !next.startsWith('--') ? next : '';
  };
  const count = (name: string, fallback: number) => {
    const given = value(name);
    if (given === undefined) return 0;
    const n = given === '' ? fallback : Number(given);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} takes a whole number`);
    return n;
  };
  const organizations = Number(value('organizations'));
  if (!Number.isInteger(organizations) || organizations < 1) throw new Error('--organizations takes a whole number');
  return {
    organizations,
    certifications: count('certifications', organizations),
    complaints: count('complaints', organizations),
    mysql: value('mysql') || undefined,
    duration: Number(value('duration') || 10),
    connections: Number(value('connections') || 8),
    warmup: Number(value('warmup') ?? 2),
    json: value('json') || undefined,
    keep: argv.includes('--keep'),
  };
}

const PAGE = /* GraphQL */ `query DirectoryPage($after: String) {
  organizations(first: 20, after: $after) { edges { cursor node { id name pillar membershipStatus } } pageInfo { hasNextPage endCursor } }
}`;
const FILTERED = /* GraphQL */ `query FilteredDirectory($country: String!) {
  organizations(filter: { pillar: PRIVATE_SECURITY_COMPANY, statuses: [ACTIVE], country: $country }, first: 20) {
    totalCount edges { node { id name } }
  }
}`;
const SEARCH = /* GraphQL */ `query NameSearch {
  organizations(filter: { search: "shield" }, first: 20) { totalCount edges { node { id name } } }
}`;
const VERIFY_ONE = /* GraphQL */ `query VerifyOne {
  verifyMembers(names: ["Aegis Meridian"]) { query matched matches { matchedName exactMatch result { organizationName membershipStatus } } }
}`;
const CERTIFICATIONS = /* GraphQL */ `query CertificationsPage($after: String) {
  certifications(first: 20, after: $after) { edges { node { id certificateNumber expiresOn } } pageInfo { hasNextPage } }
}`;
const COMPLAINTS = /* GraphQL */ `query ComplaintsPage($after: String) {
  complaints(first: 20, after: $after) { edges { node { id referenceNumber status submittedAt } } pageInfo { hasNextPage } }
}`;

/** The cursor a client holds after reading `offset` rows of a list in its order: read once with SQL. */
async function cursorAt(databases: ScaleDatabases, subgraph: string, sql: string, offset: number): Promise<string | null> {
  const definition = SUBGRAPHS.find((s) => s.definition.name === subgraph)!.definition;
  const database = await openDatabase({
    config: databases.kind === 'sqlite' ? { kind: 'sqlite', file: path.join(databases.dataDir, `${subgraph}.sqlite`) } : { kind: 'mysql', url: databases.urls[subgraph] },
    entities: definition.entities,
    migrations: definition.migrations,
    logger: createLogger({ service: 'bench', level: 'warn' }),
  });
  try {
    const rows: Record<string, string>[] = await database.dataSource.query(`${sql} LIMIT 1 OFFSET ${Math.max(0, offset - 1)}`);
    return rows[0] ? encodeCursor(Object.values(rows[0])) : null;
  } finally {
    await database.close();
  }
}

export async function runScaleBench(argv: string[]): Promise<void> {
  const settings = scaleOptions(argv);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'icoca-scale-'));
  const children: ChildProcess[] = [];
  const dropDatabases: string[] = [];
  let databases: ScaleDatabases = { kind: 'sqlite', dataDir };
  if (settings.mysql) {
    const suffix = randomBytes(4).toString('hex');
    const connection = await mysql.createConnection(settings.mysql);
    const urls: Record<string, string> = {};
    for (const { definition } of SUBGRAPHS) {
      const name = `icoca_scale_${definition.name}_${suffix}`;
      await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      dropDatabases.push(name);
      const url = new URL(settings.mysql);
      url.pathname = `/${name}`;
      urls[definition.name] = url.toString();
    }
    await connection.end();
    databases = { kind: 'mysql', urls };
  }
  const cleanUp = async () => {
    // The gateway first (started last), so that no request reaches a subgraph already stopping.
    for (const child of [...children].reverse()) {
      if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'));
    }
    if (settings.keep) {
      process.stderr.write(`kept the seeded databases: ${databases.kind === 'sqlite' ? dataDir : dropDatabases.join(', ')}\n`);
      return;
    }
    rmSync(dataDir, { recursive: true, force: true });
    if (settings.mysql && dropDatabases.length) {
      const connection = await mysql.createConnection(settings.mysql);
      for (const name of dropDatabases) await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    }
  };
  try {
    const seedStarted = Date.now();
    await seedScaleData(databases, settings, (line) => process.stderr.write(`${line}\n`));
    const seedSeconds = Math.round((Date.now() - seedStarted) / 1000);

    const secrets = freshGatewaySecrets();
    const ports = { membership: 4201, certification: 4202, complaints: 4203, gateway: 4200 };
    const subgraphUrls = Object.fromEntries(
      SUBGRAPHS.map(({ definition }) => [`${definition.name.toUpperCase()}_URL`, `http://localhost:${ports[definition.name as keyof typeof ports]}/graphql`]),
    );
    // Development settings (the development token secret), so the bench can sign a Secretariat token for the lists that need one.
    const base = { LOG_LEVEL: 'warn', NODE_ENV: 'test', DATA_DIR: dataDir, ...secrets, ...subgraphUrls };
    for (const { definition, main } of SUBGRAPHS) {
      const port = ports[definition.name as keyof typeof ports];
      children.push(
        spawnService(main, {
          ...base,
          PORT: String(port),
          GATEWAY_SECRET: secrets[`${definition.name.toUpperCase()}_GATEWAY_SECRET`],
          ...(databases.kind === 'mysql' ? { DATABASE_URL: databases.urls[definition.name] } : {}),
        }),
      );
      await waitUntilHealthy(`http://localhost:${port}/health`, definition.name);
    }
    children.push(
      spawnService('gateway/src/main', {
        ...base,
        PORT: String(ports.gateway),
        RESPONSE_CACHE: 'false',
        RATE_LIMIT_PUBLIC_READS: '100000000',
        RATE_LIMIT_PUBLIC_MUTATIONS: '100000000',
        RATE_LIMIT_AUTHENTICATED: '100000000',
      }),
    );
    await waitUntilHealthy(`http://localhost:${ports.gateway}/health`, 'gateway');
    const gateway = `http://localhost:${ports.gateway}/graphql`;
    const secretariat = await issueToken(DEVELOPMENT_JWT_SECRET, { role: 'secretariat', subject: 'scale-benchmark' });
    const deep = Math.floor(settings.organizations * 0.9);

    const target = (operation: string, query: string, variables?: Record<string, unknown>, token?: string): Target => {
      const request = post(query, variables);
      return {
        operation,
        path: 'gateway (POST)',
        url: gateway,
        method: 'POST',
        body: request.body,
        headers: { ...request.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      };
    };
    const organizationCursor = await cursorAt(databases, 'membership', 'SELECT name, id FROM organization ORDER BY name, id', deep);
    const targets: Target[] = [
      target('directory page 1 (20 organizations)', PAGE),
      target(`directory page at row ${deep.toLocaleString('en-GB')} (keyset cursor)`, PAGE, { after: organizationCursor }),
      target('filter pillar + status + country, with totalCount', FILTERED, { country: FILTER_COUNTRY }),
      target('name search "shield", with totalCount', SEARCH),
      target('verifyMembers of one name', VERIFY_ONE),
    ];
    if (settings.certifications) {
      const at = Math.floor(settings.certifications * 0.9);
      const cursor = await cursorAt(databases, 'certification', 'SELECT expires_on, id FROM certification ORDER BY expires_on, id', at);
      targets.push(target('certifications page 1', CERTIFICATIONS), target(`certifications page at row ${at.toLocaleString('en-GB')}`, CERTIFICATIONS, { after: cursor }));
    }
    if (settings.complaints) {
      const at = Math.floor(settings.complaints * 0.9);
      const cursor = await cursorAt(databases, 'complaints', 'SELECT submitted_at, id FROM complaint ORDER BY submitted_at DESC, id DESC', at);
      targets.push(
        target('complaints page 1 (Secretariat)', COMPLAINTS, {}, secretariat),
        target(`complaints page at row ${at.toLocaleString('en-GB')} (Secretariat)`, COMPLAINTS, { after: cursor }, secretariat),
      );
    }
    for (const t of targets) await checkAnswers(t);
    // What the name operations find, which must not change with the register's size.
    const found = (await (await fetch(gateway, { method: 'POST', ...post(SEARCH) })).json()) as { data: { organizations: { totalCount: number } } };
    const filtered = (await (await fetch(gateway, { method: 'POST', ...post(FILTERED, { country: FILTER_COUNTRY }) })).json()) as {
      data: { organizations: { totalCount: number } };
    };

    const results: Result[] = [];
    for (const t of targets) {
      process.stderr.write(`measuring ${t.operation} ...\n`);
      results.push(await measure(t, settings));
    }
    const machine = machineLine();
    const database = databases.kind === 'mysql' ? 'MySQL/MariaDB' : 'SQLite (embedded)';
    const lines = [
      `Machine: ${machine}`,
      `Database: ${database}; ${settings.organizations.toLocaleString('en-GB')} organizations, ${settings.certifications.toLocaleString('en-GB')} certificates, ` +
        `${settings.complaints.toLocaleString('en-GB')} complaints (seeded in ${seedSeconds} s)`,
      `"shield" matches ${found.data.organizations.totalCount} organizations; the filter matches ${filtered.data.organizations.totalCount}.`,
      `autocannon, ${settings.duration} s per row after a ${settings.warmup} s warm-up, ${settings.connections} connections`,
      '',
      '| operation | rps | p50 ms | p99 ms | errors |',
      '|---|---|---|---|---|',
      ...results.map((r) => `| ${r.operation} | ${r.rps.toLocaleString('en-GB')} | ${r.p50} | ${r.p99} | ${r.errors} |`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (settings.json) {
      writeFileSync(
        settings.json,
        JSON.stringify({ machine, database, size: settings, shieldMatches: found.data.organizations.totalCount, filterMatches: filtered.data.organizations.totalCount, results }, null, 2),
      );
    }
  } finally {
    await cleanUp();
  }
}
