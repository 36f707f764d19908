import os from 'node:os';
import autocannon from 'autocannon';

/** What the benchmarks share: one autocannon run per operation, and how the machine is described. */

export interface Target {
  operation: string;
  path: string;
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  headers: Record<string, string>;
  connections?: number;
  /** Called right before and right after the measured window (not the warm-up), e.g. to read CPU times. */
  window?: { start(): void; stop(requests: number): void };
}

export interface Result {
  operation: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  connections: number;
  /** Requests completed in the measured window. */
  requests: number;
}

export function post(query: string, variables?: Record<string, unknown>): { body: string; headers: Record<string, string> } {
  return { body: JSON.stringify({ query, variables }), headers: { 'content-type': 'application/json' } };
}

export function getUrl(base: string, query: string): string {
  const url = new URL(base);
  url.searchParams.set('query', query);
  return url.toString();
}

export async function measure(target: Target, settings: { connections: number; duration: number; warmup?: number }): Promise<Result> {
  const connections = target.connections ?? settings.connections;
  // A short warm-up fills caches and connection pools, as in a running deployment.
  const warmup = settings.warmup ?? 2;
  if (warmup > 0) await autocannon({ url: target.url, method: target.method, body: target.body, headers: target.headers, connections, duration: warmup });
  target.window?.start();
  const result = await autocannon({
    url: target.url,
    method: target.method,
    body: target.body,
    headers: target.headers,
    connections,
    duration: settings.duration,
  });
  target.window?.stop(result.requests.total);
  return {
    operation: target.operation,
    path: target.path,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    connections,
    requests: result.requests.total,
  };
}


/** The machine the figures were measured on, for the tables of docs/benchmarks.md. */
export function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Checks an operation answers without errors: a benchmark of errors measures nothing. */
export async function checkAnswers(target: Target): Promise<void> {
  const response = await fetch(target.url, { method: target.method, body: target.body, headers: target.headers });
  const body = (await response.json()) as { errors?: unknown[] };
  if (!response.ok || body.errors) throw new Error(`${target.operation} (${target.path}) does not answer cleanly: ${JSON.stringify(body).slice(0, 300)}`);
}
