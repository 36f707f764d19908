import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SUBGRAPHS } from '../services/subgraphs';
import { checkAnswers, getUrl, machineLine, measure, post, type Result, type Target } from './autocannon-runs';
import { runImportBench } from './bench-import';
import { runScaleBench } from './bench-scale';
import { runSideBySide } from './bench-side-by-side';
import { startBenchIdentity, type BenchIdentity } from './bench-identity';
import { formatSummary, readProfileIn, summariseProfile } from './cpu-profile';
import { assertPortsFree, clockTicksPerSecond, COMPILED_FOLDER, cpuTimeMs, freshGatewaySecrets, spawnService, waitUntilHealthy } from './processes';

/**
 * `npm run bench [-- --duration 10 --connections 16 --warmup 2 --json results.json]`: the stack as
 * production runs it (one compiled process per service, on the embedded database with the sample data,
 * the rate limiter in the path with its limits above the load, in Redis when one answers at
 * BENCH_REDIS_URL, default redis://127.0.0.1:6379), measured with autocannon. For each operation:
 * throughput and p99 latency through the gateway, uncached and cached, beside the subgraph asked
 * directly where one subgraph answers it alone; the directory and verification also with a partner's
 * token (RS256, from the benchmark's own key set, verified by every process), and the CPU each process
 * spends per request with the response caches off.
 *
 * `npm run bench -- --profile DIR [--duration 15]`: every process under `--cpu-prof`, the token
 * directory alone, then each process's profile summarised (top functions by self time, packages).
 */

interface Options {
  duration: number;
  connections: number;
  warmup: number;
  json?: string;
  /** `--profile DIR`: CPU profiles of every process while the token directory runs, written under DIR. */
  profile?: string;
  /** `--cpu-only`: only the token directory's CPU per request per process, unprofiled (quick before/after checks). */
  cpuOnly: boolean;
}

function options(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    duration: Number(value('duration') ?? 10),
    connections: Number(value('connections') ?? 16),
    warmup: Number(value('warmup') ?? 2),
    json: value('json'),
    profile: value('profile'),
    cpuOnly: argv.includes('--cpu-only'),
  };
}

// The complaint statistics in the public shape the hardening issue settled on: a protected total and its date.
const DIRECTORY = /* GraphQL */ `query Directory {
  organizations(filter: { pillar: PRIVATE_SECURITY_COMPANY }, first: 20) {
    edges { node { id name membershipStatus standing certificationStatus complaintStatistics { total { value fewerThan } asOf } } }
  }
}`;
/** What the gateway asks membership for the directory: its own fields and the facts `standing` requires. */
const DIRECTORY_MEMBERSHIP_PART = /* GraphQL */ `query DirectoryMembershipPart {
  organizations(filter: { pillar: PRIVATE_SECURITY_COMPANY }, first: 20) {
    edges { node { __typename id name membershipStatus pillar certificationDeadline statusHistory { status category effectiveFrom } } }
  }
}`;
const MEMBERSHIP_LIST = /* GraphQL */ `query MembershipList {
  organizations(first: 20) { edges { node { id name pillar membershipStatus memberSince } } }
}`;
const VERIFY_ONE = /* GraphQL */ `query VerifyOne {
  verifyMembers(names: ["Aegis Meridian"]) { query matched matches { matchedName exactMatch result { organizationName standing certificationStatus } } }
}`;
const VERIFY_ONE_DIRECT = /* GraphQL */ `query VerifyOneDirect {
  verifyMembers(names: ["Aegis Meridian"]) { query matched matches { matchedName exactMatch result { organizationName membershipStatus } } }
}`;
const VERIFY_ONE_RECEIPT = /* GraphQL */ `query VerifyOneWithReceipt {
  verifyMembers(names: ["Aegis Meridian"]) { matches { result { standing receipt } } }
}`;
const VERIFY_HUNDRED_RECEIPTS = /* GraphQL */ `query VerifyHundred($names: [String!]) {
  verifyMembers(names: $names) { matches { result { standing receipt } } }
}`;

const TOKEN_DIRECTORY = 'directory (3 subgraphs), partner token';
const TOKEN_VERIFY = 'verifyMembers one name, partner token';
/** The four processes whose CPU is read per request: the uncached gateway and the three subgraphs. */
const PROCESSES = ['gateway', 'membership', 'certification', 'complaints'] as const;
type ProcessName = (typeof PROCESSES)[number];

/** CPU milliseconds per request of each process, over one measured window. */
interface CpuPerRequest {
  operation: string;
  requests: number;
  perRequestMs: Record<ProcessName, number>;
  /** CPU the idle cached gateway used over the same window, in ms (should be next to nothing). */
  idleGatewayMs?: number;
}

/** A window hook that reads the CPU time of `pids` before and after, and records it per request. */
function cpuWindow(operation: string, pids: Record<ProcessName, number>, ticks: number, out: CpuPerRequest[], idlePid?: number): Target['window'] {
  let before: Record<string, number> = {};
  const read = (): Record<string, number> => ({
    ...Object.fromEntries(PROCESSES.map((name) => [name, cpuTimeMs(pids[name], ticks)])),
    ...(idlePid ? { idle: cpuTimeMs(idlePid, ticks) } : {}),
  });
  return {
    start: () => {
      before = read();
    },
    stop: (requests) => {
      const after = read();
      const per = (name: string) => (requests > 0 ? (after[name] - before[name]) / requests : Number.NaN);
      out.push({
        operation,
        requests,
        perRequestMs: Object.fromEntries(PROCESSES.map((name) => [name, per(name)])) as Record<ProcessName, number>,
        ...(idlePid ? { idleGatewayMs: after.idle - before.idle } : {}),
      });
    },
  };
}

/** CPU each process uses with no request at all (its background jobs), in ms per second, over `seconds`. */
async function idleCpu(pids: Record<ProcessName, number>, ticks: number, seconds: number): Promise<Record<ProcessName, number>> {
  const before = PROCESSES.map((name) => cpuTimeMs(pids[name], ticks));
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return Object.fromEntries(PROCESSES.map((name, i) => [name, (cpuTimeMs(pids[name], ticks) - before[i]) / seconds])) as Record<ProcessName, number>;
}

function cpuTable(rows: CpuPerRequest[], ticks: number, idle?: Record<ProcessName, number>): string[] {
  const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–');
  return [
    `CPU per request (user + system from /proc/<pid>/stat, ${ticks} ticks/s, over each measured window), response caches off (uncached gateway):`,
    '',
    '| operation | requests | gateway ms | membership ms | certification ms | complaints ms | subgraphs together ms |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.operation} | ${r.requests.toLocaleString('en-GB')} | ${ms(r.perRequestMs.gateway)} | ${ms(r.perRequestMs.membership)} | ${ms(r.perRequestMs.certification)} | ${ms(r.perRequestMs.complaints)} | ${ms(r.perRequestMs.membership + r.perRequestMs.certification + r.perRequestMs.complaints)} |`,
    ),
    ...(rows.some((r) => r.idleGatewayMs !== undefined)
      ? ['', `The cached gateway, idle meanwhile, used ${rows.map((r) => `${Math.round(r.idleGatewayMs ?? 0)} ms`).join(', ')} of CPU over these windows.`]
      : []),
    ...(idle
      ? [
          `With no request at all (background jobs), before the rows: ${PROCESSES.map((name) => `${name} ${idle[name].toFixed(1)}`).join(', ')} ms of CPU per second; ` +
            'the figures above include that share, divided among the window\'s requests.',
        ]
      : []),
  ];
}

async function redisAnswers(url: string): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function main(): Promise<void> {
  const settings = options(process.argv.slice(2));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'icoca-bench-'));
  const children: ChildProcess[] = [];
  let identity: BenchIdentity | undefined;
  const stopAll = async () => {
    const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
    await Promise.all(
      running.map(
        (child) =>
          new Promise((resolve) => {
            // A service that does not stop within its grace period is a bug: say so, then make sure.
            const overdue = setTimeout(() => {
              process.stderr.write(`process ${child.pid} did not stop on SIGTERM within 15 s; killing it\n`);
              child.kill('SIGKILL');
            }, 15_000);
            child.once('exit', () => {
              clearTimeout(overdue);
              resolve(undefined);
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll().then(() => process.exit(130)));
  try {
    const ports = { membership: 4101, certification: 4102, complaints: 4103, uncached: 4100, cached: 4110 };
    await assertPortsFree([...Object.values(ports), 4199]);
    const secrets = freshGatewaySecrets();
    // Tokens as production's provider issues them (RS256 from a key set): every process verifies them.
    identity = await startBenchIdentity();
    const base = { LOG_LEVEL: 'warn', DATA_DIR: dataDir, ...identity.settings };
    const subgraphUrls: Record<string, string> = {};
    // With --profile, every process writes a CPU profile of its own when it stops.
    const profileArgs = (service: string) =>
      settings.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(settings.profile, service)] : [];
    // The subgraphs on the embedded database with its sample data (production would refuse SQLite);
    // with an issuer set, they verify tokens as production does.
    const subgraphBase = { ...base, NODE_ENV: 'test', SAMPLE_DATA: 'true', ...secrets };
    for (const { definition } of SUBGRAPHS) {
      const port = ports[definition.name as keyof typeof ports];
      subgraphUrls[`${definition.name.toUpperCase()}_URL`] = `http://localhost:${port}/graphql`;
    }
    const pids: Partial<Record<ProcessName, number>> = {};
    for (const { definition, main: script } of SUBGRAPHS) {
      const port = ports[definition.name as keyof typeof ports];
      const child = spawnService(
        script,
        {
          ...subgraphBase,
          ...subgraphUrls,
          PORT: String(port),
          GATEWAY_SECRET: secrets[`${definition.name.toUpperCase()}_GATEWAY_SECRET`],
        },
        'inherit',
        profileArgs(definition.name),
      );
      children.push(child);
      pids[definition.name as ProcessName] = child.pid!;
      await waitUntilHealthy(`http://localhost:${port}/health`, definition.name);
    }
    const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const redis = (await redisAnswers(redisUrl)) ? redisUrl : undefined;
    // The gateway exactly as in production, checking tokens against the benchmark's identity provider.
    const gatewayBase = {
      ...base,
      NODE_ENV: 'production',
      ...secrets,
      ...subgraphUrls,
      // The production limiter, its limits above the load.
      RATE_LIMIT_PUBLIC_READS: '100000000',
      RATE_LIMIT_PUBLIC_MUTATIONS: '100000000',
      RATE_LIMIT_AUTHENTICATED: '100000000',
      ...(redis ? { RATE_LIMIT_REDIS_URL: redis } : {}),
    };
    const uncachedGateway = spawnService('gateway/src/main', { ...gatewayBase, PORT: String(ports.uncached), RESPONSE_CACHE: 'false' }, 'inherit', profileArgs('gateway'));
    children.push(uncachedGateway);
    pids.gateway = uncachedGateway.pid!;
    await waitUntilHealthy(`http://localhost:${ports.uncached}/health`, 'gateway');
    const cachedGateway = settings.profile || settings.cpuOnly
      ? undefined
      : spawnService('gateway/src/main', { ...gatewayBase, PORT: String(ports.cached), RESPONSE_CACHE: 'true' });
    if (cachedGateway) {
      children.push(cachedGateway);
      await waitUntilHealthy(`http://localhost:${ports.cached}/health`, 'gateway (cached)');
    }

    const gateway = `http://localhost:${ports.uncached}/graphql`;
    const cached = `http://localhost:${ports.cached}/graphql`;
    const membership = `http://localhost:${ports.membership}/graphql`;
    const direct = { 'x-gateway-secret': secrets.MEMBERSHIP_GATEWAY_SECRET };
    const preflight = { 'apollo-require-preflight': 'true' };
    // A partner's token; renewed before each row, as a client renews its 15-minute token.
    const withToken = async (target: Target): Promise<Target> => {
      if (target.headers.authorization) target.headers.authorization = `Bearer ${await identity!.partnerToken()}`;
      return target;
    };
    const token = { authorization: 'Bearer (signed before each row)' };
    const postWith = (query: string, headers: Record<string, string>, variables?: Record<string, unknown>) => {
      const request = post(query, variables);
      return { body: request.body, headers: { ...request.headers, ...headers } };
    };
    const ticks = clockTicksPerSecond();
    const cpu: CpuPerRequest[] = [];
    const processIds = pids as Record<ProcessName, number>;
    const cpuOf = (operation: string) => cpuWindow(operation, processIds, ticks, cpu, cachedGateway?.pid);

    if (settings.profile || settings.cpuOnly) {
      await runProfile(settings, { ...postWith(DIRECTORY, token), url: gateway }, withToken, cpuOf, processIds, async () => {
        await stopAll();
        children.length = 0;
      });
      process.stdout.write(`${cpuTable(cpu, ticks).join('\n')}\n`);
      return;
    }

    // The sample companies' names in turn: most match, some several organizations, each match with a receipt.
    const sampleNames = ['Aegis Meridian', 'Bastion Shield', 'Cordillera', 'Dunmore Maritime', 'Eclat Securite', 'Falcon Ridge',
      'Garrison Point', 'Harbourline', 'Ironwood', 'Jadeport', 'Kestrel Guarding', 'Lindqvist', 'Nordhavn'];
    const hundredNames = Array.from({ length: 100 }, (_, i) => sampleNames[i % sampleNames.length]);
    const targets: Target[] = [
      { operation: 'membership list of 20', path: 'membership subgraph, direct', url: membership, method: 'POST', ...postWith(MEMBERSHIP_LIST, direct) },
      { operation: 'membership list of 20', path: 'gateway, uncached (POST)', url: gateway, method: 'POST', ...post(MEMBERSHIP_LIST) },
      { operation: 'public directory (3 subgraphs)', path: 'gateway, uncached (POST)', url: gateway, method: 'POST', ...post(DIRECTORY), window: cpuOf('public directory (3 subgraphs), anonymous') },
      { operation: 'public directory (3 subgraphs)', path: 'gateway, cached (GET)', url: getUrl(cached, DIRECTORY), method: 'GET', headers: preflight },
      { operation: TOKEN_DIRECTORY, path: 'membership subgraph alone (its part), direct', url: membership, method: 'POST', ...postWith(DIRECTORY_MEMBERSHIP_PART, { ...direct, ...token }) },
      { operation: TOKEN_DIRECTORY, path: 'gateway, uncached (POST)', url: gateway, method: 'POST', ...postWith(DIRECTORY, token), window: cpuOf(TOKEN_DIRECTORY) },
      { operation: TOKEN_DIRECTORY, path: 'gateway, cached (POST)', url: cached, method: 'POST', ...postWith(DIRECTORY, token) },
      { operation: 'verifyMembers, one name', path: 'membership subgraph, direct', url: membership, method: 'POST', ...postWith(VERIFY_ONE_DIRECT, direct) },
      { operation: 'verifyMembers, one name', path: 'gateway, uncached (POST)', url: gateway, method: 'POST', ...post(VERIFY_ONE) },
      { operation: 'verifyMembers, one name', path: 'gateway, cached (GET)', url: getUrl(cached, VERIFY_ONE), method: 'GET', headers: preflight },
      { operation: TOKEN_VERIFY, path: 'membership subgraph alone, direct', url: membership, method: 'POST', ...postWith(VERIFY_ONE_DIRECT, { ...direct, ...token }) },
      { operation: TOKEN_VERIFY, path: 'gateway, uncached (POST)', url: gateway, method: 'POST', ...postWith(VERIFY_ONE, token), window: cpuOf(TOKEN_VERIFY) },
      { operation: TOKEN_VERIFY, path: 'gateway, cached (POST)', url: cached, method: 'POST', ...postWith(VERIFY_ONE, token) },
      { operation: 'verifyMembers, one name, receipt', path: 'gateway (never cached)', url: gateway, method: 'POST', ...post(VERIFY_ONE_RECEIPT) },
      { operation: 'verifyMembers, 100 names, receipts', path: 'gateway (never cached)', url: gateway, method: 'POST', ...post(VERIFY_HUNDRED_RECEIPTS, { names: hundredNames }), connections: 4 },
    ];
    // Each answer is checked once before it is measured, with its token: a benchmark of errors measures nothing.
    for (const target of targets) await checkAnswers(await withToken(target));
    const idle = await idleCpu(processIds, ticks, 3);
    const results: Result[] = [];
    for (const target of targets) {
      process.stderr.write(`measuring ${target.operation} — ${target.path} ...\n`);
      results.push(await measure(await withToken(target), settings));
    }
    const machine = machineLine();
    const rps = (operation: string, pathPrefix: string) => results.find((r) => r.operation === operation && r.path.startsWith(pathPrefix))?.rps ?? 0;
    const ratio = (operation: string) => {
      const alone = rps(operation, 'membership subgraph');
      const times = (value: number) => (alone ? `${(value / alone).toFixed(2)}×` : '–');
      return `- ${operation}: cached gateway ${rps(operation, 'gateway, cached').toLocaleString('en-GB')} rps = ${times(rps(operation, 'gateway, cached'))}, uncached gateway ${rps(operation, 'gateway, uncached').toLocaleString('en-GB')} rps = ${times(rps(operation, 'gateway, uncached'))} of membership alone (${alone.toLocaleString('en-GB')} rps)`;
    };
    const lines = [
      `Machine: ${machine}`,
      `autocannon, ${settings.duration} s per row after a ${settings.warmup} s warm-up; rate limiter in the path${redis ? ` with counters in Redis (${redis})` : ' (per process: no Redis answered)'}; ` +
        'partner tokens RS256 from a key set, verified by every process',
      '',
      '| operation | path | connections | rps | p50 ms | p99 ms | errors |',
      '|---|---|---|---|---|---|---|',
      ...results.map((r) => `| ${r.operation} | ${r.path} | ${r.connections} | ${r.rps.toLocaleString('en-GB')} | ${r.p50} | ${r.p99} | ${r.errors} |`),
      '',
      'With a partner token, against the membership subgraph alone (target: at least 0.6× with caches on):',
      ratio(TOKEN_DIRECTORY),
      ratio(TOKEN_VERIFY),
      '',
      ...cpuTable(cpu, ticks, idle),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (settings.json) writeFileSync(settings.json, JSON.stringify({ machine, redis: Boolean(redis), results, cpuPerRequest: cpu, idleCpuMsPerSecond: idle }, null, 2));
  } finally {
    await stopAll();
    await identity?.stop();
  }
}

/**
 * `--profile DIR`: the token directory alone on the uncached gateway for `--duration` seconds, then every
 * process stopped (SIGTERM: Node writes its profile as it exits) and each profile summarised over the
 * measured window.
 */
async function runProfile(
  settings: Options,
  request: { url: string; body: string; headers: Record<string, string> },
  withToken: (target: Target) => Promise<Target>,
  cpuOf: (operation: string) => Target['window'],
  pids: Record<ProcessName, number>,
  stopProcesses: () => Promise<void>,
): Promise<void> {
  const cpuWindowHook = cpuOf(`${TOKEN_DIRECTORY}${settings.profile ? ' (profiled)' : ''}`)!;
  const window = { fromMicros: 0, toMicros: 0 };
  const nowMicros = () => Number(process.hrtime.bigint() / 1000n);
  const target: Target = {
    operation: TOKEN_DIRECTORY,
    path: `gateway, uncached (POST)${settings.profile ? ', profiled' : ''}`,
    method: 'POST',
    ...request,
    window: {
      start: () => {
        window.fromMicros = nowMicros();
        cpuWindowHook.start();
      },
      stop: (requests) => {
        cpuWindowHook.stop(requests);
        window.toMicros = nowMicros();
      },
    },
  };
  await checkAnswers(await withToken(target));
  process.stderr.write(`${settings.profile ? 'profiling' : 'measuring'} ${target.operation} — ${target.path} for ${settings.duration} s ...\n`);
  const result = await measure(await withToken(target), settings);
  await stopProcesses();
  if (!settings.profile) {
    process.stdout.write(`${TOKEN_DIRECTORY} through the uncached gateway: ${result.rps.toLocaleString('en-GB')} rps, ${result.errors} errors\n`);
    return;
  }
  const dir = path.resolve(settings.profile);
  const sections = [
    `CPU profiles in ${dir}; ${TOKEN_DIRECTORY} through the uncached gateway: ${result.rps.toLocaleString('en-GB')} rps, ` +
      `${result.requests.toLocaleString('en-GB')} requests in ${settings.duration} s, ${result.errors} errors. Self time by function, busy samples only:`,
  ];
  for (const name of PROCESSES) {
    const profile = readProfileIn(path.join(dir, name), pids[name]);
    if (!profile) throw new Error(`${name} wrote no CPU profile into ${path.join(dir, name)}`);
    sections.push('', formatSummary(name, summariseProfile(profile, { root: COMPILED_FOLDER, top: 15, window })));
  }
  process.stdout.write(`${sections.join('\n')}\n\n`);
}

const argv = process.argv.slice(2);
(argv.includes('--import')
  ? runImportBench(argv)
  : argv.includes('--organizations')
    ? runScaleBench(argv)
    : argv.includes('--against')
      ? runSideBySide(argv, DIRECTORY)
      : main()
).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
