import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET, issueToken } from '../services/shared/src';
import { complaintInput, FOLLOW_UP, SECRET_CONTACT, SECRET_NAME, SUBMIT } from './support/complaints';
import { createMysqlDatabase, DATABASES } from './support/databases';
import { ancestorsOf, OtlpReceiver, type ReceivedSpan } from './support/otlp';
import { compile, startProcess, type Compiled, type RunningProcess } from './support/processes';
import { metricsOf, sample, scrape } from './support/prometheus';

/**
 * Traces and metrics of the compiled processes, started as production starts them (the telemetry
 * preload first, each process its own SDK), exporting to an OTLP/HTTP receiver of the test's own.
 */
const SUBGRAPHS = ['membership', 'certification', 'complaints'] as const;
const PUBLIC_MUTATIONS_PER_MINUTE = 3;
const MAX_OPERATION_NAMES = 12;

let compiled: Compiled;
beforeAll(async () => {
  compiled = await compile('observability');
}, 180_000);

const traceId = () => randomBytes(16).toString('hex');
const traceparent = (trace: string) => `00-${trace}-${randomBytes(8).toString('hex')}-01`;
const parentOf = (header: string) => header.split('-')[2];

describe.each(DATABASES)('observability on %s', (database) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'icoca-observability-'));
  const receiver = new OtlpReceiver();
  const running: Record<string, RunningProcess> = {};
  const metricsUrls: Record<string, string> = {};
  const drops: (() => Promise<void>)[] = [];
  const secrets = Object.fromEntries(SUBGRAPHS.map((s) => [s, `observability-secret-${s}-${randomBytes(4).toString('hex')}`]));
  let gatewayUrl: string;
  let secretariat: string;

  async function start(service: string, env: Record<string, string>): Promise<void> {
    const process = await startProcess(compiled.main(service), env);
    running[service] = process;
    metricsUrls[service] = /"metricsUrl":"([^"]+)"/.exec(process.output())![1];
  }

  async function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  beforeAll(async () => {
    const collector = await receiver.start();
    secretariat = await issueToken(DEVELOPMENT_JWT_SECRET, { role: 'secretariat', subject: 'observability-test' });
    const common = {
      NODE_ENV: 'test',
      PORT: '0',
      METRICS_PORT: '0',
      LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      TRACING_RESOLVER_DEPTH: '3',
    };
    for (const service of SUBGRAPHS) {
      const env: Record<string, string> = { ...common, DATA_DIR: dataDir, SAMPLE_DATA: 'true', GATEWAY_SECRET: secrets[service] };
      if (database === 'mysql') {
        const db = await createMysqlDatabase(`observability_${service}`);
        drops.push(db.drop);
        env.DATABASE_URL = db.url;
      }
      if (service !== 'membership') Object.assign(env, { MEMBERSHIP_URL: running.membership.url, MEMBERSHIP_GATEWAY_SECRET: secrets.membership });
      await start(service, env);
    }
    const gatewayEnv: Record<string, string> = {
      ...common,
      RATE_LIMIT_PUBLIC_MUTATIONS: String(PUBLIC_MUTATIONS_PER_MINUTE),
      METRICS_MAX_OPERATION_NAMES: String(MAX_OPERATION_NAMES),
    };
    for (const service of SUBGRAPHS) {
      gatewayEnv[`${service.toUpperCase()}_URL`] = running[service].url;
      gatewayEnv[`${service.toUpperCase()}_GATEWAY_SECRET`] = secrets[service];
    }
    await start('gateway', gatewayEnv);
    gatewayUrl = running.gateway.url;
  }, 120_000);

  afterAll(async () => {
    for (const process of Object.values(running)) {
      process.child.kill('SIGTERM');
      await process.exited;
    }
    await receiver.stop();
    for (const drop of drops) await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('follows one query from the client through the gateway, membership and certification down to each SQL statement', async () => {
    const trace = traceId();
    const header = traceparent(trace);
    const answer = await post(
      { query: 'query DirectoryWithCertificates { organizations(first: 5) { edges { node { id name certifications { certificateNumber } } } } }' },
      { traceparent: header, 'apollographql-client-name': 'observability-test' },
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.organizations.edges.length).toBeGreaterThan(0);
    const sqlSystem = database === 'mysql' ? 'mysql' : 'sqlite';
    const isSql = (s: ReceivedSpan) => (s.attributes['db.system.name'] ?? s.attributes['db.system']) === sqlSystem;
    const spans = await receiver.waitForTrace(trace, (all) =>
      ['membership', 'certification'].every((service) => all.some((s) => s.service === service && isSql(s))),
    );

    // The gateway continues the client's trace: its server span is a child of the client's span.
    const gatewayServer = spans.find((s) => s.service === 'gateway' && s.parentSpanId === parentOf(header));
    expect(gatewayServer, JSON.stringify(spans.map((s) => [s.service, s.name]))).toBeDefined();
    const request = spans.find((s) => s.service === 'gateway' && s.name === 'gateway.request');
    expect(request?.attributes['graphql.operation.name']).toBe('DirectoryWithCertificates');
    expect(spans.some((s) => s.service === 'gateway' && s.name === 'gateway.plan')).toBe(true);
    const fetches = spans.filter((s) => s.service === 'gateway' && s.name === 'gateway.fetch').map((s) => s.attributes.service);
    expect(fetches).toEqual(expect.arrayContaining(['membership', 'certification']));

    for (const service of ['membership', 'certification']) {
      // Each subgraph's request hangs under the gateway's fetch from that subgraph, and its SQL under its resolvers.
      const statement = spans.find((s) => s.service === service && isSql(s))!;
      const chain = ancestorsOf(statement, spans);
      expect(chain.some((s) => s.service === service && s.name.startsWith('graphql.resolve')), service).toBe(true);
      const fetch = chain.find((s) => s.service === 'gateway' && s.name === 'gateway.fetch');
      expect(fetch?.attributes.service, service).toBe(service);
      expect(chain.at(-1)?.spanId).toBe(gatewayServer!.spanId);
      // The statement's text, never a value: the page size of 5 (6 fetched) is not in it.
      const text = String(statement.attributes['db.query.text'] ?? statement.attributes['db.statement']);
      expect(text).toMatch(/^SELECT /);
    }
    // Every span came from one of the processes, named by its own service.name.
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['gateway', 'membership', 'certification']));
  });

  it('continues the trace through one subgraph\'s own call to another (certification asks membership)', async () => {
    const trace = traceId();
    const answer = await post(
      // Last year always has a sample self-assessment cycle.
      { query: `query Missing { missingSelfAssessments(year: ${new Date().getUTCFullYear() - 1}, first: 3) { edges { node { year status } } } }` },
      { traceparent: traceparent(trace), authorization: `Bearer ${secretariat}` },
    );
    expect(answer.body.errors).toBeUndefined();
    const spans = await receiver.waitForTrace(trace, (all) => all.some((s) => s.service === 'membership' && s.kind === 2));
    const membershipServer = spans.find((s) => s.service === 'membership' && s.kind === 2)!;
    const chain = ancestorsOf(membershipServer, spans);
    // membership's request is a child of certification's outgoing call, itself under certification's resolver.
    expect(chain[0]?.service).toBe('certification');
    expect(chain.some((s) => s.service === 'certification' && s.name.startsWith('graphql.resolve'))).toBe(true);
    expect(chain.some((s) => s.service === 'gateway')).toBe(true);
  });

  it('exports no complainant name or contact, no token, receipt code or gateway secret, whatever way the client sends them', async () => {
    const traces = [traceId(), traceId(), traceId(), traceId()];
    const filed = await post({ query: SUBMIT, variables: { input: complaintInput() } }, { traceparent: traceparent(traces[0]) });
    const receipt = filed.body.data.submitComplaint.receiptCode as string;
    expect(receipt).toBeTruthy();
    // The same values written into the document itself, where a careless client might put them.
    const inline = await post(
      { query: `query Inline { complaintByReceipt(receiptCode: "${receipt}") { referenceNumber } organizations(filter: { search: "${SECRET_NAME}" }, first: 1) { totalCount } }` },
      { traceparent: traceparent(traces[1]), authorization: `Bearer ${secretariat}` },
    );
    expect(inline.status).toBe(200);
    // A GET carries its variables in the URL.
    const url = new URL(gatewayUrl);
    url.searchParams.set('query', FOLLOW_UP);
    url.searchParams.set('variables', JSON.stringify({ code: receipt }));
    const got = await fetch(url, { headers: { traceparent: traceparent(traces[2]), 'apollo-require-preflight': 'true' } });
    expect(((await got.json()) as any).data.complaintByReceipt.referenceNumber).toBe(filed.body.data.submitComplaint.referenceNumber);
    // A value GraphQL echoes in an error message.
    await post({ query: `query Echo { organizations(first: "${SECRET_NAME}") { totalCount } }` }, { traceparent: traceparent(traces[3]) });

    for (const trace of traces) await receiver.waitForTrace(trace, (all) => all.some((s) => s.service === 'gateway'));
    await receiver.waitForTrace(traces[0], (all) => all.some((s) => s.service === 'complaints'));
    await receiver.waitForTrace(traces[2], (all) => all.some((s) => s.service === 'complaints'));
    const exported = receiver.bodies.join('\n');
    for (const secret of [SECRET_NAME, SECRET_CONTACT, receipt, secretariat, secretariat.split('.')[2], ...Object.values(secrets)]) {
      expect(exported.includes(secret), `an exported span holds ${secret.slice(0, 12)}…`).toBe(false);
    }
    // What the spans still say: which operation, where, and which statement.
    const followed = receiver.trace(traces[2]);
    expect(followed.find((s) => s.name === 'gateway.request')?.attributes['graphql.operation.name']).toBe('FollowUp');
    expect(followed.some((s) => s.service === 'complaints' && String(s.attributes['db.query.text'] ?? s.attributes['db.statement']).startsWith('SELECT'))).toBe(true);
  });

  it('writes trace_id and span_id on every log line of a traced request', async () => {
    const trace = traceId();
    await post({ query: 'query Logged { organizations(first: 1) { totalCount } }' }, { traceparent: traceparent(trace), 'x-request-id': `logged-${trace}` });
    await receiver.waitForTrace(trace, (all) => all.some((s) => s.service === 'membership'));
    for (const service of ['gateway', 'membership']) {
      const lines = running[service]
        .output()
        .split('\n')
        .filter((line) => line.includes(`logged-${trace}`))
        .map((line) => JSON.parse(line));
      expect(lines.length, service).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line.trace_id).toBe(trace);
        expect(receiver.trace(trace).map((s) => s.spanId)).toContain(line.span_id);
      }
    }
  });

  it('leaves out a request whose caller chose not to sample it', async () => {
    const [unsampled, sampled] = [traceId(), traceId()];
    await post({ query: 'query NotSampled { organizations(first: 1) { totalCount } }' }, { traceparent: `00-${unsampled}-${randomBytes(8).toString('hex')}-00` });
    await post({ query: 'query Sampled { organizations(first: 1) { totalCount } }' }, { traceparent: traceparent(sampled) });
    await receiver.waitForTrace(sampled, (all) => all.some((s) => s.service === 'membership'));
    expect(receiver.trace(unsampled)).toEqual([]);
  });

  it('answers liveness and readiness on every process, and keeps /health as the summary', async () => {
    for (const [service, process] of Object.entries(running)) {
      const base = process.url.replace(/\/graphql$/, '');
      for (const route of ['/health/live', '/health/ready', '/health']) {
        const response = await fetch(`${base}${route}`);
        expect(response.status, `${service} ${route}`).toBe(200);
      }
      expect(((await (await fetch(`${base}/health/ready`)).json()) as any).status).toBe('ready');
    }
    // The metrics are not on the GraphQL port.
    expect((await fetch(running.gateway.url.replace(/\/graphql$/, '/metrics'))).status).toBe(404);
  });

  it('serves Prometheus metrics on a port of each process\'s own, and the series move with the queries', async () => {
    const scrapeAll = async () => Object.fromEntries(await Promise.all(Object.entries(metricsUrls).map(async ([k, url]) => [k, await scrape(url)] as const)));
    const before = await scrapeAll();
    const query = 'query Counted($first: Int) { organizations(first: $first) { edges { node { name certifications { certificateNumber } } } } }';
    // Three different pages, so that each one reaches the subgraphs (public answers are cached at the gateway, for tokens too).
    const headers = { 'apollographql-client-name': 'metrics-test', authorization: `Bearer ${secretariat}` };
    for (let i = 0; i < 3; i += 1) await post({ query, variables: { first: 2 + i } }, headers);
    await post({ query: '{ organizations(first: 1) { totalCount } }' });
    await post({ query: 'query Broken { noSuchField }' });
    const after = await scrapeAll();
    const delta = (service: string, name: string, labels: Record<string, string> = {}) =>
      sample(after[service], name, labels) - sample(before[service], name, labels);

    const counted = { operation: 'Counted', client: 'metrics-test', outcome: 'ok' };
    expect(delta('gateway', 'graphql_operations_total', counted)).toBe(3);
    expect(delta('gateway', 'graphql_operation_duration_seconds_count', counted)).toBe(3);
    expect(sample(after.gateway, 'graphql_operation_duration_seconds_sum', counted)).toBeGreaterThan(0);
    expect(delta('gateway', 'graphql_operations_total', { operation: '(anonymous)', client: '(none)', outcome: 'ok' })).toBe(1);
    expect(delta('gateway', 'graphql_operations_total', { operation: '(invalid)', outcome: 'client_error' })).toBe(1);
    for (const subgraph of ['membership', 'certification']) {
      expect(delta('gateway', 'gateway_subgraph_fetch_duration_seconds_count', { subgraph, outcome: 'ok' }), subgraph).toBeGreaterThanOrEqual(3);
      // Each subgraph measures the operations the gateway sent it, and counts its statements.
      expect(delta(subgraph, 'graphql_operations_total', { client: 'metrics-test', outcome: 'ok' }), subgraph).toBeGreaterThanOrEqual(3);
      expect(delta(subgraph, 'db_statements_total'), subgraph).toBeGreaterThanOrEqual(3);
    }
    for (const service of Object.keys(running)) {
      expect(sample(after[service], 'process_cpu_user_seconds_total', { service }), service).toBeGreaterThan(0);
      expect(metricsOf(after[service], 'nodejs_eventloop_lag_p99_seconds').length, service).toBe(1);
      expect(sample(after[service], 'nodejs_heap_size_used_bytes'), service).toBeGreaterThan(0);
    }
    for (const subgraph of SUBGRAPHS) {
      if (database === 'mysql') {
        expect(sample(after[subgraph], 'db_pool_connection_limit'), subgraph).toBe(10);
        const open = sample(after[subgraph], 'db_pool_connections', { state: 'in_use' }) + sample(after[subgraph], 'db_pool_connections', { state: 'idle' });
        expect(open, subgraph).toBeGreaterThan(0);
        expect(metricsOf(after[subgraph], 'db_pool_waiting_requests').length, subgraph).toBe(1);
      } else {
        // SQLite has no pool: no pool series at all rather than zeros that would read as "idle".
        expect(metricsOf(after[subgraph], 'db_pool_connections'), subgraph).toEqual([]);
      }
    }
  });

  it('counts rate-limit refusals by bucket', async () => {
    const before = sample(await scrape(metricsUrls.gateway), 'gateway_rate_limit_refusals_total', { bucket: 'public-mutation' });
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_MUTATIONS_PER_MINUTE + 2; i += 1) statuses.push((await post({ query: 'mutation Refused { __typename }' })).status);
    const refused = statuses.filter((status) => status === 429).length;
    expect(refused).toBeGreaterThanOrEqual(2);
    const after = sample(await scrape(metricsUrls.gateway), 'gateway_rate_limit_refusals_total', { bucket: 'public-mutation' });
    expect(after - before).toBe(refused);
  });

  it('caps the operation and client names it keeps, pooling the rest as (other)', async () => {
    // More distinct names than either cap (20 client names by default).
    for (let i = 0; i < 25; i += 1) {
      await post({ query: `query Flood${i}x${randomBytes(3).toString('hex')} { __typename }` }, { 'apollographql-client-name': `flood-client-${i}-${randomBytes(3).toString('hex')}` });
    }
    const samples = metricsOf(await scrape(metricsUrls.gateway), 'graphql_operations_total');
    const operations = new Set(samples.map((s) => s.labels.operation).filter((name) => !name.startsWith('(')));
    const clients = new Set(samples.map((s) => s.labels.client).filter((name) => !name.startsWith('(')));
    expect(operations.size).toBeLessThanOrEqual(MAX_OPERATION_NAMES);
    expect(clients.size).toBeLessThanOrEqual(20);
    expect(sample(samples, 'graphql_operations_total', { operation: '(other)' })).toBeGreaterThanOrEqual(25 - MAX_OPERATION_NAMES);
    expect(sample(samples, 'graphql_operations_total', { client: '(other)' })).toBeGreaterThanOrEqual(1);
  });

  it('counts the failures of a subgraph that stopped answering, stays ready, and says so in /health', async () => {
    running.complaints.child.kill('SIGKILL');
    await running.complaints.exited;
    const before = sample(await scrape(metricsUrls.gateway), 'gateway_subgraph_fetch_errors_total', { subgraph: 'complaints', reason: 'unreachable' });
    const answer = await post({ query: FOLLOW_UP, variables: { code: 'no-such-code' } });
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const after = sample(await scrape(metricsUrls.gateway), 'gateway_subgraph_fetch_errors_total', { subgraph: 'complaints', reason: 'unreachable' });
    expect(after - before).toBe(1);
    const base = gatewayUrl.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(503);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });
}, 240_000);
