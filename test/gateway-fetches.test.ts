import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { QueryPlanner } from '@apollo/query-planner';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DATABASES } from './support/databases';
import { startStack, type Stack } from './support/stack';

/**
 * How the gateway calls its subgraphs: without asking for compression (the subgraphs never compress,
 * whoever asks), on connections it keeps and reuses, and with each operation planned once. What the
 * membership subgraph receives and sends is read from Node's own HTTP server events, in this process.
 */
interface Received {
  requestId: string;
  headers: IncomingMessage['headers'];
  socket: Socket;
  response: ServerResponse;
}

/** A large answer (well past the 2 KB from which the gateway compresses its own answers), from membership alone. */
const LIST = /* GraphQL */ `{ organizations(first: 50) { totalCount edges { node { id name pillar membershipStatus memberSince } } } }`;

describe.each(DATABASES)('the gateway\'s fetches from subgraphs on %s', (database) => {
  let stack: Stack;
  const received: Received[] = [];
  const onRequest = (message: unknown) => {
    const { request, response, socket, server } = message as { request: IncomingMessage; response: ServerResponse; socket: Socket; server: Server };
    const address = server.address();
    if (typeof address !== 'object' || address?.port !== stack?.subgraphs.membership.port) return;
    received.push({ requestId: String(request.headers['x-request-id'] ?? ''), headers: request.headers, socket, response });
  };
  beforeAll(async () => {
    // Answers with a token are never cached; without the caches every request reaches the subgraph.
    stack = await startStack({ database, gatewayEnv: { RESPONSE_CACHE: 'false' } });
    diagnostics.subscribe('http.server.request.start', onRequest);
  }, 120_000);
  afterAll(async () => {
    diagnostics.unsubscribe('http.server.request.start', onRequest);
    await stack?.stop();
  });

  const ask = (requestId: string, headers: Record<string, string> = {}) =>
    stack.query<any>(LIST, {}, { headers: { 'x-request-id': requestId, ...headers } });
  const receivedFor = (prefix: string) => received.filter((r) => r.requestId.startsWith(prefix));

  it('sends no accept-encoding to a subgraph and gets its answer uncompressed, while the client\'s answer is compressed', async () => {
    const answer = await ask('plain-1', { 'accept-encoding': 'br, gzip' });
    expect(answer.errors).toBeUndefined();
    // The client asked for compression and got it from the gateway: the edge is where it belongs.
    expect(answer.headers.get('content-encoding')).toBe('br');
    const [call] = receivedFor('plain-1');
    expect(call, 'membership was asked').toBeDefined();
    expect(call.headers['accept-encoding']).toBeUndefined();
    // The gateway has read the subgraph's whole answer by now: its headers are final.
    expect(call.response.getHeader('content-encoding')).toBeUndefined();
    expect(JSON.stringify(answer.data).length, 'an answer large enough to be compressed').toBeGreaterThan(2048);
    // A subgraph never compresses, even for a caller that asks (the gateway's headers plus accept-encoding).
    const direct = await stack.querySubgraph<any>('membership', LIST, {}, { headers: { 'accept-encoding': 'br, gzip, deflate' } });
    expect(direct.errors).toBeUndefined();
    expect(direct.headers.get('content-encoding')).toBeNull();
  });

  it('reuses its connections to a subgraph: 40 requests one after another on one, 20 at once on at most 20', async () => {
    for (let n = 0; n < 40; n += 1) expect((await ask(`serial-${n}`)).errors).toBeUndefined();
    const serial = new Set(receivedFor('serial-').map((r) => r.socket));
    expect(receivedFor('serial-')).toHaveLength(40);
expect(serial.size).toBeLessThanOrEqual(2);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => ask(`parallel-${n}`)));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const all = new Set([...receivedFor('serial-'), ...receivedFor('parallel-')].map((r) => r.socket));
    // The connections of the first 40 are reused; at most 20 are in use at once.
    expect(all.size).toBeLessThanOrEqual(20 + serial.size);
expect(all.size).toBeLessThan(60);
  });

  it('plans an operation once, then answers it again from the query plan cache', async () => {
    const planned = vi.spyOn(QueryPlanner.prototype, 'buildQueryPlan');
    try {
      const operation = /* GraphQL */ `query PlannedOnce { organizations(first: 3) { edges { node { name standing } } } }`;
      for (let n = 0; n < 3; n += 1) expect((await stack.query(operation)).errors).toBeUndefined();
      expect(planned).toHaveBeenCalledTimes(1);
    } finally {
      planned.mockRestore();
    }
  });
});
