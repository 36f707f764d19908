import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVANCE, complaintInput, ORG, SUBMIT } from './support/complaints';
import { DATABASES } from './support/databases';
import { codes, readAllPages, startStack, type Stack } from './support/stack';
import { today } from './support/dates';
import { leaks, type PublicCompanyTotal, type PublicReport } from './support/disclosure';

const COUNT = 'value fewerThan withheld';
const COMPLAINT_FIGURES = `
  received allegingViolationOfTheCode againstMembersAndAffiliates threshold
  byKind { kind count { ${COUNT} } }
  byCodeSection { section count { ${COUNT} } }
  byStatusAtYearEnd { status count { ${COUNT} } }
  cumulative { sinceYear received allegingViolationOfTheCode againstMembersAndAffiliates }
`;
const REPORT = /* GraphQL */ `
  query Report($year: Int!) {
    transparencyReport(year: $year) {
      year asOf complete
      complaints { ${COMPLAINT_FIGURES} }
      monitoring { fieldVisits remoteReviews selfAssessmentReviews humanRightsRiskAssessments
                   concerns { personnelMisconduct managementAndGovernance other total } }
      membership {
        byPillar { pillar members affiliates suspended }
        byObserverKind { kind observers suspended }
        admissions suspensions terminations withdrawals }
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
      edges { node { id pillar observerKind statusHistory { status category effectiveFrom } } }
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

const LAST_YEAR = THIS_YEAR - 1;
const COMPLAINTS_ONLY = /* GraphQL */ `
  query Complaints($year: Int!) {
    transparencyReport(year: $year) {
      complaints { ${COMPLAINT_FIGURES} }
    }
  }
`;
const COMPANY_TOTALS = /* GraphQL */ `
  query Totals($after: String) {
    organizations(filter: { pillar: PRIVATE_SECURITY_COMPANY }, first: 100, after: $after) {
      edges { node { id complaintStatistics { total { ${COUNT} } asOf } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

describe.each(DATABASES)('transparencyReport through the gateway on %s', (database) => {
  let stack: Stack;
  let secretariat: string;

  const all = <T>(query: string, field: string, variables: Record<string, unknown> = {}, token?: string) =>
    readAllPages<T>(stack, query, field, variables, token);

  /** Every public answer about complaints: the reports of the years that have ended, and each company's total. */
  async function publicAnswers(token?: string) {
    const reports: PublicReport[] = [];
    for (let year = 2013; year <= LAST_YEAR; year += 1) {
      const { data, errors } = await stack.query<any>(COMPLAINTS_ONLY, { year }, { token });
      expect(errors).toBeUndefined();
      reports.push({ ...data.transparencyReport.complaints, year });
    }
    const companies = (await all<any>(COMPANY_TOTALS, 'organizations', {}, token)).map((o) => ({ id: o.id, ...o.complaintStatistics }));
    return { reports, companies: companies as PublicCompanyTotal[] };
  }

  beforeAll(async () => {
    stack = await startStack({ database });
    secretariat = await stack.token('secretariat');
    const file = async (input: Record<string, unknown>) => {
      const filed = await stack.query<any>(SUBMIT, { input: complaintInput({ incidentDate: `${LAST_YEAR}-03-01`, ...input }) });
      expect(filed.errors).toBeUndefined();
      const [row] = await stack.subgraphs.complaints.database.dataSource.query('SELECT id FROM complaint WHERE reference_number = ?', [
        filed.data.submitComplaint.referenceNumber,
      ]);
      return row.id as string;
    };
    const advance = async (id: string, ...statuses: string[]) => {
      for (const to of statuses) {
        const moved = await stack.query(ADVANCE, { id, to, note: 'Assessed', audience: 'COMPLAINANT_AND_COMPANY' }, { token: secretariat });
        expect(moved.errors).toBeUndefined();
      }
    };
    // Last year (filed now, then dated back with their timelines): enough complaints for some cells to be
    // shown, few enough in others for them to be withheld, and two found inadmissible (16 − 14 = 2 of the issue).
    const lastYear: string[] = [];
    for (let i = 0; i < 7; i += 1) lastYear.push(await file({ companyId: ORG.bastionShield, allegations: [{ provision: 'USE_OF_FORCE' }] }));
    for (let i = 0; i < 6; i += 1) {
      lastYear.push(await file({ kind: 'VIOLATION_REPORT', allegations: [{ provision: 'MANAGEMENT_OF_WEAPONS' }] }));
    }
    for (const id of lastYear.slice(0, 3)) await advance(id, 'UNDER_ASSESSMENT');
    for (const id of lastYear.slice(7, 9)) await advance(id, 'UNDER_ASSESSMENT', 'INADMISSIBLE');
    const sql = stack.subgraphs.complaints.database.dataSource;
    for (const [i, id] of lastYear.entries()) {
      const day = `${LAST_YEAR}-06-${String(10 + i).padStart(2, '0')}`;
      await sql.query('UPDATE complaint SET submitted_at = ?, reference_year = ?, reference_sequence = ? WHERE id = ?', [
        `${day}T09:00:00.000Z`, LAST_YEAR, 9000 + i, id,
      ]);
      await sql.query(`UPDATE complaint_event SET occurred_at = ${database === 'sqlite' ? "? || SUBSTR(occurred_at, 11)" : 'CONCAT(?, SUBSTR(occurred_at, 11))'} WHERE complaint_id = ?`, [day, id]);
    }
    // This year: the Secretariat's until it ends.
    for (let i = 0; i < 2; i += 1) await file({ incidentDate: today() });
  });
  afterAll(() => stack?.stop());

  it('gives the public the years that have ended, and the current year to the Secretariat alone, with exact counts', async () => {
    for (const token of [undefined, await stack.token('partner'), await stack.token('member', ORG.bastionShield)]) {
      const refused = await stack.query(REPORT, { year: THIS_YEAR }, { token });
      expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0].extensions!.field).toBe('year');
      expect(JSON.stringify(refused.data ?? null)).not.toMatch(/received/);
      const direct = await stack.querySubgraph(
        'complaints',
        /* GraphQL */ `query($r: [_Any!]!) { _entities(representations: $r) { ... on TransparencyReport { complaints { received } } } }`,
        { r: [{ __typename: 'TransparencyReport', year: THIS_YEAR }] },
        { token },
      );
      expect(codes(direct)).toEqual(['BAD_USER_INPUT']);
    }
    const { data, errors } = await stack.query<any>(REPORT, { year: THIS_YEAR }, { token: secretariat });
    expect(errors).toBeUndefined();
    expect(data.transparencyReport).toMatchObject({ year: THIS_YEAR, asOf: today(), complete: false });
    const figures = data.transparencyReport.complaints;
    for (const { count } of [...figures.byKind, ...figures.byCodeSection, ...figures.byStatusAtYearEnd]) {
      expect(count.value).toEqual(expect.any(Number));
    }
    expect(figures.allegingViolationOfTheCode).toEqual(expect.any(Number));
  });

  it.each([LAST_YEAR, LAST_YEAR - 1])('counts the complaints of %i as they were at the end of that year, each count shown or withheld by the rule', async (year) => {
    const [publicly, exactly] = await Promise.all([
      stack.query<any>(REPORT, { year }),
      stack.query<any>(REPORT, { year }, { token: secretariat }),
    ]);
    expect(publicly.errors).toBeUndefined();
    expect(exactly.errors).toBeUndefined();
    const report = publicly.data.transparencyReport;
    const asOf = `${year}-12-31`;
    expect(report).toMatchObject({ year, asOf, complete: true });

    const complaints = await all<any>(ALL_COMPLAINTS, 'complaints', {}, secretariat);
    const statusAt = (c: any) =>
      [...c.timeline].sort((a: any, b: any) => a.sequence - b.sequence).filter((e: any) => e.occurredAt <= `${asOf}T23:59:59.999Z`).at(-1).toStatus;
    const ofYear = complaints.filter((c) => c.submittedAt.startsWith(String(year)));
    expect(ofYear.length).toBeGreaterThan(0);
    const upToYear = complaints.filter((c) => Number(c.submittedAt.slice(0, 4)) <= year);
    const inSection = (c: any, f: boolean) => c.allegations.some((a: any) => SECTION_F.has(a.provision) === f);
    const truth = {
      received: ofYear.length,
      allegingViolationOfTheCode: ofYear.filter((c) => statusAt(c) !== 'INADMISSIBLE').length,
      againstMembersAndAffiliates: ofYear.filter((c) => c.companyCheck === 'PASSED').length,
      byKind: KINDS.map((kind) => ofYear.filter((c) => c.kind === kind).length),
      byStatusAtYearEnd: STATUSES.map((status) => ofYear.filter((c) => statusAt(c) === status).length),
      byCodeSection: [ofYear.filter((c) => inSection(c, true)).length, ofYear.filter((c) => inSection(c, false)).length],
      cumulative: {
        sinceYear: Math.min(...complaints.map((c) => Number(c.submittedAt.slice(0, 4)))),
        received: upToYear.length,
        allegingViolationOfTheCode: upToYear.filter((c) => statusAt(c) !== 'INADMISSIBLE').length,
        againstMembersAndAffiliates: upToYear.filter((c) => c.companyCheck === 'PASSED').length,
      },
    };
    // The Secretariat reads every count; the public the same report with withheld counts null.
    const exact = exactly.data.transparencyReport.complaints;
    const shown = report.complaints;
    expect(exact).toMatchObject({ ...truth, byKind: expect.any(Array), byStatusAtYearEnd: expect.any(Array), byCodeSection: expect.any(Array), threshold: 5 });
    expect(shown.received).toBe(truth.received);
    expect(shown.cumulative.received).toBe(truth.cumulative.received);
    for (const field of ['allegingViolationOfTheCode', 'againstMembersAndAffiliates'] as const) {
      expect([null, truth[field]]).toContain(shown[field]);
      expect([null, truth.cumulative[field]]).toContain(shown.cumulative[field]);
    }
    for (const [name, labels] of [['byKind', KINDS], ['byStatusAtYearEnd', STATUSES], ['byCodeSection', ['CONDUCT_OF_PERSONNEL', 'MANAGEMENT_AND_GOVERNANCE']]] as const) {
      const key = name === 'byKind' ? 'kind' : name === 'byStatusAtYearEnd' ? 'status' : 'section';
      expect(shown[name].map((c: any) => c[key])).toEqual(labels);
      shown[name].forEach((c: any, i: number) => {
        const count = truth[name][i];
        expect(exact[name][i].count).toEqual({ ...c.count, value: count });
        if (!c.count.withheld) expect(c.count).toEqual({ value: count, fewerThan: null, withheld: false });
        else expect(c.count).toEqual({ value: null, fewerThan: count < 5 ? 5 : null, withheld: true });
        // No count of 1 to 4 complaints is ever shown.
        if (!c.count.withheld) expect(count === 0 || count >= 5).toBe(true);
      });
    }
    if (year === LAST_YEAR) {
      // Two inadmissible: that cell is withheld, and with it the figure that would give it by difference.
      const byStatus = Object.fromEntries(shown.byStatusAtYearEnd.map((s: any) => [s.status, s.count]));
      expect(truth.byStatusAtYearEnd[STATUSES.indexOf('INADMISSIBLE')]).toBe(2);
      expect(byStatus.INADMISSIBLE).toEqual({ value: null, fewerThan: 5, withheld: true });
      expect(shown.allegingViolationOfTheCode).toBeNull();
      expect(exact.allegingViolationOfTheCode).toBe(truth.received - 2);
      expect(shown.byKind[0].count).toEqual({ value: truth.byKind[0], fewerThan: null, withheld: false });
    }
  });

  it('leaves no withheld count to be worked out from the public answers: within a report, across years, against the companies\' totals', async () => {
    const { reports, companies } = await publicAnswers();
    expect(leaks(reports, companies)).toEqual([]);
    // Not vacuous: some counts are shown, some withheld, and one company shows its total.
    const cells = reports.flatMap((r) => [...r.byKind, ...r.byStatusAtYearEnd, ...r.byCodeSection].map((c) => c.count));
    expect(cells.some((c) => !c.withheld && c.value! > 0)).toBe(true);
    expect(cells.some((c) => c.withheld)).toBe(true);
    const bastion = companies.find((c) => c.id === ORG.bastionShield)!;
    expect(bastion).toEqual({ id: ORG.bastionShield, total: { value: expect.any(Number), fewerThan: null, withheld: false }, asOf: `${LAST_YEAR}-12-31` });
    expect(bastion.total.value).toBeGreaterThanOrEqual(7);
    // What the Secretariat reads (every count) gives withheld counts away through the same arithmetic.
    const exact = await publicAnswers(secretariat);
    const asPublishedBefore = exact.reports.map((r) => ({ ...r, byStatusAtYearEnd: r.byStatusAtYearEnd.map((s, i) => ({ ...s, count: reports[r.year - 2013].byStatusAtYearEnd[i].count })) }));
    expect(leaks(asPublishedBefore, companies)).toContain(`${LAST_YEAR} INADMISSIBLE = received − allegingViolationOfTheCode = 2`);
  });

  it('tells nothing new when read again after one more complaint and a status change', async () => {
    const before = await publicAnswers();
    const filed = await stack.query<any>(SUBMIT, { input: complaintInput({ companyId: ORG.bastionShield, incidentDate: today() }) });
    expect(filed.errors).toBeUndefined();
    const [oldest] = await stack.subgraphs.complaints.database.dataSource.query(
      "SELECT id FROM complaint WHERE reference_year = ? AND status = 'RECEIVED' ORDER BY submitted_at LIMIT 1",
      [LAST_YEAR],
    );
    const moved = await stack.query(ADVANCE, { id: oldest.id, to: 'UNDER_ASSESSMENT', note: 'Now', audience: 'COMPLAINANT_AND_COMPANY' }, { token: secretariat });
    expect(moved.errors).toBeUndefined();
    expect(await publicAnswers()).toEqual(before);
    // The Secretariat sees the new complaint at once (in the current year and in the company's exact count).
    const current = await stack.query<any>(REPORT, { year: THIS_YEAR }, { token: secretariat });
    expect(current.data.transparencyReport.complaints.received).toBeGreaterThanOrEqual(3);
  });

  it('reads the whole report with a bounded number of statements, however many complaints there are', async () => {
    // The Secretariat's reads are never cached, so each report below is computed afresh.
    const file = async () => expect((await stack.query(SUBMIT, { input: complaintInput({ incidentDate: today() }) })).errors).toBeUndefined();
    const cost = async () => {
      await file();
      const before = stack.statements();
      const { errors } = await stack.query(REPORT, { year: THIS_YEAR }, { token: secretariat });
      expect(errors).toBeUndefined();
      return stack.statements() - before;
    };
    const first = await cost();
    for (let i = 0; i < 4; i += 1) await file();
    expect(await cost()).toBe(first);
    // complaints 3, monitoring 2, certification 1, membership 1.
    expect(first).toBeLessThanOrEqual(7);
  });

  it.each([THIS_YEAR, THIS_YEAR - 1])('gives the membership, monitoring and certification figures of %i as the directory and registers give them', async (year) => {
    // The current year is the Secretariat's until it ends.
    const { data, errors } = await stack.query<any>(REPORT, { year }, { token: year === THIS_YEAR ? secretariat : undefined });
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
        suspended: ofPillar.filter((e: any) => e.status === 'SUSPENDED').length,
      });
    }
    // Observers are counted by kind, not within a pillar: the sample has academic and certification-body observers.
    const observers = organizations.filter((o) => o.pillar === 'OBSERVER');
    expect(observers.every((o) => o.observerKind)).toBe(true);
    for (const kind of ['ACADEMIC', 'CERTIFICATION_BODY', 'OTHER_INDUSTRY', 'GOVERNMENT', 'CIVIL_SOCIETY', 'OTHER']) {
      const ofKind = observers.filter((o) => o.observerKind === kind).map(atYearEnd).filter(Boolean);
      expect(report.membership.byObserverKind.find((k: any) => k.kind === kind)).toEqual({
        kind,
        observers: ofKind.filter((e: any) => e.status === 'ACTIVE').length,
        suspended: ofKind.filter((e: any) => e.status === 'SUSPENDED').length,
      });
    }
    if (year === THIS_YEAR) {
      const count = (kind: string) => report.membership.byObserverKind.find((k: any) => k.kind === kind).observers;
      expect([count('ACADEMIC'), count('CERTIFICATION_BODY'), count('GOVERNMENT'), count('CIVIL_SOCIETY')]).toEqual([1, 1, 2, 1]);
      expect(report.membership.byPillar.map((p: any) => p.pillar)).not.toContain('OBSERVER');
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

  it('is public and cacheable', async () => {
    const url = new URL(stack.gatewayUrl);
    url.searchParams.set('query', REPORT);
    url.searchParams.set('variables', JSON.stringify({ year: THIS_YEAR - 1 }));
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.headers.get('cache-control')).toBe('max-age=60, public');
    expect(((await response.json()) as any).data.transparencyReport.year).toBe(THIS_YEAR - 1);
  });

  it('refuses a year before the Association or in the future, through the gateway and on each subgraph', async () => {
    for (const [year, token] of [[2012, undefined], [THIS_YEAR + 1, undefined], [THIS_YEAR + 1, secretariat]] as const) {
      const refused = await stack.query(REPORT, { year }, { token });
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
