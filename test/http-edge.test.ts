import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';

/**
 * The HTTP edge as clients and operators meet it: status codes and JSON errors for refused
 * requests, request ids, CSRF prevention, compression, a deadline on each subgraph call, a client
 * trickling its body dropped, and a reset keep-alive connection retried once for a query.
 */
async function listening<T extends HttpServer | TcpServer>(server: T): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('the HTTP edge', () => {
  let stack: Stack;
  const extra: { stop(): Promise<void> }[] = [];
  beforeAll(async () => {
    stack = await startStack({ database: 'sqlite' });
  });
  afterAll(async () => {
    for (const running of extra) await running.stop();
    await stack?.stop();
  });

  function raw(body: string, headers: Record<string, string> = {}) {
    return fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  }

  it('answers refused requests with a status and a JSON error, never a stack', async () => {
    const tooLarge = await raw(JSON.stringify({ query: `{ __typename } # ${'x'.repeat(1_100_000)}` }));
    expect(tooLarge.status).toBe(413);
    expect(codes((await tooLarge.json()) as any)).toEqual(['BAD_REQUEST']);
    const notJson = await raw('{"query": ');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as any).errors[0].message).toBe('Body is not valid JSON');
    const nowhere = await fetch(`${stack.gatewayBaseUrl}/nowhere`);
    expect(nowhere.status).toBe(404);
    expect(codes((await nowhere.json()) as any)).toEqual(['NOT_FOUND']);
  });

  it('refuses a body that would set an object\'s prototype, so subgraphs behind the gateway may parse plainly', async () => {
    // The subgraphs parse their JSON without this scan (every body they take carries the gateway secret): the
    // gateway is where a client's body is checked, whatever field or variable the key hides in.
    for (const poisoned of [
      '{"query": "{ __typename }", "variables": {"__proto__": {"admin": true}}}',
      '{"query": "{ __typename }", "variables": {"x": {"constructor": {"prototype": {"admin": true}}}}}',
      '{"query": "{ __typename }", "extensions": {"\\u005f_proto__": {}}}',
    ]) {
      const before = stack.statements();
      const refused = await raw(poisoned);
      expect(refused.status, poisoned).toBe(400);
      expect(codes((await refused.json()) as any)).toEqual(['BAD_REQUEST']);
      expect(stack.statements()).toBe(before);
    }
  });

  it('refuses documents past the operation limits with 400, before any subgraph works', async () => {
    const before = stack.statements();
    const manyTokens = `{ ${Array.from({ length: 2600 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const tokens = await raw(JSON.stringify({ query: manyTokens }));
    expect(tokens.status).toBe(400);
    const tokensBody = (await tokens.json()) as any;
    expect(codes(tokensBody)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(tokensBody.errors[0].message).toMatch(/tokens/);
    const nested = `{ verifyMembers(names: ${'['.repeat(2000)}"x"${']'.repeat(2000)}) { query } }`;
    const deep = await raw(JSON.stringify({ query: nested }));
    expect(deep.status).toBe(400);
    const deepBody = (await deep.json()) as any;
    expect(deepBody.errors[0].message).toMatch(/nested more than \d+ levels/);
    expect(JSON.stringify(deepBody)).not.toMatch(/RangeError|stack/i);
    const aliases = Array.from({ length: 25 }, (_, i) => `a${i}: organizations(first: 1) { totalCount }`).join(' ');
    expect((await raw(JSON.stringify({ query: `{ ${aliases} }` }))).status).toBe(400);
    const depth = `{ organization(id: "x") { statusHistory { status } ${'certifications { organization { '.repeat(6)} id ${'} } '.repeat(6)} } }`;
    expect((await raw(JSON.stringify({ query: depth }))).status).toBe(400);
    expect(stack.statements()).toBe(before);
  });

  it('keeps Apollo\'s CSRF prevention: a GET without a preflight header is refused', async () => {
    const url = new URL(stack.gatewayUrl);
    url.searchParams.set('query', '{ organizations(first: 1) { totalCount } }');
    expect((await fetch(url)).status).toBe(400);
    expect((await fetch(url, { headers: { 'apollo-require-preflight': 'true' } })).status).toBe(200);
  });

  it('answers a CORS preflight with the headers a frontend needs', async () => {
    const preflight = await fetch(stack.gatewayUrl, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,apollographql-client-name,x-request-id',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/apollo-require-preflight/);
    const answer = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organizations(first: 1) { totalCount } }' }),
    });
    expect(answer.headers.get('access-control-expose-headers')).toMatch(/retry-after/);
    expect(answer.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    const foreign = await fetch(stack.gatewayUrl, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('names each answer with its request id, the caller\'s own when it is plain', async () => {
    const own = await raw(JSON.stringify({ query: '{ __typename }' }), { 'x-request-id': 'frontend-1234' });
    expect(own.headers.get('x-request-id')).toBe('frontend-1234');
    const unsafe = await raw(JSON.stringify({ query: '{ __typename }' }), { 'x-request-id': 'a b;c' });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // An id claiming to be a background job's is the subgraphs' own business: a client's is replaced.
    const claimsBackground = await raw(JSON.stringify({ query: '{ organizations(first: 1) { totalCount } }' }), {
      'x-request-id': 'background:not-a-job',
    });
    expect(claimsBackground.status).toBe(200);
    expect(claimsBackground.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await stack.logLinesOf('background:not-a-job')).toEqual([]);
  });

  it('compresses large answers for clients that accept it', async () => {
    const names = Array.from({ length: 60 }, (_, i) => (i % 2 ? 'Aegis Meridian' : `Unknown Company ${i}`));
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ query: 'query($n: [String!]) { verifyMembers(names: $n) { query matched matches { matchedName result { standing } } } }', variables: { n: names } }),
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(((await response.json()) as any).data.verifyMembers).toHaveLength(60);
  });

  it('gives up on a subgraph that does not answer in time, names it in the log, and answers the rest', async () => {
    const silent = createHttpServer(() => undefined);
    const port = await listening(silent);
    extra.push({ stop: () => new Promise((resolve) => { silent.closeAllConnections(); silent.close(() => resolve()); }) });
    const gateway = await stack.anotherGateway({ COMPLAINTS_URL: `http://127.0.0.1:${port}/graphql`, SUBGRAPH_TIMEOUT_MS: '500' });
    const started = Date.now();
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'timeout-check' },
      body: JSON.stringify({ query: 'query($id: ID!) { organization(id: $id) { name complaintStatistics { received } } }', variables: { id: ORG.aegisMeridian } }),
    });
    const body = (await response.json()) as any;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(body.data.organization).toEqual({ name: 'Aegis Meridian Security Ltd', complaintStatistics: null });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['organization', 'complaintStatistics'], extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
    const lines = (await stack.logLinesOf('timeout-check')).filter((entry) => entry.message === 'subgraph unavailable');
    expect(lines).toEqual([expect.objectContaining({ subgraph: 'complaints', reason: 'timed out after 500 ms' })]);
  });

  it('drops a client that trickles its request body', async () => {
    const gateway = await stack.anotherGateway({ HEADERS_TIMEOUT_MS: '500', REQUEST_TIMEOUT_MS: '1000' });
    const socket = connect(gateway.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const started = Date.now();
    socket.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    const trickle = setInterval(() => socket.writable && socket.write(' '), 200);
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    await new Promise((resolve) => socket.once('close', resolve));
    clearInterval(trickle);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('retries a query once when a reused connection to a subgraph is reset, and never a mutation', async () => {
    // A proxy in front of membership that resets every connection on its second request: what a
    // subgraph closing an idle keep-alive connection looks like to the gateway's client.
    const upstream = new URL(stack.subgraphs.membership.url);
    let resets = 0;
    const proxy = createTcpServer((client: Socket) => {
      let requests = 0;
      const server = connect(Number(upstream.port), '127.0.0.1');
      client.on('data', (chunk) => {
        if (/^(POST|GET) /.test(chunk.toString('latin1', 0, 5))) requests += 1;
        if (requests >= 2) {
          resets += 1;
          server.destroy();
          client.resetAndDestroy();
          return;
        }
        server.write(chunk);
      });
      server.on('data', (chunk) => client.write(chunk));
      server.on('error', () => client.destroy());
      client.on('error', () => server.destroy());
      client.on('close', () => server.destroy());
    });
    const port = await listening(proxy);
    extra.push({ stop: () => new Promise((resolve) => proxy.close(() => resolve())) });
    const gateway = await stack.anotherGateway({ MEMBERSHIP_URL: `http://127.0.0.1:${port}/graphql` });
    const ask = async (query: string, requestId: string) => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as any;
    };
    // Two different queries: the second must reach the subgraph, not the gateway's response cache.
    expect((await ask('{ organizations(first: 1) { totalCount } }', 'reset-1')).errors).toBeUndefined();
    const second = await ask('{ organizations(first: 2) { totalCount } }', 'reset-2');
    expect(second.errors).toBeUndefined();
    expect(second.data.organizations.totalCount).toBeGreaterThan(0);
    expect(resets).toBe(1);
    expect((await stack.logLinesOf('reset-2')).filter((entry) => /retrying the query once/.test(entry.message))).toHaveLength(1);

    const applications = async () =>
      (await stack.query<any>('{ membershipApplications(first: 1) { totalCount } }', {}, { token: await stack.token('secretariat') }))
        .data.membershipApplications.totalCount;
    const before = await applications();
    const mutation = await ask(
      'mutation { submitMembershipApplication(input: { organizationName: "Reset Test Org", pillar: CIVIL_SOCIETY, ' +
        'requestedCategory: MEMBER, headquartersCountry: "KE", contactName: "A. Person", contactEmail: "a@example.org" }) { id } }',
      'reset-3',
    );
    expect(codes(mutation)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(resets).toBe(2);
    expect(await applications()).toBe(before);
  });
});
