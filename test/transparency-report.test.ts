import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVANCE, complaintInput, ORG, SUBMIT } from './support/complaints';
import { DATABASES } from './support/databases';
import { codes, readAllPages, startStack, type Stack } from './support/stack';
import { today } from './support/dates';

const COUNT = 'value fewerThan withheld';
const REPORT = /* GraphQL */ `
  query Report($year: Int!) {
    transparencyReport(year: $year) {
      year asOf complete
      complaints {
        received allegingViolationOfTheCode againstMembersAndAffiliates threshold
        byKind { kind count { ${COUNT} } }
        byCodeSection { section count { ${COUNT} } }
        byStatusAtYearEnd { status count { ${COUNT} } }
        cumulative { sinceYear received allegingViolationOfTheCode againstMembersAndAffiliates }
      }
      monitoring { fieldVisits remoteReviews selfAssessmentReviews humanRightsRiskAssessments
                   concerns { personnelMisconduct managementAndGovernance other total } }
      membership { byPillar { pillar members affiliates observers suspended } admissions suspensions terminations withdrawals }
      certification { certifiedCompanies byStandard { standard companies } }
    }
  }
`;
const ALL_COMPLAINTS = /* GraphQL */ `
  query All($after: String) {
    complaints(first: 100, after: $after) {
      edges { node { kind submittedAt companyCheck allegations { provision } timeline { sequence toStatus occurredAt } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const ALL_ORGANIZATIONS = /* GraphQL */ `
  query All($after: String) {
    organizations(first: 100, after: $after) {
      edges { node { id pillar statusHistory { status category effectiveFrom } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const ALL_CERTIFICATES = /* GraphQL */ `
  query All($after: String, $asOf: Date!) {
    certifications(first: 100, after: $after) {
      edges { node { standard statusOn(date: $asOf) organization { id } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const ALL_ACTIVITIES = /* GraphQL */ `
  query All($after: String) {
    monitoringActivities(first: 100, after: $after) {
      edges { node { type status completedOn } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const ALL_FINDINGS = /* GraphQL */ `
  query All($after: String) {
    findings(first: 100, after: $after) {
      edges { node { codeVersion paragraph recordedAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** The provisions of section F of the Code (conduct of personnel, paragraphs 28–43); the others are section G. */
const SECTION_F = new Set([
  'GENERAL_CONDUCT', 'RULES_FOR_THE_USE_OF_FORCE', 'USE_OF_FORCE', 'DETENTION', 'APPREHENDING_PERSONS',
  'TORTURE_OR_CRUEL_TREATMENT', 'SEXUAL_EXPLOITATION_AND_GENDER_BASED_VIOLENCE', 'HUMAN_TRAFFICKING',
  'SLAVERY_AND_FORCED_LABOUR', 'CHILD_LABOUR', 'DISCRIMINATION', 'IDENTIFICATION_AND_REGISTERING',
]);
const KINDS = ['HARM_TO_COMPLAINANT', 'HARM_TO_REPRESENTED_PERSON', 'VIOLATION_REPORT'];
const STATUSES = ['RECEIVED', 'UNDER_ASSESSMENT', 'INADMISSIBLE', 'REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM', 'GOOD_OFFICES',
  'UNDER_REVIEW', 'MONITORING_FOLLOW_UP', 'RESOLVED', 'CLOSED'];
const THIS_YEAR = new Date().getUTCFullYear();

interface Cell { value: number | null; fewerThan: number | null; withheld: boolean }

/**
 * What a reader can work out about each withheld cell from the total and the cells shown: each lies
 * in 0–4 when marked `fewerThan: 5`, else is at least 5; their sum is the total less the cells shown.
 * Checks every published cell against the true count, and that no withheld one is pinned to one value.
 */
function expectProtected(cells: Cell[], truth: number[], total: number) {
  const shownSum = cells.reduce((sum, c) => sum + (c.value ?? 0), 0);
  const withheldSum = total - shownSum;
  const bounds = (c: Cell): [number, number] => (c.fewerThan === 5 ? [0, 4] : [5, Infinity]);
  cells.forEach((cell, i) => {
    if (!cell.withheld) {
      expect(cell).toEqual({ value: truth[i], fewerThan: null, withheld: false });
      expect(truth[i]).toBeGreaterThanOrEqual(5);
      return;
    }
    expect(cell.value).toBeNull();
    if (truth[i] < 5) expect(cell.fewerThan).toBe(5);
    else expect(cell.fewerThan).toBeNull();
    const others = cells.filter((c, j) => j !== i && c.withheld).map(bounds);
    const min = Math.max(bounds(cell)[0], withheldSum - others.reduce((s, b) => s + b[1], 0));
    const max = Math.min(bounds(cell)[1], withheldSum - others.reduce((s, b) => s + b[0], 0));
    expect(max, `withheld cell ${i} could be worked out as ${min}`).toBeGreaterThan(min);
  });
}

describe.each(DATABASES)('transparencyReport through the gateway on %s', (database) => {
  let stack: Stack;
  let secretariat: string;

  const all = <T>(query: string, field: string, variables: Record<string, unknown> = {}, token?: string) =>
    readAllPages<T>(stack, query, field, variables, token);

  beforeAll(async () => {
    stack = await startStack({ database });
    secretariat = await stack.token('secretariat');
    // This year: enough complaints for some cells to be shown, and one harm complaint alone to be protected.
    const file = async (input: Record<string, unknown>) => {
      const filed = await stack.query<any>(SUBMIT, { input: complaintInput(input) });
      expect(filed.errors).toBeUndefined();
    };
    for (let i = 0; i < 6; i += 1) await file({ kind: 'HARM_TO_COMPLAINANT', allegations: [{ provision: 'USE_OF_FORCE' }], incidentDate: today() });
    for (let i = 0; i < 5; i += 1) {
      await file({ kind: 'VIOLATION_REPORT', companyId: ORG.bastionShield, allegations: [{ provision: 'MANAGEMENT_OF_WEAPONS' }], incidentDate: today() });
    }
    const [newest] = (await stack.query<any>(`{ complaints(first: 1) { edges { node { id } } } }`, {}, { token: secretariat })).data.complaints.edges;
    for (const to of ['UNDER_ASSESSMENT', 'INADMISSIBLE']) {
      const moved = await stack.query(ADVANCE, { id: newest.node.id, to, note: 'Not about the company', audience: 'COMPLAINANT_AND_COMPANY' }, { token: secretariat });
      expect(moved.errors).toBeUndefined();
    }
  });
  afterAll(() => stack?.stop());

  it.each([THIS_YEAR, THIS_YEAR - 1, THIS_YEAR - 2])('counts the complaints of %i as the sample data and filings give them, protecting small cells', async (year) => {
    const { data, errors } = await stack.query<any>(REPORT, { year });
    expect(errors).toBeUndefined();
    const report = data.transparencyReport;
    const asOf = year === THIS_YEAR ? today() : `${year}-12-31`;
    expect(report).toMatchObject({ year, asOf, complete: year !== THIS_YEAR });

    const complaints = await all<any>(ALL_COMPLAINTS, 'complaints', {}, secretariat);
    const statusAt = (c: any) =>
      [...c.timeline].sort((a: any, b: any) => a.sequence - b.sequence).filter((e: any) => e.occurredAt <= `${asOf}T23:59:59.999Z`).at(-1).toStatus;
    const ofYear = complaints.filter((c) => c.submittedAt.startsWith(String(year)));
    expect(ofYear.length).toBeGreaterThan(0);
    const upToYear = complaints.filter((c) => Number(c.submittedAt.slice(0, 4)) <= year);
    const figures = report.complaints;
    expect(figures).toMatchObject({
      received: ofYear.length,
      allegingViolationOfTheCode: ofYear.filter((c) => statusAt(c) !== 'INADMISSIBLE').length,
      againstMembersAndAffiliates: ofYear.filter((c) => c.companyCheck === 'PASSED').length,
      threshold: 5,
      cumulative: {
        sinceYear: Math.min(...complaints.map((c) => Number(c.submittedAt.slice(0, 4)))),
        received: upToYear.length,
        allegingViolationOfTheCode: upToYear.filter((c) => statusAt(c) !== 'INADMISSIBLE').length,
        againstMembersAndAffiliates: upToYear.filter((c) => c.companyCheck === 'PASSED').length,
      },
    });
    expect(figures.byKind.map((k: any) => k.kind)).toEqual(KINDS);
    expectProtected(figures.byKind.map((k: any) => k.count), KINDS.map((kind) => ofYear.filter((c) => c.kind === kind).length), ofYear.length);
    expect(figures.byStatusAtYearEnd.map((s: any) => s.status)).toEqual(STATUSES);
    expectProtected(
      figures.byStatusAtYearEnd.map((s: any) => s.count),
      STATUSES.map((status) => ofYear.filter((c) => statusAt(c) === status).length),
      ofYear.length,
    );
    const inSection = (c: any, f: boolean) => c.allegations.some((a: any) => SECTION_F.has(a.provision) === f);
    const sectionTruth = [ofYear.filter((c) => inSection(c, true)).length, ofYear.filter((c) => inSection(c, false)).length];
    expect(figures.byCodeSection.map((s: any) => s.section)).toEqual(['CONDUCT_OF_PERSONNEL', 'MANAGEMENT_AND_GOVERNANCE']);
    expectProtected(figures.byCodeSection.map((s: any) => s.count), sectionTruth, sectionTruth[0] + sectionTruth[1]);
    if (year === THIS_YEAR) {
      // Many harm complaints and reports, one represented harm: the lone represented harm is below 5, and the
      // reports (the next smallest) are withheld to protect it.
      const kinds = Object.fromEntries(figures.byKind.map((k: any) => [k.kind, k.count]));
      const harm = ofYear.filter((c) => c.kind === 'HARM_TO_COMPLAINANT').length;
      expect(ofYear.filter((c) => c.kind === 'VIOLATION_REPORT').length).toBeLessThan(harm);
      expect(kinds.HARM_TO_COMPLAINANT).toEqual({ value: harm, fewerThan: null, withheld: false });
      expect(kinds.HARM_TO_REPRESENTED_PERSON).toEqual({ value: null, fewerThan: 5, withheld: true });
      expect(kinds.VIOLATION_REPORT).toEqual({ value: null, fewerThan: null, withheld: true });
      expect(figures.byCodeSection.every((s: any) => !s.count.withheld)).toBe(true);
    }
  });

  it.each([THIS_YEAR, THIS_YEAR - 1])('gives the membership, monitoring and certification figures of %i as the directory and registers give them', async (year) => {
    const { data, errors } = await stack.query<any>(REPORT, { year });
    expect(errors).toBeUndefined();
    const report = data.transparencyReport;
    const asOf = report.asOf;
    const inYear = (date: string | null) => !!date && date >= `${year}-01-01` && date <= asOf;

    const organizations = await all<any>(ALL_ORGANIZATIONS, 'organizations');
    const atYearEnd = (o: any) => o.statusHistory.filter((e: any) => e.effectiveFrom <= asOf).at(-1);
    for (const pillar of ['PRIVATE_SECURITY_COMPANY', 'GOVERNMENT', 'CIVIL_SOCIETY']) {
      const ofPillar = organizations.filter((o) => o.pillar === pillar).map(atYearEnd).filter(Boolean);
      const active = (category: string) => ofPillar.filter((e: any) => e.status === 'ACTIVE' && e.category === category).length;
      expect(report.membership.byPillar.find((p: any) => p.pillar === pillar)).toEqual({
        pillar,
        members: active('MEMBER'),
        affiliates: active('AFFILIATE'),
        observers: active('OBSERVER'),
        suspended: ofPillar.filter((e: any) => e.status === 'SUSPENDED').length,
      });
    }
    const entries = organizations.flatMap((o) => o.statusHistory);
    expect(report.membership).toMatchObject({
      admissions: organizations.filter((o) => inYear(o.statusHistory[0]?.effectiveFrom)).length,
      suspensions: entries.filter((e) => e.status === 'SUSPENDED' && inYear(e.effectiveFrom)).length,
      terminations: entries.filter((e) => e.status === 'TERMINATED' && inYear(e.effectiveFrom)).length,
      withdrawals: entries.filter((e) => e.status === 'WITHDRAWN' && inYear(e.effectiveFrom)).length,
    });

    const certificates = (await all<any>(ALL_CERTIFICATES, 'certifications', { asOf })).filter((c) => c.statusOn === 'ACTIVE');
    const companies = (list: any[]) => new Set(list.map((c) => c.organization.id)).size;
    expect(report.certification.certifiedCompanies).toBe(companies(certificates));
    expect(report.certification.certifiedCompanies).toBeGreaterThan(0);
    for (const { standard, companies: count } of report.certification.byStandard) {
      expect(count).toBe(companies(certificates.filter((c) => c.standard === standard)));
    }

    const activities = (await all<any>(ALL_ACTIVITIES, 'monitoringActivities')).filter((a) => a.status === 'COMPLETED' && inYear(a.completedOn));
    const findings = (await all<any>(ALL_FINDINGS, 'findings', {}, secretariat)).filter((f) => f.recordedAt.startsWith(String(year)));
    const section = (p: number) => (p >= 28 && p <= 43 ? 'F' : p >= 44 && p <= 69 ? 'G' : 'other');
    expect(report.monitoring).toEqual({
      fieldVisits: activities.filter((a) => a.type === 'FIELD_VISIT').length,
      remoteReviews: activities.filter((a) => a.type === 'REMOTE_MONITORING').length,
      selfAssessmentReviews: activities.filter((a) => a.type === 'SELF_ASSESSMENT_REVIEW').length,
      humanRightsRiskAssessments: activities.filter((a) => a.type === 'HUMAN_RIGHTS_RISK_ASSESSMENT').length,
      concerns: {
        personnelMisconduct: findings.filter((f) => section(f.paragraph) === 'F').length,
        managementAndGovernance: findings.filter((f) => section(f.paragraph) === 'G').length,
        other: findings.filter((f) => section(f.paragraph) === 'other').length,
        total: findings.length,
      },
    });
  });

  it('reads the whole report with a bounded number of statements, however many complaints there are', async () => {
    // A filing clears the gateway's cached answers, so each report below is computed afresh.
    const file = async () => expect((await stack.query(SUBMIT, { input: complaintInput({ incidentDate: today() }) })).errors).toBeUndefined();
    const cost = async () => {
      await file();
      const before = stack.statements();
      const { errors } = await stack.query(REPORT, { year: THIS_YEAR });
      expect(errors).toBeUndefined();
      return stack.statements() - before;
    };
    const first = await cost();
    for (let i = 0; i < 4; i += 1) await file();
    expect(await cost()).toBe(first);
    // complaints 3, monitoring 2, certification 1, membership 1.
    expect(first).toBeLessThanOrEqual(7);
  });

  it('is public and cacheable', async () => {
    const url = new URL(stack.gatewayUrl);
    url.searchParams.set('query', REPORT);
    url.searchParams.set('variables', JSON.stringify({ year: THIS_YEAR - 1 }));
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.headers.get('cache-control')).toBe('max-age=60, public');
    expect(((await response.json()) as any).data.transparencyReport.year).toBe(THIS_YEAR - 1);
  });

  it('refuses a year before the Association or in the future, through the gateway and on each subgraph', async () => {
    for (const year of [2012, THIS_YEAR + 1]) {
      const refused = await stack.query(REPORT, { year });
      expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0].extensions!.field).toBe('year');
    }
    for (const [subgraph, field] of [['membership', 'membership { admissions }'], ['certification', 'certification { certifiedCompanies }']]) {
      const direct = await stack.querySubgraph(subgraph, /* GraphQL */ `
        query($r: [_Any!]!) { _entities(representations: $r) { ... on TransparencyReport { ${field} } } }
      `, { r: [{ __typename: 'TransparencyReport', year: 1999 }] });
      expect(codes(direct)).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('the report and the complaint form while one subgraph is down', () => {
  let stack: Stack | undefined;
  afterAll(() => stack?.stop());

  it('answers the complaints part with certification down, and the form\'s texts with membership down, each missing part null with its path', async () => {
    stack = await startStack({ database: 'sqlite' });
    await stack.subgraphs.certification.stop();
    const report = await stack.query<any>(/* GraphQL */ `
      query { transparencyReport(year: ${THIS_YEAR - 1}) { year complaints { received } membership { admissions } monitoring { fieldVisits } certification { certifiedCompanies } } }
    `);
    expect(report.data.transparencyReport).toMatchObject({
      year: THIS_YEAR - 1,
      complaints: { received: expect.any(Number) },
      membership: { admissions: expect.any(Number) },
      monitoring: null,
      certification: null,
    });
    expect(report.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['transparencyReport', 'monitoring'], 'SERVICE_UNAVAILABLE'],
      [['transparencyReport', 'certification'], 'SERVICE_UNAVAILABLE'],
    ]);
    await stack.subgraphs.membership.stop();
    const form = await stack.query<any>(/* GraphQL */ `
      query { complaintFormOptions(language: "fr") { language provisions { label } companies(first: 5) { totalCount } } }
    `);
    expect(form.data.complaintFormOptions).toMatchObject({ language: 'fr', companies: null });
    expect(form.data.complaintFormOptions.provisions).toHaveLength(25);
    expect(form.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['complaintFormOptions', 'companies'], 'SERVICE_UNAVAILABLE']]);
  });
});
