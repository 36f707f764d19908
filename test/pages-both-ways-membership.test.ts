import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './support/databases';
import { applicationInput } from './support/membership';
import { codes, startStack, walkBothWays, type Stack } from './support/stack';

/**
 * The membership subgraph's lists read forwards (`first`/`after`) and backwards (`last`/`before`) in each of
 * their orders, through the gateway: the directory (`organizations`) and the review queue
 * (`membershipApplications`). Each walk in pages of 2 must give the list of one long page, both ways.
 */

const DIRECTORY = /* GraphQL */ `
  query Directory($filter: OrganizationFilter, $orderBy: OrganizationOrder, $first: Int, $after: String, $last: Int, $before: String) {
    organizations(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { id name pillar memberSince } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;
const QUEUE = /* GraphQL */ `
  query Queue($status: ApplicationStatus, $orderBy: MembershipApplicationOrder, $first: Int, $after: String, $last: Int, $before: String) {
    membershipApplications(status: $status, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id submittedAt status } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;
const SUBMIT = /* GraphQL */ `mutation Submit($input: MembershipApplicationInput!) { submitMembershipApplication(input: $input) { id } }`;

const ORGANIZATION_ORDERS = ['NAME', 'NAME_DESCENDING', 'ADMITTED_NEWEST_FIRST', 'ADMITTED_OLDEST_FIRST'] as const;
const APPLICATION_ORDERS = ['SUBMITTED_OLDEST_FIRST', 'SUBMITTED_NEWEST_FIRST'] as const;

interface Listed {
  id: string;
  name: string;
  pillar: string;
  memberSince: string | null;
}

describe.each(DATABASES)('membership lists both ways and sorted on %s', (database) => {
  let stack: Stack;
  let secretariat: string;
  const sql = (query: string, parameters: unknown[] = []) => stack.subgraphs.membership.database.dataSource.query(query, parameters);

  const directory = async (variables: Record<string, unknown>) => {
    const response = await stack.query<any>(DIRECTORY, variables);
    expect(response.errors).toBeUndefined();
    return response.data.organizations as { totalCount: number; edges: { cursor: string; node: Listed }[]; pageInfo: any };
  };
  const nodes = async (variables: Record<string, unknown>) => (await directory({ first: 100, ...variables })).edges.map((e) => e.node);

  beforeAll(async () => {
    stack = await startStack({ database, only: ['membership'] });
    secretariat = await stack.token('secretariat');
    // Fixtures for the admission orders: two organizations not admitted (no date: they come last) and two
    // admitted on the same day (the id decides). Direct SQL on purpose: no mutation clears an admission date.
    const rows: { id: string }[] = await sql('SELECT id FROM organization ORDER BY id');
    expect(rows.length).toBeGreaterThanOrEqual(8);
    await sql('UPDATE organization SET member_since = NULL WHERE id IN (?, ?)', [rows[1].id, rows[4].id]);
    await sql('UPDATE organization SET member_since = ? WHERE id IN (?, ?)', ['2019-06-01', rows[2].id, rows[6].id]);
    for (let i = 0; i < 6; i += 1) {
      const submitted = await stack.query<any>(SUBMIT, { input: applicationInput({ organizationName: `Both Ways Security ${i} Ltd` }) });
      expect(submitted.errors).toBeUndefined();
    }
    // Submission times a second apart, two of them the same (the id decides).
    const applications: { id: string }[] = await sql('SELECT id FROM membership_application ORDER BY id');
    for (const [i, application] of applications.entries()) {
      await sql('UPDATE membership_application SET submitted_at = ? WHERE id = ?', [`2026-03-0${1 + (i % 5)}T10:00:00.000Z`, application.id]);
    }
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('walks the directory both ways in every order, alone and for one pillar, as one long page gives it', async () => {
    for (const orderBy of ORGANIZATION_ORDERS) {
      for (const filter of [null, { pillar: 'PRIVATE_SECURITY_COMPANY' }]) {
        const walk = await walkBothWays(stack, DIRECTORY, (data) => data.organizations, { variables: { orderBy, filter } });
        expect(walk.all.length, `${orderBy} ${JSON.stringify(filter)}`).toBeGreaterThanOrEqual(5);
        expect(walk.forwards, orderBy).toEqual(walk.all);
        expect(walk.backwards, orderBy).toEqual(walk.all);
      }
    }
  });

  it('sorts the directory by name either way and by admission date with the organizations not admitted last', async () => {
    const byName = await nodes({ orderBy: 'NAME' });
    expect(await nodes({})).toEqual(byName);
    expect((await nodes({ orderBy: 'NAME_DESCENDING' })).map((o) => o.id)).toEqual([...byName].reverse().map((o) => o.id));

    for (const orderBy of ['ADMITTED_NEWEST_FIRST', 'ADMITTED_OLDEST_FIRST'] as const) {
      const admitted = await nodes({ orderBy });
      expect(new Set(admitted.map((o) => o.id))).toEqual(new Set(byName.map((o) => o.id)));
      const dated = admitted.filter((o) => o.memberSince !== null);
      expect(admitted.slice(dated.length).every((o) => o.memberSince === null)).toBe(true);
      expect(admitted.length - dated.length).toBe(2);
      const sign = orderBy === 'ADMITTED_NEWEST_FIRST' ? -1 : 1;
      for (let i = 1; i < dated.length; i += 1) {
        const [a, b] = [dated[i - 1], dated[i]];
        const step = a.memberSince === b.memberSince ? (a.id < b.id ? 1 : -1) : a.memberSince! < b.memberSince! ? 1 : -1;
        expect(step, `${orderBy}: ${a.memberSince} ${a.id} then ${b.memberSince} ${b.id}`).toBe(sign);
      }
    }
    // The same order for one pillar is the whole order's companies.
    const companies = await nodes({ orderBy: 'ADMITTED_NEWEST_FIRST', filter: { pillar: 'PRIVATE_SECURITY_COMPANY' } });
    expect(companies.map((o) => o.id)).toEqual(
      (await nodes({ orderBy: 'ADMITTED_NEWEST_FIRST' })).filter((o) => o.pillar === 'PRIVATE_SECURITY_COMPANY').map((o) => o.id),
    );
  });

  it('walks a country\'s page by name both ways, and refuses an order by admission there', async () => {
    const countries: { country: string; n: number | string }[] = await sql(
      'SELECT country, COUNT(*) AS n FROM organization_operating_country GROUP BY country ORDER BY COUNT(*) DESC, country LIMIT 1',
    );
    const country = countries[0].country;
    expect(Number(countries[0].n)).toBeGreaterThanOrEqual(5);
    const byName = (await nodes({ filter: { country } })).map((o) => o.id);
    for (const orderBy of ['NAME', 'NAME_DESCENDING']) {
      const walk = await walkBothWays(stack, DIRECTORY, (data) => data.organizations, { variables: { orderBy, filter: { country } } });
      expect(walk.all).toEqual(orderBy === 'NAME' ? byName : [...byName].reverse());
      expect(walk.forwards).toEqual(walk.all);
      expect(walk.backwards).toEqual(walk.all);
    }
    const refused = await stack.query(DIRECTORY, { filter: { country }, orderBy: 'ADMITTED_NEWEST_FIRST', first: 5 });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
  });

  it('walks the review queue both ways in both orders, of every status and of one', async () => {
    for (const orderBy of APPLICATION_ORDERS) {
      for (const status of [null, 'PENDING']) {
        const walk = await walkBothWays(stack, QUEUE, (data) => data.membershipApplications, {
          variables: { orderBy, status }, token: secretariat,
        });
        expect(walk.all.length, orderBy).toBeGreaterThanOrEqual(5);
        expect(walk.forwards).toEqual(walk.all);
        expect(walk.backwards).toEqual(walk.all);
      }
    }
    const oldest = await stack.query<any>(QUEUE, { first: 100 }, { token: secretariat });
    const newest = await stack.query<any>(QUEUE, { first: 100, orderBy: 'SUBMITTED_NEWEST_FIRST' }, { token: secretariat });
    const ids = (response: any) => response.data.membershipApplications.edges.map((e: any) => e.node.id);
    expect(ids(newest)).toEqual([...ids(oldest)].reverse());
    const times = oldest.data.membershipApplications.edges.map((e: any) => e.node.submittedAt);
    expect(times).toEqual([...times].sort());
  });

  it('answers the README\'s filtered, sorted, backwards page: the last 10 of that list, then the page before', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const operation = /query DirectoryPrevious[\s\S]*?\n}\n/.exec(readme)![0];
    const filter = { pillar: 'PRIVATE_SECURITY_COMPANY', statuses: ['ACTIVE'] };
    const all = (await nodes({ filter, orderBy: 'ADMITTED_NEWEST_FIRST' })).map((o) => o.id);
    expect(all.length).toBeGreaterThan(10);
    const last = await stack.query<any>(operation, {});
    expect(last.errors).toBeUndefined();
    const page = last.data.organizations;
    expect(page.edges.map((e: any) => e.node.id)).toEqual(all.slice(-10));
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const previous = await stack.query<any>(operation, { before: page.pageInfo.startCursor });
    expect(previous.data.organizations.edges.map((e: any) => e.node.id)).toEqual(all.slice(-20, -10));
    expect(previous.data.organizations.pageInfo.hasNextPage).toBe(true);
  });

  it('refuses a forged cursor, a cursor of another order, and first with last (BAD_USER_INPUT)', async () => {
    const page = await directory({ first: 2 });
    const forged = Buffer.from(JSON.stringify({ o: 'NAME', v: ['Zeta', 42] })).toString('base64url');
    for (const variables of [
      { last: 2, before: forged },
      { last: 2, before: 'not-a-cursor' },
      { orderBy: 'NAME_DESCENDING', last: 2, before: page.pageInfo.endCursor },
      { orderBy: 'ADMITTED_OLDEST_FIRST', first: 2, after: page.pageInfo.endCursor },
      { first: 2, last: 2 },
      { last: 0 },
      { last: 101 },
    ]) {
      expect(codes(await stack.query(DIRECTORY, variables)), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
    }
    const queue = await stack.query<any>(QUEUE, { first: 2 }, { token: secretariat });
    const cursor = queue.data.membershipApplications.pageInfo.endCursor;
    expect(codes(await stack.query(QUEUE, { orderBy: 'SUBMITTED_NEWEST_FIRST', last: 2, before: cursor }, { token: secretariat }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await stack.query(QUEUE, { first: 2, last: 2 }, { token: secretariat }))).toEqual(['BAD_USER_INPUT']);
  });

  it('costs as many statements for a page read backwards as for one read forwards, in every order', async () => {
    const statementsFor = async (variables: Record<string, unknown>, size: number) => {
      const before = stack.subgraphs.membership.database.statements.count;
      const response = await stack.query<any>(DIRECTORY, variables);
      expect(response.errors).toBeUndefined();
      expect(response.data.organizations.edges).toHaveLength(size);
      return stack.subgraphs.membership.database.statements.count - before;
    };
    for (const orderBy of ORGANIZATION_ORDERS) {
      const all = await directory({ orderBy, first: 100 });
      const middle = all.edges[Math.floor(all.edges.length / 2)].cursor;
      // Pages among the organizations with an admission date: the first forwards, the last but one backwards.
      const forwards = await statementsFor({ orderBy, first: 3 }, 3);
      const backwardsFromMiddle = await statementsFor({ orderBy, last: 3, before: middle }, 3);
      const forwardsFromMiddle = await statementsFor({ orderBy, first: 3, after: all.edges[3].cursor }, 3);
      expect(backwardsFromMiddle, orderBy).toBe(forwards);
      expect(forwardsFromMiddle, orderBy).toBe(forwards);
      // The page and its count; the last page of an order by admission also reads the rows without a date.
      expect(forwards, orderBy).toBeLessThanOrEqual(2);
      expect(await statementsFor({ orderBy, last: 3 }, 3), orderBy).toBeLessThanOrEqual(orderBy.startsWith('ADMITTED') ? 3 : 2);
    }
    const queueStatements = async (variables: Record<string, unknown>) => {
      const before = stack.subgraphs.membership.database.statements.count;
      const response = await stack.query<any>(QUEUE, variables, { token: secretariat });
      expect(response.errors).toBeUndefined();
      return stack.subgraphs.membership.database.statements.count - before;
    };
    for (const orderBy of APPLICATION_ORDERS) {
      const queue = await stack.query<any>(QUEUE, { orderBy, first: 100 }, { token: secretariat });
      const middle = queue.data.membershipApplications.edges[3].cursor;
      const forwards = await queueStatements({ orderBy, first: 2, after: middle });
      expect(await queueStatements({ orderBy, last: 2, before: middle }), orderBy).toBe(forwards);
      expect(await queueStatements({ orderBy, last: 2, status: 'PENDING' }), orderBy).toBe(forwards);
    }
  });
});
