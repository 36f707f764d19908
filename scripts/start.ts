import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SUBGRAPHS } from '../services/subgraphs';
import { freshGatewaySecrets, spawnService, waitUntilHealthy } from './processes';

/**
 * `npm start`: every subgraph and the gateway as separate processes, on the embedded SQLite database
 * under DATA_DIR (default ./data) with the sample data on first start. Ctrl-C stops them all cleanly.
 */
const children: ChildProcess[] = [];
/** Metrics ports: the gateway's, then one per subgraph in order (9464 is Prometheus's usual exporter port). */
const GATEWAY_METRICS_PORT = 9464;
let stopping = false;

function run(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawnService(script, { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...env });
  child.on('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`${name} stopped unexpectedly (exit code ${code}); stopping the stack\n`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  let running = children.filter((c) => c.exitCode === null).length;
  if (running === 0) process.exit(code);
  for (const child of children) {
    child.once('exit', () => {
      running -= 1;
      if (running === 0) process.exit(code);
    });
    child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  const secrets = freshGatewaySecrets();
  SUBGRAPHS.forEach(({ definition, port, main: script }, index) => {
    run(definition.name, script, {
      ...secrets,
      PORT: String(port),
      METRICS_PORT: String(GATEWAY_METRICS_PORT + index + 1),
      GATEWAY_SECRET: secrets[`${definition.name.toUpperCase()}_GATEWAY_SECRET`],
    });
  });
  for (const { definition, port } of SUBGRAPHS) {
    await waitUntilHealthy(`http://127.0.0.1:${port}/health/ready`, definition.name, () => stopping);
  }
  run('gateway', 'gateway/src/main', { ...secrets, PORT: process.env.PORT ?? '4000', METRICS_PORT: String(GATEWAY_METRICS_PORT) });
  const gatewayPort = process.env.PORT ?? '4000';
  await waitUntilHealthy(`http://127.0.0.1:${gatewayPort}/health/ready`, 'gateway', () => stopping);
  if (stopping) return;
  process.stdout.write(
    [
      '',
      'ICoCA Graph is running on the embedded database (fictional sample data).',
      `  Apollo Sandbox:   http://localhost:${gatewayPort}/  (open it in a browser)`,
      `  GraphQL endpoint: http://localhost:${gatewayPort}/graphql`,
      `  Health:           http://localhost:${gatewayPort}/health  (and /health/live, /health/ready on every process)`,
      '  Prometheus metrics (each process on a port of its own):',
      `    gateway        http://localhost:${GATEWAY_METRICS_PORT}/metrics`,
      ...SUBGRAPHS.map(({ definition }, index) => `    ${definition.name.padEnd(14)} http://localhost:${GATEWAY_METRICS_PORT + index + 1}/metrics`),
      `  Data:             ${path.resolve(process.env.DATA_DIR ?? 'data')}`,
      'A token for Sandbox: npm run --silent token -- secretariat',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  stop(1);
});
