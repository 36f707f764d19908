import { context, isSpanContextValid, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { DataSource, QueryRunner } from 'typeorm';
import { maskStatement } from './telemetry/redaction';

/**
 * What the rest of the code knows of tracing: whether the SDK runs in this process (the preload,
 * services/shared/src/telemetry/preload.ts, started it), the ids for log lines, and our own spans.
 * With tracing off, none of this does any work.
 */
const TRACING = Symbol.for('icoca-graph.tracing');
interface TracingHandle {
  shutdown(): Promise<void>;
}
const registry = globalThis as { [TRACING]?: TracingHandle };

/** Called by the SDK once it runs. */
export function registerTracing(handle: TracingHandle): void {
  registry[TRACING] = handle;
}

export function tracingEnabled(): boolean {
  return registry[TRACING] !== undefined;
}

/** Sends the spans still buffered, before the process exits. */
export async function shutdownTracing(): Promise<void> {
  await registry[TRACING]?.shutdown().catch(() => undefined);
}

/** `trace_id` and `span_id` of the work in progress, for a log line (nothing outside a traced request). */
export function traceFields(): { trace_id: string; span_id: string } | undefined {
  if (!tracingEnabled()) return undefined;
  const span = trace.getSpan(context.active());
  const ids = span?.spanContext();
  return ids && isSpanContextValid(ids) ? { trace_id: ids.traceId, span_id: ids.spanId } : undefined;
}

const tracer = trace.getTracer('icoca-graph');

/**
 * A span around each statement the data source sends to SQLite (better-sqlite3 has no instrumentation
 * of its own; mysql2's covers MySQL): its text with any literal masked, never its parameters.
 */
export function traceStatements(dataSource: DataSource, namespace: string): void {
  if (!tracingEnabled()) return;
  const driver = dataSource.driver as unknown as { createQueryRunner(mode?: unknown): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  const traced = new WeakSet<QueryRunner>();
  driver.createQueryRunner = (mode) => {
    const runner = create(mode);
    if (traced.has(runner)) return runner;
    traced.add(runner);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = (async (sql: string, ...rest: unknown[]) => {
      const operation = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
      const span = tracer.startSpan(`${operation} ${namespace}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system.name': 'sqlite',
          'db.namespace': namespace,
          'db.operation.name': operation,
          'db.query.text': maskStatement(sql, 'sqlite'),
        },
      });
      try {
        return await query(sql, ...rest);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.name ?? 'error' });
        throw error;
      } finally {
        span.end();
      }
    }) as QueryRunner['query'];
    return runner;
  };
}
