import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, MYSQL_SERVER_URL } from './support/databases';
import { compile, type Compiled } from './support/processes';

/**
 * The scale benchmark (`npm run bench -- --organizations N --certifications --complaints`) at a small
 * size: it seeds through the entities, starts the stack, and produces every figure without errors.
 * The figures' values are docs/benchmarks.md's business (measured at 100,000), not a test's.
 */
let compiled: Compiled;
const folder = mkdtempSync(path.join(os.tmpdir(), 'icoca-bench-test-'));

beforeAll(async () => {
  compiled = await compile('bench-scale');
}, 240_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.each(DATABASES)('the scale benchmark, on %s', (database) => {
  it('seeds 1,000 organizations, certificates and complaints and measures every operation', async () => {
    const json = path.join(folder, `${database}.json`);
    const args = ['--organizations', '1000', '--certifications', '--complaints', '--duration', '1', '--warmup', '0', '--connections', '2', '--json', json];
    // On SQLite, beside a baseline of the sample register alone, measured in alternation.
    if (database === 'mysql') args.push('--mysql', MYSQL_SERVER_URL!);
    else args.push('--baseline', '30');
    const { stdout } = await promisify(execFile)(process.execPath, [compiled.script('bench'), ...args], { env: { ...process.env, LOG_LEVEL: 'error' } });
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.size).toMatchObject({ organizations: 1000, certifications: 1000, complaints: 1000 });
    // The synthetic names share words as a real register's do: a third hold "security"; none holds
    // "shield", which only the sample's Bastion Shield matches, at any size.
    expect(report.shieldMatches).toBe(1);
    expect(report.securityMatches).toBeGreaterThan(300);
    expect(report.filterMatches).toBeGreaterThan(0);
    // The synthetic certificates reach the directory's copies: some companies there are certified members.
    expect(report.standingMatches).toBeGreaterThan(0);
    // The case list's three filters find some of the 1,000 synthetic complaints, not most.
    expect(report.caseListMatches).toBeGreaterThan(0);
    expect(report.caseListMatches).toBeLessThan(100);
    expect(report.results.map((r: any) => r.operation)).toEqual([
      'directory page 1 (20 organizations)',
      'directory page at 90% (keyset cursor)',
      'directory last page (last: 20)',
      'directory page before the last (last: 20, before)',
      'private security companies, page 1 by name',
      'filter pillar + status + country, with totalCount',
      'certified members in Iraq, page 1 (first 20)',
      'certified members in Iraq, first 20 with totalCount',
      'certified members in Iraq, first 1',
      'certified members in Iraq, first 1 with totalCount',
      'name search "shield" (rare word), with totalCount',
      'name search "security" (common word), page 1',
      'name search "security" (common word), with totalCount',
      'name search "aegis" (one-word prefix), page 1',
      'verifyMembers of one name',
      'verifyMembers exact "Aegis Meridian Security Ltd"',
      'verifyMembers loose "Aegis Meridian Security Services"',
      'certifications page 1',
      'certifications page at 90%',
      'complaints page 1 (Secretariat)',
      'complaints page at 90% (Secretariat)',
      'case list: country + provision + status, page 1',
      'case list: country + provision + status, with totalCount',
      'case list: country + provision + status, first 2',
    ]);
    for (const result of report.results) {
      expect(result.rps, result.operation).toBeGreaterThan(0);
      expect(result.errors, result.operation).toBe(0);
    }
    expect(stdout).toContain('| directory page at 90% (keyset cursor) |');
    if (database === 'sqlite') {
      // The searches find the same organizations whatever the register's size: the costs compare like for like.
      expect(report.baseline.shieldMatches).toBe(report.shieldMatches);
      expect(report.baseline.results.map((r: any) => r.operation)).toEqual(report.results.map((r: any) => r.operation));
      for (const result of report.baseline.results) expect(result.errors, result.operation).toBe(0);
      expect(stdout).toMatch(/\| verifyMembers of one name \| [\d,]+ \| [\d.]+ \| [\d,]+ \| [\d.]+ \| \d+\.\d\d \| 0 \|/);
    }
  }, 300_000);
});

describe.each(DATABASES)('the import benchmark, on %s', (database) => {
  it('imports a register of shared-word names into empty databases beside a smaller one, and prints both with the cost ratio', async () => {
    const args = ['--import', '600', '--baseline', '60'];
    if (database === 'mysql') args.push('--mysql', MYSQL_SERVER_URL!);
    const { stdout } = await promisify(execFile)(process.execPath, [compiled.script('bench'), ...args], { env: { ...process.env, LOG_LEVEL: 'error' } });
    expect(stdout).toMatch(/\| 60 \| [\d.]+ \| [\d.]+ \|/);
    expect(stdout).toMatch(/\| 600 \| [\d.]+ \| [\d.]+ \|/);
    expect(stdout).toMatch(/cost per organization at 600 ÷ at 60: \d+\.\d\d/);
  }, 120_000);
});

// The throughput benchmark runs on the embedded database only (its sample data), so once, not per database.
describe('the throughput benchmark with partner tokens', () => {
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, [compiled.script('bench'), ...args], { env: { ...process.env, LOG_LEVEL: 'error' }, maxBuffer: 16 * 2 ** 20 });

  it('measures the token directory and token verification beside their anonymous and membership-alone rows, with CPU per request', async () => {
    const json = path.join(folder, 'throughput.json');
    const { stdout } = await run(['--duration', '1', '--warmup', '0', '--connections', '2', '--json', json]);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const rows = report.results.map((r: any) => `${r.operation} — ${r.path}`);
    // The anonymous rows stay; the token rows sit beside them, each answer checked with its token first.
    expect(rows).toEqual([
      'membership list of 20 — membership subgraph, direct',
      'membership list of 20 — gateway, uncached (POST)',
      'public directory (3 subgraphs) — gateway, uncached (POST)',
      'public directory (3 subgraphs) — gateway, cached (GET)',
      'directory (3 subgraphs), partner token — membership subgraph alone (its part), direct',
      'directory (3 subgraphs), partner token — gateway, uncached (POST)',
      'directory (3 subgraphs), partner token — gateway, cached (POST)',
      'verifyMembers, one name — membership subgraph, direct',
      'verifyMembers, one name — gateway, uncached (POST)',
      'verifyMembers, one name — gateway, cached (GET)',
      'verifyMembers one name, partner token — membership subgraph alone, direct',
      'verifyMembers one name, partner token — gateway, uncached (POST)',
      'verifyMembers one name, partner token — gateway, cached (POST)',
      'verifyMembers, one name, receipt — gateway (never cached)',
      'verifyMembers, 100 names, receipts — gateway (never cached)',
    ]);
    for (const result of report.results) {
      expect(result.rps, `${result.operation} — ${result.path}`).toBeGreaterThan(0);
      expect(result.errors, `${result.operation} — ${result.path}`).toBe(0);
    }
    expect(stdout).toMatch(/- directory \(3 subgraphs\), partner token: cached gateway [\d,]+ rps = \d+\.\d\d×, uncached gateway [\d,]+ rps = \d+\.\d\d× of membership alone/);
    expect(stdout).toMatch(/- verifyMembers one name, partner token: cached gateway [\d,]+ rps = \d+\.\d\d×/);
    // CPU per request of the four processes, caches off: every process worked for the token directory.
    expect(report.cpuPerRequest.map((r: any) => r.operation)).toEqual([
      'public directory (3 subgraphs), anonymous',
      'directory (3 subgraphs), partner token',
      'verifyMembers one name, partner token',
    ]);
    const directory = report.cpuPerRequest[1];
    for (const name of ['gateway', 'membership', 'certification', 'complaints']) expect(directory.perRequestMs[name], name).toBeGreaterThan(0);
    expect(stdout).toContain('| operation | requests | gateway ms | membership ms | certification ms | complaints ms | subgraphs together ms |');
    expect(stdout).toMatch(/\| directory \(3 subgraphs\), partner token \| [\d,]+ \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d \|/);
    expect(stdout).toMatch(/With no request at all \(background jobs\), before the rows: gateway [\d.]+, membership [\d.]+, certification [\d.]+, complaints [\d.]+ ms of CPU per second/);
  }, 240_000);

  it('profiles every process while the token directory runs and summarises each profile', async () => {
    const profiles = path.join(folder, 'profiles');
    const { stdout } = await run(['--profile', profiles, '--duration', '2', '--warmup', '0', '--connections', '2']);
    for (const name of ['gateway', 'membership', 'certification', 'complaints']) {
      expect(stdout).toContain(`### ${name}`);
      expect(readdirSync(path.join(profiles, name)).some((file) => file.endsWith('.cpuprofile')), name).toBe(true);
    }
    expect(stdout).toContain('within the measured window');
    // The subgraphs run graphql-js and TypeORM, the gateway its query plans: they show in the rollup (jose no longer
    // does much: each process checks a token's signature once, then finds it among the tokens it accepted).
    expect(stdout).toMatch(/\| [\d.]+ \| node_modules\/typeorm \|/);
    expect(stdout).toMatch(/\| [\d.]+ \| node_modules\/@apollo\/gateway \|/);
    expect(stdout).toMatch(/\| [\d.]+ \| node_modules\/graphql \|/);
    expect(stdout).toMatch(/\| [\d.]+ \| repository code \|/);
  }, 120_000);
});
