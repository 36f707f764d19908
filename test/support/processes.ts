import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The services as production runs them: compiled, each a process of its own. Every suite compiles
 * into a folder of its own (never dist/, which `npm start` rebuilds while another suite may run).
 */
export const ROOT = path.resolve(__dirname, '../..');

export interface Compiled {
  /** The compiled entry point of a service: `main('membership')`, `main('gateway')`. */
  main(service: string): string;
  /** A compiled script: `script('bench')` is scripts/bench.ts built. */
  script(name: string): string;
}

export async function compile(label: string): Promise<Compiled> {
  const outDir = path.join(ROOT, 'node_modules', '.cache', `icoca-${label}`);
  // tsc may report errors in a file another suite is still writing; the JS is emitted anyway.
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], {
    cwd: ROOT,
  }).catch(() => undefined);
  const main = (service: string) =>
    service === 'gateway' ? path.join(outDir, 'gateway', 'src', 'main.js') : path.join(outDir, 'services', service, 'src', 'main.js');
  for (const service of ['gateway', 'membership', 'certification', 'complaints']) {
    if (!existsSync(main(service))) throw new Error(`${main(service)} was not built`);
  }
  return { main, script: (name: string) => path.join(outDir, 'scripts', `${name}.js`) };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningProcess {
  child: ChildProcess;
  /** The `/graphql` URL it listens on. */
  url: string;
  port: number;
  exited: Promise<Exit>;
  output(): string;
}

/** Starts a compiled service with exactly `env` (and PATH), resolving once it logs where it listens. */
export function startProcess(main: string, env: Record<string, string>): Promise<RunningProcess> {
  // As production runs it: the telemetry preload first (it does nothing unless an OTLP endpoint is set).
  const outDir = main.replace(/[\\/](?:services[\\/][^\\/]+|gateway)[\\/]src[\\/]main\.js$/, '');
  const preload = path.join(outDir, 'services', 'shared', 'src', 'telemetry', 'preload.js');
  const child = spawn(process.execPath, ['--require', preload, main], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"message":"(?:subgraph|gateway) listening","url":"(http:\/\/127\.0\.0\.1:(\d+)\/graphql)"/.exec(output);
      if (match) resolve({ child, url: match[1], port: Number(match[2]), exited, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((exit) => reject(new Error(`${path.basename(path.dirname(path.dirname(main)))} exited (${JSON.stringify(exit)}) before listening:\n${output}`)));
  });
}
