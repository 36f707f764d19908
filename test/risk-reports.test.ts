import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './support/databases';
import { ORG } from './support/membership';
import { reportInput } from './support/risk';
import { codes, startStack, type Stack } from './support/stack';

/** Risk reports of civil society, their review, risk areas and levels, through the gateway. */
const REPORT_FIELDS = /* GraphQL */ `
  id title country region placeName observedFrom observedUntil themes affectedCommunities description
  sources { kind reference } sensitivity status onBehalfOf version
  reporter { id } companiesConcerned { id } history { status note }
`;
const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitRiskReportInput!) { submitRiskReport(input: $input) { ${REPORT_FIELDS} } }
`;
const READ = /* GraphQL */ `query Read($id: ID!) { riskReport(id: $id) { id title } }`;
const LIST = /* GraphQL */ `query List { riskReports(first: 100) { totalCount edges { node { id reporter { id } } } } }`;
const REVIEW = /* GraphQL */ `
  mutation Review($id: ID!, $decision: RiskReportDecision!, $note: String, $v: Int) {
    reviewRiskReport(id: $id, decision: $decision, note: $note, expectedVersion: $v) { id status version history { status note } }
  }
`;
const WITHDRAW = /* GraphQL */ `mutation W($id: ID!) { withdrawRiskReport(id: $id) { id status history { status } } }`;
const SET_LEVEL = /* GraphQL */ `
  mutation Set($input: SetRiskLevelInput!) { setRiskLevel(input: $input) { code current { level } } }
`;
const AREAS = /* GraphQL */ `
  query Areas($country: String, $day: Date!) {
    riskAreas(country: $country) {
      code country region
      current { level effectiveFrom justification reportCount citedReports { title observedFrom observedUntil country region placeName themes } }
      riskLevelOn(date: $day) { level effectiveFrom }
      history { level effectiveFrom }
    }
  }
`;
const ENTITIES = /* GraphQL */ `
  query E($representations: [_Any!]!) { _entities(representations: $representations) { ... on RiskReport { id title } } }
`;



describe.each(DATABASES)('risk reports and risk areas through the gateway on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string> = {};
  let publicReport: string;
  let privateReport: string;

  beforeAll(async () => {
    stack = await startStack({ database });
    tokens.reporter = await stack.token('member', ORG.humanSecurityWatch);
    tokens.otherCso = await stack.token('member', ORG.alNoor);
    tokens.company = await stack.token('member', ORG.aegisMeridian);
    tokens.partner = await stack.token('partner');
    tokens.secretariat = await stack.token('secretariat');
    const submitted = await stack.query<any>(SUBMIT, { input: reportInput() }, { token: tokens.reporter });
    expect(submitted.errors).toBeUndefined();
    publicReport = submitted.data.submitRiskReport.id;
    const confidential = await stack.query<any>(
      SUBMIT,
      { input: reportInput({ title: 'Informant account of night raids', sensitivity: 'ASSOCIATION_ONLY', placeName: null }) },
      { token: tokens.reporter },
    );
    expect(confidential.errors).toBeUndefined();
    privateReport = confidential.data.submitRiskReport.id;
  });
  afterAll(() => stack?.stop());

  it('stores what a civil society member submits, codes upper-cased, and shows it to the reporter', async () => {
    const read = await stack.query<any>(
      /* GraphQL */ `query R($id: ID!) { riskReport(id: $id) { ${REPORT_FIELDS} } }`,
      { id: publicReport },
      { token: tokens.reporter },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.riskReport).toMatchObject({
      country: 'IQ', region: 'IQ-BA', status: 'SUBMITTED', version: 1, onBehalfOf: null,
      reporter: { id: ORG.humanSecurityWatch }, companiesConcerned: [{ id: ORG.aegisMeridian }], history: [],
      themes: ['USE_OF_FORCE', 'DETENTION'],
    });
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and stores nothing', async () => {
    const before = (await stack.query<any>(LIST, {}, { token: tokens.secretariat })).data.riskReports.totalCount;
    const cases: [Record<string, unknown>, string][] = [
      [{ region: 'AF-KAB' }, 'input.region'],
      [{ region: 'Basra' }, 'input.region'],
      [{ country: 'XX' }, 'input.country'],
      [{ observedUntil: '2025-12-31' }, 'input.observedUntil'],
      [{ themes: [] }, 'input.themes'],
      [{ sources: [] }, 'input.sources'],
      [{ title: '  ' }, 'input.title'],
      [{ companyIds: [ORG.alNoor] }, 'input.companyIds'],
      [{ onBehalfOf: 'A community group' }, 'input.onBehalfOf'],
    ];
    for (const [overrides, field] of cases) {
      const answer = await stack.query<any>(SUBMIT, { input: reportInput(overrides) }, { token: tokens.reporter });
      expect(codes(answer), field).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors?.[0].extensions?.field).toBe(field);
    }
    const after = (await stack.query<any>(LIST, {}, { token: tokens.secretariat })).data.riskReports.totalCount;
    expect(after).toBe(before);
  });

  it('lets only civil society members and the Secretariat (for a named source) submit', async () => {
    expect(codes(await stack.query(SUBMIT, { input: reportInput() }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await stack.query(SUBMIT, { input: reportInput() }, { token: tokens.partner }))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.query(SUBMIT, { input: reportInput() }, { token: tokens.company }))).toEqual(['FORBIDDEN']);
    // A civil-society observer stands beside the pillars, not in the civil society pillar.
    expect(codes(await stack.query(SUBMIT, { input: reportInput() }, { token: await stack.token('member', ORG.harbourWorkers) }))).toEqual(['FORBIDDEN']);
    const withoutSource = await stack.query<any>(SUBMIT, { input: reportInput() }, { token: tokens.secretariat });
    expect(withoutSource.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.onBehalfOf' });
    const forCommunity = await stack.query<any>(
      SUBMIT, { input: reportInput({ onBehalfOf: 'Umm Qasr fishers\' committee' }) }, { token: tokens.secretariat },
    );
    expect(forCommunity.errors).toBeUndefined();
    expect(forCommunity.data.submitRiskReport).toMatchObject({ reporter: null, onBehalfOf: 'Umm Qasr fishers\' committee' });
  });

  it('shows a report to its reporter and the Secretariat only, through the gateway and on the subgraph', async () => {
    const viewers: [string, string | undefined, boolean][] = [
      ['public', undefined, false],
      ['partner', tokens.partner, false],
      ['company named', tokens.company, false],
      ['another civil society member', tokens.otherCso, false],
      ['reporter', tokens.reporter, true],
      ['secretariat', tokens.secretariat, true],
    ];
    for (const [who, token, sees] of viewers) {
      const answer = await stack.query<any>(READ, { id: privateReport }, { token });
      if (sees) expect(answer.data?.riskReport?.id, who).toBe(privateReport);
      else expect(codes(answer), who).toEqual(['NOT_FOUND']);
      const direct = await stack.querySubgraph<any>(
        'certification', ENTITIES, { representations: [{ __typename: 'RiskReport', id: privateReport }] }, { token },
      );
      if (sees) expect(direct.data?._entities, who).toEqual([{ id: privateReport, title: 'Informant account of night raids' }]);
      else expect(codes(direct), who).toEqual(['NOT_FOUND']);
    }
    // Organization.riskReports: nullable, the organization itself and the Secretariat only; its other fields stay.
    const OWN = /* GraphQL */ `query O($id: ID!) { organization(id: $id) { name riskReports { id } } }`;
    const ORG_ENTITIES = /* GraphQL */ `query E($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { riskReports { id } } } }`;
    for (const [who, token, sees] of viewers) {
      const answer = await stack.query<any>(OWN, { id: ORG.humanSecurityWatch }, { token });
      expect(answer.data.organization.name, who).toBe('Human Security Watch Initiative');
      const direct = await stack.querySubgraph<any>('certification', ORG_ENTITIES, { r: [{ __typename: 'Organization', id: ORG.humanSecurityWatch }] }, { token });
      if (sees) {
        expect(answer.data.organization.riskReports.map((r: any) => r.id), who).toEqual(expect.arrayContaining([publicReport, privateReport]));
        expect(direct.data._entities[0].riskReports.map((r: any) => r.id), who).toContain(privateReport);
      } else {
        expect(answer.data.organization.riskReports, who).toBeNull();
        expect(codes(answer), who).toEqual([token ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
        expect(codes(direct), who).toEqual([token ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
      }
    }
    // Lists: the reporter sees its own, another member none of them, the public and partners nothing.
    const own = await stack.query<any>(LIST, {}, { token: tokens.reporter });
    expect(own.data.riskReports.edges.every((e: any) => e.node.reporter?.id === ORG.humanSecurityWatch)).toBe(true);
    expect(own.data.riskReports.edges.map((e: any) => e.node.id)).toEqual(expect.arrayContaining([publicReport, privateReport]));
    const other = await stack.query<any>(LIST, {}, { token: tokens.otherCso });
    expect(other.data.riskReports.edges.map((e: any) => e.node.id)).not.toContain(privateReport);
    expect(codes(await stack.query(LIST, {}))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await stack.query(LIST, {}, { token: tokens.partner }))).toEqual(['FORBIDDEN']);
  });

  it('lets the Secretariat accept or not retain a report, once, with an append-only history', async () => {
    expect(codes(await stack.query(REVIEW, { id: publicReport, decision: 'ACCEPT' }, { token: tokens.reporter }))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.query(REVIEW, { id: publicReport, decision: 'ACCEPT', v: 7 }, { token: tokens.secretariat }))).toEqual(['CONFLICT']);
    const accepted = await stack.query<any>(REVIEW, { id: publicReport, decision: 'ACCEPT', note: 'Corroborated', v: 1 }, { token: tokens.secretariat });
    expect(accepted.data.reviewRiskReport).toEqual({ id: publicReport, status: 'ACCEPTED', version: 2, history: [{ status: 'ACCEPTED', note: 'Corroborated' }] });
    const again = await stack.query<any>(REVIEW, { id: publicReport, decision: 'NOT_RETAIN', note: 'no' }, { token: tokens.secretariat });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const noNote = await stack.query<any>(REVIEW, { id: privateReport, decision: 'NOT_RETAIN' }, { token: tokens.secretariat });
    expect(noNote.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    // Who decided is for the Secretariat; the reporter sees the decision and its note.
    const WHO = /* GraphQL */ `query H($id: ID!) { riskReport(id: $id) { history { status note decidedBy } } }`;
    expect(codes(await stack.query(WHO, { id: publicReport }, { token: tokens.reporter }))).toEqual(['FORBIDDEN']);
    expect((await stack.query<any>(WHO, { id: publicReport }, { token: tokens.secretariat })).errors).toBeUndefined();
    const acceptedToo = await stack.query<any>(REVIEW, { id: privateReport, decision: 'ACCEPT' }, { token: tokens.secretariat });
    expect(acceptedToo.data.reviewRiskReport.status).toBe('ACCEPTED');
  });

  it('lets the reporter withdraw its own report, and nobody else', async () => {
    const extra = await stack.query<any>(SUBMIT, { input: reportInput({ title: 'Sent by mistake' }) }, { token: tokens.reporter });
    const id = extra.data.submitRiskReport.id;
    expect(codes(await stack.query(WITHDRAW, { id }, { token: tokens.otherCso }))).toEqual(['NOT_FOUND']);
    expect(codes(await stack.query(WITHDRAW, { id }, { token: tokens.secretariat }))).toEqual(['FORBIDDEN']);
    const withdrawn = await stack.query<any>(WITHDRAW, { id }, { token: tokens.reporter });
    expect(withdrawn.data.withdrawRiskReport).toEqual({ id, status: 'WITHDRAWN', history: [{ status: 'WITHDRAWN' }] });
    expect(codes(await stack.query(WITHDRAW, { id }, { token: tokens.reporter }))[0]).toBe('BAD_USER_INPUT');
    // A report the Secretariat recorded for a community group is the Secretariat's to withdraw.
    const recorded = await stack.query<any>(SUBMIT, { input: reportInput({ onBehalfOf: 'Port workers\' union' }) }, { token: tokens.secretariat });
    const recordedId = recorded.data.submitRiskReport.id;
    expect((await stack.query<any>(WITHDRAW, { id: recordedId }, { token: tokens.secretariat })).data.withdrawRiskReport.status).toBe('WITHDRAWN');
  });

  it('publishes dated levels per country and region, citing PUBLIC accepted reports only', async () => {
    const country = { country: 'IQ', level: 'HIGH', effectiveFrom: '2026-03-01', justification: 'Repeated abuses at checkpoints', reportIds: [publicReport, privateReport] };
    expect(codes(await stack.query(SET_LEVEL, { input: country }, { token: tokens.reporter }))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.query(SET_LEVEL, { input: country }))).toEqual(['UNAUTHENTICATED']);
    const set = await stack.query<any>(SET_LEVEL, { input: country }, { token: tokens.secretariat });
    expect(set.errors).toBeUndefined();
    expect(set.data.setRiskLevel).toEqual({ code: 'IQ', current: { level: 'HIGH' } });
    expect(codes(await stack.query(SET_LEVEL, { input: country }, { token: tokens.secretariat }))).toEqual(['CONFLICT']);
    const wrongArea = await stack.query<any>(SET_LEVEL, { input: { ...country, country: 'AF', effectiveFrom: '2026-03-02' } }, { token: tokens.secretariat });
    expect(wrongArea.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reportIds' });
    const region = await stack.query<any>(
      SET_LEVEL,
      { input: { country: 'IQ', region: 'IQ-BA', level: 'SEVERE', effectiveFrom: '2026-03-10', justification: 'Port checkpoints', reportIds: [publicReport] } },
      { token: tokens.secretariat },
    );
    expect(region.errors).toBeUndefined();

    const areas = await stack.query<any>(AREAS, { country: 'IQ', day: '2026-03-05' });
    expect(areas.errors).toBeUndefined();
    const byCode = Object.fromEntries(areas.data.riskAreas.map((a: any) => [a.code, a]));
    expect(byCode.IQ.current).toEqual({
      level: 'HIGH', effectiveFrom: '2026-03-01', justification: 'Repeated abuses at checkpoints', reportCount: 2,
      citedReports: [{
        title: 'Checkpoint abuses near Basra port', observedFrom: '2026-01-10', observedUntil: '2026-02-20', country: 'IQ',
        region: 'IQ-BA', placeName: 'Umm Qasr', themes: ['USE_OF_FORCE', 'DETENTION'],
      }],
    });
    expect(byCode['IQ-BA']).toMatchObject({ country: 'IQ', region: 'IQ-BA', riskLevelOn: null, current: { level: 'SEVERE' } });
    expect(byCode.IQ.riskLevelOn).toEqual({ level: 'HIGH', effectiveFrom: '2026-03-01' });
    // Nothing of the ASSOCIATION_ONLY report, nor any reporter, leaves the graph.
    expect(JSON.stringify(areas.data)).not.toContain('night raids');
    expect(JSON.stringify(areas.data)).not.toContain(ORG.humanSecurityWatch);
    expect((await stack.query<any>(AREAS, { country: 'IQ', day: '2026-02-28' })).data.riskAreas[0].riskLevelOn).toBeNull();
  });

  it('serves the sample areas publicly and cacheably, citing the sample\'s PUBLIC reports only', async () => {
    const url = new URL(stack.gatewayUrl);
    url.searchParams.set('query', 'query { riskAreas(country: "AF") { code current { level reportCount citedReports { title } } } }');
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.headers.get('cache-control')).toBe('max-age=60, public');
    // Every area with every level and its cited reports: two statements, however many areas and levels.
    const before = stack.statements();
    const all = await stack.query<any>(AREAS, { day: '2026-01-01' }, { token: tokens.secretariat });
    expect(all.data.riskAreas.length).toBeGreaterThanOrEqual(4);
    expect(stack.statements() - before).toBe(2);
    const body = (await response.json()) as any;
    expect(body.data.riskAreas).toEqual([
      { code: 'AF', current: { level: 'SEVERE', reportCount: 2, citedReports: [{ title: 'Convoy escorts firing warning shots at civilian vehicles' }] } },
      { code: 'AF-KAB', current: { level: 'SEVERE', reportCount: 1, citedReports: [{ title: 'Convoy escorts firing warning shots at civilian vehicles' }] } },
    ]);
  });
});
