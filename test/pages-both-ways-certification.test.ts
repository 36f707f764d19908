import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CERTIFICATION_BODY_ID } from '../services/certification/src/sample-data';
import { DATABASES } from './support/databases';
import { today } from './support/dates';
import { ORG } from './support/membership';
import { codes, startStack, walkBothWays, type Stack } from './support/stack';
import { eventually, WebhookReceiver } from './support/webhook-receiver';

const Y = Number(today().slice(0, 4));
const y = (offset: number, monthDay: string) => `${Y + offset}-${monthDay}`;
const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const PAGE_VARIABLES = '$first: Int, $after: String, $last: Int, $before: String';
const PAGE_ARGUMENTS = 'first: $first, after: $after, last: $last, before: $before';

/** A sorted list of the certification subgraph: its query (with `orderBy` when it has orders), how to find it, and its sort value. */
interface SortedList {
  name: string;
  query: string;
  connectionOf: (data: any) => any;
  /** Each order and the direction of its leading key; a list without orders has the one entry `null`. */
  orders: [string | null, 'ascending' | 'descending'][];
  /** The value the list is sorted on first, from a node. */
  sortValue: (node: any) => string | number;
  token?: 'secretariat';
}

const ordered = (field: string, orderType: string, node: string, filter = ''): string => /* GraphQL */ `
  query List($orderBy: ${orderType}, ${PAGE_VARIABLES}) {
    ${field}(${filter}orderBy: $orderBy, ${PAGE_ARGUMENTS}) { totalCount edges { cursor node { ${node} } } ${PAGE_INFO} }
  }
`;

const LISTS: SortedList[] = [
  {
    name: 'certifications',
    query: ordered('certifications', 'CertificationOrder', 'id expiresOn issuedOn'),
    connectionOf: (data) => data.certifications,
    orders: [
      ['EXPIRING_SOONEST', 'ascending'],
      ['EXPIRING_LATEST', 'descending'],
      ['ISSUED_NEWEST_FIRST', 'descending'],
      ['ISSUED_OLDEST_FIRST', 'ascending'],
    ],
    sortValue: (node) => node.sortKey,
  },
  {
    name: 'monitoringActivities',
    query: ordered('monitoringActivities', 'MonitoringActivityOrder', 'id plannedStartOn'),
    connectionOf: (data) => data.monitoringActivities,
    orders: [
      ['PLANNED_START_LATEST_FIRST', 'descending'],
      ['PLANNED_START_EARLIEST_FIRST', 'ascending'],
    ],
    sortValue: (node) => node.plannedStartOn,
  },
  {
    name: 'findings',
    query: ordered('findings', 'FindingOrder', 'id dueOn'),
    connectionOf: (data) => data.findings,
    orders: [
      ['DUE_SOONEST', 'ascending'],
      ['DUE_LATEST', 'descending'],
    ],
    sortValue: (node) => node.dueOn,
    token: 'secretariat',
  },
  {
    name: 'riskReports',
    query: ordered('riskReports', 'RiskReportOrder', 'id submittedAt'),
    connectionOf: (data) => data.riskReports,
    orders: [
      ['RECEIVED_NEWEST_FIRST', 'descending'],
      ['RECEIVED_OLDEST_FIRST', 'ascending'],
    ],
    sortValue: (node) => node.submittedAt,
    token: 'secretariat',
  },
  {
    name: 'certificationApplications',
    query: ordered('certificationApplications', 'CertificationApplicationOrder', 'id createdAt'),
    connectionOf: (data) => data.certificationApplications,
    orders: [
      ['RECEIVED_OLDEST_FIRST', 'ascending'],
      ['RECEIVED_NEWEST_FIRST', 'descending'],
    ],
    sortValue: (node) => node.createdAt,
    token: 'secretariat',
  },
  {
    name: 'overdueSurveillanceReports',
    query: /* GraphQL */ `
      query List(${PAGE_VARIABLES}) {
        overdueSurveillanceReports(${PAGE_ARGUMENTS}) { totalCount edges { cursor node { dueOn certification { id } } } ${PAGE_INFO} }
      }
    `,
    // A report has no id of its own: it is the certificate's report due on a day.
    connectionOf: (data) => ({
      ...data.overdueSurveillanceReports,
      edges: data.overdueSurveillanceReports.edges.map((e: any) => ({ ...e, node: { ...e.node, id: `${e.node.dueOn}/${e.node.certification.id}` } })),
    }),
    orders: [[null, 'ascending']],
    sortValue: (node) => node.dueOn,
    token: 'secretariat',
  },
  {
    name: 'monitoringPriorities',
    query: /* GraphQL */ `
      query List(${PAGE_VARIABLES}) {
        monitoringPriorities(${PAGE_ARGUMENTS}) { totalCount edges { cursor node { score organization { id } } } ${PAGE_INFO} }
      }
    `,
    connectionOf: (data) => ({
      ...data.monitoringPriorities,
      edges: data.monitoringPriorities.edges.map((e: any) => ({ ...e, node: { ...e.node, id: e.node.organization.id } })),
    }),
    orders: [[null, 'descending']],
    sortValue: (node) => node.score,
    token: 'secretariat',
  },
  {
    name: 'selfAssessmentCycle { companies }',
    query: /* GraphQL */ `
      query List(${PAGE_VARIABLES}) {
        selfAssessmentCycle(year: ${Y}) { companies(${PAGE_ARGUMENTS}) { totalCount edges { cursor node { organization { id } } } ${PAGE_INFO} } }
      }
    `,
    connectionOf: (data) => {
      const companies = data.selfAssessmentCycle.companies;
      return { ...companies, edges: companies.edges.map((e: any) => ({ ...e, node: { id: e.node.organization.id } })) };
    },
    orders: [[null, 'ascending']],
    sortValue: (node) => node.id,
    token: 'secretariat',
  },
  {
    name: 'missingSelfAssessments',
    query: /* GraphQL */ `
      query List(${PAGE_VARIABLES}) {
        missingSelfAssessments(year: ${Y}, ${PAGE_ARGUMENTS}) { totalCount edges { cursor node { organization { id } } } ${PAGE_INFO} }
      }
    `,
    connectionOf: (data) => ({
      ...data.missingSelfAssessments,
      edges: data.missingSelfAssessments.edges.map((e: any) => ({ ...e, node: { id: e.node.organization.id } })),
    }),
    orders: [[null, 'ascending']],
    sortValue: (node) => node.id,
    token: 'secretariat',
  },
  {
    name: 'selfAssessmentCycles',
    query: /* GraphQL */ `
      query List(${PAGE_VARIABLES}) {
        selfAssessmentCycles(${PAGE_ARGUMENTS}) { totalCount edges { cursor node { id year } } ${PAGE_INFO} }
      }
    `,
    connectionOf: (data) => data.selfAssessmentCycles,
    orders: [[null, 'descending']],
    sortValue: (node) => node.year,
    token: 'secretariat',
  },
  {
    name: 'fieldVisitContributions',
    query: /* GraphQL */ `
      query List(${PAGE_VARIABLES}) {
        fieldVisitContributions(${PAGE_ARGUMENTS}) { totalCount edges { cursor node { id submittedAt } } ${PAGE_INFO} }
      }
    `,
    connectionOf: (data) => data.fieldVisitContributions,
    orders: [[null, 'descending']],
    sortValue: (node) => node.submittedAt,
    token: 'secretariat',
  },
];

const sortedAs = (values: (string | number)[], direction: 'ascending' | 'descending') =>
  [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0) * (direction === 'ascending' ? 1 : -1));

describe.each(DATABASES)('certification lists, read forwards and backwards, on %s', (database) => {
  let stack: Stack;
  let secretariat: string;

  const RECORD = /* GraphQL */ `mutation R($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`;
  const SCHEDULE = /* GraphQL */ `mutation S($input: ScheduleMonitoringActivityInput!) { scheduleMonitoringActivity(input: $input) { id } }`;

  beforeAll(async () => {
    stack = await startStack({ database });
    secretariat = await stack.token('secretariat');
    // Bastion Shield gets 6 certificates (two issued the same day, so the id breaks the tie) and 6 more activities.
    const issued = [y(-3, '01-10'), y(-2, '05-01'), y(-2, '05-01'), y(-1, '03-01'), y(-1, '09-15'), y(0, '01-02')];
    for (const [i, issuedOn] of issued.entries()) {
      const response = await stack.query<any>(RECORD, {
        input: {
          organizationId: ORG.bastionShield, standard: 'ISO 18788:2015', certificationBodyId: SAMPLE_CERTIFICATION_BODY_ID.meridianAssurance,
          certificateNumber: `PAGE-${i}-${Math.random().toString(36).slice(2, 8)}`, scope: 'Static guarding', countriesCovered: ['ML'],
          issuedOn, expiresOn: `${Number(issuedOn.slice(0, 4)) + 2}-0${1 + (i % 3)}-15`,
        },
      }, { token: secretariat });
      expect(response.errors).toBeUndefined();
    }
    for (const plannedStartOn of [y(-2, '02-01'), y(-1, '04-01'), y(-1, '04-01'), y(0, '01-05'), y(1, '03-03'), y(1, '07-07')]) {
      const response = await stack.query<any>(SCHEDULE, {
        input: { organizationId: ORG.bastionShield, type: 'REMOTE_MONITORING', country: 'ML', plannedStartOn },
      }, { token: secretariat });
      expect(response.errors).toBeUndefined();
    }
    // Three older cycles, so the cycles make a list of 6.
    for (const year of [2019, 2020, 2021]) {
      const response = await stack.query<any>(
        /* GraphQL */ `mutation O($input: OpenSelfAssessmentCycleInput!) { openSelfAssessmentCycle(input: $input) { id } }`,
        { input: { year, sentOn: `${year}-07-01`, dueOn: `${year}-09-23` } },
        { token: secretariat },
      );
      expect(response.errors).toBeUndefined();
    }
    // Five inputs of a civil society member for two planned field visits.
    const civilSociety = await stack.token('member', ORG.humanSecurityWatch);
    const visits: string[] = [];
    for (const plannedStartOn of [y(1, '03-01'), y(1, '05-01')]) {
      const response = await stack.query<any>(SCHEDULE, {
        input: { organizationId: ORG.aegisMeridian, type: 'FIELD_VISIT', fieldVisitKind: 'PLANNED_REVIEW', country: 'KE', plannedStartOn },
      }, { token: secretariat });
      expect(response.errors).toBeUndefined();
      visits.push(response.data.scheduleMonitoringActivity.id);
    }
    for (let i = 0; i < 5; i += 1) {
      const response = await stack.query<any>(
        /* GraphQL */ `mutation C($input: SubmitFieldVisitContributionInput!) { submitFieldVisitContribution(input: $input) { id } }`,
        { input: { activityId: visits[i % 2], affectedCommunities: 'Villages along the access road', concerns: `Concern ${i}` } },
        { token: civilSociety },
      );
      expect(response.errors).toBeUndefined();
    }
  });
  afterAll(() => stack?.stop());

  for (const list of LISTS) {
    for (const [order, direction] of list.orders) {
      it(`${list.name}${order ? ` in ${order}` : ''}: pages of 2 either way give the one long page, sorted`, async () => {
        const token = list.token ? secretariat : undefined;
        const variables = order ? { orderBy: order } : {};
        const { all, forwards, backwards } = await walkBothWays(stack, list.query, list.connectionOf, { variables, token, size: 2 });
        expect(all.length).toBeGreaterThanOrEqual(5);
        expect(new Set(all).size).toBe(all.length);
        expect(forwards).toEqual(all);
        expect(backwards).toEqual(all);

        const long = list.connectionOf((await stack.query<any>(list.query, { ...variables, first: 100 }, { token })).data);
        const keyOf = (node: any) => {
          if (list.name !== 'certifications') return list.sortValue(node);
          return order!.startsWith('EXPIRING') ? node.expiresOn : node.issuedOn;
        };
        const values = long.edges.map((e: any) => keyOf(e.node));
        expect(values).toEqual(sortedAs(values, direction));
        expect(long.totalCount).toBe(all.length);

        // A page backwards costs what a page forwards costs (with a token: a public page could come from the cache).
        const cost = async (page: Record<string, unknown>) => {
          const before = stack.statements();
          const response = await stack.query<any>(list.query, { ...variables, ...page }, { token: secretariat });
          expect(response.errors).toBeUndefined();
          return stack.statements() - before;
        };
        const pageForwards = await cost({ first: 2 });
        expect(pageForwards).toBeGreaterThan(0);
        expect(await cost({ last: 2 })).toBe(pageForwards);
      });
    }
  }

  it('keeps the default orders of before: certificates soonest expiry first, activities latest start first', async () => {
    const plain = await stack.query<any>(/* GraphQL */ `{
      certifications(first: 100) { edges { node { id } } }
      monitoringActivities(first: 100) { edges { node { id } } }
    }`);
    const explicit = await stack.query<any>(/* GraphQL */ `{
      certifications(first: 100, orderBy: EXPIRING_SOONEST) { edges { node { id } } }
      monitoringActivities(first: 100, orderBy: PLANNED_START_LATEST_FIRST) { edges { node { id } } }
    }`);
    expect(plain.data).toEqual(explicit.data);
  });

  it('refuses a forged cursor, a cursor of another order, and first with last (BAD_USER_INPUT)', async () => {
    const list = LISTS[0];
    const page = await stack.query<any>(list.query, { orderBy: 'EXPIRING_SOONEST', first: 2 });
    const cursor = page.data.certifications.pageInfo.endCursor;
    const forged = Buffer.from(JSON.stringify({ o: 'EXPIRING_SOONEST', v: [1, 2] })).toString('base64url');
    for (const variables of [
      { orderBy: 'EXPIRING_SOONEST', last: 2, before: 'not-a-cursor' },
      { orderBy: 'EXPIRING_SOONEST', last: 2, before: forged },
      { orderBy: 'ISSUED_NEWEST_FIRST', last: 2, before: cursor },
      { orderBy: 'ISSUED_NEWEST_FIRST', first: 2, after: cursor },
      { orderBy: 'EXPIRING_SOONEST', first: 2, last: 2 },
      { orderBy: 'EXPIRING_SOONEST', first: 2, before: cursor },
    ]) {
      const response = await stack.query<any>(list.query, variables);
      expect(codes(response), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
    }
    // The same cursor in its own order reads on, either way.
    const back = await stack.query<any>(list.query, { orderBy: 'EXPIRING_SOONEST', last: 2, before: cursor });
    expect(back.errors).toBeUndefined();
    expect(back.data.certifications.edges.map((e: any) => e.cursor)).toEqual([page.data.certifications.edges[0].cursor]);
  });

  it('refuses a cursor of another day of the monitoring priorities, either way (BAD_USER_INPUT)', async () => {
    const query = LISTS.find((l) => l.name === 'monitoringPriorities')!.query.replace('monitoringPriorities(', 'monitoringPriorities(on: $on, ')
      .replace('query List(', 'query List($on: Date, ');
    const yesterday = new Date(Date.parse(`${today()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const first = await stack.query<any>(query, { on: yesterday, first: 2 }, { token: secretariat });
    const cursor = first.data.monitoringPriorities.pageInfo.endCursor;
    for (const variables of [{ first: 2, after: cursor }, { last: 2, before: cursor }]) {
      const response = await stack.query<any>(query, variables, { token: secretariat });
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].message).toContain(yesterday);
    }
    const sameDay = await stack.query<any>(query, { on: yesterday, last: 2, before: cursor }, { token: secretariat });
    expect(sameDay.errors).toBeUndefined();
    expect(sameDay.data.monitoringPriorities.edges).toHaveLength(1);
  });

  it('reads the feed of standing changes forwards only, with the previous-page fields filled in', async () => {
    const FEED = /* GraphQL */ `
      query Feed($since: String) { standingChanges(since: $since, first: 2) { edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
    `;
    const first = (await stack.query<any>(FEED, {}, { token: secretariat })).data.standingChanges;
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0].cursor });
    const next = (await stack.query<any>(FEED, { since: first.pageInfo.endCursor }, { token: secretariat })).data.standingChanges;
    expect(next.pageInfo).toMatchObject({ hasPreviousPage: true, startCursor: next.edges[0].cursor });
    const backwards = await stack.query<any>(`{ standingChanges(last: 2) { edges { cursor } } }`, {}, { token: secretariat });
    expect(backwards.errors?.[0].message).toContain('last');
  });

  describe('an organization\'s certificates and activities, in pages', () => {
    const NESTED = (field: string, sortField: string) => /* GraphQL */ `
      query Nested($id: ID!, ${PAGE_VARIABLES}) {
        organization(id: $id) { ${field}(${PAGE_ARGUMENTS}) { totalCount edges { cursor node { id ${sortField} } } ${PAGE_INFO} } }
      }
    `;

    it('reads either way in pages of 2, latest first, the same as the plain lists', async () => {
      const plain = await stack.query<any>(
        /* GraphQL */ `query P($id: ID!) { organization(id: $id) { certifications { id } monitoringActivities { id } } }`,
        { id: ORG.bastionShield },
      );
      for (const [field, sortField] of [['certificationsPage', 'issuedOn'], ['monitoringActivitiesPage', 'plannedStartOn']] as const) {
        const { all, forwards, backwards } = await walkBothWays(stack, NESTED(field, sortField), (data) => data.organization[field], {
          variables: { id: ORG.bastionShield },
          size: 2,
        });
        expect(all.length).toBeGreaterThanOrEqual(6);
        expect(forwards).toEqual(all);
        expect(backwards).toEqual(all);
        const plainField = field === 'certificationsPage' ? 'certifications' : 'monitoringActivities';
        expect(new Set(all)).toEqual(new Set(plain.data.organization[plainField].map((c: any) => c.id)));
      }
      const long = await stack.query<any>(NESTED('certificationsPage', 'issuedOn'), { id: ORG.bastionShield, first: 100 });
      const issued = long.data.organization.certificationsPage.edges.map((e: any) => e.node.issuedOn);
      expect(issued).toEqual(sortedAs(issued, 'descending'));
      expect(long.data.organization.certificationsPage.totalCount).toBe(issued.length);
    });

    it('costs the same statements for a directory page of 5 organizations as for 20, forwards or backwards', async () => {
      const DIRECTORY = (page: string) => /* GraphQL */ `
        query Directory($size: Int) {
          organizations(first: $size) {
            edges { node { id
              certificationsPage(${page}) { totalCount edges { node { id issuedOn } } pageInfo { hasNextPage hasPreviousPage } }
              monitoringActivitiesPage(${page}) { totalCount edges { node { id plannedStartOn } } pageInfo { hasNextPage hasPreviousPage } }
            } }
          }
        }
      `;
      const cost = async (size: number, page: string) => {
        const before = stack.statements();
        // With a token: a public page could come from the gateway's cache and cost nothing.
        const response = await stack.query<any>(DIRECTORY(page), { size }, { token: secretariat });
        expect(response.errors).toBeUndefined();
        expect(response.data.organizations.edges.length).toBe(size);
        return { statements: stack.statements() - before, data: response.data };
      };
      const five = await cost(5, 'first: 2');
      const twenty = await cost(20, 'first: 2');
      const twentyBackwards = await cost(20, 'last: 2');
      expect(five.statements).toBeGreaterThan(0);
      expect(twenty.statements).toBe(five.statements);
      expect(twentyBackwards.statements).toBe(twenty.statements);
      const bastion = twenty.data.organizations.edges.find((e: any) => e.node.id === ORG.bastionShield).node;
      expect(bastion.certificationsPage.edges).toHaveLength(2);
      expect(bastion.certificationsPage.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false });
      const bastionBack = twentyBackwards.data.organizations.edges.find((e: any) => e.node.id === ORG.bastionShield).node;
      expect(bastionBack.certificationsPage.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
      expect(bastionBack.certificationsPage.totalCount).toBe(bastion.certificationsPage.totalCount);
    });
  });

  it('costs a page backwards what a page forwards costs on the certificate list', async () => {
    const list = LISTS[0];
    const cost = async (variables: Record<string, unknown>) => {
      const before = stack.statements();
      const response = await stack.query<any>(list.query, { orderBy: 'ISSUED_NEWEST_FIRST', ...variables }, { token: secretariat });
      expect(response.errors).toBeUndefined();
      return stack.statements() - before;
    };
    const forwards = await cost({ first: 3 });
    const backwards = await cost({ last: 3 });
    expect(forwards).toBeGreaterThan(0);
    expect(backwards).toBe(forwards);
  });
});

describe.each(DATABASES)('a watchlist\'s webhook deliveries, read forwards and backwards, on %s', (database) => {
  let stack: Stack;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    stack = await startStack({ database, env: { STANDING_TRACKER_POLL_MS: '200' } });
  });
  afterAll(async () => {
    await receiver.stop();
    await stack?.stop();
  });

  it('pages of 2 either way give the one long page, newest change first', async () => {
    const secretariat = await stack.token('secretariat');
    const partner = await stack.token('partner', 'partner-org-pages');
    const ok = async (query: string, variables: Record<string, unknown>, token: string) => {
      const response = await stack.query<any>(query, variables, { token });
      expect(response.errors).toBeUndefined();
      return response.data;
    };
    const companies = [ORG.eclatSecurite, ORG.bastionShield, ORG.harbourline, ORG.nordhavn, ORG.lindqvist, ORG.kestrelGuarding, ORG.orionSentinel];
    const created = (await ok('mutation C { createWatchlist(name: "Contractors") { id version } }', {}, partner)).createWatchlist;
    const added = (await ok(
      'mutation A($id: ID!, $ids: [ID!]!, $v: Int!) { addToWatchlist(id: $id, organizationIds: $ids, expectedVersion: $v) { id version } }',
      { id: created.id, ids: companies, v: created.version },
      partner,
    )).addToWatchlist;
    const set = (await ok(
      'mutation S($id: ID!, $url: String, $v: Int!) { setWatchlistWebhook(id: $id, webhookUrl: $url, expectedVersion: $v) { secret } }',
      { id: added.id, url: receiver.url, v: added.version },
      partner,
    )).setWatchlistWebhook;
    receiver.secret = set.secret;
    // Each suspension is a change of standing, and so one delivery to the watchlist's webhook.
    let suspended = 0;
    for (const id of companies) {
      const response = await stack.query<any>(
        'mutation M($id: ID!) { changeMembershipStatus(organizationId: $id, status: SUSPENDED, reason: "Pattern of non-compliance") { id } }',
        { id },
        { token: secretariat },
      );
      if (!response.errors) suspended += 1;
    }
    expect(suspended).toBeGreaterThanOrEqual(5);
    const DELIVERIES = /* GraphQL */ `
      query List($id: ID!, ${PAGE_VARIABLES}) {
        watchlist(id: $id) { deliveries(${PAGE_ARGUMENTS}) { totalCount edges { cursor node { id } } ${PAGE_INFO} } }
      }
    `;
    await eventually(async () => (await ok(DELIVERIES, { id: created.id, first: 100 }, partner)).watchlist.deliveries.totalCount >= suspended, 20_000, 'deliveries');
    const { all, forwards, backwards } = await walkBothWays(stack, DELIVERIES, (data) => data.watchlist.deliveries, {
      variables: { id: created.id },
      token: partner,
      size: 2,
    });
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(forwards).toEqual(all);
    expect(backwards).toEqual(all);
  });
});
