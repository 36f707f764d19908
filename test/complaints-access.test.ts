import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintInput, ORG, RESPOND, SECRET_NAME, SUBMIT } from './support/complaints';
import { DATABASES } from './support/databases';
import { codes, startStack, type Stack } from './support/stack';

const COMPLAINT = /* GraphQL */ `
  query Complaint($id: ID!) { complaint(id: $id) { id referenceNumber status description allegations { provision } } }
`;
const WITH_COMPLAINANT = /* GraphQL */ `
  query WithComplainant($id: ID!) { complaint(id: $id) { id status complainant { name contact } } }
`;
const WITH_MESSAGES = /* GraphQL */ `
  query WithMessages($id: ID!) { complaint(id: $id) { id messages { body } } }
`;
const WITH_AUTHORS = /* GraphQL */ `
  query WithAuthors($id: ID!) { complaint(id: $id) { id timeline { recordedBy } } }
`;
const LIST = /* GraphQL */ `
  query List($filter: ComplaintFilter) { complaints(filter: $filter, first: 100) { totalCount edges { node { id company { id } } } } }
`;
const ORGANIZATION_COMPLAINTS = /* GraphQL */ `
  query OrganizationComplaints($id: ID!) {
    organization(id: $id) { name complaintStatistics { total { value fewerThan } } complaints { id status } }
  }
`;
const ENTITY_COMPLAINTS = /* GraphQL */ `
  query EntityComplaints($id: ID!) {
    _entities(representations: [{ __typename: "Organization", id: $id }]) {
      ... on Organization { id complaintStatistics { total { value fewerThan } } complaints { id status } }
    }
  }
`;
const ENTITY_STATISTICS = /* GraphQL */ `
  query EntityStatistics($id: ID!) {
    _entities(representations: [{ __typename: "Organization", id: $id }]) {
      ... on Organization { id complaintStatistics { received open closed } }
    }
  }
`;
const ADVANCE = /* GraphQL */ `
  mutation Advance($id: ID!) { advanceComplaint(id: $id, to: UNDER_ASSESSMENT, note: "Access test") { status } }
`;
const REPLY = /* GraphQL */ `
  mutation Reply($id: ID!) { replyToComplainant(id: $id, body: "Access test") { body } }
`;

describe.each(DATABASES)('complaints access on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string> = {};
  let id: string;

  beforeAll(async () => {
    stack = await startStack({ database, only: ['membership', 'complaints'] });
    tokens.secretariat = await stack.token('secretariat');
    tokens.aegis = await stack.token('member', ORG.aegisMeridian);
    tokens.bastion = await stack.token('member', ORG.bastionShield);
    tokens.partner = await stack.token('partner');
    const receipt = await stack.query<any>(SUBMIT, { input: complaintInput() });
    expect(receipt.errors).toBeUndefined();
    const rows = await stack.subgraphs.complaints.database.dataSource.query(
      'SELECT id FROM complaint WHERE reference_number = ?',
      [receipt.data.submitComplaint.referenceNumber],
    );
    id = rows[0].id;
  });
  afterAll(() => stack?.stop());

  /** The same operation through the gateway and straight at the subgraph (with the gateway's secret). */
  async function bothWays(query: string, variables: Record<string, unknown>, token?: string) {
    return {
      viaGateway: await stack.query<any>(query, variables, { token }),
      direct: await stack.querySubgraph<any>('complaints', query, variables, { token }),
    };
  }

  it('lets anyone file a complaint, and no one but the Secretariat and the company see it', async () => {
    for (const token of [undefined, tokens.partner, tokens.bastion]) {
      const { viaGateway, direct } = await bothWays(COMPLAINT, { id }, token);
      for (const response of [viaGateway, direct]) {
        expect(codes(response)).toEqual(['NOT_FOUND']);
        expect(response.data?.complaint ?? null).toBeNull();
      }
      // The same answer as for a complaint that does not exist.
      const missing = await stack.query<any>(COMPLAINT, { id: '00000000-0000-4000-8000-000000000000' }, { token });
      expect(missing.errors![0].message.replace(/\S+ was not found/, '')).toBe(
        viaGateway.errors![0].message.replace(/\S+ was not found/, ''),
      );
    }
    for (const token of [tokens.aegis, tokens.secretariat]) {
      const { viaGateway, direct } = await bothWays(COMPLAINT, { id }, token);
      expect(viaGateway.errors).toBeUndefined();
      expect(direct.errors).toBeUndefined();
      expect(viaGateway.data.complaint).toMatchObject({ id, status: 'RECEIVED', allegations: [{ provision: 'USE_OF_FORCE' }, { provision: 'DETENTION' }] });
      expect(direct.data.complaint).toEqual(viaGateway.data.complaint);
    }
  });

  it('keeps the complainant, the messages and the authors for the Secretariat alone', async () => {
    for (const query of [WITH_COMPLAINANT, WITH_MESSAGES, WITH_AUTHORS]) {
      const { viaGateway, direct } = await bothWays(query, { id }, tokens.aegis);
      expect(codes(viaGateway)).toEqual(['FORBIDDEN']);
      expect(codes(direct)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify([viaGateway.data, direct.data])).not.toContain(SECRET_NAME);
    }
    const { viaGateway, direct } = await bothWays(WITH_COMPLAINANT, { id }, tokens.secretariat);
    expect(viaGateway.data.complaint.complainant.name).toBe(SECRET_NAME);
    expect(direct.data.complaint.complainant.name).toBe(SECRET_NAME);
  });

  it('lists complaints for the Secretariat (all) and a member (its own company\'s only)', async () => {
    expect(codes((await bothWays(LIST, {})).viaGateway)).toEqual(['UNAUTHENTICATED']);
    expect(codes((await bothWays(LIST, {})).direct)).toEqual(['UNAUTHENTICATED']);
    expect(codes((await bothWays(LIST, {}, tokens.partner)).viaGateway)).toEqual(['FORBIDDEN']);
    expect(codes((await bothWays(LIST, {}, tokens.partner)).direct)).toEqual(['FORBIDDEN']);
    const bastion = await bothWays(LIST, { filter: { companyId: ORG.aegisMeridian } }, tokens.bastion);
    for (const response of [bastion.viaGateway, bastion.direct]) {
      expect(response.errors).toBeUndefined();
      expect(response.data.complaints.totalCount).toBe(0);
    }
    const aegis = await stack.query<any>(LIST, {}, { token: tokens.aegis });
    const companies = new Set(aegis.data.complaints.edges.map((e: any) => e.node.company.id));
    expect([...companies]).toEqual([ORG.aegisMeridian]);
    expect(aegis.data.complaints.edges.map((e: any) => e.node.id)).toContain(id);
    const all = await stack.query<any>(LIST, {}, { token: tokens.secretariat });
    expect(all.data.complaints.totalCount).toBeGreaterThan(aegis.data.complaints.totalCount);
  });

  it('extends Organization: complaints and exact statistics for its members and the Secretariat, the public total for everyone, _entities alike', async () => {
    const cases: [string | undefined, string[]][] = [
      [undefined, ['UNAUTHENTICATED']],
      [tokens.partner, ['FORBIDDEN']],
      [tokens.bastion, ['FORBIDDEN']],
    ];
    for (const [token, expected] of cases) {
      const viaGateway = await stack.query<any>(ORGANIZATION_COMPLAINTS, { id: ORG.aegisMeridian }, { token });
      expect(codes(viaGateway)).toEqual(expected);
      expect(viaGateway.data.organization.complaints).toBeNull();
      expect(viaGateway.data.organization.complaintStatistics.total).toEqual({ value: null, fewerThan: 5 });
      const direct = await stack.querySubgraph<any>('complaints', ENTITY_COMPLAINTS, { id: ORG.aegisMeridian }, { token });
      expect(codes(direct)).toEqual(expected);
      expect(direct.data._entities[0].complaints).toBeNull();
      // The exact counts are refused, directly as through the gateway.
      const statistics = await stack.querySubgraph<any>('complaints', ENTITY_STATISTICS, { id: ORG.aegisMeridian }, { token });
      expect(new Set(codes(statistics))).toEqual(new Set(expected));
      expect(statistics.data._entities[0].complaintStatistics).toEqual({ received: null, open: null, closed: null });
    }
    for (const token of [tokens.aegis, tokens.secretariat]) {
      const statistics = await stack.querySubgraph<any>('complaints', ENTITY_STATISTICS, { id: ORG.aegisMeridian }, { token });
      expect(statistics.errors).toBeUndefined();
      expect(statistics.data._entities[0].complaintStatistics.received).toBeGreaterThanOrEqual(2);
    }
    for (const token of [tokens.aegis, tokens.secretariat]) {
      const viaGateway = await stack.query<any>(ORGANIZATION_COMPLAINTS, { id: ORG.aegisMeridian }, { token });
      expect(viaGateway.errors).toBeUndefined();
      expect(viaGateway.data.organization.complaints.map((c: any) => c.id)).toContain(id);
      const direct = await stack.querySubgraph<any>('complaints', ENTITY_COMPLAINTS, { id: ORG.aegisMeridian }, { token });
      expect(direct.errors).toBeUndefined();
      expect(direct.data._entities[0].complaints.map((c: any) => c.id)).toContain(id);
    }
    // A member asking about its own organization sees its complaints; about another, nothing.
    const own = await stack.querySubgraph<any>('complaints', ENTITY_COMPLAINTS, { id: ORG.bastionShield }, { token: tokens.bastion });
    expect(own.errors).toBeUndefined();
    expect(own.data._entities[0].complaints).toEqual([]);
  });

  it('lets only the Secretariat move complaints on and write to complainants', async () => {
    for (const mutation of [ADVANCE, REPLY]) {
      for (const [token, expected] of [
        [undefined, 'UNAUTHENTICATED'],
        [tokens.partner, 'FORBIDDEN'],
        [tokens.bastion, 'FORBIDDEN'],
        [tokens.aegis, 'FORBIDDEN'],
      ] as const) {
        const { viaGateway, direct } = await bothWays(mutation, { id }, token);
        expect(codes(viaGateway)).toEqual([expected]);
        expect(codes(direct)).toEqual([expected]);
      }
    }
    const still = await stack.query<any>(COMPLAINT, { id }, { token: tokens.secretariat });
    expect(still.data.complaint.status).toBe('RECEIVED');
  });

  it('lets only the company complained about respond; others are told the complaint does not exist', async () => {
    const body = { id, body: 'Our response' };
    expect(codes((await bothWays(RESPOND, body)).viaGateway)).toEqual(['UNAUTHENTICATED']);
    for (const token of [tokens.partner, tokens.bastion]) {
      const { viaGateway, direct } = await bothWays(RESPOND, body, token);
      expect(codes(viaGateway)).toEqual(['NOT_FOUND']);
      expect(codes(direct)).toEqual(['NOT_FOUND']);
    }
    expect(codes(await stack.query(RESPOND, body, { token: tokens.secretariat }))).toEqual(['FORBIDDEN']);
    const response = await stack.query<any>(RESPOND, body, { token: tokens.aegis });
    expect(response.errors).toBeUndefined();
    expect(response.data.respondToComplaint.timeline.at(-1)).toEqual({ kind: 'COMPANY_RESPONSE', note: 'Our response', actor: 'COMPANY' });
  });

  it('answers only the gateway when reached directly without its secret', async () => {
    const response = await stack.querySubgraph<any>('complaints', SUBMIT, { input: complaintInput() }, { withSecret: false });
    expect(response.status).toBe(403);
    expect(codes(response)).toEqual(['FORBIDDEN']);
  });
});
