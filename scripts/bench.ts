import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SUBGRAPHS } from '../services/subgraphs';
import { checkAnswers, getUrl, machineLine, measure, post, type Result, type Target } from './autocannon-runs';
import { runImportBench } from './bench-import';
import { runScaleBench } from './bench-scale';
import { freshGatewaySecrets, spawnService, waitUntilHealthy } from './processes';

/**
 * `npm run bench [-- --duration 10 --connections 16 --json results.json]`: the stack as production
 * runs it (one compiled process per service, on the embedded database with the sample data, the
 * rate limiter in the path with its limits above the load, in Redis when one answers at
 * BENCH_REDIS_URL, default redis://127.0.0.1:6379), measured with autocannon. For each operation:
 * throughput and p99 latency through the gateway, uncached and cached, beside the subgraph asked
 * directly where one subgraph answers it alone.
 */

interface Options {
  duration: number;
  connections: number;
  json?: string;
}

function options(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    duration: Number(value('duration') ?? 10),
    connections: Number(value('connections') ?? 16),
    json: value('json'),
  };
}

const DIRECTORY = /* GraphQL */ `query Directory {
  organizations(filter: { pillar: PRIVATE_SECURITY_COMPANY }, first: 20) {
    edges { node { id name membershipStatus standing certificationStatus complaintStatistics { total { value fewerThan } asOf } } }
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
    const secrets = freshGatewaySecrets();
    const base = { LOG_LEVEL: 'warn', DATA_DIR: dataDir };
    const ports = { membership: 4101, certification: 4102, complaints: 4103, uncached: 4100, cached: 4110 };
    const subgraphUrls: Record<string, string> = {};
    // The subgraphs on the embedded database with its sample data (production would refuse SQLite).
    const subgraphBase = { ...base, NODE_ENV: 'test', SAMPLE_DATA: 'true', ...secrets };
    for (const { definition } of SUBGRAPHS) {
      const port = ports[definition.name as keyof typeof ports];
      subgraphUrls[`${definition.name.toUpperCase()}_URL`] = `http://localhost:${port}/graphql`;
    }
    for (const { definition, main: script } of SUBGRAPHS) {
      const port = ports[definition.name as keyof typeof ports];
      children.push(
        spawnService(script, {
          ...subgraphBase,
          ...subgraphUrls,
          PORT: String(port),
          GATEWAY_SECRET: secrets[`${definition.name.toUpperCase()}_GATEWAY_SECRET`],
        }),
      );
      await waitUntilHealthy(`http://localhost:${port}/health`, definition.name);
    }
    const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const redis = (await redisAnswers(redisUrl)) ? redisUrl : undefined;
    // The gateway exactly as in production. Its identity provider is never asked: every request is anonymous.
    const gatewayBase = {
      ...base,
      NODE_ENV: 'production',
      AUTH_ISSUER: 'https://id.bench.example/realms/icoca',
      AUTH_AUDIENCE: 'icoca-graph',
      AUTH_ROLE_CLAIM: 'realm_access.roles',
      AUTH_ROLE_MAP: 'icoca-partner=partner',
      ...secrets,
      ...subgraphUrls,
      // The production limiter, its limits above the load.
      RATE_LIMIT_PUBLIC_READS: '100000000',
      RATE_LIMIT_PUBLIC_MUTATIONS: '100000000',
      RATE_LIMIT_AUTHENTICATED: '100000000',
      ...(redis ? { RATE_LIMIT_REDIS_URL: redis } : {}),
    };
    children.push(spawnService('gateway/src/main', { ...gatewayBase, PORT: String(ports.uncached), RESPONSE_CACHE: 'false' }));
    children.push(spawnService('gateway/src/main', { ...gatewayBase, PORT: String(ports.cached), RESPONSE_CACHE: 'true' }));
    await waitUntilHealthy(`http://localhost:${ports.uncached}/health`, 'gateway');
    await waitUntilHealthy(`http://localhost:${ports.cached}/health`, 'gateway (cached)');

    const gateway = `http://localhost:${ports.uncached}/graphql`;
    const cachedGateway = `http://localhost:${ports.cached}/graphql`;
    const membership = `http://localhost:${ports.membership}/graphql`;
    const direct = { 'x-gateway-secret': secrets.MEMBERSHIP_GATEWAY_SECRET };
    const preflight = { 'apollo-require-preflight': 'true' };
    // The sample companies' names in turn: most match, some several organizations, each match with a receipt.
    const sampleNames = ['Aegis Meridian', 'Bastion Shield', 'Cordillera', 'Dunmore Maritime', 'Eclat Securite', 'Falcon Ridge',
      'Garrison Point', 'Harbourline', 'Ironwood', 'Jadeport', 'Kestrel Guarding', 'Lindqvist', 'Nordhavn'];
    const hundredNames = Array.from({ length: 100 }, (_, i) => sampleNames[i % sampleNames.length]);
    const targets: Target[] = [
      { operation: 'membership list of 20', path: 'membership subgraph, direct', url: membership, method: 'POST', ...post(MEMBERSHIP_LIST), headers: { ...post(MEMBERSHIP_LIST).headers, ...direct } },
      { operation: 'membership list of 20', path: 'gateway, uncached (POST)', url: gateway, method: 'POST', ...post(MEMBERSHIP_LIST) },
      { operation: 'public directory (3 subgraphs)', path: 'gateway, uncached (POST)', url: gateway, method: 'POST', ...post(DIRECTORY) },
      { operation: 'public directory (3 subgraphs)', path: 'gateway, cached (GET)', url: getUrl(cachedGateway, DIRECTORY), method: 'GET', headers: preflight },
      { operation: 'verifyMembers, one name', path: 'membership subgraph, direct', url: membership, method: 'POST', ...post(VERIFY_ONE_DIRECT), headers: { ...post(VERIFY_ONE_DIRECT).headers, ...direct } },
      { operation: 'verifyMembers, one name', path: 'gateway, uncached (POST)', url: gateway, method: 'POST', ...post(VERIFY_ONE) },
      { operation: 'verifyMembers, one name', path: 'gateway, cached (GET)', url: getUrl(cachedGateway, VERIFY_ONE), method: 'GET', headers: preflight },
      { operation: 'verifyMembers, one name, receipt', path: 'gateway (never cached)', url: gateway, method: 'POST', ...post(VERIFY_ONE_RECEIPT) },
      { operation: 'verifyMembers, 100 names, receipts', path: 'gateway (never cached)', url: gateway, method: 'POST', ...post(VERIFY_HUNDRED_RECEIPTS, { names: hundredNames }), connections: 4 },
    ];
    // Each answer is checked once before it is measured: a benchmark of errors measures nothing.
    for (const target of targets) await checkAnswers(target);
    const results: Result[] = [];
    for (const target of targets) {
      process.stderr.write(`measuring ${target.operation} — ${target.path} ...\n`);
      results.push(await measure(target, settings));
    }
    const machine = machineLine();
    const lines = [
      `Machine: ${machine}`,
      `autocannon, ${settings.duration} s per row after a 2 s warm-up; rate limiter in the path${redis ? ` with counters in Redis (${redis})` : ' (per process: no Redis answered)'}`,
      '',
      '| operation | path | connections | rps | p50 ms | p99 ms | errors |',
      '|---|---|---|---|---|---|---|',
      ...results.map((r) => `| ${r.operation} | ${r.path} | ${r.connections} | ${r.rps.toLocaleString('en-GB')} | ${r.p50} | ${r.p99} | ${r.errors} |`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (settings.json) writeFileSync(settings.json, JSON.stringify({ machine, redis: Boolean(redis), results }, null, 2));
  } finally {
    await stopAll();
  }
}

const argv = process.argv.slice(2);
(argv.includes('--import') ? runImportBench(argv) : argv.includes('--organizations') ? runScaleBench(argv) : main()).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
