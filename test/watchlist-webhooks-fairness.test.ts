import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './support/databases';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';
import { eventually, WebhookReceiver } from './support/webhook-receiver';

const CREATE = 'mutation Create($name: String!) { createWatchlist(name: $name) { id version } }';
const ADD = 'mutation Add($id: ID!, $ids: [ID!]!, $v: Int!) { addToWatchlist(id: $id, organizationIds: $ids, expectedVersion: $v) { id version } }';
const SET = /* GraphQL */ `
  mutation Set($id: ID!, $url: String, $v: Int!) {
    setWatchlistWebhook(id: $id, webhookUrl: $url, expectedVersion: $v) { secret watchlist { id version webhookUrl } }
  }
`;
const LISTS = '{ watchlists { id version webhookUrl } }';
const REINSTATE = /* GraphQL */ `
  mutation Reinstate($id: ID!) { changeMembershipStatus(organizationId: $id, status: ACTIVE, reason: "Remedial measures agreed") { id } }
`;
const SUSPEND = /* GraphQL */ `
  mutation Suspend($id: ID!) { changeMembershipStatus(organizationId: $id, status: SUSPENDED, reason: "Pattern of non-compliance") { id } }
`;

/** Receivers that accept the TCP connection and never answer: every call to them lasts until its timeout. */
class DeadReceivers {
  private server!: Server;
  private readonly sockets = new Set<Socket>();
  accepted = 0;
  /** Connections the caller gave up (its timeout). */
  ended = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((socket) => {
      this.accepted++;
      this.sockets.add(socket);
      socket.resume();
      socket.on('close', () => {
        this.ended++;
        this.sockets.delete(socket);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const DEAD_WEBHOOKS = 40;
const TIMEOUT_MS = 8000;

/**
 * Issue 23, item 3: one partner organization's dead receivers must not hold up another partner's deliveries. The
 * reference is the other partner's delivery in the same run without them.
 */
describe.each(DATABASES)('webhooks shared fairly between partner organizations (%s)', (database) => {
  let stack: Stack;
  let secretariat: string;
  let quick: string;
  let stalled: string;
  const receiver = new WebhookReceiver();
  const dead = new DeadReceivers();
  /** When the quick partner's receiver got each organization's change, and how many dead calls had ended then. */
  const arrivals = new Map<string, { at: number; deadEnded: number }>();

  beforeAll(async () => {
    stack = await startStack({
      database,
      env: {
        STANDING_TRACKER_POLL_MS: '200',
        WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
        WEBHOOK_RETRY_BASE_MS: '1000',
        PARTNER_MAX_WATCHLISTS: String(DEAD_WEBHOOKS + 1),
        PARTNER_MAX_WEBHOOKS: String(DEAD_WEBHOOKS),
      },
    });
    secretariat = await stack.token('secretariat');
    quick = await stack.token('partner', 'partner-org-quick');
    stalled = await stack.token('partner', 'partner-org-stalled');
    await receiver.start();
    await dead.start();
    receiver.answer = (call) => {
      const organizationId = JSON.parse(call.body).data.organizationId as string;
      if (!arrivals.has(organizationId)) arrivals.set(organizationId, { at: Date.now(), deadEnded: dead.ended });
      return 200;
    };
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver.stop();
    await dead.stop();
  });

  const ok = async (query: string, variables: Record<string, unknown>, token?: string): Promise<any> => {
    const response = await stack.query<any>(query, variables, { token });
    expect(response.errors).toBeUndefined();
    return response.data;
  };
  const watchlistWithWebhook = async (token: string, organizationIds: string[], url: string) => {
    const created = (await ok(CREATE, { name: `Following ${organizationIds.length}` }, token)).createWatchlist;
    const added = (await ok(ADD, { id: created.id, ids: organizationIds, v: created.version }, token)).addToWatchlist;
    return (await ok(SET, { id: added.id, url, v: added.version }, token)).setWatchlistWebhook;
  };
  /** Milliseconds from the change to its arrival at the quick partner's receiver. */
  const deliveryDelay = async (organizationId: string) => {
    const started = Date.now();
    await ok(SUSPEND, { id: organizationId }, secretariat);
    await eventually(() => arrivals.has(organizationId), 60_000, `the change of ${organizationId}`);
    return arrivals.get(organizationId)!.at - started;
  };

  it('delivers to one partner as fast with another partner\'s 40 receivers dead as without them', async ({ annotate }) => {
    receiver.secret = (await watchlistWithWebhook(quick, [ORG.jadeport, ORG.kestrelGuarding], `${receiver.url}`)).secret;
    const reference = await deliveryDelay(ORG.jadeport);

    for (let i = 0; i < DEAD_WEBHOOKS; i++) await watchlistWithWebhook(stalled, [ORG.lindqvist], `${dead.url}/hook-${i}`);
    await ok(SUSPEND, { id: ORG.lindqvist }, secretariat);
    // The stalled partner's calls hang before the quick partner's change is even recorded.
    await eventually(() => dead.accepted >= 4, 30_000, 'calls to the dead receivers');
    const delay = await deliveryDelay(ORG.kestrelGuarding);
    await annotate(`delivery to the quick partner: ${reference} ms alone, ${delay} ms beside ${DEAD_WEBHOOKS} dead receivers`);

    // It did not wait for the dead calls to time out: they were still hanging when it arrived...
    expect(arrivals.get(ORG.kestrelGuarding)!.deadEnded).toBeLessThan(DEAD_WEBHOOKS);
    expect(dead.accepted - arrivals.get(ORG.kestrelGuarding)!.deadEnded).toBeGreaterThan(0);
    // ...and it came within its normal delay (a margin far below one timeout, for a loaded machine).
    expect(delay).toBeLessThanOrEqual(reference + TIMEOUT_MS / 4);
  }, 120_000);

  it('caps the watchlists and the webhooks of a partner organization, storing nothing beyond', async () => {
    const before = (await ok(LISTS, {}, stalled)).watchlists;
    expect(before).toHaveLength(DEAD_WEBHOOKS);
    const last = (await ok(CREATE, { name: 'The last one allowed' }, stalled)).createWatchlist;

    const refused = await stack.query<any>(CREATE, { name: 'One too many' }, { token: stalled });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].message).toMatch(/at most 41 watchlists/);
    expect((await ok(LISTS, {}, stalled)).watchlists).toHaveLength(DEAD_WEBHOOKS + 1);

    const noWebhook = await stack.query<any>(SET, { id: last.id, url: `${receiver.url}?last`, v: last.version }, { token: stalled });
    expect(codes(noWebhook)).toEqual(['BAD_USER_INPUT']);
    expect(noWebhook.errors![0].message).toMatch(/at most 40 webhooks/);
    expect(noWebhook.errors![0].extensions!.field).toBe('webhookUrl');
    const unchanged = (await ok(LISTS, {}, stalled)).watchlists.find((w: any) => w.id === last.id);
    expect(unchanged).toEqual({ id: last.id, version: last.version, webhookUrl: null });

    // A webhook moved to another address is not one more; one removed frees its place.
    const moved = (await ok(SET, { id: before[0].id, url: `${receiver.url}?moved`, v: before[0].version }, stalled)).setWatchlistWebhook;
    await ok(SET, { id: before[1].id, url: null, v: before[1].version }, stalled);
    await ok(SET, { id: last.id, url: `${receiver.url}?last`, v: last.version }, stalled);
    expect(moved.watchlist.webhookUrl).toBe(`${receiver.url}?moved`);

    // Another partner organization has its own allowance.
    await ok(CREATE, { name: 'Still allowed' }, quick);
  }, 60_000);

  it('cuts the calls in flight short when the subgraph stops, instead of waiting for their timeout', async () => {
    const accepted = dead.accepted;
    await ok(REINSTATE, { id: ORG.lindqvist }, secretariat);
    await eventually(() => dead.accepted > accepted, 30_000, 'new calls to the dead receivers');
    const started = Date.now();
    await stack.subgraphs.certification.stop();
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS / 2);
    await eventually(() => dead.ended === dead.accepted, 5000, 'every hanging connection closed');
  }, 60_000);
});
