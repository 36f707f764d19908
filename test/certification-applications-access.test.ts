import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './support/databases';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';

/** The applications and surveillance of an organization, through the gateway and as an `_entities` call on the subgraph. */
const PRIVATE_FIELDS = 'certificationApplications { id status decisionReasons history { message } } surveillanceReports { dueOn status }';
const VIA_GATEWAY = /* GraphQL */ `query P($id: ID!) { organization(id: $id) { id ${PRIVATE_FIELDS} } }`;
const DIRECT = /* GraphQL */ `
  query P($id: ID!) { _entities(representations: [{ __typename: "Organization", id: $id }]) { ... on Organization { id ${PRIVATE_FIELDS} } } }
`;
const ONE = /* GraphQL */ `query A($id: ID!) { certificationApplication(id: $id) { id status documents { sha256 } history { kind message } } }`;
const QUEUE = /* GraphQL */ `{ certificationApplications(filter: { status: SUBMITTED }) { totalCount edges { node { id organization { id } } } } }`;
const OVERDUE = /* GraphQL */ `{ overdueSurveillanceReports { totalCount } }`;
const OUTCOME = /* GraphQL */ `
  query O($id: ID!) { organization(id: $id) { certificationStatus currentCertification { standard issuedOn expiresOn } } }
`;
const START = /* GraphQL */ `mutation S($id: ID!) { startCertificationReview(id: $id, expectedVersion: 3) { status } }`;
const ANSWER = /* GraphQL */ `mutation A($id: ID!) { answerCertificationQuestions(id: $id, answer: "Our answer", expectedVersion: 5) { status } }`;
const CREATE = /* GraphQL */ `mutation C($org: ID) { createCertificationApplication(input: {}, organizationId: $org) { id } }`;

describe.each(DATABASES)('certification application access rules on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string | undefined> = {};
  /** Sample applications: Cordillera's submitted one, Pallas Crisis's awaiting its answer. */
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack({ database });
    tokens.public = undefined;
    tokens.partner = await stack.token('partner');
    tokens.otherCompany = await stack.token('member', ORG.bastionShield);
    tokens.company = await stack.token('member', ORG.cordillera);
    tokens.pallas = await stack.token('member', ORG.pallasCrisis);
    tokens.secretariat = await stack.token('secretariat');
    for (const [key, org] of [['cordillera', ORG.cordillera], ['pallas', ORG.pallasCrisis]] as const) {
      const response = await stack.query<any>(VIA_GATEWAY, { id: org }, { token: tokens.secretariat });
      ids[key] = response.data.organization.certificationApplications[0].id;
    }
  });
  afterAll(() => stack?.stop());

  it('keeps one application in each state in the sample data', async () => {
    const statuses = await Promise.all(
      ['DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'AWAITING_COMPANY', 'CERTIFIED', 'REFUSED'].map(async (status) => {
        const response = await stack.query<any>(
          /* GraphQL */ `query Q($s: CertificationApplicationStatus) { certificationApplications(filter: { status: $s }) { totalCount } }`,
          { s: status },
          { token: tokens.secretariat },
        );
        return response.data.certificationApplications.totalCount;
      }),
    );
    expect(statuses).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('shows an organization\'s applications and surveillance reports to itself and the Secretariat, through the gateway and _entities', async () => {
    for (const token of [tokens.company, tokens.secretariat]) {
      for (const response of [
        await stack.query<any>(VIA_GATEWAY, { id: ORG.cordillera }, { token }),
        await stack.querySubgraph<any>('certification', DIRECT, { id: ORG.cordillera }, { token }),
      ]) {
        expect(response.errors).toBeUndefined();
        const organization = response.data.organization ?? response.data._entities[0];
        expect(organization.certificationApplications).toEqual([{ id: ids.cordillera, status: 'SUBMITTED', decisionReasons: null, history: expect.any(Array) }]);
      }
    }
  });

  it('refuses them to the public (UNAUTHENTICATED), partners and other companies (FORBIDDEN), both ways', async () => {
    const expected: [string, string][] = [['public', 'UNAUTHENTICATED'], ['partner', 'FORBIDDEN'], ['otherCompany', 'FORBIDDEN']];
    for (const [who, code] of expected) {
      const viaGateway = await stack.query<any>(VIA_GATEWAY, { id: ORG.cordillera }, { token: tokens[who] });
      const direct = await stack.querySubgraph<any>('certification', DIRECT, { id: ORG.cordillera }, { token: tokens[who] });
      for (const response of [viaGateway, direct]) {
        expect(codes(response), who).toEqual([code, code]);
        const organization = response.data?.organization ?? response.data?._entities?.[0];
        expect(organization?.certificationApplications ?? null, who).toBeNull();
        expect(organization?.surveillanceReports ?? null, who).toBeNull();
      }
    }
  });

  it('answers NOT_FOUND for another\'s application, so its existence does not leak', async () => {
    for (const who of ['public', 'partner', 'otherCompany']) {
      const response = await stack.query<any>(ONE, { id: ids.cordillera }, { token: tokens[who] });
      expect(codes(response), who).toEqual(['NOT_FOUND']);
      expect(JSON.stringify(response)).not.toContain('sha256');
    }
    for (const who of ['company', 'secretariat']) {
      const response = await stack.query<any>(ONE, { id: ids.cordillera }, { token: tokens[who] });
      expect(response.data.certificationApplication.documents).toHaveLength(5);
    }
    // Who in the Secretariat recorded or decided what stays with the Secretariat, as for certificates.
    const WHO = /* GraphQL */ `query W($id: ID!) { certificationApplication(id: $id) { decidedBy history { recordedBy } } }`;
    expect(codes(await stack.query(WHO, { id: ids.cordillera }, { token: tokens.company }))).toContain('FORBIDDEN');
    expect((await stack.query(WHO, { id: ids.cordillera }, { token: tokens.secretariat })).errors).toBeUndefined();
  });

  it('pages through the Secretariat\'s queues with cursors, each item once', async () => {
    const PAGES: [string, string][] = [
      ['certificationApplications', /* GraphQL */ `query Q($after: String) { page: certificationApplications(first: 2, after: $after) {
        totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`],
      ['overdueSurveillanceReports', /* GraphQL */ `query Q($after: String) { page: overdueSurveillanceReports(first: 2, after: $after) {
        totalCount edges { cursor node { dueOn certification { id } } } pageInfo { hasNextPage endCursor } } }`],
    ];
    for (const [name, query] of PAGES) {
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      for (let pages = 0; pages < 50; pages += 1) {
        const response: any = await stack.query<any>(query, { after }, { token: tokens.secretariat });
        expect(response.errors, name).toBeUndefined();
        total = response.data.page.totalCount;
        seen.push(...response.data.page.edges.map((e: any) => e.node.id ?? `${e.node.certification.id}:${e.node.dueOn}`));
        if (!response.data.page.pageInfo.hasNextPage) break;
        after = response.data.page.pageInfo.endCursor;
      }
      expect(seen.length, name).toBe(total);
      expect(new Set(seen).size, name).toBe(total);
    }
    const forged = await stack.query(PAGES[0][1], { after: 'not-a-cursor' }, { token: tokens.secretariat });
    expect(forged.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('keeps the queues for the Secretariat', async () => {
    for (const query of [QUEUE, OVERDUE]) {
      expect(codes(await stack.query(query))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await stack.query(query, {}, { token: tokens.partner }))).toEqual(['FORBIDDEN']);
      expect(codes(await stack.query(query, {}, { token: tokens.company }))).toEqual(['FORBIDDEN']);
      expect((await stack.query(query, {}, { token: tokens.secretariat })).errors).toBeUndefined();
    }
  });

  it('lets only the company and the Secretariat act, each in its part of the review', async () => {
    expect(codes(await stack.query(CREATE, {}))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await stack.query(CREATE, {}, { token: tokens.partner }))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.query(CREATE, { org: ORG.cordillera }, { token: tokens.otherCompany }))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.query(START, { id: ids.cordillera }, { token: tokens.company }))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.query(ANSWER, { id: ids.pallas }, { token: tokens.otherCompany }))).toEqual(['NOT_FOUND']);
    expect(codes(await stack.query(ANSWER, { id: ids.pallas }, { token: tokens.partner }))).toEqual(['FORBIDDEN']);
    const answered = await stack.query<any>(ANSWER, { id: ids.pallas }, { token: tokens.pallas });
    expect(answered.errors).toBeUndefined();
    expect(answered.data.answerCertificationQuestions.status).toBe('UNDER_REVIEW');
  });

  it('shows partners and the public the outcome only: certified, standard, validity', async () => {
    for (const who of ['public', 'partner']) {
      const response = await stack.query<any>(OUTCOME, { id: ORG.harbourline }, { token: tokens[who] });
      expect(response.errors, who).toBeUndefined();
      expect(response.data.organization).toMatchObject({
        certificationStatus: 'CERTIFIED',
        currentCertification: { standard: 'ISO_28007_1', issuedOn: expect.any(String), expiresOn: expect.any(String) },
      });
    }
  });
});
