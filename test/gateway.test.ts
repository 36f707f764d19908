import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../gateway/src/config';
import { startGateway } from '../gateway/src/gateway';
import { ORG } from './support/membership';
import { PRODUCTION_IDENTITY } from './support/production';
import { codes, startStack, type Stack } from './support/stack';

const INTROSPECTION = /* GraphQL */ `{ __schema { queryType { name } } }`;

describe('the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ database: 'sqlite' });
  });
  afterAll(() => stack?.stop());

  it('serves Apollo Sandbox as its landing page in development', async () => {
    const response = await fetch(`${stack.gatewayBaseUrl}/`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/sandbox/i);
    expect(html).toContain('embeddable-sandbox');
  });

  it('answers introspection in development', async () => {
    const response = await stack.query<any>(INTROSPECTION);
    expect(response.data.__schema.queryType.name).toBe('Query');
  });

  it('advertises the address it actually bound, not a name that may resolve to another one', async () => {
    // `localhost` may resolve to ::1 first, where a server bound on 0.0.0.0 does not listen.
    for (const url of [stack.gatewayBaseUrl, ...Object.values(stack.subgraphs).map((s) => s.url)]) {
      expect(new URL(url).hostname).toBe('127.0.0.1');
      expect((await fetch(new URL('/health/live', url))).status).toBe(200);
    }
  });

  it('reports each subgraph as reachable on /health', async () => {
    const response = await fetch(`${stack.gatewayBaseUrl}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.status).toBe('ok');
    for (const name of Object.keys(stack.subgraphs)) expect(body.subgraphs[name].reachable).toBe(true);
  });

  it('forwards the request id into the subgraphs\' logs', async () => {
    const requestId = `trace-${Date.now()}`;
    const response = await stack.query(/* GraphQL */ `query Trace { organizations(first: 1) { totalCount } }`, {}, {
      headers: { 'x-request-id': requestId },
    });
    expect(response.errors).toBeUndefined();
    const lines = await stack.logLinesOf(requestId);
    expect(lines.map((l) => l.service).sort()).toEqual(['gateway', 'membership']);
    expect(lines.find((l) => l.service === 'membership')).toMatchObject({ message: 'operation', errors: 0 });
  });

  it('carries the request id on when one subgraph asks another', async () => {
    const requestId = `peer-trace-${Date.now()}`;
    const response = await stack.query(
      /* GraphQL */ `query PeerTrace($id: ID!) { organization(id: $id) { name selfAssessments { year status } } }`,
      { id: ORG.aegisMeridian },
      { headers: { 'x-request-id': requestId } },
    );
    expect(response.errors).toBeUndefined();
    const lines = (await stack.logLinesOf(requestId)).filter((entry) => entry.message === 'operation');
    // gateway, membership (organization), certification (self-assessments) and membership again, asked by certification
    expect(lines.map((l) => l.service).sort()).toEqual(['certification', 'gateway', 'membership', 'membership']);
    expect(lines.some((l) => l.service === 'membership' && /^Certification/.test(l.operationName))).toBe(true);
  });

  it('refuses operations past its limits (aliases, depth) before any subgraph works', async () => {
    const aliases = Array.from({ length: 25 }, (_, i) => `a${i}: organizations(first: 1) { totalCount }`).join(' ');
    const before = stack.statements();
    const response = await stack.query(`{ ${aliases} }`);
    expect(codes(response)[0]).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors![0].message).toMatch(/alias/i);
    expect(stack.statements()).toBe(before);
  });

  it('answers errors with a code and without stack traces', async () => {
    const response = await stack.query(`{ organization(id: "x") { id nope } }`);
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|at .*\.js/);
  });

  it('hides database errors behind INTERNAL_SERVER_ERROR, with no SQL in the answer', async () => {
    const isolated = await startStack({ database: 'sqlite' });
    try {
      await isolated.subgraphs.membership.database.dataSource.query('DROP TABLE organization_contact');
      const response = await isolated.query(
        /* GraphQL */ `query($id: ID!) { organization(id: $id) { name contacts { email } } }`,
        { id: ORG.aegisMeridian },
        { token: await isolated.token('secretariat') },
      );
      expect(codes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(response.errors![0].message).toBe('Internal server error');
      expect(JSON.stringify(response)).not.toMatch(/SELECT|organization_contact|no such table|SQLITE/i);
      expect((response.data as any).organization.name).toBe('Aegis Meridian Security Ltd');
    } finally {
      await isolated.stop();
    }
  });

  it('starts on the committed supergraph file with no subgraph up, introspection off in production, health degraded', async () => {
    const deadSubgraphs = Object.fromEntries(
      ['MEMBERSHIP', 'CERTIFICATION', 'COMPLAINTS'].flatMap((name) => [
        // Nothing listens there: a gateway that introspected its subgraphs at start-up could not start.
        [`${name}_URL`, 'http://127.0.0.1:9/graphql'],
        [`${name}_GATEWAY_SECRET`, `production-secret-for-${name.toLowerCase()}`],
      ]),
    );
    const production = await startGateway(
      loadGatewayConfig({
        NODE_ENV: 'production',
        PORT: '0',
        LOG_LEVEL: 'silent',
        ...PRODUCTION_IDENTITY,
        ...deadSubgraphs,
      }),
    );
    try {
      const post = (query: string) =>
        fetch(production.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }).then(
          (r) => r.json() as Promise<any>,
        );
      const introspection = await post(INTROSPECTION);
      expect(introspection.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const directory = await post(`{ organizations(first: 2) { totalCount } }`);
      // The part no subgraph could give is reported where it belongs, with a code a client can act on.
      expect(directory.errors).toEqual([
        expect.objectContaining({ path: ['organizations'], extensions: { code: 'SERVICE_UNAVAILABLE' } }),
      ]);
      expect(JSON.stringify(directory)).not.toContain('127.0.0.1');
      const health = await fetch(production.url.replace('/graphql', '/health'));
      expect(health.status).toBe(503);
      const body = (await health.json()) as any;
      expect(body.status).toBe('degraded');
      expect(body.subgraphs.membership.reachable).toBe(false);
      const landing = await fetch(production.url.replace('/graphql', '/'), { headers: { accept: 'text/html' } });
      expect(await landing.text()).not.toContain('embeddable-sandbox');
    } finally {
      await production.stop();
    }
  });
});
