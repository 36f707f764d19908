import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_ISSUER } from '../services/shared/src';
import { DATABASES } from './support/databases';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';

const CONTACTS = /* GraphQL */ `
  query Contacts($id: ID!) { organization(id: $id) { id name contacts { name email } } }
`;
const ENTITY_CONTACTS = /* GraphQL */ `
  query Entities($id: ID!) {
    _entities(representations: [{ __typename: "Organization", id: $id }]) {
      ... on Organization { id name contacts { name email } }
    }
  }
`;
const QUEUE = /* GraphQL */ `{ membershipApplications { totalCount } }`;
const HISTORY_AUTHORS = /* GraphQL */ `
  query Authors($id: ID!) { organization(id: $id) { statusHistory { status decidedBy } } }
`;
const SUSPEND = /* GraphQL */ `
  mutation Suspend($id: ID!) {
    changeMembershipStatus(organizationId: $id, status: SUSPENDED, reason: "Access test") { membershipStatus }
  }
`;

describe.each(DATABASES)('membership access rules on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack({ database });
    tokens.partner = await stack.token('partner');
    tokens.aegis = await stack.token('member', ORG.aegisMeridian);
    tokens.bastion = await stack.token('member', ORG.bastionShield);
    tokens.secretariat = await stack.token('secretariat');
  });
  afterAll(() => stack?.stop());

  /** Asks the same thing through the gateway and straight at the subgraph (as an `_entities` call). */
  async function contactsBothWays(id: string, token?: string) {
    const viaGateway = await stack.query<any>(CONTACTS, { id }, { token });
    const direct = await stack.querySubgraph<any>('membership', ENTITY_CONTACTS, { id }, { token });
    return { viaGateway, direct };
  }

  it('keeps contacts from the public, who are asked to sign in', async () => {
    const { viaGateway, direct } = await contactsBothWays(ORG.aegisMeridian);
    expect(codes(viaGateway)).toEqual(['UNAUTHENTICATED']);
    expect(viaGateway.data.organization).toMatchObject({ name: 'Aegis Meridian Security Ltd', contacts: null });
    expect(codes(direct)).toEqual(['UNAUTHENTICATED']);
    expect(direct.data._entities[0]).toMatchObject({ name: 'Aegis Meridian Security Ltd', contacts: null });
  });

  it('refuses contacts to partners and to members of another organization', async () => {
    for (const token of [tokens.partner, tokens.bastion]) {
      const { viaGateway, direct } = await contactsBothWays(ORG.aegisMeridian, token);
      expect(codes(viaGateway)).toEqual(['FORBIDDEN']);
      expect(codes(direct)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify([viaGateway.data, direct.data])).not.toContain('@');
    }
  });

  it('shows a member its own organization\'s contacts, and the Secretariat everyone\'s', async () => {
    for (const token of [tokens.aegis, tokens.secretariat]) {
      const { viaGateway, direct } = await contactsBothWays(ORG.aegisMeridian, token);
      expect(viaGateway.errors).toBeUndefined();
      expect(viaGateway.data.organization.contacts[0].email).toBe('compliance@aegis-meridian-security-ltd.example');
      expect(direct.errors).toBeUndefined();
      expect(direct.data._entities[0].contacts[0].email).toBe('compliance@aegis-meridian-security-ltd.example');
    }
    const other = await stack.query<any>(CONTACTS, { id: ORG.bastionShield }, { token: tokens.secretariat });
    expect(other.data.organization.contacts).toHaveLength(1);
  });

  it('keeps the review queue and who decided for the Secretariat', async () => {
    expect(codes(await stack.query(QUEUE))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await stack.query(QUEUE, {}, { token: tokens.partner }))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.query(QUEUE, {}, { token: tokens.aegis }))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.querySubgraph('membership', QUEUE, {}, { token: tokens.aegis }))).toEqual(['FORBIDDEN']);
    const queue = await stack.query<any>(QUEUE, {}, { token: tokens.secretariat });
    expect(queue.data.membershipApplications.totalCount).toBeGreaterThanOrEqual(4);

    const publicHistory = await stack.query<any>(HISTORY_AUTHORS, { id: ORG.falconRidge });
    expect(codes(publicHistory)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    const staffHistory = await stack.query<any>(HISTORY_AUTHORS, { id: ORG.falconRidge }, { token: tokens.secretariat });
    expect(staffHistory.data.organization.statusHistory[0].decidedBy).toBe('sample-data');
  });

  it('lets only the Secretariat change a status or decide an application, through the gateway or not', async () => {
    const attempts = [
      await stack.query(SUSPEND, { id: ORG.aegisMeridian }),
      await stack.query(SUSPEND, { id: ORG.aegisMeridian }, { token: tokens.partner }),
      await stack.query(SUSPEND, { id: ORG.aegisMeridian }, { token: tokens.aegis }),
      await stack.querySubgraph('membership', SUSPEND, { id: ORG.aegisMeridian }, { token: tokens.aegis }),
      await stack.query(
        /* GraphQL */ `mutation { decideMembershipApplication(id: "x", decision: ADMIT) { id } }`,
        {},
        { token: tokens.partner },
      ),
    ];
    expect(attempts.map((a) => codes(a)[0])).toEqual([
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
    const aegis = await stack.query<any>(/* GraphQL */ `query($id: ID!) { organization(id: $id) { membershipStatus } }`, {
      id: ORG.aegisMeridian,
    });
    expect(aegis.data.organization.membershipStatus).toBe('ACTIVE');
  });

  it('answers a bad, expired or foreign token with UNAUTHENTICATED (HTTP 401), through the gateway and directly', async () => {
    const secret = new TextEncoder().encode('icoca-graph-development-secret-do-not-use-in-production');
    const expired = await new SignJWT({ role: 'secretariat' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_ISSUER)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(secret);
    const foreign = await new SignJWT({ role: 'secretariat' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_ISSUER)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-completely-different-secret-of-enough-length'));
    const memberWithoutOrganization = await new SignJWT({ role: 'member' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_ISSUER)
      .setExpirationTime('1h')
      .sign(secret);
    const unknownRole = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_ISSUER)
      .setExpirationTime('1h')
      .sign(secret);
    // Development tokens are HS256 only, and must expire.
    const otherAlgorithm = await new SignJWT({ role: 'secretariat' })
      .setProtectedHeader({ alg: 'HS512' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_ISSUER)
      .setExpirationTime('1h')
      .sign(secret);
    const neverExpiring = await new SignJWT({ role: 'secretariat' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_ISSUER)
      .sign(secret);
    for (const token of ['garbage', expired, foreign, memberWithoutOrganization, unknownRole, otherAlgorithm, neverExpiring]) {
      const viaGateway = await stack.query(CONTACTS, { id: ORG.aegisMeridian }, { token });
      expect(viaGateway.status).toBe(401);
      expect(codes(viaGateway)).toEqual(['UNAUTHENTICATED']);
      expect(viaGateway.data ?? null).toBeNull();
      const direct = await stack.querySubgraph('membership', ENTITY_CONTACTS, { id: ORG.aegisMeridian }, { token });
      expect(direct.status).toBe(401);
      expect(codes(direct)).toEqual(['UNAUTHENTICATED']);
    }
    const notBearer = await stack.query(CONTACTS, { id: ORG.aegisMeridian }, { headers: { authorization: 'Basic abc' } });
    expect(codes(notBearer)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses direct calls that do not carry the gateway\'s secret', async () => {
    const response = await stack.querySubgraph('membership', ENTITY_CONTACTS, { id: ORG.aegisMeridian }, {
      token: tokens.secretariat,
      withSecret: false,
    });
    expect(response.status).toBe(403);
    expect(codes(response)).toEqual(['FORBIDDEN']);
    const wrong = await stack.querySubgraph('membership', QUEUE, {}, {
      withSecret: false,
      headers: { 'x-gateway-secret': 'test-gateway-secret-membershiX' },
    });
    expect(wrong.status).toBe(403);
  });
});
