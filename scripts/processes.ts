import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SUBGRAPHS } from '../services/subgraphs';

/** The compiled tree this script runs from (`dist/`, or a test's own build folder). */
const COMPILED_ROOT = path.resolve(__dirname, '..');

/** Loaded before a service's own code (`--require`): starts tracing when an OTLP endpoint is set. */
export const TELEMETRY_PRELOAD = 'services/shared/src/telemetry/preload';

/**
 * Starts a compiled service (`services/membership/src/main`, `gateway/src/main`) as a process of its own.
 * `nodeArgs` go to Node before the script (the benchmark's `--cpu-prof --cpu-prof-dir ...`).
 */
export function spawnService(
  script: string,
  env: NodeJS.ProcessEnv,
  stdio: 'inherit' | 'ignore' = 'inherit',
  nodeArgs: readonly string[] = [],
  /** Another compiled tree to start the service from (the side-by-side benchmark's reference build). */
  root: string = COMPILED_ROOT,
): ChildProcess {
  const compiled = (file: string) => path.join(root, `${file}.js`);
  return spawn(process.execPath, [...nodeArgs, '--enable-source-maps', '--require', compiled(TELEMETRY_PRELOAD), compiled(script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', stdio, stdio],
  });
}

/** The compiled tree's folder, to shorten the paths of a CPU profile. */
export const COMPILED_FOLDER = COMPILED_ROOT;

/** CPU time (user + system) a process has used so far, in milliseconds, from `/proc/<pid>/stat` (Linux). */
export function cpuTimeMs(pid: number, ticksPerSecond: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15, that is the 12th and 13th after the name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** Clock ticks per second of `/proc` CPU times (`getconf CLK_TCK`, 100 on Linux almost everywhere). */
export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/**
 * Refuses to start when something already listens on one of `ports` (another benchmark, a stack left
 * running): waiting for `/health` would then measure that other process.
 */
export async function assertPortsFree(ports: readonly number[]): Promise<void> {
  for (const port of ports) {
    const taken = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (taken) throw new Error(`port ${port} is already in use: stop what listens there before benchmarking`);
  }
}

/** Waits until `url` answers 2xx (a service's `/health`), for at most 30 seconds. */
export async function waitUntilHealthy(url: string, name: string, giveUp: () => boolean = () => false): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    if (giveUp()) return;
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not start within 30 seconds`);
}

/** As in production, each subgraph answers only callers holding its secret: fresh ones for every run. */
export function freshGatewaySecrets(): Record<string, string> {
  return Object.fromEntries(
    SUBGRAPHS.map(({ definition }) => [`${definition.name.toUpperCase()}_GATEWAY_SECRET`, randomBytes(24).toString('base64url')]),
  );
}
