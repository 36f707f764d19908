import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair } from 'jose';
import { createMysqlDatabase, DATABASES } from './support/databases';
import { keycloakSettings, startOidcProvider, type TestProvider } from './support/oidc';
import { compile, startProcess, type Compiled, type RunningProcess } from './support/processes';
import { PRODUCTION_SCANNER } from './support/production';

/**
 * SIGTERM, as `docker compose stop` or a rolling restart sends it, to each compiled process, configured
 * as in production wherever the database allows (the gateway always; the subgraphs on MariaDB): it stops
 * taking requests, lets those in flight finish (within SHUTDOWN_GRACE_MS), closes its database and
 * exits 0 — idle and under load, on SQLite and MariaDB. A request in flight is never cut: every
 * request the server took (its log names each one it answered, by request id) reaches its client
 * whole; the others are refused (503, or a connection the server never read from).
 */
const GRACE_MS = 5000;
const SERVICES = ['membership', 'certification', 'complaints', 'gateway'] as const;
type Service = (typeof SERVICES)[number];

let compiled: Compiled;
beforeAll(async () => {
  compiled = await compile('shutdown');
}, 180_000);

/** One request on a connection of its own, so that no outcome depends on keep-alive reuse. */
function ask(url: string, body: string, headers: Record<string, string>): Promise<'answered' | 'refused' | 'unavailable' | 'reset' | string> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const req = request(
      { host: '127.0.0.1', port: target.port, path: target.pathname, method: 'POST', agent: false,
        headers: { 'content-type': 'application/json', connection: 'close', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          if (res.statusCode === 503) return resolve('unavailable');
          try {
            resolve(res.statusCode === 200 && JSON.parse(text).data ? 'answered' : `HTTP ${res.statusCode}: ${text.slice(0, 100)}`);
          } catch {
            resolve(`cut: incomplete body (${text.length} bytes)`);
          }
        });
        res.on('error', (error) => resolve(`cut: ${error.message}`));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ECONNREFUSED' ? 'refused' : error.code === 'ECONNRESET' ? 'reset' : `cut: ${error.code ?? error.message}`),
    );
    req.end(body);
  });
}

/**
 * A request whose body arrives slowly: half of it, then (after SIGTERM) the rest. It asks
 * `Expect: 100-continue`, so the server's "100 Continue" says it has taken the request (`taken`), on a
 * busy machine as on an idle one; the server must then answer it in full. `closed` gives the final answer.
 */
function slowRequest(port: number, body: string, headers: Record<string, string>) {
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  const half = Math.floor(body.length / 2);
  let tookIt: () => void;
  const taken = new Promise<void>((resolve) => (tookIt = resolve));
  socket.on('data', (chunk) => {
    answer += chunk.toString();
    const interim = /^HTTP\/1\.1 100 Continue\r\n\r\n/.exec(answer);
    if (interim) {
      answer = answer.slice(interim[0].length);
      socket.write(body.slice(0, half));
      tookIt();
    }
  });
  const closed = new Promise<string>((resolve) => {
    socket.on('close', () => resolve(answer));
    socket.on('error', () => undefined);
  });
  const head = Object.entries({ 'content-type': 'application/json', connection: 'close', expect: '100-continue', ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.write(`POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${head}\r\n`);
  return { taken, finish: () => socket.write(body.slice(half)), closed };
}

describe.each(DATABASES)('SIGTERM on %s', (database) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'icoca-shutdown-'));
  const drops: (() => Promise<void>)[] = [];
  const urls: Record<string, string> = {};
  const secrets = Object.fromEntries(SERVICES.map((s) => [s, `shutdown-test-secret-${s}-${randomBytes(4).toString('hex')}`]));
  let membership: RunningProcess;
  let token: string;
  let provider: TestProvider;
  let receiptSigningKey: string;

  /** The environment of `service`, on this suite's databases, pointing at the running membership subgraph. */
  function environment(service: Service): Record<string, string> {
    const production = service === 'gateway' || database === 'mysql';
    const env: Record<string, string> = {
      NODE_ENV: production ? 'production' : 'test',
      PORT: '0',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      // Signed in through an identity provider, as production requires.
      ...keycloakSettings(provider.issuer),
      RECEIPT_SIGNING_KEY: receiptSigningKey,
      COMPLAINANT_DATA_KEY: randomBytes(32).toString('hex'),
      ...PRODUCTION_SCANNER,
    };
    if (service === 'gateway') {
      env.MEMBERSHIP_URL = membership.url;
      for (const name of ['membership', 'certification', 'complaints']) {
        env[`${name.toUpperCase()}_GATEWAY_SECRET`] = secrets[name];
        if (urls[name]) env[`${name.toUpperCase()}_URL`] = urls[name];
      }
      env.RATE_LIMIT_PUBLIC_READS = '1000000';
      return env;
    }
    Object.assign(env, { DATA_DIR: dataDir, SAMPLE_DATA: 'true', GATEWAY_SECRET: secrets[service] });
    if (urls[`db:${service}`]) env.DATABASE_URL = urls[`db:${service}`];
    if (service !== 'membership') Object.assign(env, { MEMBERSHIP_URL: membership.url, MEMBERSHIP_GATEWAY_SECRET: secrets.membership });
    // Production names every peer: certification asks complaints for monitoring priorities (not asked here).
    // Membership copies certification's certificates for the directory filters (not asked here either).
    if (service === 'membership') Object.assign(env, { CERTIFICATION_URL: urls.certification ?? 'http://127.0.0.1:4002/graphql', CERTIFICATION_GATEWAY_SECRET: secrets.certification });
    if (service === 'certification') Object.assign(env, { COMPLAINTS_URL: urls.complaints ?? 'http://127.0.0.1:4003/graphql', COMPLAINTS_GATEWAY_SECRET: secrets.complaints });
    return env;
  }

  /** What each service is asked under load: real work on its database. */
  function load(service: Service): { body: string; headers: Record<string, string> } {
    const query = {
      membership: '{ organizations(first: 20) { edges { node { name statusHistory { status } } } } }',
      certification: '{ certifications(first: 20) { edges { node { certificateNumber history { status } } } } }',
      complaints: '{ complaints(first: 20) { totalCount edges { node { referenceNumber } } } }',
      gateway: '{ organizations(first: 20) { edges { node { name membershipStatus } } } }',
    }[service];
    const headers: Record<string, string> =
      service === 'gateway' ? { authorization: `Bearer ${token}` } : { 'x-gateway-secret': secrets[service], authorization: `Bearer ${token}` };
    return { body: JSON.stringify({ query }), headers };
  }

  beforeAll(async () => {
    provider = await startOidcProvider();
    token = await provider.token('secretariatConsole');
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    receiptSigningKey = JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'shutdown-test' });
    if (database === 'mysql') {
      for (const name of ['membership', 'certification', 'complaints']) {
        const db = await createMysqlDatabase(`shutdown_${name}`);
        drops.push(db.drop);
        urls[`db:${name}`] = db.url;
      }
    }
    membership = await startProcess(compiled.main('membership'), environment('membership'));
    urls.membership = membership.url;
  }, 60_000);
  afterAll(async () => {
    membership?.child.kill('SIGKILL');
    await membership?.exited;
    await provider?.stop();
    for (const drop of drops) await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Whether the process had to cut connections at the end of its grace period, from its own last log line:
   * the stop is judged by what the server did, not by timing it on a machine that may be busy.
   */
  function graceExceeded(running: RunningProcess): boolean {
    const stopped = running
      .output()
      .split('\n')
      .filter((line) => /"message":"(subgraph|gateway) stopped"/.test(line))
      .map((line) => JSON.parse(line) as { graceExceeded: boolean });
    expect(stopped, running.output()).toHaveLength(1);
    return stopped[0].graceExceeded;
  }

  it.each(SERVICES)('%s exits 0 at once when idle', async (service) => {
    const running = await startProcess(compiled.main(service), environment(service));
    running.child.kill('SIGTERM');
    const exit = await running.exited;
    expect(exit, running.output()).toEqual({ code: 0, signal: null });
    // Nothing to wait for: it closed without waiting out the grace period.
    expect(graceExceeded(running)).toBe(false);
  });

  it.each(SERVICES)('%s finishes the requests in flight under load, then exits 0 within the grace period', async (service) => {
    const running = await startProcess(compiled.main(service), environment(service));
    const { body, headers } = load(service);
    const outcomes: { id: string; outcome: string }[] = [];
    let stopping = false;
    let sent = 0;
    const loops = Array.from({ length: 8 }, async () => {
      while (!stopping) {
        const id = `load-${(sent += 1)}`;
        const outcome = await ask(running.url, body, { ...headers, 'x-request-id': id });
        outcomes.push({ id, outcome });
        if (outcome === 'refused') return;
      }
    });
    // Under load means answered requests, however long a busy machine takes to answer them.
    const answered = () => outcomes.filter((o) => o.outcome === 'answered').length;
    while (answered() <= 8) await new Promise((resolve) => setTimeout(resolve, 50));
    const slow = slowRequest(running.port, body, headers);
    await slow.taken;
    let slowFinished = false;
    let exitedBeforeSlowFinished = false;
    void running.exited.then(() => (exitedBeforeSlowFinished = !slowFinished));
    running.child.kill('SIGTERM');
    // The rest of the slow request's body arrives after the signal: it is still answered in full.
    await new Promise((resolve) => setTimeout(resolve, 500));
    slowFinished = true;
    slow.finish();
    const exit = await running.exited;
    stopping = true;
    await Promise.all(loops);
    expect(exit, running.output()).toEqual({ code: 0, signal: null });
    // It waited for the slow request, and finished everything within the grace period (nothing cut).
    expect(exitedBeforeSlowFinished).toBe(false);
    expect(graceExceeded(running)).toBe(false);
    const answer = await slow.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toMatch(/"data":\{/);
    expect(answered()).toBeGreaterThan(8);
    // What the server answered, by its own log: each of these reached its client whole.
    const answeredByServer = new Set(
      running
        .output()
        .split('\n')
        .filter((line) => line.includes('"message":"operation"'))
        .map((line) => JSON.parse(line).requestId as string),
    );
    const cut = outcomes.filter(
      ({ id, outcome }) => !['answered', 'refused', 'unavailable', 'reset'].includes(outcome) || (outcome === 'reset' && answeredByServer.has(id)),
    );
    expect(cut).toEqual([]);
  });
});
