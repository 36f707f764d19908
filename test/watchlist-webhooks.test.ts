import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './support/databases';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';
import { eventually, WebhookReceiver } from './support/webhook-receiver';

const CREATE = 'mutation Create($name: String!) { createWatchlist(name: $name) { id version } }';
const ADD = 'mutation Add($id: ID!, $ids: [ID!]!, $v: Int!) { addToWatchlist(id: $id, organizationIds: $ids, expectedVersion: $v) { id version } }';
const SET = /* GraphQL */ `
  mutation Set($id: ID!, $url: String, $v: Int!) {
    setWatchlistWebhook(id: $id, webhookUrl: $url, expectedVersion: $v) { secret watchlist { id version webhookUrl webhookFailingSince } }
  }
`;
const ROTATE = /* GraphQL */ `
  mutation Rotate($id: ID!, $v: Int!) { rotateWatchlistWebhookSecret(id: $id, expectedVersion: $v) { secret watchlist { id version } } }
`;
const DELIVERIES = /* GraphQL */ `
  query Deliveries($id: ID!) {
    watchlist(id: $id) { webhookFailingSince deliveries(first: 50) { edges { node { id status attempts lastError deliveredAt } } } }
  }
`;
const SUSPEND = /* GraphQL */ `
  mutation Suspend($id: ID!) { changeMembershipStatus(organizationId: $id, status: SUSPENDED, reason: "Pattern of non-compliance") { id } }
`;
const CHECK = /* GraphQL */ `
  query Check($receipt: String!) { checkVerificationReceipt(receipt: $receipt) { genuine organizationId standing } }
`;

describe.each(DATABASES)('webhooks of watchlists (%s)', (database) => {
  let stack: Stack;
  let secretariat: string;
  let partner: string;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    stack = await startStack({
      database,
      env: { STANDING_TRACKER_POLL_MS: '200', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_GIVE_UP_MS: '2500', WEBHOOK_TIMEOUT_MS: '2000' },
    });
    secretariat = await stack.token('secretariat');
    partner = await stack.token('partner', 'partner-org-webhooks');
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await stack?.stop();
  });

  const ok = async (query: string, variables: Record<string, unknown>, token?: string): Promise<any> => {
    const response = await stack.query<any>(query, variables, { token });
    expect(response.errors).toBeUndefined();
    return response.data;
  };

  /** A watchlist of one organization, with a webhook to a fresh receiver. */
  const subscribed = async (organizationId: string) => {
    const receiver = await new WebhookReceiver().start();
    receivers.push(receiver);
    const created = (await ok(CREATE, { name: `Following ${organizationId}` }, partner)).createWatchlist;
    const added = (await ok(ADD, { id: created.id, ids: [organizationId], v: created.version }, partner)).addToWatchlist;
    const set = (await ok(SET, { id: added.id, url: receiver.url, v: added.version }, partner)).setWatchlistWebhook;
    expect(set.secret).toMatch(/^whsec_/);
    expect(set.watchlist.webhookUrl).toBe(receiver.url);
    receiver.secret = set.secret;
    return { receiver, watchlist: set.watchlist };
  };

  const deliveries = async (id: string) => (await ok(DELIVERIES, { id }, partner)).watchlist;

  it('posts a signed change with a genuine receipt of the new standing', async () => {
    const { receiver, watchlist } = await subscribed(ORG.eclatSecurite);
    await ok(SUSPEND, { id: ORG.eclatSecurite }, secretariat);
    await eventually(() => receiver.events.size === 1, 15_000, 'a delivery');
    const [call] = receiver.calls;
    expect(call.verified).toBe(true);
    expect(call.headers['webhook-timestamp']).toMatch(/^\d+$/);
    const event = [...receiver.events.values()][0];
    expect(event).toMatchObject({
      type: 'standing.changed',
      data: { watchlistId: watchlist.id, organizationId: ORG.eclatSecurite, standing: 'SUSPENDED', membershipStatus: 'SUSPENDED' },
    });
    const check = (await ok(CHECK, { receipt: event.data.receipt })).checkVerificationReceipt;
    expect(check).toEqual({ genuine: true, organizationId: ORG.eclatSecurite, standing: 'SUSPENDED' });
    // The signature holds only for this body and this secret.
    const headers = call.headers as Record<string, string>;
    expect(() => new Webhook(receiver.secret).verify(call.body.replace('SUSPENDED', 'CERTIFIED_MEMBER'), headers)).toThrow();
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(call.body, headers)).toThrow();
    const { edges } = (await deliveries(watchlist.id)).deliveries;
    expect(edges.map((e: any) => e.node)).toMatchObject([{ id: call.id, status: 'DELIVERED', attempts: 1, lastError: null }]);
  });

  it('retries a receiver that fails three times, which then gets the event exactly once', async () => {
    const { receiver, watchlist } = await subscribed(ORG.bastionShield);
    receiver.answer = (_call, n) => (n <= 3 ? 503 : 200);
    await ok(SUSPEND, { id: ORG.bastionShield }, secretariat);
    await eventually(async () => (await deliveries(watchlist.id)).deliveries.edges[0]?.node.status === 'DELIVERED', 15_000, 'delivery');
    expect(receiver.calls).toHaveLength(4);
    expect(new Set(receiver.calls.map((c) => c.id)).size).toBe(1);
    expect(receiver.calls.every((c) => c.verified)).toBe(true);
    expect(receiver.events.size).toBe(1);
    const [delivery] = (await deliveries(watchlist.id)).deliveries.edges.map((e: any) => e.node);
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 4, lastError: null });
    // Nothing more arrives afterwards.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.calls).toHaveLength(4);
  });

  it('follows no redirect, gives up after its time and marks the webhook failing', async () => {
    const { receiver, watchlist } = await subscribed(ORG.cordillera);
    receiver.answer = () => 302;
    await ok(SUSPEND, { id: ORG.cordillera }, secretariat);
    await eventually(async () => (await deliveries(watchlist.id)).deliveries.edges[0]?.node.status === 'FAILED', 20_000, 'giving up');
    const after = await deliveries(watchlist.id);
    expect(after.webhookFailingSince).not.toBeNull();
    expect(after.deliveries.edges[0].node).toMatchObject({ status: 'FAILED', lastError: 'The endpoint answered 302' });
    expect(after.deliveries.edges[0].node.attempts).toBeGreaterThan(1);
    expect(receiver.events.size).toBe(0);
    expect(receiver.calls.every((c) => c.body.includes(ORG.cordillera))).toBe(true);
  });

  it('tells the partner the class of a failure, never an address, a name or a resolver\'s answer; the log keeps them', async () => {
    const hanging = await new WebhookReceiver().start();
    const failing = await new WebhookReceiver().start();
    const closed = await new WebhookReceiver().start();
    receivers.push(hanging, failing);
    hanging.answer = () => 'hang';
    failing.answer = () => 500;
    // Nothing listens there any more: the connection is refused.
    await closed.stop();
    const endpoints: [string, string][] = [
      ['http://10.255.255.1/hook', 'The call was refused: the address is not allowed'],
      ['http://no-such-host.invalid/hook', 'The endpoint\'s name could not be resolved'],
      [closed.url, 'The connection failed'],
      [hanging.url, 'The call timed out'],
      [failing.url, 'The endpoint answered 500'],
    ];
    const watchlists: string[] = [];
    for (const [url] of endpoints) {
      const created = (await ok(CREATE, { name: `Failing ${url}` }, partner)).createWatchlist;
      const added = (await ok(ADD, { id: created.id, ids: [ORG.harbourline], v: created.version }, partner)).addToWatchlist;
      watchlists.push((await ok(SET, { id: added.id, url, v: added.version }, partner)).setWatchlistWebhook.watchlist.id);
    }
    await ok(SUSPEND, { id: ORG.harbourline }, secretariat);
    const lastErrors = async () =>
      Promise.all(watchlists.map(async (id) => (await deliveries(id)).deliveries.edges[0]?.node.lastError as string | undefined));
    await eventually(async () => (await lastErrors()).every(Boolean), 20_000, 'a failed attempt at each endpoint');
    const told = await lastErrors();
    expect(told).toEqual(endpoints.map(([, error]) => error));
    for (const error of told) expect(error).not.toMatch(/\d+\.\d+\.\d+\.\d+|:\d{2,5}\b|invalid|localhost|E[A-Z]{4,}|getaddrinfo/);

    const logged = readFileSync(stack.logFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line)).filter((e) => e.message === 'webhook call failed');
    const details = logged.map((e) => `${e.code} ${e.detail}`).join('\n');
    expect(details).toContain('10.255.255.1');
    expect(details).toContain('ENOTFOUND no-such-host.invalid');
    expect(details).toContain(`ECONNREFUSED 127.0.0.1:${new URL(closed.url).port}`);
    const ours = logged.filter((e) => watchlists.includes(e.watchlistId));
    expect(ours.length).toBeGreaterThanOrEqual(4);
    expect(ours.every((e) => e.level === 'warn' && e.service === 'certification')).toBe(true);
  });

  it('signs with the new secret once rotated', async () => {
    const { receiver, watchlist } = await subscribed(ORG.montanaAzul);
    const old = receiver.secret;
    const rotated = (await ok(ROTATE, { id: watchlist.id, v: watchlist.version }, partner)).rotateWatchlistWebhookSecret;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(old);
    receiver.secret = old;
    receiver.answer = (call) => (call.verified ? 200 : 401);
    await ok(SUSPEND, { id: ORG.montanaAzul }, secretariat);
    await eventually(() => receiver.calls.length >= 1, 15_000, 'a call');
    expect(receiver.calls[0].verified).toBe(false);
    receiver.secret = rotated.secret;
    await eventually(() => receiver.events.size === 1, 15_000, 'a delivery signed with the new secret');
  });

  it('keeps the webhook and its deliveries to the owning partner', async () => {
    const { watchlist } = await subscribed(ORG.orionSentinel);
    const other = await stack.token('partner', 'partner-org-someone-else');
    const member = await stack.token('member', ORG.orionSentinel);
    const expectations: [string | undefined, string][] = [[undefined, 'UNAUTHENTICATED'], [other, 'NOT_FOUND'], [secretariat, 'FORBIDDEN'], [member, 'FORBIDDEN']];
    for (const [token, code] of expectations) {
      expect(codes(await stack.query(DELIVERIES, { id: watchlist.id }, { token }))).toEqual([code]);
      expect(codes(await stack.query(SET, { id: watchlist.id, url: 'https://attacker.example/hook', v: watchlist.version }, { token }))).toEqual([code]);
      expect(codes(await stack.query(ROTATE, { id: watchlist.id, v: watchlist.version }, { token }))).toEqual([code]);
    }
    const bad = await stack.query<any>(SET, { id: watchlist.id, url: 'ftp://files.example/hook', v: watchlist.version }, { token: partner });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions!.field).toBe('webhookUrl');
    expect((await ok('query One($id: ID!) { watchlist(id: $id) { version webhookUrl } }', { id: watchlist.id }, partner)).watchlist.version).toBe(watchlist.version);
  });
});
