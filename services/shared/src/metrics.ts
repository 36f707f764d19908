import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricsSettings } from './config';
import { acceptableClientName, CLIENT_NAME_HEADER } from './context';
import type { Database } from './database';
import { ErrorCode } from './errors';
import type { Logger } from './logger';

/** Label values that no GraphQL name can take (names match `[_A-Za-z][_0-9A-Za-z]*`), so they never collide with one. */
export const ANONYMOUS = '(anonymous)';
export const OTHER = '(other)';
export const INVALID = '(invalid)';
export const NO_CLIENT = '(none)';

/**
 * The first `limit` distinct values of a label are kept; later ones are pooled as `(other)`, so a
 * client inventing a name per request cannot multiply the series a process keeps.
 */
export class CappedLabel {
  private readonly kept = new Set<string>();
  constructor(private readonly limit: number) {}
  valueOf(name: string): string {
    if (this.kept.has(name)) return name;
    if (this.kept.size >= this.limit) return OTHER;
    this.kept.add(name);
    return name;
  }
}

/** How an operation ended: errors from the caller's input or rights, or from the graph itself. */
export type Outcome = 'ok' | 'client_error' | 'server_error';
const SERVER_ERROR_CODES = new Set<unknown>([ErrorCode.Internal, ErrorCode.Unavailable, undefined]);
export function outcomeOf(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): Outcome {
  if (!errors?.length) return 'ok';
  return errors.some((error) => SERVER_ERROR_CODES.has(error.extensions?.code)) ? 'server_error' : 'client_error';
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus metrics of one process (gateway or subgraph): Node.js process metrics, and every
 * GraphQL operation by name, client and outcome. Each process has a registry of its own.
 */
export class ProcessMetrics {
  readonly registry = new Registry();
  private readonly operations: Counter<'operation' | 'client' | 'outcome'>;
  private readonly durations: Histogram<'operation' | 'client' | 'outcome'>;
  private readonly operationNames: CappedLabel;
  private readonly clientNames: CappedLabel;

  constructor(service: string, settings: MetricsSettings) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.operationNames = new CappedLabel(settings.maxOperationNames);
    this.clientNames = new CappedLabel(settings.maxClientNames);
    this.operations = new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations answered, by operation name, client name and outcome (ok, client_error, server_error).',
      labelNames: ['operation', 'client', 'outcome'],
      registers: [this.registry],
    });
    this.durations = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'Time to answer a GraphQL operation, by operation name, client name and outcome.',
      labelNames: ['operation', 'client', 'outcome'],
      buckets: SECONDS,
      registers: [this.registry],
    });
  }

  /** A counter of this process's registry. */
  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** A latency histogram (seconds) of this process's registry. */
  histogram<L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets: SECONDS, registers: [this.registry] });
  }

  /** Apollo plugin recording each operation once its answer is ready. */
  plugin<C extends BaseContext>(): ApolloServerPlugin<C> {
    return {
      requestDidStart: async ({ request }) => {
        const started = performance.now();
        const client = this.clientNames.valueOf(acceptableClientName(request.http?.headers.get(CLIENT_NAME_HEADER)) ?? NO_CLIENT);
        return {
          willSendResponse: async ({ operation, operationName, errors }) => {
            // No operation: the document did not parse or validate (or named no operation it holds).
            const name = !operation ? INVALID : operationName ? this.operationNames.valueOf(operationName) : ANONYMOUS;
            const labels = { operation: name, client, outcome: outcomeOf(errors) };
            this.operations.inc(labels);
            this.durations.observe(labels, (performance.now() - started) / 1000);
          },
        };
      },
    };
  }

  /** Statements sent, and for MySQL the connection pool: in use, idle, the limit, requests waiting for one. */
  watchDatabase(database: Database): void {
    const registers = [this.registry];
    new Counter({
      name: 'db_statements_total',
      help: 'SQL statements sent to this service\'s database.',
      registers,
      collect() {
        this.reset();
        this.inc(database.statements.count);
      },
    });
    if (database.kind !== 'mysql') return;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Connections of the MySQL pool, by state (in_use, idle).',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = database.pool();
        if (!pool) return;
        this.set({ state: 'in_use' }, pool.inUse);
        this.set({ state: 'idle' }, pool.idle);
      },
    });
    new Gauge({
      name: 'db_pool_connection_limit',
      help: 'The most connections the MySQL pool opens.',
      registers,
      collect() {
        const pool = database.pool();
        if (pool) this.set(pool.limit);
      },
    });
    new Gauge({
      name: 'db_pool_waiting_requests',
      help: 'Requests waiting for a connection of the MySQL pool (the pool is saturated when this stays above 0).',
      registers,
      collect() {
        const pool = database.pool();
        if (pool) this.set(pool.waiting);
      },
    });
  }
}

/**
 * Serves `/metrics` on a port of its own, apart from the GraphQL port (so it is never exposed with
 * the API), to Prometheus.
 */
export async function serveMetrics(
  metrics: ProcessMetrics,
  port: number,
  logger: Logger,
): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: Error) => {
        logger.warn('metrics could not be collected', { error: error.message });
        response.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics unavailable\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    // Bound on the IPv4 wildcard: advertised on the loopback that covers (`localhost` may be ::1 first).
    url: `http://127.0.0.1:${actual}/metrics`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
