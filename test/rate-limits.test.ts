import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET, issueToken } from '../services/shared/src';
import { startStack, type Stack } from './support/stack';

/**
 * Rate limits at the gateway: anonymous mutations, anonymous reads and authenticated callers are
 * counted apart, over the limit is HTTP 429 with Retry-After and RATE_LIMITED, and nothing is stored.
 * Anonymous callers are told apart by address (X-Forwarded-For only with TRUST_PROXY), authenticated
 * ones by API client id. With a Redis store, replicas share their counters.
 */
const APPLY = /* GraphQL */ `
  mutation Apply($name: String!) {
    submitMembershipApplication(input: { organizationName: $name, pillar: CIVIL_SOCIETY, requestedCategory: MEMBER,
      headquartersCountry: "KE", contactName: "A. Person", contactEmail: "a.person@example.org" }) { id }
  }
`;
const READ = /* GraphQL */ `{ organizations(first: 1) { totalCount } }`;
const QUEUE = /* GraphQL */ `{ membershipApplications(status: PENDING, first: 1) { totalCount } }`;

/** A client address nobody else uses, so runs never share counters (given TRUST_PROXY). */
const freshAddress = () => `10.${[...randomBytes(3)].join('.')}, 192.0.2.1`;

async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}

describe('rate limits at the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      database: 'sqlite',
      only: ['membership'],
      gatewayEnv: { RATE_LIMIT_PUBLIC_MUTATIONS: '2', RATE_LIMIT_PUBLIC_READS: '5', RATE_LIMIT_AUTHENTICATED: '4' },
    });
  });
  afterAll(() => stack?.stop());

  it('refuses the third anonymous mutation with 429, Retry-After and RATE_LIMITED, and stores nothing', async () => {
    const secretariat = await stack.token('secretariat');
    const pending = async () => (await stack.query<any>(QUEUE, {}, { token: secretariat })).data.membershipApplications.totalCount;
    const before = await pending();
    for (const n of [1, 2]) expect((await post(stack.gatewayUrl, APPLY, { name: `Limit Test ${n}` })).status).toBe(200);
    const refused = await post(stack.gatewayUrl, APPLY, { name: 'Limit Test 3' });
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(await pending()).toBe(before + 2);
  });

  it('counts anonymous reads apart from mutations, and ignores X-Forwarded-For without TRUST_PROXY', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      // A forged forwarding header must not buy a fresh allowance.
      statuses.push((await post(stack.gatewayUrl, READ, {}, { 'x-forwarded-for': `203.0.113.${i}` })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('counts authenticated callers by API client id, whatever the subject', async () => {
    const token = (clientId: string, subject: string) =>
      issueToken(DEVELOPMENT_JWT_SECRET, { role: 'partner', clientId, subject });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await post(stack.gatewayUrl, READ, {}, { authorization: `Bearer ${await token('partner-client-a', `staff-${i}`)}` });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const other = await post(stack.gatewayUrl, READ, {}, { authorization: `Bearer ${await token('partner-client-b', 'staff-0')}` });
    expect(other.status).toBe(200);
  });

  it('never limits a caller holding a subgraph\'s gateway secret (subgraphs count nothing)', async () => {
    for (let i = 0; i < 12; i += 1) {
      const response = await stack.querySubgraph('membership', READ);
      expect(response.status).toBe(200);
    }
  });

  it('tells clients apart by X-Forwarded-For behind a trusted proxy', async () => {
    const behindProxy = await stack.anotherGateway({ TRUST_PROXY: 'true', RATE_LIMIT_PUBLIC_READS: '1' });
    try {
      const first = freshAddress();
      expect((await post(behindProxy.url, READ, {}, { 'x-forwarded-for': first })).status).toBe(200);
      expect((await post(behindProxy.url, READ, {}, { 'x-forwarded-for': first })).status).toBe(429);
      expect((await post(behindProxy.url, READ, {}, { 'x-forwarded-for': freshAddress() })).status).toBe(200);
    } finally {
      await behindProxy.stop();
    }
  });

  describe.skipIf(!process.env.TEST_REDIS_URL)('with counters in Redis (TEST_REDIS_URL)', () => {
    it('holds one limit across two gateway replicas', async () => {
      const env = { TRUST_PROXY: 'true', RATE_LIMIT_PUBLIC_MUTATIONS: '3', RATE_LIMIT_REDIS_URL: process.env.TEST_REDIS_URL! };
      const [a, b] = await Promise.all([stack.anotherGateway(env), stack.anotherGateway(env)]);
      try {
        const address = freshAddress();
        const statuses: number[] = [];
        for (const [i, replica] of [a, b, a, b, a].entries()) {
          statuses.push((await post(replica.url, APPLY, { name: `Replica Test ${i}` }, { 'x-forwarded-for': address })).status);
        }
        expect(statuses).toEqual([200, 200, 200, 429, 429]);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    });
  });
});
