import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SUBGRAPHS } from '../services/subgraphs';

/** The compiled tree this script runs from (`dist/`, or a test's own build folder). */
const COMPILED_ROOT = path.resolve(__dirname, '..');

/** Loaded before a service's own code (`--require`): starts tracing when an OTLP endpoint is set. */
export const TELEMETRY_PRELOAD = 'services/shared/src/telemetry/preload';

/** Starts a compiled service (`services/membership/src/main`, `gateway/src/main`) as a process of its own. */
export function spawnService(script: string, env: NodeJS.ProcessEnv, stdio: 'inherit' | 'ignore' = 'inherit'): ChildProcess {
  const compiled = (file: string) => path.join(COMPILED_ROOT, `${file}.js`);
  return spawn(process.execPath, ['--enable-source-maps', '--require', compiled(TELEMETRY_PRELOAD), compiled(script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', stdio, stdio],
  });
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
