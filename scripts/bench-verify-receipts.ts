import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadGatewayConfig } from '../gateway/src/config';
import { startGateway } from '../gateway/src/gateway';
import { loadSubgraphConfig, startSubgraph, type RunningSubgraph } from '../services/shared/src';
import { SUBGRAPHS } from '../services/subgraphs';

/**
 * `npm run bench:verify-receipts`: how long `verifyMembers` takes for 100 names with receipts, through
 * the gateway, every process in this one (as the tests run them) on the embedded database with the
 * sample data. Prints the median and the 90th percentile of BENCH_RUNS sequential requests (default 40)
 * after a warm-up. Compare builds side by side on the same machine: absolute numbers mean little.
 */
const VERIFY = /* GraphQL */ `
  query BenchVerify($names: [String!], $asOf: Date) {
    verifyMembers(names: $names, asOf: $asOf) {
      query matched
      matches { exactMatch matchedName result { organizationId organizationName asOf standing membershipStatus certificationStatus receipt } }
    }
  }
`;

const NAMES = [
  'Aegis Meridian', 'Bastion Shield', 'Cordillera', 'Dunmore Maritime', 'Eclat Securite', 'Falcon Ridge',
  'Garrison Point', 'Harbourline', 'Ironwood', 'Jadeport', 'Kestrel Guarding', 'Lindqvist', 'Nordhavn',
];

/** The value below which `share` of the sorted samples lie. */
function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 40);
  const warmUp = Number(process.env.BENCH_WARM_UP ?? 5);
  const folder = mkdtempSync(path.join(tmpdir(), 'icoca-bench-'));
  const subgraphs: RunningSubgraph[] = [];
  const secrets: Record<string, string> = {};
  const urls: Record<string, string> = {};
  try {
    for (const { definition } of SUBGRAPHS) {
      secrets[definition.name] = `bench-gateway-secret-${definition.name}`;
      const env: Record<string, string> = {
        NODE_ENV: 'test',
        PORT: '0',
        DATA_DIR: folder,
        SAMPLE_DATA: 'true',
        GATEWAY_SECRET: secrets[definition.name],
        LOG_LEVEL: 'warn',
      };
      // As in production, a subgraph that asks another one knows its URL and secret.
      for (const [name, url] of Object.entries(urls)) {
        env[`${name.toUpperCase()}_URL`] = url;
        env[`${name.toUpperCase()}_GATEWAY_SECRET`] = secrets[name];
      }
      const running = await startSubgraph(definition, loadSubgraphConfig(definition.name, 0, env));
      subgraphs.push(running);
      urls[definition.name] = running.url;
    }
    const gatewayEnv: Record<string, string> = { NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'warn' };
    for (const [name, url] of Object.entries(urls)) {
      gatewayEnv[`${name.toUpperCase()}_URL`] = url;
      gatewayEnv[`${name.toUpperCase()}_GATEWAY_SECRET`] = secrets[name];
    }
    const gateway = await startGateway(loadGatewayConfig(gatewayEnv));
    try {
      const names = Array.from({ length: 100 }, (_, i) => NAMES[i % NAMES.length]);
      const once = async (): Promise<number> => {
        const started = performance.now();
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: VERIFY, variables: { names, asOf: '2026-03-01' } }),
        });
        const body = (await response.json()) as { data?: { verifyMembers: { matches: { result: { receipt: string } }[] }[] }; errors?: unknown[] };
        const elapsed = performance.now() - started;
        const receipts = body.data?.verifyMembers.flatMap((v) => v.matches.map((m) => m.result.receipt)) ?? [];
        if (body.errors?.length || receipts.length < 100 || receipts.some((r) => !r)) {
          throw new Error(`verifyMembers failed: ${JSON.stringify(body.errors ?? 'missing receipts')}`);
        }
        return elapsed;
      };
      for (let i = 0; i < warmUp; i += 1) await once();
      const samples: number[] = [];
      for (let i = 0; i < runs; i += 1) samples.push(await once());
      samples.sort((a, b) => a - b);
      process.stdout.write(
        `${JSON.stringify({
          benchmark: 'verifyMembers, 100 names with receipts',
          runs,
          medianMs: Number(percentile(samples, 0.5).toFixed(1)),
          p90Ms: Number(percentile(samples, 0.9).toFixed(1)),
          minMs: Number(samples[0].toFixed(1)),
        })}\n`,
      );
    } finally {
      await gateway.stop();
    }
  } finally {
    for (const running of subgraphs) await running.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
