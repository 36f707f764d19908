import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { createLogger, DEVELOPMENT_JWT_SECRET, encodeCursor, encodeOrderedCursor, issueToken, openDatabase } from '../services/shared/src';
import { SUBGRAPHS } from '../services/subgraphs';
import { checkAnswers, machineLine, measure, post, type Result, type Target } from './autocannon-runs';
import { freshGatewaySecrets, spawnService, waitUntilHealthy } from './processes';
import { CASE_LIST_FILTER, FILTER_COUNTRY, seedScaleData, type ScaleDatabases, type ScaleSize } from './scale-data';

/**
 * `npm run bench -- --organizations 100000 [--certifications [n]] [--complaints [n]] [--mysql <server url>]
 * [--duration 10] [--connections 8] [--warmup 2] [--json file] [--keep]`: seeds a synthetic register of that
 * size (through the subgraphs' entities, on top of the sample data) into a fresh DATA_DIR, or fresh
 * MySQL databases on the server given, starts the stack on it as compiled processes with the rate
 * limits above the load, and measures the directory's first and deep pages, the filtered count, the
 * name searches (a rare word, a common word, a one-word prefix) and `verifyMembers` (exact, and loose
 * for a full name) through the gateway; with `--certifications` and `--complaints`,
 * their first and deep pages too (as many rows as organizations unless a number follows). With
 * `--baseline 30`, a second stack on a register of that size is measured in alternation with the
 * large one (small, large, large, small for each operation), so that the ratio of their costs does
 * not depend on what else the machine did meanwhile.
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
  /** A second, small register measured in alternation with the large one, so both see the same machine. */
  baseline?: number;
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
    baseline: value('baseline') ? Number(value('baseline')) : undefined,
  };
}

const PAGE = /* GraphQL */ `query DirectoryPage($after: String) {
  organizations(first: 20, after: $after) { edges { cursor node { id name pillar membershipStatus } } pageInfo { hasNextPage endCursor } }
}`;
// The directory's commonest page: the private security companies, by name (read in ix_organization_pillar_name).
const PILLAR_PAGE = /* GraphQL */ `query CompaniesPage {
  organizations(filter: { pillar: PRIVATE_SECURITY_COMPANY }, first: 20) { edges { cursor node { id name pillar membershipStatus } } pageInfo { hasNextPage endCursor } }
}`;
// The same page read backwards, as a results page's "previous" button does: from the end, or before a cursor.
const PAGE_BACKWARDS = /* GraphQL */ `query DirectoryPageBackwards($before: String) {
  organizations(last: 20, before: $before) { edges { cursor node { id name pillar membershipStatus } } pageInfo { hasPreviousPage startCursor } }
}`;
const FILTERED = /* GraphQL */ `query FilteredDirectory($country: String!) {
  organizations(filter: { pillar: PRIVATE_SECURITY_COMPANY, statuses: [ACTIVE], country: $country }, first: 20) {
    totalCount edges { node { id name } }
  }
}`;
// The directory a client filters by what it asks first: certified members operating in a country. Iraq, because
// the sample register has certified members there too, so both sizes answer with rows.
const STANDING_COUNTRY = 'IQ';
const STANDING_FILTERED = /* GraphQL */ `query StandingDirectory($country: String!, $first: Int = 20) {
  organizations(filter: { standings: [CERTIFIED_MEMBER], country: $country }, first: $first) { edges { node { id name } } pageInfo { hasNextPage endCursor } }
}`;
const STANDING_FILTERED_COUNTED = /* GraphQL */ `query StandingDirectoryCounted($country: String!, $first: Int = 20) {
  organizations(filter: { standings: [CERTIFIED_MEMBER], country: $country }, first: $first) { totalCount edges { node { id name } } }
}`;
const SEARCH = /* GraphQL */ `query NameSearch {
  organizations(filter: { search: "shield" }, first: 20) { totalCount edges { node { id name } } }
}`;
const VERIFY_ONE = /* GraphQL */ `query VerifyOne {
  verifyMembers(names: ["Aegis Meridian"]) { query matched matches { matchedName exactMatch result { organizationName membershipStatus } } }
}`;
// The shared-word reads: a word a third of the names hold, the first word of a twentieth, and a
// partner's verification of a registered name, exactly and as a procurement officer types it.
const SEARCH_COMMON = /* GraphQL */ `query CommonWordSearch {
  organizations(filter: { search: "security" }, first: 20) { edges { node { id name } } pageInfo { hasNextPage endCursor } }
}`;
const SEARCH_COMMON_COUNTED = /* GraphQL */ `query CommonWordSearchCounted {
  organizations(filter: { search: "security" }, first: 20) { totalCount edges { node { id name } } }
}`;
const SEARCH_PREFIX = /* GraphQL */ `query PrefixSearch {
  organizations(filter: { search: "aegis" }, first: 20) { edges { node { id name } } pageInfo { hasNextPage endCursor } }
}`;
const VERIFY_EXACT = /* GraphQL */ `query VerifyExact {
  verifyMembers(names: ["Aegis Meridian Security Ltd"]) { query matched matches { matchedName exactMatch result { organizationName membershipStatus } } }
}`;
const VERIFY_LOOSE = /* GraphQL */ `query VerifyLoose {
  verifyMembers(names: ["Aegis Meridian Security Services"]) { query matched matches { matchedName exactMatch result { organizationName membershipStatus } } }
}`;
const CERTIFICATIONS = /* GraphQL */ `query CertificationsPage($after: String) {
  certifications(first: 20, after: $after) { edges { node { id certificateNumber expiresOn } } pageInfo { hasNextPage } }
}`;
const COMPLAINTS = /* GraphQL */ `query ComplaintsPage($after: String) {
  complaints(first: 20, after: $after) { edges { node { id referenceNumber status submittedAt } } pageInfo { hasNextPage } }
}`;
// The Secretariat's case list as its screen asks for it: three filters, the newest first, the fields of a row.
const CASE_LIST = /* GraphQL */ `query CaseList($filter: ComplaintFilter, $first: Int = 20) {
  complaints(filter: $filter, first: $first) {
    edges { node { id referenceNumber status incidentCountry incidentRegion caseSummary lastActivityAt submittedAt allegations { provision } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CASE_LIST_COUNTED = /* GraphQL */ `query CaseListCounted($filter: ComplaintFilter) {
  complaints(filter: $filter, first: 20) { totalCount edges { node { id referenceNumber status submittedAt } } }
}`;

/** The cursor a client holds after reading `offset` rows of a list in its order: read once with SQL. */
async function cursorAt(databases: ScaleDatabases, subgraph: string, sql: string, offset: number, order?: string): Promise<string | null> {
  const definition = SUBGRAPHS.find((s) => s.definition.name === subgraph)!.definition;
  const database = await openDatabase({
    config: databases.kind === 'sqlite' ? { kind: 'sqlite', file: path.join(databases.dataDir, `${subgraph}.sqlite`) } : { kind: 'mysql', url: databases.urls[subgraph] },
    entities: definition.entities,
    migrations: definition.migrations,
    logger: createLogger({ service: 'bench', level: 'warn' }),
  });
  try {
    const rows: Record<string, string>[] = await database.dataSource.query(`${sql} LIMIT 1 OFFSET ${Math.max(0, offset - 1)}`);
    if (!rows[0]) return null;
    // A list sorted several ways names its order in its cursors.
    return order ? encodeOrderedCursor(order, Object.values(rows[0])) : encodeCursor(Object.values(rows[0]));
  } finally {
    await database.close();
  }
}

interface ScaleStack {
  size: ScaleSize;
  targets: Target[];
  seedSeconds: number;
  shieldMatches: number;
  securityMatches: number;
  filterMatches: number;
  /** Certified members in the filter's country. */
  standingMatches: number;
  /** Complaints the case list's three filters match. */
  caseListMatches: number;
  stop(): Promise<void>;
}

/** Seeds a register of `size` into fresh databases and starts the stack on it, on ports from `portBase`. */
async function startScaleStack(settings: ScaleOptions, size: ScaleSize, portBase: number): Promise<ScaleStack> {
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
  const stop = async () => {
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
    await seedScaleData(databases, size, (line) => process.stderr.write(`${line}\n`));
    const seedSeconds = Math.round((Date.now() - seedStarted) / 1000);

    const secrets = freshGatewaySecrets();
    const ports = { gateway: portBase, membership: portBase + 1, certification: portBase + 2, complaints: portBase + 3 };
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
    // The deep pages start 90% of the way through their list, from the cursor a client would hold there.
    const ninetyPercent = (n: number) => Math.floor(n * 0.9);
    const organizationCursor = await cursorAt(databases, 'membership', 'SELECT name, id FROM organization ORDER BY name, id', ninetyPercent(size.organizations), 'NAME');
    // The first row of the last page (its startCursor): the page before the last is read before it.
    const lastPageStart = await cursorAt(databases, 'membership', 'SELECT name, id FROM organization ORDER BY name, id', size.organizations - 19, 'NAME');
    const targets: Target[] = [
      target('directory page 1 (20 organizations)', PAGE),
      target('directory page at 90% (keyset cursor)', PAGE, { after: organizationCursor }),
      target('directory last page (last: 20)', PAGE_BACKWARDS),
      target('directory page before the last (last: 20, before)', PAGE_BACKWARDS, { before: lastPageStart }),
      target('private security companies, page 1 by name', PILLAR_PAGE),
      target('filter pillar + status + country, with totalCount', FILTERED, { country: FILTER_COUNTRY }),
      target('certified members in Iraq, page 1 (first 20)', STANDING_FILTERED, { country: STANDING_COUNTRY }),
      target('certified members in Iraq, first 20 with totalCount', STANDING_FILTERED_COUNTED, { country: STANDING_COUNTRY }),
      // The same 1-row page at every size: the cost of the data's size apart from that of a fuller page.
      target('certified members in Iraq, first 1', STANDING_FILTERED, { country: STANDING_COUNTRY, first: 1 }),
      target('certified members in Iraq, first 1 with totalCount', STANDING_FILTERED_COUNTED, { country: STANDING_COUNTRY, first: 1 }),
      target('name search "shield" (rare word), with totalCount', SEARCH),
      target('name search "security" (common word), page 1', SEARCH_COMMON),
      target('name search "security" (common word), with totalCount', SEARCH_COMMON_COUNTED),
      target('name search "aegis" (one-word prefix), page 1', SEARCH_PREFIX),
      target('verifyMembers of one name', VERIFY_ONE),
      target('verifyMembers exact "Aegis Meridian Security Ltd"', VERIFY_EXACT),
      target('verifyMembers loose "Aegis Meridian Security Services"', VERIFY_LOOSE),
    ];
    if (size.certifications) {
      const cursor = await cursorAt(databases, 'certification', 'SELECT expires_on, id FROM certification ORDER BY expires_on, id', ninetyPercent(size.certifications), 'EXPIRING_SOONEST');
      targets.push(target('certifications page 1', CERTIFICATIONS), target('certifications page at 90%', CERTIFICATIONS, { after: cursor }));
    }
    if (size.complaints) {
      const cursor = await cursorAt(
        databases,
        'complaints',
        'SELECT submitted_at, id FROM complaint ORDER BY submitted_at DESC, id DESC',
        ninetyPercent(size.complaints),
        'RECEIVED_NEWEST_FIRST',
      );
      targets.push(
        target('complaints page 1 (Secretariat)', COMPLAINTS, {}, secretariat),
        target('complaints page at 90% (Secretariat)', COMPLAINTS, { after: cursor }, secretariat),
        target('case list: country + provision + status, page 1', CASE_LIST, { filter: CASE_LIST_FILTER }, secretariat),
        target('case list: country + provision + status, with totalCount', CASE_LIST_COUNTED, { filter: CASE_LIST_FILTER }, secretariat),
        // The sample size matches only 2 complaints: the same 2-row page at both sizes sets apart the cost of the
        // data's size from that of a fuller page.
        target('case list: country + provision + status, first 2', CASE_LIST, { filter: CASE_LIST_FILTER, first: 2 }, secretariat),
      );
    }
    for (const t of targets) await checkAnswers(t);
    // What the name operations find, which must not change with the register's size.
    const found = (await (await fetch(gateway, { method: 'POST', ...post(SEARCH) })).json()) as { data: { organizations: { totalCount: number } } };
    const common = (await (await fetch(gateway, { method: 'POST', ...post(SEARCH_COMMON_COUNTED) })).json()) as { data: { organizations: { totalCount: number } } };
    const filtered = (await (await fetch(gateway, { method: 'POST', ...post(FILTERED, { country: FILTER_COUNTRY }) })).json()) as {
      data: { organizations: { totalCount: number } };
    };
    const standing = (await (await fetch(gateway, { method: 'POST', ...post(STANDING_FILTERED_COUNTED, { country: STANDING_COUNTRY }) })).json()) as {
      data: { organizations: { totalCount: number } };
    };
    let caseListMatches = 0;
    if (size.complaints) {
      const counted = await fetch(gateway, {
        method: 'POST',
        ...post(CASE_LIST_COUNTED, { filter: CASE_LIST_FILTER }),
        headers: { ...post(CASE_LIST_COUNTED).headers, authorization: `Bearer ${secretariat}` },
      });
      caseListMatches = ((await counted.json()) as { data: { complaints: { totalCount: number } } }).data.complaints.totalCount;
    }
    // Seeding left this process (the load generator too) with a large heap to collect: a settling
    // round, not reported, so that the first row measured is not the one that pays for it.
    await measure(targets[0], { ...settings, duration: 5, warmup: 0 });
    return {
      size,
      targets,
      seedSeconds,
      shieldMatches: found.data.organizations.totalCount,
      securityMatches: common.data.organizations.totalCount,
      filterMatches: filtered.data.organizations.totalCount,
      standingMatches: standing.data.organizations.totalCount,
      caseListMatches,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

const count = (n: number) => n.toLocaleString('en-GB');
const sizeLine = (stack: ScaleStack) =>
  `${count(stack.size.organizations)} organizations, ${count(stack.size.certifications)} certificates, ${count(stack.size.complaints)} complaints ` +
  `(seeded in ${stack.seedSeconds} s); "shield" matches ${stack.shieldMatches}, "security" ${count(stack.securityMatches)}, the filter ${stack.filterMatches}, certified members in Iraq ${stack.standingMatches}` +
  (stack.size.complaints ? `, the case list's filters ${count(stack.caseListMatches)}` : '');

export async function runScaleBench(argv: string[]): Promise<void> {
  const settings = scaleOptions(argv);
  const stacks: ScaleStack[] = [];
  try {
    // BENCH_PORT_BASE moves the stacks' ports (large: base to base + 3, baseline: base + 10 on), e.g. beside another run.
    const portBase = Number(process.env.BENCH_PORT_BASE ?? 4200);
    const large = await startScaleStack(settings, settings, portBase);
    stacks.push(large);
    const small = settings.baseline
      ? await startScaleStack(
          settings,
          {
            organizations: settings.baseline,
            certifications: settings.certifications ? settings.baseline : 0,
            complaints: settings.complaints ? settings.baseline : 0,
          },
          portBase + 10,
        )
      : undefined;
    if (small) stacks.push(small);
    const results: Result[] = [];
    const baselineResults: Result[] = [];
    for (const [i, t] of large.targets.entries()) {
      process.stderr.write(`measuring ${t.operation} ...\n`);
      if (!small) {
        results.push(await measure(t, settings));
        continue;
      }
      // small, large, large, small: a drift of the machine's load weighs on both alike.
      const runs = [await measure(small.targets[i], settings), await measure(t, settings), await measure(t, settings), await measure(small.targets[i], settings)];
      const mean = (a: Result, b: Result): Result => ({ ...a, rps: Math.round((a.rps + b.rps) / 2), p50: (a.p50 + b.p50) / 2, p99: Math.max(a.p99, b.p99), errors: a.errors + b.errors });
      baselineResults.push(mean(runs[0], runs[3]));
      results.push(mean(runs[1], runs[2]));
    }
    const machine = machineLine();
    const database = settings.mysql ? 'MySQL/MariaDB' : 'SQLite (embedded)';
    const header = [
      `Machine: ${machine}`,
      `Database: ${database}; ${sizeLine(large)}${small ? `; baseline: ${sizeLine(small)}` : ''}`,
      `autocannon, ${settings.duration} s per run after a ${settings.warmup} s warm-up, ${settings.connections} connections` +
        (small ? '; each operation measured small, large, large, small (rps: mean of two runs; p99: the worse)' : ''),
      '',
    ];
    const table = small
      ? [
          // The sizes differ in organizations, certificates or complaints (the Database line says which): name the runs, not one count.
          '| operation | rps, baseline | p99 ms | rps, large | p99 ms | cost large ÷ cost baseline | errors |',
          '|---|---|---|---|---|---|---|',
          ...results.map((r, i) => {
            const b = baselineResults[i];
            return `| ${r.operation} | ${count(b.rps)} | ${b.p99} | ${count(r.rps)} | ${r.p99} | ${(b.rps / Math.max(r.rps, 1)).toFixed(2)} | ${r.errors + b.errors} |`;
          }),
        ]
      : [
          '| operation | rps | p50 ms | p99 ms | errors |',
          '|---|---|---|---|---|',
          ...results.map((r) => `| ${r.operation} | ${count(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} |`),
        ];
    process.stdout.write(`${[...header, ...table].join('\n')}\n`);
    if (settings.json) {
      writeFileSync(
        settings.json,
        JSON.stringify(
          {
            machine,
            database,
            size: large.size,
            shieldMatches: large.shieldMatches,
            securityMatches: large.securityMatches,
            filterMatches: large.filterMatches,
            standingMatches: large.standingMatches,
            caseListMatches: large.caseListMatches,
            results,
            ...(small ? { baseline: { size: small.size, shieldMatches: small.shieldMatches, securityMatches: small.securityMatches, filterMatches: small.filterMatches, caseListMatches: small.caseListMatches, results: baselineResults } } : {}),
          },
          null,
          2,
        ),
      );
    }
  } finally {
    for (const stack of stacks) await stack.stop();
  }
}
