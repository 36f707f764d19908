import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CERTIFICATION_BODY_ID } from '../services/certification/src/sample-data';
import { DATABASES } from './support/databases';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';

const Y = Number(new Date().toISOString().slice(0, 4));

/** The same private fields asked through the gateway and straight at the subgraph as an `_entities` call. */
const PRIVATE_FIELDS = 'findings { id description } openFindingsCount';
const VIA_GATEWAY = /* GraphQL */ `query P($id: ID!) { organization(id: $id) { id certificationStatus ${PRIVATE_FIELDS} } }`;
const DIRECT = /* GraphQL */ `
  query P($id: ID!) {
    _entities(representations: [{ __typename: "Organization", id: $id }]) {
      ... on Organization { id certificationStatus ${PRIVATE_FIELDS} }
    }
  }
`;
const PUBLIC_VIEW = /* GraphQL */ `
  query Public($id: ID!) {
    organization(id: $id) {
      certificationStatus currentCertification { certificateNumber history { event reason } }
      monitoringActivities { type status country plannedStartOn completedOn }
      selfAssessments { year status dueOn }
    }
  }
`;
const CONTENTS = /* GraphQL */ `
  query Contents($id: ID!) {
    organization(id: $id) {
      monitoringActivities { type purpose }
    }
  }
`;
const ANSWERS = /* GraphQL */ `
  query Answers($id: ID!) { organization(id: $id) { selfAssessments { year status answers { training } reviewNote } } }
`;
const ENTITY_ANSWERS = /* GraphQL */ `
  query Answers($id: ID!) {
    _entities(representations: [{ __typename: "Organization", id: $id }]) {
      ... on Organization { selfAssessments { year answers { training } } monitoringActivities { summary findings { id } } }
    }
  }
`;
const FINDING = /* GraphQL */ `query F($id: ID!) { finding(id: $id) { id description organization { id } } }`;
const FINDINGS = /* GraphQL */ `{ findings(filter: { overdue: true }) { totalCount } }`;
const MISSING = /* GraphQL */ `query M($year: Int!) { missingSelfAssessments(year: $year) { totalCount } }`;
const DECIDED_BY = /* GraphQL */ `
  query D($id: ID!) { organization(id: $id) { currentCertification { history { event decidedBy } } } }
`;

describe.each(DATABASES)('certification access rules on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string> = {};
  let aegisFindingId: string;

  beforeAll(async () => {
    stack = await startStack({ database });
    tokens.partner = await stack.token('partner');
    tokens.aegis = await stack.token('member', ORG.aegisMeridian);
    tokens.bastion = await stack.token('member', ORG.bastionShield);
    tokens.ngo = await stack.token('member', ORG.mwangaza);
    tokens.secretariat = await stack.token('secretariat');
    const findings = await stack.query<any>(VIA_GATEWAY, { id: ORG.aegisMeridian }, { token: tokens.secretariat });
    aegisFindingId = findings.data.organization.findings[0].id;
  });
  afterAll(() => stack?.stop());

  async function bothWays(query: [string, string], id: string, token?: string) {
    return {
      viaGateway: await stack.query<any>(query[0], { id }, { token }),
      direct: await stack.querySubgraph<any>('certification', query[1], { id }, { token }),
    };
  }

  it('shows everyone the certification status, certificates and that monitoring took place', async () => {
    const response = await stack.query<any>(PUBLIC_VIEW, { id: ORG.aegisMeridian });
    expect(response.errors).toBeUndefined();
    expect(response.data.organization.certificationStatus).toBe('CERTIFIED');
    expect(response.data.organization.currentCertification.history[1]).toEqual({ event: 'RENEWED', reason: 'Recertification audit passed' });
    expect(response.data.organization.monitoringActivities).toContainEqual({
      type: 'FIELD_VISIT', status: 'COMPLETED', country: 'IQ', plannedStartOn: `${Y - 1}-09-10`, completedOn: `${Y - 1}-09-14`,
    });
    expect(response.data.organization.selfAssessments.map((s: any) => s.status)).toEqual(['REVIEWED', 'REVIEWED', 'SUBMITTED']);
  });

  it('keeps findings from the public (asked to sign in), partners and other members, through the gateway and directly', async () => {
    const anonymous = await bothWays([VIA_GATEWAY, DIRECT], ORG.aegisMeridian);
    expect(codes(anonymous.viaGateway)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(anonymous.viaGateway.data.organization).toMatchObject({ certificationStatus: 'CERTIFIED', findings: null, openFindingsCount: null });
    expect(codes(anonymous.direct)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(anonymous.direct.data._entities[0]).toMatchObject({ certificationStatus: 'CERTIFIED', findings: null });
    for (const token of [tokens.partner, tokens.bastion, tokens.ngo]) {
      const { viaGateway, direct } = await bothWays([VIA_GATEWAY, DIRECT], ORG.aegisMeridian, token);
      expect(codes(viaGateway)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(codes(direct)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(JSON.stringify([viaGateway.data, direct.data])).not.toMatch(/Background checks/);
    }
  });

  it('shows a company its own findings and the Secretariat everyone\'s', async () => {
    for (const token of [tokens.aegis, tokens.secretariat]) {
      const { viaGateway, direct } = await bothWays([VIA_GATEWAY, DIRECT], ORG.aegisMeridian, token);
      expect(viaGateway.errors).toBeUndefined();
      expect(viaGateway.data.organization.openFindingsCount).toBe(2);
      expect(direct.errors).toBeUndefined();
      expect(direct.data._entities[0].findings).toHaveLength(3);
    }
    const own = await stack.query<any>(FINDING, { id: aegisFindingId }, { token: tokens.aegis });
    expect(own.data.finding.organization.id).toBe(ORG.aegisMeridian);
  });

  it('reports a finding another viewer may not see as not found', async () => {
    for (const token of [undefined, tokens.partner, tokens.bastion]) {
      const response = await stack.query<any>(FINDING, { id: aegisFindingId }, { token });
      expect(codes(response)).toEqual(['NOT_FOUND']);
      expect(JSON.stringify(response)).not.toMatch(/Background checks/);
    }
    expect(codes(await stack.query<any>(FINDING, { id: 'unknown' }, { token: tokens.secretariat }))).toEqual(['NOT_FOUND']);
  });

  it('keeps monitoring contents and self-assessment answers for the company and the Secretariat', async () => {
    const publicContents = await stack.query<any>(CONTENTS, { id: ORG.aegisMeridian });
    expect(new Set(codes(publicContents))).toEqual(new Set(['UNAUTHENTICATED']));
    expect(publicContents.data.organization.monitoringActivities.every((a: any) => a.purpose === null)).toBe(true);
    const otherMember = await stack.query<any>(ANSWERS, { id: ORG.aegisMeridian }, { token: tokens.bastion });
    expect(new Set(codes(otherMember))).toEqual(new Set(['FORBIDDEN']));
    expect(otherMember.data.organization.selfAssessments.map((s: any) => [s.status, s.answers, s.reviewNote])).toEqual([
      ['REVIEWED', null, null],
      ['REVIEWED', null, null],
      ['SUBMITTED', null, null],
    ]);
    for (const token of [tokens.aegis, tokens.secretariat]) {
      const answers = await stack.query<any>(ANSWERS, { id: ORG.aegisMeridian }, { token });
      expect(answers.errors).toBeUndefined();
      expect(answers.data.organization.selfAssessments[0].answers.training).toMatch(/Fictional sample answer/);
      const direct = await stack.querySubgraph<any>('certification', ENTITY_ANSWERS, { id: ORG.aegisMeridian }, { token });
      expect(direct.errors).toBeUndefined();
    }
    const directPartner = await stack.querySubgraph<any>('certification', ENTITY_ANSWERS, { id: ORG.aegisMeridian }, { token: tokens.partner });
    expect(new Set(codes(directPartner))).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(directPartner.data)).not.toMatch(/Fictional sample answer|Site visited/);
  });

  it('keeps the cross-company lists and who decided for the Secretariat', async () => {
    for (const [query, variables] of [[FINDINGS, {}], [MISSING, { year: Y }]] as const) {
      expect(codes(await stack.query(query, variables))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await stack.query(query, variables, { token: tokens.partner }))).toEqual(['FORBIDDEN']);
      expect(codes(await stack.query(query, variables, { token: tokens.aegis }))).toEqual(['FORBIDDEN']);
      expect(codes(await stack.query(query, variables, { token: tokens.secretariat }))).toEqual([]);
    }
    const publicHistory = await stack.query<any>(DECIDED_BY, { id: ORG.aegisMeridian });
    expect(new Set(codes(publicHistory))).toEqual(new Set(['UNAUTHENTICATED']));
    const staff = await stack.query<any>(DECIDED_BY, { id: ORG.aegisMeridian }, { token: tokens.secretariat });
    expect(staff.data.organization.currentCertification.history[0].decidedBy).toBe('sample-data');
  });

  it('lets only the Secretariat decide, and only a member company submit its own self-assessment', async () => {
    const activity = (await stack.query<any>(/* GraphQL */ `{ monitoringActivities(filter: { status: IN_PROGRESS }) { edges { node { id } } } }`))
      .data.monitoringActivities.edges[0].node.id;
    const certificate = (await stack.query<any>(/* GraphQL */ `query C($id: ID!) { organization(id: $id) { currentCertification { id } } }`, { id: ORG.aegisMeridian }))
      .data.organization.currentCertification.id;
    const mutations: [string, Record<string, unknown>][] = [
      [/* GraphQL */ `mutation M($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`, {
        input: {
          organizationId: ORG.aegisMeridian, standard: 'PSC.1', certificationBodyId: SAMPLE_CERTIFICATION_BODY_ID.nordicAudit,
          certificateNumber: 'ACCESS-1', scope: 'x', countriesCovered: ['IQ'], issuedOn: `${Y - 1}-01-01`, expiresOn: `${Y + 1}-01-01`,
        },
      }],
      [/* GraphQL */ `mutation M($id: ID!) { changeCertificationStatus(id: $id, status: SUSPENDED, reason: "x") { id } }`, { id: certificate }],
      [/* GraphQL */ `mutation M($id: ID!) { renewCertification(id: $id, input: { expiresOn: "2099-01-01", reason: "x" }) { id } }`, { id: certificate }],
      [/* GraphQL */ `mutation { recordCertificationBody(input: { name: "x", accreditationBody: "y", country: "DE" }) { id } }`, {}],
      [/* GraphQL */ `mutation M($id: ID!) { scheduleMonitoringActivity(input: { organizationId: $id, type: REMOTE_MONITORING, country: "IQ", plannedStartOn: "2026-01-01" }) { id } }`, { id: ORG.aegisMeridian }],
      [/* GraphQL */ `mutation M($id: ID!) { completeMonitoringActivity(id: $id) { id } }`, { id: activity }],
      [/* GraphQL */ `mutation M($id: ID!) { recordFinding(input: { activityId: $id, codeVersion: CODE_2010, paragraph: 45, severity: LOW, description: "x", recommendation: "y", dueOn: "2099-01-01" }) { id } }`, { id: activity }],
      [/* GraphQL */ `mutation M($id: ID!) { changeFindingStatus(id: $id, status: CLOSED, reason: "x") { id } }`, { id: aegisFindingId }],
    ];
    for (const [mutation, variables] of mutations) {
      expect(codes(await stack.query(mutation, variables)), mutation).toEqual(['UNAUTHENTICATED']);
      expect(codes(await stack.query(mutation, variables, { token: tokens.aegis })), mutation).toEqual(['FORBIDDEN']);
      expect(codes(await stack.querySubgraph('certification', mutation, variables, { token: tokens.partner })), mutation).toEqual(['FORBIDDEN']);
    }
    // Nothing changed.
    const check = await stack.query<any>(VIA_GATEWAY, { id: ORG.aegisMeridian }, { token: tokens.secretariat });
    expect(check.data.organization).toMatchObject({ certificationStatus: 'CERTIFIED', openFindingsCount: 2 });

    const SUBMIT = /* GraphQL */ `mutation S($input: SubmitSelfAssessmentInput!) { submitSelfAssessment(input: $input) { id } }`;
    const input = { year: Y, humanRightsCommitment: 'a', humanRightsDueDiligence: 'b', grievanceAndIncidentReporting: 'c', training: 'd' };
    expect(codes(await stack.query(SUBMIT, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await stack.query(SUBMIT, { input }, { token: tokens.secretariat }))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.query(SUBMIT, { input }, { token: tokens.partner }))).toEqual(['FORBIDDEN']);
    // A civil society member, a terminated company: no self-assessment.
    expect(codes(await stack.query(SUBMIT, { input }, { token: tokens.ngo }))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.query(SUBMIT, { input }, { token: await stack.token('member', ORG.garrisonPoint) }))).toEqual(['FORBIDDEN']);
    const REVIEW = /* GraphQL */ `mutation R { reviewSelfAssessment(id: "x", note: "y") { id } }`;
    expect(codes(await stack.query(REVIEW, {}, { token: tokens.aegis }))).toEqual(['FORBIDDEN']);
  });

  it('answers only the gateway: a direct call without its secret is refused', async () => {
    const response = await stack.querySubgraph<any>('certification', DIRECT, { id: ORG.aegisMeridian }, { withSecret: false, token: tokens.secretariat });
    expect(response.status).toBe(403);
    expect(codes(response)).toEqual(['FORBIDDEN']);
  });
});
