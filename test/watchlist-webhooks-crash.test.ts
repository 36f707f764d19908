import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET, issueToken } from '../services/shared/src';
import { createMysqlDatabase, DATABASES } from './support/databases';
import { ORG } from './support/membership';
import { compile, startProcess, type Compiled, type RunningProcess } from './support/processes';
import { eventually, WebhookReceiver } from './support/webhook-receiver';

/**
 * kill -9 of the certification subgraph (which runs the delivery worker) while it is calling a webhook: the
 * compiled process, as production runs it. Once restarted, every change reaches the receiver — the one cut
 * mid-call (again, with the same webhook-id) and one recorded in the membership subgraph while it was down.
 */
let compiled: Compiled;
beforeAll(async () => {
  compiled = await compile('watchlist-crash');
}, 180_000);

describe.each(DATABASES)('webhook delivery across a kill -9 (%s)', (database) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'icoca-watchlist-crash-'));
  const secrets = { membership: `crash-test-${randomBytes(6).toString('hex')}`, certification: `crash-test-${randomBytes(6).toString('hex')}` };
  const drops: (() => Promise<void>)[] = [];
  const databaseUrls: Record<string, string> = {};
  const running: RunningProcess[] = [];
  let membership: RunningProcess;
  const receiver = new WebhookReceiver();

  const environment = (service: 'membership' | 'certification'): Record<string, string> => ({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    SAMPLE_DATA: 'true',
    GATEWAY_SECRET: secrets[service],
    ...(databaseUrls[service] ? { DATABASE_URL: databaseUrls[service] } : {}),
    ...(service === 'certification'
      ? {
          MEMBERSHIP_URL: membership.url,
          MEMBERSHIP_GATEWAY_SECRET: secrets.membership,
          STANDING_TRACKER_POLL_MS: '200',
          WEBHOOK_LEASE_MS: '1500',
          WEBHOOK_RETRY_BASE_MS: '100',
          WEBHOOK_TIMEOUT_MS: '30000',
        }
      : {}),
  });
  const start = async (service: 'membership' | 'certification') => {
    const process = await startProcess(compiled.main(service), environment(service));
    running.push(process);
    return process;
  };
  const ask = async (process: RunningProcess, secret: string, token: string, query: string, variables: Record<string, unknown>) => {
    const response = await fetch(process.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gateway-secret': secret, authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  beforeAll(async () => {
    await receiver.start();
    if (database === 'mysql') {
      for (const name of ['membership', 'certification']) {
        const db = await createMysqlDatabase(`crash_${name}`);
        drops.push(db.drop);
        databaseUrls[name] = db.url;
      }
    }
    membership = await start('membership');
  }, 60_000);
  afterAll(async () => {
    for (const process of running) {
      if (process.child.exitCode === null && process.child.signalCode === null) {
        process.child.kill('SIGKILL');
        await process.exited;
      }
    }
    await receiver.stop();
    for (const drop of drops) await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing: the call cut by the kill is made again, and changes made meanwhile follow', async () => {
    const partner = await issueToken(DEVELOPMENT_JWT_SECRET, { role: 'partner', organizationId: 'partner-org-crash' });
    const secretariat = await issueToken(DEVELOPMENT_JWT_SECRET, { role: 'secretariat', subject: 'crash-test' });
    let certification = await start('certification');
    const asPartner = (query: string, variables: Record<string, unknown>) => ask(certification, secrets.certification, partner, query, variables);
    const suspend = (id: string) =>
      ask(membership, secrets.membership, secretariat,
        'mutation S($id: ID!) { changeMembershipStatus(organizationId: $id, status: SUSPENDED, reason: "Crash test") { id } }', { id });

    const created = (await asPartner('mutation { createWatchlist(name: "Crash") { id version } }', {})).createWatchlist;
    const added = (await asPartner(
      'mutation A($id: ID!, $ids: [ID!]!, $v: Int!) { addToWatchlist(id: $id, organizationIds: $ids, expectedVersion: $v) { version } }',
      { id: created.id, ids: [ORG.aegisMeridian, ORG.harbourline], v: created.version },
    )).addToWatchlist;
    receiver.secret = (await asPartner(
      'mutation W($id: ID!, $url: String, $v: Int!) { setWatchlistWebhook(id: $id, webhookUrl: $url, expectedVersion: $v) { secret } }',
      { id: created.id, url: receiver.url, v: added.version },
    )).setWatchlistWebhook.secret;

    // The first call hangs: the worker is killed while it waits for the answer.
    receiver.answer = (_call, n) => (n === 1 ? 'hang' : 200);
    await suspend(ORG.aegisMeridian);
    await eventually(() => receiver.calls.length === 1, 20_000, 'the first call');
    certification.child.kill('SIGKILL');
    expect(await certification.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // Recorded by membership while the certification subgraph is down: waits in membership's outbox.
    await suspend(ORG.harbourline);
    certification = await start('certification');
    await eventually(() => receiver.events.size === 2, 30_000, 'both changes delivered');
    const organizations = [...receiver.events.values()].map((e) => e.data.organizationId).sort();
    expect(organizations).toEqual([ORG.aegisMeridian, ORG.harbourline].sort());
    expect(receiver.calls.every((c) => c.verified)).toBe(true);
    // The cut call was made again under the same webhook-id: the receiver kept it once.
    const first = receiver.calls[0].id;
    expect(receiver.calls.filter((c) => c.id === first).length).toBeGreaterThanOrEqual(2);
    const deliveries = (await asPartner(
      'query D($id: ID!) { watchlist(id: $id) { deliveries { edges { node { status } } } } }',
      { id: created.id },
    )).watchlist.deliveries.edges.map((e: any) => e.node.status);
    expect(deliveries).toEqual(['DELIVERED', 'DELIVERED']);
  }, 90_000);
});
