import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificationSettings } from '../services/certification/src/config';
import { DEFAULT_PRIORITY_WEIGHTS, parsePriorityWeights } from '../services/certification/src/priorities/priorities.weights';
import { ConfigError, loadSubgraphConfig } from '../services/shared/src';
import { OPEN_COMPLAINT_COUNTS_PATH } from '../services/complaints/src/peer-routes';
import { DATABASES } from './support/databases';
import { applicationInput, ORG } from './support/membership';
import { PRODUCTION_IDENTITY } from './support/production';
import { reportInput } from './support/risk';
import { codes, startStack, type Stack } from './support/stack';
import { today } from './support/dates';

/** Monitoring priorities: a transparent score per member company, paged for a day, at a bounded cost. */
const PRIORITIES = /* GraphQL */ `
  query P($on: Date, $first: Int, $after: String) {
    monitoringPriorities(on: $on, first: $first, after: $after) {
      totalCount
      edges { cursor node { organization { id } name day score factors { factor value weight contribution detail } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const SUBMIT = /* GraphQL */ `mutation S($input: SubmitRiskReportInput!) { submitRiskReport(input: $input) { id } }`;
const ACCEPT = /* GraphQL */ `mutation A($id: ID!) { reviewRiskReport(id: $id, decision: ACCEPT) { id } }`;
const SET_LEVEL = /* GraphQL */ `mutation L($input: SetRiskLevelInput!) { setRiskLevel(input: $input) { code } }`;
const AREAS = /* GraphQL */ `query A($day: Date!) { riskAreas { code riskLevelOn(date: $day) { level } } }`;
const ORGANIZATION = /* GraphQL */ `query O($id: ID!) { organization(id: $id) { countriesOfOperation regionsOfOperation } }`;
const SCHEDULE = /* GraphQL */ `
  mutation M($input: ScheduleMonitoringActivityInput!) { scheduleMonitoringActivity(input: $input) { id } }
`;
const CITE = /* GraphQL */ `
  mutation C($activityId: ID!, $reportIds: [ID!]!) { citeRiskReportsInMonitoringActivity(activityId: $activityId, reportIds: $reportIds) { id promptedBy { id } } }
`;
const PROMPTED = /* GraphQL */ `query P($id: ID!) { monitoringActivity(id: $id) { id promptedBy { id } } }`;

const POINTS: Record<string, number> = { LOW: 0, ELEVATED: 1, HIGH: 2, SEVERE: 3 };
const TODAY = today();

type Priority = { organization: { id: string }; score: number; factors: { factor: string; value: number; weight: number; contribution: number }[] };

async function walk(stack: Stack, token: string, first: number, on?: string): Promise<Priority[]> {
  const nodes: Priority[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const answer: any = await stack.query(PRIORITIES, { first, after, on }, { token });
    expect(answer.errors).toBeUndefined();
    nodes.push(...answer.data.monitoringPriorities.edges.map((e: any) => e.node));
    if (!answer.data.monitoringPriorities.pageInfo.hasNextPage) return nodes;
    after = answer.data.monitoringPriorities.pageInfo.endCursor;
  }
  throw new Error('the ranking never ended');
}

const factor = (p: Priority, name: string) => p.factors.find((f) => f.factor === name)!;

describe('monitoring priority weights', () => {
  it('take documented defaults, and refuse unknown factors or weights out of range at start-up', () => {
    expect(parsePriorityWeights(undefined, 'certification')).toEqual(DEFAULT_PRIORITY_WEIGHTS);
    expect(parsePriorityWeights('OPEN_COMPLAINTS=5, REGION_RISK=0.5', 'certification')).toMatchObject({ OPEN_COMPLAINTS: 5, REGION_RISK: 0.5, COUNTRY_RISK: 2 });
    for (const bad of ['RUMOURS=1', 'OPEN_COMPLAINTS=-1', 'OPEN_COMPLAINTS=', 'OPEN_COMPLAINTS=1=2', 'OPEN_COMPLAINTS=101']) {
      expect(() => parsePriorityWeights(bad, 'certification'), bad).toThrow(ConfigError);
    }
  });

  it('are read with the complaints subgraph\'s address at start-up; production wants its secret with it', () => {
    const env = { MONITORING_PRIORITY_WEIGHTS: 'OPEN_COMPLAINTS=7', COMPLAINTS_URL: 'http://complaints:4003/graphql' };
    expect(certificationSettings(loadSubgraphConfig('certification', 4002, env))).toMatchObject({
      complaintsUrl: 'http://complaints:4003/graphql', priorityWeights: { OPEN_COMPLAINTS: 7 },
    });
    expect(certificationSettings(loadSubgraphConfig('certification', 4002, {})).complaintsUrl).toBe('http://localhost:4003/graphql');
    expect(() => certificationSettings(loadSubgraphConfig('certification', 4002, { MONITORING_PRIORITY_WEIGHTS: 'X=1' }))).toThrow(ConfigError);
    const production = {
      NODE_ENV: 'production', DATABASE_URL: 'mysql://u@h/d', GATEWAY_SECRET: 'a-gateway-secret-long', ...PRODUCTION_IDENTITY,
      MEMBERSHIP_URL: 'http://membership:4001/graphql', MEMBERSHIP_GATEWAY_SECRET: 'membership-secret-long', COMPLAINTS_URL: 'http://complaints:4003/graphql',
    };
    expect(() => certificationSettings(loadSubgraphConfig('certification', 4002, production))).toThrow(/COMPLAINTS_GATEWAY_SECRET/);
    const withoutUrl: Record<string, string> = { ...production, COMPLAINTS_GATEWAY_SECRET: 'complaints-secret-long' };
    delete withoutUrl.COMPLAINTS_URL;
    expect(() => certificationSettings(loadSubgraphConfig('certification', 4002, withoutUrl))).toThrow(/needs COMPLAINTS_URL to ask the complaints subgraph/);
    expect(certificationSettings(loadSubgraphConfig('certification', 4002, { ...production, COMPLAINTS_GATEWAY_SECRET: 'complaints-secret-long' })).complaintsSecret)
      .toBe('complaints-secret-long');
  });
});

describe.each(DATABASES)('monitoring priorities through the gateway on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string> = {};
  let reportId: string;

  beforeAll(async () => {
    stack = await startStack({ database });
    tokens.secretariat = await stack.token('secretariat');
    tokens.company = await stack.token('member', ORG.aegisMeridian);
    tokens.partner = await stack.token('partner');
    tokens.cso = await stack.token('member', ORG.humanSecurityWatch);
  });
  afterAll(() => stack?.stop());

  it('is for the Secretariat alone', async () => {
    expect(codes(await stack.query(PRIORITIES, {}))).toEqual(['UNAUTHENTICATED']);
    for (const token of [tokens.partner, tokens.company, tokens.cso]) expect(codes(await stack.query(PRIORITIES, {}, { token }))).toEqual(['FORBIDDEN']);
  });

  it('shows every factor with value, weight and contribution, risk levels of countries and regions as published', async () => {
    const before = (await walk(stack, tokens.secretariat, 100)).find((p) => p.organization.id === ORG.aegisMeridian)!;
    const submitted = await stack.query<any>(SUBMIT, { input: reportInput() }, { token: tokens.cso });
    reportId = submitted.data.submitRiskReport.id;
    await stack.query(ACCEPT, { id: reportId }, { token: tokens.secretariat });
    const level = (input: Record<string, unknown>) =>
      stack.query(SET_LEVEL, { input: { justification: 'Checkpoint abuses', reportIds: [reportId], effectiveFrom: '2026-01-05', ...input } }, { token: tokens.secretariat });
    expect((await level({ country: 'IQ', level: 'HIGH' })).errors).toBeUndefined();
    expect((await level({ country: 'IQ', region: 'IQ-BA', level: 'SEVERE' })).errors).toBeUndefined();

    const ranking = await walk(stack, tokens.secretariat, 100);
    const aegis = ranking.find((p) => p.organization.id === ORG.aegisMeridian)!;
    expect(factor(aegis, 'NAMED_IN_RISK_REPORTS').value).toBe(factor(before, 'NAMED_IN_RISK_REPORTS').value + 1);
    // Country and region points are those of the levels published for today in the company's countries and regions.
    const levels = new Map(((await stack.query<any>(AREAS, { day: TODAY })).data.riskAreas as any[]).map((a) => [a.code, a.riskLevelOn?.level]));
    const where = (await stack.query<any>(ORGANIZATION, { id: ORG.aegisMeridian })).data.organization;
    const points = (codes: string[]) => codes.reduce((sum, code) => sum + (levels.get(code) ? POINTS[levels.get(code)] : 0), 0);
    expect(where.regionsOfOperation).toContain('IQ-BA');
    expect(factor(aegis, 'COUNTRY_RISK').value).toBe(points(where.countriesOfOperation));
    expect(factor(aegis, 'REGION_RISK').value).toBe(points(where.regionsOfOperation));
    expect(factor(aegis, 'REGION_RISK').value).toBeGreaterThanOrEqual(3);
    for (const p of ranking) {
      expect(p.factors).toHaveLength(11);
      for (const f of p.factors) expect(f.contribution).toBeCloseTo(f.value * f.weight, 2);
      expect(p.score).toBeCloseTo(p.factors.reduce((sum, f) => sum + f.contribution, 0), 2);
    }
    // Highest score first, then organization id.
    for (let i = 1; i < ranking.length; i += 1) {
      const [a, b] = [ranking[i - 1], ranking[i]];
      expect(a.score > b.score || (a.score === b.score && a.organization.id < b.organization.id)).toBe(true);
    }
  });

  it('counts open complaints from the complaints subgraph\'s gated peer route, never reachable otherwise', async () => {
    const ranking = await walk(stack, tokens.secretariat, 100);
    const ids = ranking.map((p) => p.organization.id);
    const url = new URL(OPEN_COMPLAINT_COUNTS_PATH, stack.subgraphs.complaints.url);
    const ask = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ organizationIds: ids }) });
    expect((await ask({})).status).toBe(403);
    expect((await fetch(new URL(OPEN_COMPLAINT_COUNTS_PATH, stack.gatewayBaseUrl), { method: 'POST' })).status).toBe(404);
    const answer = await ask({ 'x-gateway-secret': stack.gatewaySecret('complaints') });
    expect(answer.status).toBe(200);
    const { counts } = (await answer.json()) as { counts: Record<string, number> };
    expect(Object.values(counts).some((n) => n > 0)).toBe(true);
    for (const p of ranking) expect(factor(p, 'OPEN_COMPLAINTS').value, p.organization.id).toBe(counts[p.organization.id] ?? 0);
    const bad = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-gateway-secret': stack.gatewaySecret('complaints') },
      body: JSON.stringify({ organizationIds: 'all' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('pages over a stable (score, organization id) cursor of the day asked', async () => {
    const whole = await walk(stack, tokens.secretariat, 100, '2026-06-30');
    const paged = await walk(stack, tokens.secretariat, 3, '2026-06-30');
    expect(paged.map((p) => p.organization.id)).toEqual(whole.map((p) => p.organization.id));
    const first = await stack.query<any>(PRIORITIES, { first: 2, on: '2026-06-30' }, { token: tokens.secretariat });
    expect(first.data.monitoringPriorities.totalCount).toBe(whole.length);
    const otherDay = await stack.query<any>(PRIORITIES, { first: 2, on: '2026-07-01', after: first.data.monitoringPriorities.pageInfo.endCursor }, { token: tokens.secretariat });
    expect(otherDay.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const future = await stack.query<any>(PRIORITIES, { on: '2999-01-01' }, { token: tokens.secretariat });
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on' });
    // Before the levels applied, Iraq weighed nothing.
    const early = (await walk(stack, tokens.secretariat, 100, '2026-01-04')).find((p) => p.organization.id === ORG.aegisMeridian)!;
    expect(factor(early, 'REGION_RISK').value).toBeLessThan(3);
  });

  it('lets a monitoring activity cite the risk reports that prompted it, for the Secretariat only', async () => {
    const scheduled = await stack.query<any>(
      SCHEDULE,
      { input: { organizationId: ORG.aegisMeridian, type: 'FIELD_VISIT', fieldVisitKind: 'SPOT_CHECK', country: 'IQ', plannedStartOn: '2026-12-01' } },
      { token: tokens.secretariat },
    );
    const activityId = scheduled.data.scheduleMonitoringActivity.id;
    expect(codes(await stack.query(CITE, { activityId, reportIds: [reportId] }, { token: tokens.company }))).toEqual(['FORBIDDEN']);
    const cited = await stack.query<any>(CITE, { activityId, reportIds: [reportId] }, { token: tokens.secretariat });
    expect(cited.data.citeRiskReportsInMonitoringActivity).toEqual({ id: activityId, promptedBy: [{ id: reportId }] });
    const asCompany = await stack.query<any>(PROMPTED, { id: activityId }, { token: tokens.company });
    expect(asCompany.data.monitoringActivity).toEqual({ id: activityId, promptedBy: null });
    expect(codes(asCompany)).toEqual(['FORBIDDEN']);
    const asPublic = await stack.query<any>(PROMPTED, { id: activityId });
    expect(asPublic.data.monitoringActivity.promptedBy).toBeNull();
  });
});

const APPLY = /* GraphQL */ `mutation A($input: MembershipApplicationInput!) { submitMembershipApplication(input: $input) { id } }`;
const ADMIT = /* GraphQL */ `
  mutation D($id: ID!) { decideMembershipApplication(id: $id, decision: ADMIT, note: "Admitted (test)") { organization { id } } }
`;
const REGIONS = /* GraphQL */ `
  mutation R($id: ID!) { updateOrganizationProfile(organizationId: $id, input: { regionsOfOperation: ["KE-30"] }, reason: "Notified (test)") { id } }
`;

/** Adds `count` active member companies operating in Kenya, as the Secretariat admits them through the gateway. */
async function addCompanies(stack: Stack, count: number): Promise<void> {
  const token = await stack.token('secretariat');
  for (let i = 0; i < count; i += 1) {
    const name = `Ranked Guarding ${randomUUID().slice(0, 8)}`;
    const applied = await stack.query<any>(APPLY, {
      input: applicationInput({ organizationName: name, headquartersCountry: 'KE', countriesOfOperation: ['KE'], website: null }),
    });
    expect(applied.errors).toBeUndefined();
    const admitted = await stack.query<any>(ADMIT, { id: applied.data.submitMembershipApplication.id }, { token });
    expect(admitted.errors).toBeUndefined();
    const regions = await stack.query(REGIONS, { id: admitted.data.decideMembershipApplication.organization.id }, { token });
    expect(regions.errors).toBeUndefined();
  }
}

describe.each(DATABASES)('the cost of monitoring priorities on %s', (database) => {
  let stack: Stack;
  let token: string;

  beforeAll(async () => {
    stack = await startStack({ database, sampleData: false });
    token = await stack.token('secretariat');
  });
  afterAll(() => stack?.stop());

  /** Statements of all subgraphs, and calls from certification to membership and complaints, for one ranking. */
  async function costOfRanking(): Promise<{ companies: number; statements: number; subgraphCalls: number }> {
    const requestId = `priorities-${randomUUID()}`;
    const before = stack.statements();
    const answer = await stack.query<any>(PRIORITIES, { first: 100 }, { token, headers: { 'x-request-id': requestId } });
    expect(answer.errors).toBeUndefined();
    const statements = stack.statements() - before;
    const lines = await stack.logLinesOf(requestId);
    const subgraphCalls = lines.filter(
      (l) => (l.service === 'membership' && l.message === 'operation') || (l.service === 'complaints' && l.message === 'open complaint counts'),
    ).length;
    return { companies: answer.data.monitoringPriorities.totalCount, statements, subgraphCalls };
  }

  it('is the same for 10 companies as for 100', async () => {
    await addCompanies(stack, 10);
    const ten = await costOfRanking();
    await addCompanies(stack, 90);
    const hundred = await costOfRanking();
    expect([ten.companies, hundred.companies]).toEqual([10, 100]);
    expect(ten.subgraphCalls).toBe(2);
    expect(hundred).toEqual({ ...ten, companies: 100 });
  }, 180_000); // admitting 100 companies through the gateway takes a while on a busy machine
});
