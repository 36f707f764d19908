import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';

/**
 * HTTP caching of public answers: public, non-personal data carries `public, max-age`; anything read
 * with a token, restricted fields, receipts and mutations never do. The test stack caps public
 * answers at 2 seconds (CACHE_MAX_AGE) so that staleness can be watched end to end.
 */
const DIRECTORY = /* GraphQL */ `
  query Directory {
    organizations(filter: { pillar: PRIVATE_SECURITY_COMPANY }, first: 5) {
      totalCount
      edges { node { id name membershipStatus standing certificationStatus complaintStatistics { total { value fewerThan } } } }
    }
  }
`;

describe('HTTP caching of public answers', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ database: 'sqlite', env: { CACHE_MAX_AGE: '2' } });
  });
  afterAll(() => stack?.stop());

  /** A GET request as a CDN would see it (the preflight header passes Apollo's CSRF protection). */
  function get(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
    const url = new URL(stack.gatewayUrl);
    url.searchParams.set('query', query);
    if (variables) url.searchParams.set('variables', JSON.stringify(variables));
    return fetch(url, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  }

  it('lets any cache keep the public directory for its max-age, and serves repeats from the gateway\'s cache', async () => {
    const first = await get(DIRECTORY);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('max-age=2, public');
    const body = (await first.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.organizations.edges.length).toBe(5);
    const statementsBefore = stack.statements();
    const second = await get(DIRECTORY);
    expect(second.headers.get('cache-control')).toBe('max-age=2, public');
    expect(second.headers.get('age')).not.toBeNull();
    expect(await second.json()).toEqual(body);
    // Answered from the gateway's memory: no subgraph ran a statement.
    expect(stack.statements()).toBe(statementsBefore);
    // Apollo's CSRF rule holds for cached answers too: a "simple" GET gets nothing.
    const url = new URL(stack.gatewayUrl);
    url.searchParams.set('query', DIRECTORY);
    expect((await fetch(url)).status).toBe(400);
  });

  it('never lets a cache on the way (CDN, browser) keep an answer read with a token, even of public fields', async () => {
    const token = await stack.token('partner');
    const response = await get(DIRECTORY, undefined, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const posted = await stack.query(DIRECTORY, {}, { token });
    expect(posted.headers.get('cache-control')).toBe('no-store');
  });

  it('never caches a restricted field, a receipt or a mutation', async () => {
    const restricted = await get(/* GraphQL */ `query($id: ID!) { organization(id: $id) { name contacts { email } } }`, {
      id: ORG.aegisMeridian,
    });
    expect(restricted.headers.get('cache-control')).toBe('no-store');
    const verification = await get(/* GraphQL */ `{ verifyMembers(names: ["Aegis Meridian"]) { matches { result { standing } } } }`);
    expect(verification.headers.get('cache-control')).toBe('max-age=2, public');
    const withReceipt = await get(/* GraphQL */ `{ verifyMembers(names: ["Aegis Meridian"]) { matches { result { standing receipt } } } }`);
    expect(withReceipt.status).toBe(200);
    expect(withReceipt.headers.get('cache-control')).toBe('no-store');
    const receipts = [(await withReceipt.json()) as any, (await (await get(/* GraphQL */ `{ verifyMembers(names: ["Aegis Meridian"]) { matches { result { standing receipt } } } }`)).json()) as any];
    // Signed at the moment asked: two answers, two receipts.
    expect(receipts[0].data.verifyMembers[0].matches[0].result.receipt).not.toBe(receipts[1].data.verifyMembers[0].matches[0].result.receipt);
    const mutation = await stack.query(
      /* GraphQL */ `mutation { submitMembershipApplication(input: { organizationName: "Cache Test Guarding Ltd",
        pillar: CIVIL_SOCIETY, requestedCategory: MEMBER, headquartersCountry: "KE", contactName: "A. Person",
        contactEmail: "a.person@example.org" }) { id status } }`,
    );
    expect(mutation.errors).toBeUndefined();
    expect(mutation.headers.get('cache-control')).toBe('no-store');
  });

  it('shows the public a change by the Secretariat at once through the gateway it went through, and within the max-age through any other', async () => {
    const replica = await stack.anotherGateway();
    const query = /* GraphQL */ `query($id: ID!) { organization(id: $id) { id membershipStatus } }`;
    const variables = { id: ORG.kestrelGuarding };
    const statusVia = async (gatewayUrl: string) => {
      const url = new URL(gatewayUrl);
      url.searchParams.set('query', query);
      url.searchParams.set('variables', JSON.stringify(variables));
      const body = (await (await fetch(url, { headers: { 'apollo-require-preflight': 'true' } })).json()) as any;
      return body.data.organization.membershipStatus;
    };
    expect(await statusVia(stack.gatewayUrl)).toBe('ACTIVE');
    expect(await statusVia(replica.url)).toBe('ACTIVE');
    const changedAt = Date.now();
    const changed = await stack.query(
      /* GraphQL */ `mutation($id: ID!) { changeMembershipStatus(organizationId: $id, status: SUSPENDED, reason: "Cache test") { membershipStatus } }`,
      variables,
      { token: await stack.token('secretariat') },
    );
    expect(changed.errors).toBeUndefined();
    // The gateway the change went through drops its copies of public answers at once.
    expect(await statusVia(stack.gatewayUrl)).toBe('SUSPENDED');
    // Another replica (like a CDN or a browser) may keep its copy for the max-age, never longer.
    const early = await statusVia(replica.url);
    if (Date.now() - changedAt < 1500) expect(early).toBe('ACTIVE');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, changedAt + 2100 - Date.now())));
    expect(await statusVia(replica.url)).toBe('SUSPENDED');
  });

  it('answers automatic persisted queries over GET, so a CDN can cache them by URL', async () => {
    const query = /* GraphQL */ `{ organizations(first: 2) { totalCount } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash } });
    const byHash = () => {
      const url = new URL(stack.gatewayUrl);
      url.searchParams.set('extensions', extensions);
      return fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    };
    const unknown = (await (await byHash()).json()) as any;
    expect(codes(unknown)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const url = new URL(stack.gatewayUrl);
    url.searchParams.set('query', query);
    url.searchParams.set('extensions', extensions);
    expect((await fetch(url, { headers: { 'apollo-require-preflight': 'true' } })).status).toBe(200);
    const known = await byHash();
    expect(known.headers.get('cache-control')).toBe('max-age=2, public');
    expect(((await known.json()) as any).data.organizations.totalCount).toBeGreaterThan(0);
  });
});
