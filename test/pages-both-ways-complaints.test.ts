import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintInput, ORG, SUBMIT } from './support/complaints';
import { DATABASES } from './support/databases';
import { codes, startStack, walkBothWays, type Stack } from './support/stack';

/**
 * The complaints subgraph's lists read forwards (`first`/`after`) and backwards (`last`/`before`), through the
 * gateway: the case list in each of its orders, the deadlines queue, an organization's own complaints
 * (`Organization.complaintsPage`, read for a whole directory page at once) and the complaint form's companies.
 */

const CASE_LIST = /* GraphQL */ `
  query CaseList($filter: ComplaintFilter, $orderBy: ComplaintOrder, $first: Int, $after: String, $last: Int, $before: String) {
    complaints(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id submittedAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;
const DUE = /* GraphQL */ `
  query Due($first: Int, $after: String, $last: Int, $before: String) {
    complaintsDue(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id stageDueAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;
const OWN = /* GraphQL */ `
  query Own($id: ID!, $orderBy: OrganizationComplaintOrder, $first: Int, $after: String, $last: Int, $before: String) {
    organization(id: $id) {
      id
      complaintsPage(orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
        totalCount
        edges { cursor node { id submittedAt } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`;
const DIRECTORY_WITH_COMPLAINTS = /* GraphQL */ `
  query DirectoryWithComplaints($first: Int, $last: Int, $inner: Int, $innerLast: Int) {
    organizations(first: $first, last: $last) {
      edges { node { id name complaintsPage(first: $inner, last: $innerLast) { totalCount edges { node { id status } } } } }
    }
  }
`;
const COMPANIES = /* GraphQL */ `
  query Companies($first: Int, $after: String, $last: Int, $before: String) {
    complaintFormOptions(language: "en") {
      companies(first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { id name } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`;

const ORDERS = ['RECEIVED_NEWEST_FIRST', 'RECEIVED_OLDEST_FIRST', 'LAST_ACTIVITY', 'OLDEST_WAITING', 'NEXT_DEADLINE'] as const;
const OWN_ORDERS = ['RECEIVED_NEWEST_FIRST', 'RECEIVED_OLDEST_FIRST'] as const;

describe.each(DATABASES)('complaints lists both ways and sorted on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string> = {};
  const sql = (query: string, parameters: unknown[] = []) => stack.subgraphs.complaints.database.dataSource.query(query, parameters);
  const ids = (connection: any): string[] => connection.edges.map((e: any) => e.node.id);

  beforeAll(async () => {
    stack = await startStack({ database, only: ['membership', 'complaints'] });
    tokens.secretariat = await stack.token('secretariat');
    tokens.aegis = await stack.token('member', ORG.aegisMeridian);
    for (let i = 0; i < 8; i += 1) {
      const filed = await stack.query<any>(SUBMIT, { input: complaintInput({ companyId: i % 4 === 3 ? ORG.bastionShield : ORG.aegisMeridian }) });
      expect(filed.errors).toBeUndefined();
    }
    // Fixtures for what only time writes (the stack has no test clock): received dates with ties (the id decides),
    // last activity left null on some (they come last), stage due dates in the week or past. Direct SQL on purpose.
    const rows: { id: string }[] = await sql('SELECT id FROM complaint ORDER BY id');
    for (const [i, row] of rows.entries()) {
      await sql('UPDATE complaint SET submitted_at = ?, last_activity_at = ?, stage_due_at = ? WHERE id = ?', [
        `2026-0${1 + (i % 6)}-1${i % 3}T08:00:00.000Z`,
        i % 5 === 0 ? null : `2026-07-0${1 + (i % 7)}T12:00:00.000Z`,
        i % 3 === 0 ? null : `2026-0${1 + (i % 4)}-2${i % 2}T09:00:00.000Z`,
        row.id,
      ]);
    }
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('walks the case list both ways in every order, whole and for one company', async () => {
    for (const orderBy of ORDERS) {
      for (const filter of [null, { companyId: ORG.aegisMeridian }]) {
        const walk = await walkBothWays(stack, CASE_LIST, (data) => data.complaints, { variables: { orderBy, filter }, token: tokens.secretariat });
        expect(walk.all.length, orderBy).toBeGreaterThanOrEqual(5);
        expect(walk.forwards, orderBy).toEqual(walk.all);
        expect(walk.backwards, orderBy).toEqual(walk.all);
      }
    }
  });

  it('walks the deadlines queue both ways', async () => {
    const walk = await walkBothWays(stack, DUE, (data) => data.complaintsDue, { token: tokens.secretariat });
    expect(walk.all.length).toBeGreaterThanOrEqual(5);
    expect(walk.forwards).toEqual(walk.all);
    expect(walk.backwards).toEqual(walk.all);
  });

  it('walks an organization\'s complaints both ways in both orders: the case list\'s for the Secretariat, the member\'s own for a member', async () => {
    for (const orderBy of OWN_ORDERS) {
      for (const token of [tokens.secretariat, tokens.aegis]) {
        const walk = await walkBothWays(stack, OWN, (data) => data.organization.complaintsPage, {
          variables: { id: ORG.aegisMeridian, orderBy }, token,
        });
        expect(walk.all.length, orderBy).toBeGreaterThanOrEqual(5);
        expect(walk.forwards).toEqual(walk.all);
        expect(walk.backwards).toEqual(walk.all);
        // What the case list gives this viewer for the company, in the same order.
        const list = await stack.query<any>(CASE_LIST, { filter: { companyId: ORG.aegisMeridian }, orderBy, first: 100 }, { token });
        expect(walk.all).toEqual(ids(list.data.complaints));
      }
    }
    const counted = await stack.query<any>(OWN, { id: ORG.aegisMeridian, first: 2 }, { token: tokens.secretariat });
    const count: number[] = await sql('SELECT COUNT(*) AS n FROM complaint WHERE company_id = ?', [ORG.aegisMeridian]);
    expect(counted.data.organization.complaintsPage.totalCount).toBe(Number((count[0] as any).n));
    // Another company's complaints stay closed to a member.
    const other = await stack.query<any>(OWN, { id: ORG.bastionShield, first: 2 }, { token: tokens.aegis });
    expect(other.data.organization.complaintsPage).toBeNull();
    expect(codes(other)).toEqual(['FORBIDDEN']);
  });

  it('walks the complaint form\'s companies both ways, by name', async () => {
    const walk = await walkBothWays(stack, COMPANIES, (data) => data.complaintFormOptions.companies);
    expect(walk.all.length).toBeGreaterThanOrEqual(5);
    expect(walk.forwards).toEqual(walk.all);
    expect(walk.backwards).toEqual(walk.all);
  });

  it('refuses a forged cursor, a cursor of another order, and first with last (BAD_USER_INPUT)', async () => {
    const page = await stack.query<any>(CASE_LIST, { first: 2 }, { token: tokens.secretariat });
    const cursor = page.data.complaints.pageInfo.endCursor;
    const forged = Buffer.from(JSON.stringify({ o: 'RECEIVED_NEWEST_FIRST', v: [12, 'x'] })).toString('base64url');
    for (const variables of [
      { last: 2, before: forged },
      { orderBy: 'RECEIVED_OLDEST_FIRST', last: 2, before: cursor },
      { orderBy: 'LAST_ACTIVITY', first: 2, after: cursor },
      { first: 2, last: 2 },
    ]) {
      expect(codes(await stack.query(CASE_LIST, variables, { token: tokens.secretariat })), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
    }
    const own = await stack.query<any>(OWN, { id: ORG.aegisMeridian, first: 2 }, { token: tokens.secretariat });
    const ownCursor = own.data.organization.complaintsPage.pageInfo.endCursor;
    for (const variables of [
      { last: 2, before: forged },
      { last: 2, before: 'bm90IGEgY3Vyc29y' },
      { orderBy: 'RECEIVED_OLDEST_FIRST', last: 2, before: ownCursor },
      { first: 2, last: 2 },
    ]) {
      const response = await stack.query<any>(OWN, { id: ORG.aegisMeridian, ...variables }, { token: tokens.secretariat });
      expect(codes(response), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
    }
    const due = await stack.query<any>(DUE, { first: 2 }, { token: tokens.secretariat });
    expect(codes(await stack.query(DUE, { last: 2, before: 'bm90IGEgY3Vyc29y' }, { token: tokens.secretariat }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.query(DUE, { first: 2, before: due.data.complaintsDue.pageInfo.endCursor }, { token: tokens.secretariat }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('costs as many statements for a case list page or a due page read backwards as for one read forwards', async () => {
    const statementsFor = async (query: string, variables: Record<string, unknown>) => {
      const before = stack.subgraphs.complaints.database.statements.count;
      const response = await stack.query<any>(query, variables, { token: tokens.secretariat });
      expect(response.errors).toBeUndefined();
      return stack.subgraphs.complaints.database.statements.count - before;
    };
    for (const orderBy of ['RECEIVED_NEWEST_FIRST', 'RECEIVED_OLDEST_FIRST']) {
      const all = await stack.query<any>(CASE_LIST, { orderBy, first: 100 }, { token: tokens.secretariat });
      const middle = all.data.complaints.edges[10].cursor;
      const forwards = await statementsFor(CASE_LIST, { orderBy, first: 3, after: middle });
      expect(await statementsFor(CASE_LIST, { orderBy, last: 3, before: middle }), orderBy).toBe(forwards);
      expect(await statementsFor(CASE_LIST, { orderBy, last: 3 }), orderBy).toBe(forwards);
    }
    const due = await stack.query<any>(DUE, { first: 100 }, { token: tokens.secretariat });
    const middle = due.data.complaintsDue.edges[3].cursor;
    expect(await statementsFor(DUE, { last: 2, before: middle })).toBe(await statementsFor(DUE, { first: 2, after: middle }));
  });

  it('reads the complaints of a directory page of 5 or 20 organizations, forwards or backwards, in the same statements', async () => {
    const statementsFor = async (variables: Record<string, unknown>, organizations: number) => {
      const before = stack.subgraphs.complaints.database.statements.count;
      const response = await stack.query<any>(DIRECTORY_WITH_COMPLAINTS, variables, { token: tokens.secretariat });
      expect(response.errors).toBeUndefined();
      const edges = response.data.organizations.edges;
      expect(edges).toHaveLength(organizations);
      // Each organization's page holds its first (or last) complaints, as many as asked and as it has.
      for (const { node } of edges) {
        expect(node.complaintsPage.edges.length).toBe(Math.min(3, node.complaintsPage.totalCount));
      }
      expect(edges.some((e: any) => e.node.complaintsPage.edges.length === 3)).toBe(true);
      return stack.subgraphs.complaints.database.statements.count - before;
    };
    const total = (await stack.query<any>('{ organizations(first: 100) { totalCount } }')).data.organizations.totalCount;
    const many = Math.min(20, total);
    expect(many).toBeGreaterThanOrEqual(10);
    const five = await statementsFor({ first: 5, inner: 3 }, 5);
    expect(await statementsFor({ first: many, inner: 3 }, many)).toBe(five);
    expect(await statementsFor({ last: many, innerLast: 3 }, many)).toBe(five);
    // One statement for the pages, one GROUP BY for their counts.
    expect(five).toBeLessThanOrEqual(2);
    // The last three of each are the ones one long page ends with.
    const long = await stack.query<any>(OWN, { id: ORG.aegisMeridian, first: 100 }, { token: tokens.secretariat });
    const last = await stack.query<any>(OWN, { id: ORG.aegisMeridian, last: 3 }, { token: tokens.secretariat });
    expect(ids(last.data.organization.complaintsPage)).toEqual(ids(long.data.organization.complaintsPage).slice(-3));
  });
});
