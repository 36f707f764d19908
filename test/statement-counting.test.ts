import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTBOX_PATH } from '../services/membership/src/peer-routes';
import { startStack, type Stack } from './support/stack';

/**
 * Tests prove that a list costs a bounded number of statements by counting what the subgraphs send
 * during one request. Background jobs run meanwhile (outbox polls, company checks) and call other
 * subgraphs; those calls carry a request id marked as background, and the statements they cause in the
 * subgraph they reach are counted apart, so they never land in a request's count.
 */
describe('statement counting', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ database: 'sqlite', only: ['membership'] });
  });
  afterAll(() => stack?.stop());

  const DIRECTORY = /* GraphQL */ `{ organizations(first: 5) { edges { node { id name membershipStatus } } } }`;
  const sent = async (headers: Record<string, string>) => {
    const before = stack.statements();
    const response = await stack.querySubgraph<any>('membership', DIRECTORY, {}, { headers });
    expect(response.errors).toBeUndefined();
    expect(response.data.organizations.edges).toHaveLength(5);
    return stack.statements() - before;
  };

  it('counts a request’s statements, and not those of a call made by another subgraph’s background job', async () => {
    expect(await sent({ 'x-request-id': 'request-1' })).toBeGreaterThan(0);
    expect(await sent({ 'x-request-id': 'background:job-1' })).toBe(0);
  });

  it('counts the same way on a peer route, which a background job calls', async () => {
    const outbox = async (requestId: string) => {
      const before = stack.statements();
      const response = await fetch(new URL(`${OUTBOX_PATH}?after=0`, stack.subgraphs.membership.url), {
        headers: { 'x-gateway-secret': stack.gatewaySecret('membership'), 'x-request-id': requestId },
      });
      expect(response.status).toBe(200);
      return stack.statements() - before;
    };
    expect(await outbox('request-2')).toBeGreaterThan(0);
    expect(await outbox('background:job-2')).toBe(0);
  });
});
