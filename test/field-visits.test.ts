import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './support/databases';
import { today } from './support/dates';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';

/** Field visits: how they were carried out, civil society input and summaries, and the concern figures, through the gateway. */
const THIS_YEAR = Number(today().slice(0, 4));
const SCHEDULE = /* GraphQL */ `
  mutation S($input: ScheduleMonitoringActivityInput!) { scheduleMonitoringActivity(input: $input) { id } }
`;
const START = /* GraphQL */ `mutation($id: ID!) { startMonitoringActivity(id: $id) { id status } }`;
const COMPLETE = /* GraphQL */ `mutation($id: ID!) { completeMonitoringActivity(id: $id) { id status } }`;
const RECORD = /* GraphQL */ `
  mutation R($input: RecordFieldVisitConductInput!) {
    recordFieldVisitConduct(input: $input) { methodologyReference methodologyVersion version consultations { category consulted } namedOrganizations { name category } }
  }
`;
const CONTRIBUTE = /* GraphQL */ `
  mutation C($input: SubmitFieldVisitContributionInput!) { submitFieldVisitContribution(input: $input) { id country company { id } visit { id } } }
`;
const PUBLISH = /* GraphQL */ `mutation P($id: ID!, $s: String!) { publishFieldVisitSummary(activityId: $id, summary: $s) { text publishedAt } }`;
const VISIT = /* GraphQL */ `
  query V($id: ID!) { monitoringActivity(id: $id) { id fieldVisitRecord { methodologyReference methodologyVersion } } }
`;
const CONSULTATIONS = /* GraphQL */ `
  query V($id: ID!) { monitoringActivity(id: $id) { id fieldVisitRecord { methodologyReference consultations { category consulted } totalConsulted } } }
`;
const NAMED = /* GraphQL */ `
  query V($id: ID!) { monitoringActivity(id: $id) { id fieldVisitRecord { methodologyReference namedOrganizations { name category } } } }
`;
const ONE_INPUT = /* GraphQL */ `query O($id: ID!) { fieldVisitContribution(id: $id) { id concerns publishedSummary { text } } }`;
const INPUTS = /* GraphQL */ `
  query L($activityId: ID) {
    fieldVisitContributions(filter: { activityId: $activityId }, first: 100) {
      totalCount edges { node { id affectedCommunities concerns country company { id } contributor { id } visit { id country status } publishedSummary { text } } }
    }
  }
`;
const FIGURES = /* GraphQL */ `
  query F($year: Int!) {
    transparencyReport(year: $year) {
      monitoring {
        concerns { personnelMisconduct managementAndGovernance other total }
        concernsActiveAtYearEnd { personnelMisconduct managementAndGovernance other total }
        concernsCumulative { personnelMisconduct managementAndGovernance other total }
      }
    }
  }
`;
const FINDINGS = /* GraphQL */ `
  query { findings(first: 100) { edges { node { id paragraph recordedAt status organization { id } history { status effectiveFrom } } } } }
`;
const CHANGE = /* GraphQL */ `
  mutation($id: ID!, $status: FindingStatus!, $on: Date) { changeFindingStatus(id: $id, status: $status, reason: "Remedied", effectiveFrom: $on) { id status } }
`;

const conduct = (activityId: string, overrides: Record<string, unknown> = {}) => ({
  activityId,
  methodology: { reference: 'ICoCA field-based review methodology', version: '2' },
  consultations: [
    { category: 'CIVIL_SOCIETY_ORGANIZATION', consulted: 3 },
    { category: 'COMMUNITY_REPRESENTATIVES', consulted: 12 },
    { category: 'WORKERS', consulted: 7 },
  ],
  namedOrganizations: [{ name: 'Riverside Rights Forum', category: 'CIVIL_SOCIETY_ORGANIZATION', agreedToBeNamed: true }],
  ...overrides,
});

describe.each(DATABASES)('field visits through the gateway on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string> = {};
  let visit: string;
  let ownInput: string;
  let otherInput: string;

  const schedule = async (organizationId = ORG.aegisMeridian) => {
    const answer = await stack.query<any>(SCHEDULE, {
      input: { organizationId, type: 'FIELD_VISIT', fieldVisitKind: 'PLANNED_REVIEW', country: 'KE', plannedStartOn: `${THIS_YEAR + 1}-03-01` },
    }, { token: tokens.secretariat });
    expect(answer.errors).toBeUndefined();
    return answer.data.scheduleMonitoringActivity.id as string;
  };
  const contribute = async (activityId: string, token: string, concerns = 'Guards at the gate turn away women seeking work.') => {
    const answer = await stack.query<any>(CONTRIBUTE, { input: { activityId, affectedCommunities: 'Villages along the access road', concerns } }, { token });
    expect(answer.errors).toBeUndefined();
    return answer.data.submitFieldVisitContribution.id as string;
  };

  beforeAll(async () => {
    stack = await startStack({ database });
    tokens.secretariat = await stack.token('secretariat');
    tokens.cso = await stack.token('member', ORG.humanSecurityWatch);
    tokens.otherCso = await stack.token('member', ORG.alNoor);
    tokens.company = await stack.token('member', ORG.aegisMeridian);
    tokens.otherCompany = await stack.token('member', ORG.lindqvist);
    tokens.partner = await stack.token('partner');
    visit = await schedule();
    ownInput = await contribute(visit, tokens.cso);
    otherInput = await contribute(visit, tokens.otherCso, 'Fishers lost access to the shore.');
  });
  afterAll(() => stack?.stop());

  it('has a sample completed field visit with its methodology, consultations, a named organization, an input and a published summary', async () => {
    const SAMPLE = /* GraphQL */ `
      query($org: ID!) {
        monitoringActivities(filter: { organizationId: $org, type: FIELD_VISIT, status: COMPLETED }, first: 10) {
          edges { node { id country fieldVisitRecord { methodologyReference methodologyVersion totalConsulted namedOrganizations { category } } } }
        }
      }
    `;
    const visits = (await stack.query<any>(SAMPLE, { org: ORG.aegisMeridian }, { token: tokens.secretariat })).data.monitoringActivities.edges
      .map((e: any) => e.node).filter((v: any) => v.fieldVisitRecord);
    expect(visits).toEqual([
      expect.objectContaining({
        country: 'IQ',
        fieldVisitRecord: { methodologyReference: 'ICoCA field-based review methodology', methodologyVersion: '2', totalConsulted: 18, namedOrganizations: [{ category: 'CIVIL_SOCIETY_ORGANIZATION' }] },
      }),
    ]);
    const inputs = (await stack.query<any>(INPUTS, { activityId: visits[0].id }, { token: tokens.cso })).data.fieldVisitContributions.edges;
    expect(inputs).toHaveLength(1);
    expect(inputs[0].node.publishedSummary.text).toMatch(/^Fictional sample summary/);
  });

  it('takes input from active civil society members only, while the visit is planned, keeping the visit\'s country and company', async () => {
    const input = { activityId: visit, affectedCommunities: 'Herders', concerns: 'Water points fenced off.' };
    expect(codes(await stack.query(CONTRIBUTE, { input }))).toEqual(['UNAUTHENTICATED']);
    // A civil-society observer is not a member of the civil society pillar: it sends no input.
    const observer = await stack.token('member', ORG.harbourWorkers);
    for (const token of [tokens.company, tokens.partner, tokens.secretariat, observer]) {
      expect(codes(await stack.query(CONTRIBUTE, { input }, { token }))).toEqual(['FORBIDDEN']);
    }
    const tooLong = await stack.query<any>(CONTRIBUTE, { input: { ...input, concerns: 'x'.repeat(4001) } }, { token: tokens.cso });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.concerns' });
    const read = await stack.query<any>(INPUTS, { activityId: visit }, { token: tokens.cso });
    expect(read.data.fieldVisitContributions.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ id: ownInput, country: 'KE', company: { id: ORG.aegisMeridian }, contributor: { id: ORG.humanSecurityWatch }, publishedSummary: null }),
    ]);
  });

  it('refuses to name an organization that did not agree, and changes nothing', async () => {
    expect(codes(await stack.query(START, { id: visit }, { token: tokens.secretariat }))).toEqual([]);
    const refused = await stack.query<any>(RECORD, {
      input: conduct(visit, { namedOrganizations: [{ name: 'Quiet Voices Network', category: 'CIVIL_SOCIETY_ORGANIZATION', agreedToBeNamed: false }] }),
    }, { token: tokens.secretariat });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.namedOrganizations.0.agreedToBeNamed' });
    // The Secretariat alone records a visit: not the company visited, not a civil society member.
    for (const token of [undefined, tokens.company, tokens.cso, tokens.partner]) {
      expect(codes(await stack.query(RECORD, { input: conduct(visit) }, { token }))).toEqual([token ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
    }
    const nothing = await stack.query<any>(NAMED, { id: visit }, { token: tokens.secretariat });
    expect(nothing.data.monitoringActivity.fieldVisitRecord).toBeNull();

    const recorded = await stack.query<any>(RECORD, { input: conduct(visit) }, { token: tokens.secretariat });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data.recordFieldVisitConduct).toMatchObject({ methodologyVersion: '2', version: 1, namedOrganizations: [{ name: 'Riverside Rights Forum' }] });
    // Refused on a record that exists: it keeps its counts and names.
    const again = await stack.query<any>(RECORD, {
      input: conduct(visit, { consultations: [{ category: 'WORKERS', consulted: 1 }], namedOrganizations: [{ name: 'X', category: 'WORKERS', agreedToBeNamed: false }] }),
    }, { token: tokens.secretariat });
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
    const kept = await stack.query<any>(CONSULTATIONS, { id: visit }, { token: tokens.secretariat });
    expect(kept.data.monitoringActivity.fieldVisitRecord.totalConsulted).toBe(22);
    const notCounted = await stack.query<any>(RECORD, {
      input: conduct(visit, { namedOrganizations: [{ name: 'Port Clients Group', category: 'CLIENTS', agreedToBeNamed: true }] }),
    }, { token: tokens.secretariat });
    expect(notCounted.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.namedOrganizations.0.category' });
  });

  it('shows the methodology to anyone, the counts to the company visited and the Secretariat, the names to the Secretariat only', async () => {
    const viewers: [string, string | undefined, 'all' | 'counts' | 'none'][] = [
      ['public', undefined, 'none'],
      ['partner', tokens.partner, 'none'],
      ['civil society member that sent input', tokens.cso, 'none'],
      ['another company', tokens.otherCompany, 'none'],
      ['company visited', tokens.company, 'counts'],
      ['secretariat', tokens.secretariat, 'all'],
    ];
    for (const [who, token, sees] of viewers) {
      const methodology = await stack.query<any>(VISIT, { id: visit }, { token });
      expect(methodology.data.monitoringActivity.fieldVisitRecord, who).toEqual({ methodologyReference: 'ICoCA field-based review methodology', methodologyVersion: '2' });
      const counts = await stack.query<any>(CONSULTATIONS, { id: visit }, { token });
      const record = counts.data.monitoringActivity.fieldVisitRecord;
      if (sees === 'none') {
        expect(record.consultations, who).toBeNull();
        expect(codes(counts), who).toContain(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      } else {
        expect(record.consultations, who).toEqual([
          { category: 'CIVIL_SOCIETY_ORGANIZATION', consulted: 3 },
          { category: 'COMMUNITY_REPRESENTATIVES', consulted: 12 },
          { category: 'WORKERS', consulted: 7 },
        ]);
      }
      const named = await stack.query<any>(NAMED, { id: visit }, { token });
      if (sees === 'all') expect(named.data.monitoringActivity.fieldVisitRecord.namedOrganizations, who).toEqual([{ name: 'Riverside Rights Forum', category: 'CIVIL_SOCIETY_ORGANIZATION' }]);
      else {
        expect(named.data.monitoringActivity.fieldVisitRecord.namedOrganizations, who).toBeNull();
        expect(codes(named), who).toEqual([token ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
      }
    }
  });

  it('shows an input to the member that sent it and the Secretariat only, and the published summary to that member', async () => {
    expect(codes(await stack.query(PUBLISH, { id: visit, s: 'Too early' }, { token: tokens.secretariat }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.query(COMPLETE, { id: visit }, { token: tokens.secretariat }))).toEqual([]);
    for (const token of [undefined, tokens.company, tokens.cso]) {
      expect(codes(await stack.query(PUBLISH, { id: visit, s: 'Summary' }, { token }))).toEqual([token ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
    }
    const published = await stack.query<any>(PUBLISH, { id: visit, s: 'Communities were met away from the site; two findings follow.' }, { token: tokens.secretariat });
    expect(published.errors).toBeUndefined();
    expect(codes(await stack.query(PUBLISH, { id: visit, s: 'Again' }, { token: tokens.secretariat }))).toEqual(['CONFLICT']);
    // Input cannot be sent once the visit is no longer planned.
    const late = await stack.query<any>(CONTRIBUTE, { input: { activityId: visit, affectedCommunities: 'Herders', concerns: 'Late' } }, { token: tokens.cso });
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.activityId' });

    const summary = 'Communities were met away from the site; two findings follow.';
    const viewers: [string, string | undefined, string[]][] = [
      ['public', undefined, []],
      ['partner', tokens.partner, []],
      ['company visited', tokens.company, []],
      ['civil society member', tokens.cso, [ownInput]],
      ['another civil society member', tokens.otherCso, [otherInput]],
      ['secretariat', tokens.secretariat, [ownInput, otherInput]],
    ];
    for (const [who, token, readable] of viewers) {
      for (const id of [ownInput, otherInput]) {
        const one = await stack.query<any>(ONE_INPUT, { id }, { token });
        if (readable.includes(id)) expect(one.data.fieldVisitContribution, who).toMatchObject({ id, publishedSummary: { text: summary } });
        else expect(codes(one), who).toEqual(['NOT_FOUND']);
      }
      const list = await stack.query<any>(INPUTS, { activityId: visit }, { token });
      if (!token) expect(codes(list), who).toEqual(['UNAUTHENTICATED']);
      else if (token === tokens.partner) expect(codes(list), who).toEqual(['FORBIDDEN']);
      else expect(list.data.fieldVisitContributions.edges.map((e: any) => e.node.id).sort(), who).toEqual([...readable].sort());
    }
    const secretariatView = await stack.query<any>(
      /* GraphQL */ `query($id: ID!) { monitoringActivity(id: $id) { summaryForCivilSociety { text } } }`, { id: visit }, { token: tokens.secretariat },
    );
    expect(secretariatView.data.monitoringActivity.summaryForCivilSociety.text).toBe(summary);
    const ownList = /* GraphQL */ `query($id: ID!) { organization(id: $id) { name fieldVisitContributions { id } } }`;
    const other = await stack.query<any>(ownList, { id: ORG.humanSecurityWatch }, { token: tokens.otherCso });
    expect(other.data.organization.fieldVisitContributions).toBeNull();
    expect(codes(other)).toEqual(['FORBIDDEN']);
    const own = await stack.query<any>(ownList, { id: ORG.humanSecurityWatch }, { token: tokens.cso });
    expect(own.data.organization.fieldVisitContributions.map((c: any) => c.id)).toContain(ownInput);
  });

  it('lists inputs with the same number of statements whatever the length of the list', async () => {
    const listed = async () => {
      const before = stack.statements();
      const answer = await stack.query<any>(INPUTS, {}, { token: tokens.otherCso });
      expect(answer.errors).toBeUndefined();
      return { count: answer.data.fieldVisitContributions.edges.length, statements: stack.statements() - before };
    };
    await contribute(await schedule(ORG.lindqvist), tokens.otherCso);
    const short = await listed();
    for (let i = 0; i < 3; i += 1) await contribute(await schedule(i % 2 ? ORG.lindqvist : ORG.aegisMeridian), tokens.otherCso);
    const long = await listed();
    expect([short.count, long.count]).toEqual([2, 5]);
    expect(long.statements).toBe(short.statements);
  });

  it('counts concerns recorded in the year, active at year end and cumulative, from the findings\' dated histories', async () => {
    const figures = async (year: number) => {
      const answer = await stack.query<any>(FIGURES, { year }, { token: tokens.secretariat });
      expect(answer.errors).toBeUndefined();
      return answer.data.transparencyReport.monitoring;
    };
    const findings = (await stack.query<any>(FINDINGS, {}, { token: tokens.secretariat })).data.findings.edges.map((e: any) => e.node);
    const lastYear = THIS_YEAR - 1;
    const yearEnd = `${lastYear}-12-31`;
    const statusOn = (f: any, day: string) => f.history.filter((h: any) => h.effectiveFrom <= day).at(-1)?.status ?? 'OPEN';
    const group = (list: any[]) => ({
      personnelMisconduct: list.filter((f) => f.paragraph >= 28 && f.paragraph <= 43).length,
      managementAndGovernance: list.filter((f) => f.paragraph >= 44 && f.paragraph <= 69).length,
      other: list.filter((f) => f.paragraph < 28 || f.paragraph > 69).length,
      total: list.length,
    });
    const upTo = findings.filter((f: any) => f.recordedAt.slice(0, 10) <= yearEnd);
    const before = await figures(lastYear);
    expect(before).toEqual({
      concerns: group(upTo.filter((f: any) => f.recordedAt.startsWith(String(lastYear)))),
      concernsActiveAtYearEnd: group(upTo.filter((f: any) => statusOn(f, yearEnd) !== 'CLOSED')),
      concernsCumulative: group(upTo),
    });
    // The sample has a finding closed during the year: active at year end is fewer than recorded.
    expect(before.concernsActiveAtYearEnd.total).toBeLessThan(before.concernsCumulative.total);

    // Closed on 31 December: no longer active at that year's end. Closed on 2 January: still active then.
    const open = upTo.filter((f: any) => f.status === 'OPEN' && f.history.every((h: any) => h.effectiveFrom <= yearEnd));
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(codes(await stack.query(CHANGE, { id: open[0].id, status: 'CLOSED', on: yearEnd }, { token: tokens.secretariat }))).toEqual([]);
    expect(codes(await stack.query(CHANGE, { id: open[1].id, status: 'CLOSED', on: `${THIS_YEAR}-01-02` }, { token: tokens.secretariat }))).toEqual([]);
    const after = await figures(lastYear);
    expect(after.concernsActiveAtYearEnd.total).toBe(before.concernsActiveAtYearEnd.total - 1);
    expect(after.concernsCumulative).toEqual(before.concernsCumulative);
    expect(after.concerns).toEqual(before.concerns);

    // The current year counts to today: both closures apply, and the cumulative total includes last year's findings.
    const current = await figures(THIS_YEAR);
    expect(current.concernsCumulative.total).toBeGreaterThanOrEqual(before.concernsCumulative.total);
    expect(current.concernsActiveAtYearEnd.total).toBe(
      findings.filter((f: any) => ![open[0].id, open[1].id].includes(f.id) && statusOn(f, today()) !== 'CLOSED').length,
    );
    // The public reads an ended year's figures, never the current year's.
    expect((await stack.query<any>(FIGURES, { year: lastYear })).data.transparencyReport.monitoring).toEqual(after);
    expect(codes(await stack.query(FIGURES, { year: THIS_YEAR }))).toEqual(['BAD_USER_INPUT']);
  });
});
