import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SUBGRAPHS } from '../services/subgraphs';
import { checkAnswers, machineLine, measure, post, type Target } from './autocannon-runs';
import { startBenchIdentity, type BenchIdentity } from './bench-identity';
import { assertPortsFree, clockTicksPerSecond, COMPILED_FOLDER, cpuTimeMs, freshGatewaySecrets, spawnService, waitUntilHealthy } from './processes';

/**
 * `npm run bench -- --against DIR`: this build and a reference build (DIR: another checkout, compiled with
 * `npm run build`) run side by side, and the token directory's CPU per request is measured on each in turn,
 * round after round (A B, B A, ...). On a shared machine whose speed drifts by tens of percent from minute to
 * minute, two runs one after the other compare the machine's moods as much as the builds; interleaved short
 * rounds give both builds the same moods.
 */

const PROCESSES = ['gateway', 'membership', 'certification', 'complaints'] as const;
type ProcessName = (typeof PROCESSES)[number];
const SUBGRAPH_PROCESSES = ['membership', 'certification', 'complaints'] as const;

interface SideBySideOptions {
  against: string;
  rounds: number;
  duration: number;
  warmup: number;
  connections: number;
}

function sideBySideOptions(argv: string[]): SideBySideOptions {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const against = path.resolve(value('against') ?? '');
  if (!existsSync(path.join(against, 'dist', 'gateway', 'src', 'main.js'))) {
    throw new Error(`--against ${against}: no compiled build there (run \`npm ci && npm run build\` in it first)`);
  }
  return {
    against: path.join(against, 'dist'),
    rounds: Number(value('rounds') ?? 6),
    duration: Number(value('duration') ?? 5),
    warmup: Number(value('warmup') ?? 10),
    connections: Number(value('connections') ?? 16),
  };
}

/** One build's processes: three subgraphs and an uncached gateway, as the benchmark starts them. */
interface RunningBuild {
  label: string;
  gatewayUrl: string;
  pids: Record<ProcessName, number>;
  /** CPU ms each process used over all measured rounds, and the requests those rounds served. */
  cpuMs: Record<ProcessName, number>;
  requests: number;
  /** Subgraphs' CPU per request of each round. */
  perRound: number[];
}

/** Runs the side-by-side comparison; `directory` is the benchmark's directory operation. */
export async function runSideBySide(argv: string[], directory: string): Promise<void> {
  const settings = sideBySideOptions(argv);
  const children: ChildProcess[] = [];
  const dataDirs: string[] = [];
  let identity: BenchIdentity | undefined;
  const stopAll = async () => {
    await Promise.all(
      children
        .filter((child) => child.exitCode === null && child.signalCode === null)
        .map((child) => new Promise((resolve) => {
          const overdue = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(overdue);
            resolve(undefined);
          });
          child.kill('SIGTERM');
        })),
    );
    await identity?.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ports = { this: 4100, reference: 4200 };
    await assertPortsFree([...[0, 1, 2, 3].flatMap((i) => [ports.this + i, ports.reference + i]), 4199]);
    identity = await startBenchIdentity();
    const start = async (label: string, root: string, firstPort: number): Promise<RunningBuild> => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'icoca-bench-'));
      dataDirs.push(dataDir);
      const secrets = freshGatewaySecrets();
      const base = { LOG_LEVEL: 'warn', DATA_DIR: dataDir, ...identity!.settings };
      const urls: Record<string, string> = {};
      SUBGRAPHS.forEach(({ definition }, i) => {
        urls[`${definition.name.toUpperCase()}_URL`] = `http://localhost:${firstPort + 1 + i}/graphql`;
      });
      const pids: Partial<Record<ProcessName, number>> = {};
      for (const [i, { definition, main }] of SUBGRAPHS.entries()) {
        const port = firstPort + 1 + i;
        const child = spawnService(
          main,
          {
            ...base, NODE_ENV: 'test', SAMPLE_DATA: 'true', ...secrets, ...urls, PORT: String(port),
            GATEWAY_SECRET: secrets[`${definition.name.toUpperCase()}_GATEWAY_SECRET`],
          },
          'inherit',
          [],
          root,
        );
        children.push(child);
        pids[definition.name as ProcessName] = child.pid!;
        await waitUntilHealthy(`http://localhost:${port}/health`, `${label} ${definition.name}`);
      }
      const gateway = spawnService(
        'gateway/src/main',
        {
          ...base, NODE_ENV: 'production', ...secrets, ...urls, PORT: String(firstPort), RESPONSE_CACHE: 'false',
          RATE_LIMIT_PUBLIC_READS: '100000000', RATE_LIMIT_PUBLIC_MUTATIONS: '100000000', RATE_LIMIT_AUTHENTICATED: '100000000',
        },
        'inherit',
        [],
        root,
      );
      children.push(gateway);
      pids.gateway = gateway.pid!;
      await waitUntilHealthy(`http://localhost:${firstPort}/health`, `${label} gateway`);
      const zero = Object.fromEntries(PROCESSES.map((name) => [name, 0])) as Record<ProcessName, number>;
      return { label, gatewayUrl: `http://localhost:${firstPort}/graphql`, pids: pids as Record<ProcessName, number>, cpuMs: zero, requests: 0, perRound: [] };
    };
    const builds = [await start('this build', COMPILED_FOLDER, ports.this), await start('reference', settings.against, ports.reference)];
    const ticks = clockTicksPerSecond();
    const target = async (build: RunningBuild): Promise<Target> => {
      const request = post(directory);
      return {
        operation: 'directory (3 subgraphs), partner token',
        path: `${build.label}, uncached gateway`,
        url: build.gatewayUrl,
        method: 'POST',
        body: request.body,
        headers: { ...request.headers, authorization: `Bearer ${await identity!.partnerToken()}` },
      };
    };
    for (const build of builds) {
      await checkAnswers(await target(build));
      process.stderr.write(`warming up ${build.label} for ${settings.warmup} s ...\n`);
      await measure(await target(build), { connections: settings.connections, duration: settings.warmup, warmup: 0 });
    }
    for (let round = 0; round < settings.rounds; round += 1) {
      for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
        const read = () => Object.fromEntries(PROCESSES.map((name) => [name, cpuTimeMs(build.pids[name], ticks)])) as Record<ProcessName, number>;
        let before = read();
        const measured = await measure(
          { ...(await target(build)), window: { start: () => (before = read()), stop: () => undefined } },
          { connections: settings.connections, duration: settings.duration, warmup: 1 },
        );
        const after = read();
        for (const name of PROCESSES) build.cpuMs[name] += after[name] - before[name];
        build.requests += measured.requests;
        build.perRound.push(SUBGRAPH_PROCESSES.reduce((sum, name) => sum + after[name] - before[name], 0) / measured.requests);
        process.stderr.write(`round ${round + 1} ${build.label}: ${measured.rps} rps, subgraphs ${build.perRound.at(-1)!.toFixed(2)} ms/request\n`);
      }
    }
    await stopAll();
    process.stdout.write(`${sideBySideTable(builds, settings, ticks).join('\n')}\n`);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function sideBySideTable(builds: RunningBuild[], settings: SideBySideOptions, ticks: number): string[] {
  const [current, reference] = builds;
  const per = (build: RunningBuild, name: ProcessName) => build.cpuMs[name] / build.requests;
  const subgraphs = (build: RunningBuild) => SUBGRAPH_PROCESSES.reduce((sum, name) => sum + per(build, name), 0);
  const roundRatios = current.perRound.map((value, i) => value / reference.perRound[i]).sort((a, b) => a - b);
  const median = roundRatios[Math.floor(roundRatios.length / 2)];
  const row = (build: RunningBuild) =>
    `| ${build.label} | ${build.requests.toLocaleString('en-GB')} | ${PROCESSES.map((name) => per(build, name).toFixed(2)).join(' | ')} | ${subgraphs(build).toFixed(2)} |`;
  return [
    `Machine: ${machineLine()}`,
    `Token directory through the uncached gateway, ${settings.connections} connections, ${settings.rounds} rounds of ${settings.duration} s per build, ` +
      `taken in turn (A B, B A, ...); reference: ${settings.against}. CPU per request from /proc/<pid>/stat (${ticks} ticks/s).`,
    '',
    '| build | requests | gateway ms | membership ms | certification ms | complaints ms | subgraphs together ms |',
    '|---|---|---|---|---|---|---|',
    row(current),
    row(reference),
    '',
    `Subgraphs' CPU per request, this build over the reference: ${(subgraphs(current) / subgraphs(reference)).toFixed(2)}× over all rounds; ` +
      `per round ${roundRatios.map((r) => r.toFixed(2)).join(', ')} (median ${median.toFixed(2)}×).`,
  ];
}
