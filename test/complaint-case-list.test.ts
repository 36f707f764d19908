import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintInput, FOLLOW_UP, ORG, SEND_MESSAGE, SUBMIT } from './support/complaints';
import { DATABASES } from './support/databases';
import { codes, readAllPages, startStack, type Stack } from './support/stack';

/**
 * The Secretariat's case list (`complaints`): its filters, its orders and their cursors, the case summary and
 * the incident's region, and the last activity that the "last activity" and "oldest waiting" orders read.
 */

const CASE_FIELDS = /* GraphQL */ `
  id referenceNumber kind status incidentDate incidentCountry incidentRegion submittedAt lastActivityAt caseSummary version
  company { id } allegations { provision }
`;
const CASE_LIST = /* GraphQL */ `
  query CaseList($filter: ComplaintFilter, $orderBy: ComplaintOrder, $first: Int, $after: String) {
    complaints(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      edges { cursor node { ${CASE_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
// What a company member may ask: no Secretariat-only field.
const COMPANY_LIST = /* GraphQL */ `
  query CompanyList($filter: ComplaintFilter, $orderBy: ComplaintOrder, $first: Int) {
    complaints(filter: $filter, orderBy: $orderBy, first: $first) { totalCount edges { node { id incidentRegion company { id } } } }
  }
`;
// The fields of a case-list screen: the company's name comes from the membership subgraph through the gateway.
const SCREEN = /* GraphQL */ `
  query Screen($filter: ComplaintFilter, $orderBy: ComplaintOrder, $first: Int) {
    complaints(filter: $filter, orderBy: $orderBy, first: $first) {
      totalCount
      edges { node { id referenceNumber status incidentCountry incidentRegion caseSummary lastActivityAt submittedAt company { id name } allegations { provision } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const DESCRIBE = /* GraphQL */ `
  mutation Describe($id: ID!, $caseSummary: String, $incidentRegion: String, $expectedVersion: Int) {
    describeComplaintCase(id: $id, caseSummary: $caseSummary, incidentRegion: $incidentRegion, expectedVersion: $expectedVersion) {
      id caseSummary incidentRegion version
    }
  }
`;
const ONE = /* GraphQL */ `query One($id: ID!) { complaint(id: $id) { id incidentRegion caseSummary lastActivityAt } }`;
const ONE_REGION = /* GraphQL */ `query OneRegion($id: ID!) { complaint(id: $id) { id incidentRegion } }`;
const ENTITY = /* GraphQL */ `
  query Entity($id: ID!) {
    _entities(representations: [{ __typename: "Organization", id: $id }]) {
      ... on Organization { id complaints { id incidentRegion caseSummary lastActivityAt } }
    }
  }
`;
const ENTITY_REGION = /* GraphQL */ `
  query EntityRegion($id: ID!) {
    _entities(representations: [{ __typename: "Organization", id: $id }]) { ... on Organization { id complaints { id incidentRegion } } }
  }
`;
const ASSIGN = /* GraphQL */ `
  mutation Assign($id: ID!, $officer: CaseOfficerInput, $expectedVersion: Int!) {
    assignComplaint(id: $id, officer: $officer, expectedVersion: $expectedVersion) { id version lastActivityAt }
  }
`;
const ADVANCE = /* GraphQL */ `
  mutation Advance($id: ID!, $to: ComplaintStatus!) {
    advanceComplaint(id: $id, to: $to, note: "Moved on", audience: COMPLAINANT_AND_COMPANY) { id version stageDueAt lastActivityAt }
  }
`;
// The case list with the deadlines' and officers' fields, to hold them against the filters and orders.
const DEADLINE_LIST = /* GraphQL */ `
  query DeadlineList($filter: ComplaintFilter, $orderBy: ComplaintOrder, $first: Int, $after: String) {
    complaints(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      edges { cursor node { id status stageDueAt overdue lastActivityAt assignedOfficer { subject } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const DUE = /* GraphQL */ `
  query Due($officer: String, $first: Int, $after: String) {
    complaintsDue(assignedOfficer: $officer, first: $first, after: $after) {
      totalCount
      edges { cursor node { id stageDueAt overdue } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const ADD_NOTE = /* GraphQL */ `
  mutation AddNote($complaintId: ID!, $text: String!) { addComplaintInternalNote(complaintId: $complaintId, text: $text) { id } }
`;

const ORDERS = ['RECEIVED_NEWEST_FIRST', 'RECEIVED_OLDEST_FIRST', 'LAST_ACTIVITY', 'OLDEST_WAITING', 'NEXT_DEADLINE'] as const;
const COUNTRIES = ['IQ', 'IQ', 'AF', 'NG', 'KE'];
const REGIONS: Record<string, (string | null)[]> = { IQ: ['IQ-BA', 'IQ-BG'], AF: ['AF-KAB'], NG: ['NG-LA', null], KE: [null, 'KE-30'] };
const PROVISIONS = [['USE_OF_FORCE'], ['DETENTION', 'USE_OF_FORCE'], ['GENERAL_CONDUCT'], ['SEXUAL_EXPLOITATION_AND_GENDER_BASED_VIOLENCE', 'HARASSMENT']];
const FILED = 55;
const SUMMARY_WORD = 'Checkpoint';

interface Case {
  id: string;
  referenceNumber: string;
  kind: string;
  status: string;
  incidentDate: string;
  incidentCountry: string;
  incidentRegion: string | null;
  submittedAt: string;
  lastActivityAt: string | null;
  caseSummary: string | null;
  version: number;
  company: { id: string };
  allegations: { provision: string }[];
  officer: string | null;
  stageDueAt: string | null;
}

describe.each(DATABASES)('the Secretariat\'s case list on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string> = {};
  const receipts = new Map<string, string>();
  let all: Case[] = [];
  const sql = (query: string, parameters: unknown[] = []) => stack.subgraphs.complaints.database.dataSource.query(query, parameters);

  /** Every complaint as the Secretariat sees it, with what the other branch's fields will show (read with SQL). */
  async function readAll(): Promise<Case[]> {
    const nodes = await readAllPages<Case>(stack, CASE_LIST, 'complaints', { first: 100 }, tokens.secretariat);
    const rows: { id: string; assigned_officer_subject: string | null; stage_due_at: string | null }[] = await sql(
      'SELECT id, assigned_officer_subject, stage_due_at FROM complaint',
    );
    const extra = new Map(rows.map((row) => [row.id, row]));
    return nodes.map((node) => ({ ...node, officer: extra.get(node.id)!.assigned_officer_subject, stageDueAt: extra.get(node.id)!.stage_due_at }));
  }

  const list = async (variables: Record<string, unknown>, token = tokens.secretariat) => {
    const response = await stack.query<any>(CASE_LIST, { first: 100, ...variables }, { token });
    expect(response.errors).toBeUndefined();
    return response.data.complaints as { totalCount: number; edges: { cursor: string; node: Case }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  };
  const ids = (cases: { id: string }[]) => cases.map((c) => c.id);
  /** The filter as the list should apply it, over every complaint, in the default order. */
  const expected = (keep: (c: Case) => boolean) => ids(all.filter(keep));

  beforeAll(async () => {
    stack = await startStack({ database, only: ['membership', 'complaints'] });
    tokens.secretariat = await stack.token('secretariat');
    tokens.aegis = await stack.token('member', ORG.aegisMeridian);
    tokens.bastion = await stack.token('member', ORG.bastionShield);
    tokens.partner = await stack.token('partner');
    for (let i = 0; i < FILED; i += 1) {
      const country = COUNTRIES[i % COUNTRIES.length];
      const region = REGIONS[country][i % REGIONS[country].length];
      const receipt = await stack.query<any>(SUBMIT, {
        input: complaintInput({
          companyId: i % 4 === 3 ? ORG.bastionShield : ORG.aegisMeridian,
          kind: i % 3 === 2 ? 'VIOLATION_REPORT' : 'HARM_TO_COMPLAINANT',
          incidentDate: `2026-${String(1 + (i % 9)).padStart(2, '0')}-${String(10 + (i % 15))}`,
          incidentCountry: country,
          ...(region ? { incidentRegion: region } : {}),
          allegations: PROVISIONS[i % PROVISIONS.length].map((provision) => ({ provision })),
          description: `Filed for the case list test, number ${i}: the word ${SUMMARY_WORD.toLowerCase()}-secret stays with the complainant.`,
        }),
      });
      expect(receipt.errors).toBeUndefined();
      receipts.set(receipt.data.submitComplaint.referenceNumber, receipt.data.submitComplaint.receiptCode);
    }
    all = await readAll();
    const filed = all.filter((c) => receipts.has(c.referenceNumber));
    expect(filed).toHaveLength(FILED);
    // Case officers through the real mutation (it leaves the last activity as it is: see the seams test).
    for (const [i, c] of filed.entries()) {
      if (i % 5 !== 0) continue;
      const officer = i % 10 === 0 ? { subject: 'officer-amina', name: 'Amina' } : { subject: 'officer-jonas', name: 'Jonas' };
      const assigned = await stack.query<any>(ASSIGN, { id: c.id, officer, expectedVersion: c.version }, { token: tokens.secretariat });
      expect(assigned.errors).toBeUndefined();
    }
    // Fixtures for what only the passing of time writes (the stack has no test clock): received dates and last
    // activity spread over months (filing stamps "now"), and stage due dates in the past. Direct SQL on purpose.
    for (const [i, c] of filed.entries()) {
      const month = String(1 + (i % 10)).padStart(2, '0');
      await sql('UPDATE complaint SET submitted_at = ?, last_activity_at = ? WHERE id = ?', [
        `2026-${month}-0${1 + (i % 9)}T0${i % 10}:00:00.000Z`,
        `2026-${month}-2${i % 8}T12:00:00.000Z`,
        c.id,
      ]);
    }
    // Four deadlines: two past (overdue), two to come.
    for (const [i, due] of ['2026-01-05T09:00:00.000Z', '2099-03-01T09:00:00.000Z', '2020-06-01T09:00:00.000Z', '2099-01-01T09:00:00.000Z'].entries()) {
      await sql('UPDATE complaint SET stage_due_at = ? WHERE id = ?', [due, filed[i * 7].id]);
    }
    // Case summaries through the mutation itself.
    const summarised = filed.find((c) => c.company.id === ORG.aegisMeridian && c.incidentRegion !== null)!;
    const others = filed.filter((c) => c.id !== summarised.id).slice(0, 2);
    for (const [c, caseSummary] of [
      [summarised, `Beating at the ${SUMMARY_WORD} near the oil terminal`],
      [others[0], 'Wages dispute, first site'],
      [others[1], 'Wages dispute, second site'],
    ] as const) {
      const described = await stack.query<any>(DESCRIBE, { id: c.id, caseSummary }, { token: tokens.secretariat });
      expect(described.errors).toBeUndefined();
    }
    all = await readAll();
  });
  afterAll(() => stack?.stop());

  it('filters by every condition, alone and together, with totalCount and no duplicate rows', async () => {
    const cases: [Record<string, unknown>, (c: Case) => boolean][] = [
      [{ countries: ['iq'] }, (c) => c.incidentCountry === 'IQ'],
      [{ countries: ['AF', 'NG'] }, (c) => ['AF', 'NG'].includes(c.incidentCountry)],
      [{ regions: ['IQ-BA', 'KE-30'] }, (c) => ['IQ-BA', 'KE-30'].includes(c.incidentRegion ?? '')],
      // A complaint alleging both provisions is listed once.
      [{ provisions: ['USE_OF_FORCE', 'DETENTION'] }, (c) => c.allegations.some((a) => ['USE_OF_FORCE', 'DETENTION'].includes(a.provision))],
      [{ kinds: ['VIOLATION_REPORT'] }, (c) => c.kind === 'VIOLATION_REPORT'],
      [{ kind: 'HARM_TO_COMPLAINANT' }, (c) => c.kind === 'HARM_TO_COMPLAINANT'],
      [{ statuses: ['RECEIVED'] }, (c) => c.status === 'RECEIVED'],
      [{ companyId: ORG.bastionShield }, (c) => c.company.id === ORG.bastionShield],
      [{ receivedFrom: '2026-03-01', receivedTo: '2026-03-31' }, (c) => c.submittedAt >= '2026-03-01' && c.submittedAt < '2026-04-01'],
      [{ receivedTo: '2026-02-01' }, (c) => c.submittedAt < '2026-02-02'],
      [{ incidentFrom: '2026-05-01', incidentTo: '2026-06-30' }, (c) => c.incidentDate >= '2026-05-01' && c.incidentDate <= '2026-06-30'],
      [{ assignedOfficer: 'officer-amina' }, (c) => c.officer === 'officer-amina'],
      [{ unassigned: true }, (c) => c.officer === null],
      [{ unassigned: false }, (c) => c.officer !== null],
      [{ overdue: true }, (c) => c.stageDueAt !== null && c.stageDueAt < new Date().toISOString()],
      [{ overdue: false }, (c) => c.stageDueAt === null || c.stageDueAt >= new Date().toISOString()],
      // "received in spring about Iraq alleging use of force"
      [
        { countries: ['IQ'], provisions: ['USE_OF_FORCE'], statuses: ['RECEIVED'], receivedFrom: '2026-03-01', receivedTo: '2026-06-30' },
        (c) => c.incidentCountry === 'IQ' && c.allegations.some((a) => a.provision === 'USE_OF_FORCE') && c.status === 'RECEIVED' &&
          c.submittedAt >= '2026-03-01' && c.submittedAt < '2026-07-01',
      ],
      [
        { countries: ['IQ'], provisions: ['USE_OF_FORCE'], statuses: ['RECEIVED'] },
        (c) => c.incidentCountry === 'IQ' && c.allegations.some((a) => a.provision === 'USE_OF_FORCE') && c.status === 'RECEIVED',
      ],
    ];
    for (const [filter, keep] of cases) {
      const want = expected(keep);
      const page = await list({ filter });
      expect(ids(page.edges.map((e) => e.node)), JSON.stringify(filter)).toEqual(want);
      expect(page.totalCount, JSON.stringify(filter)).toBe(want.length);
      // Every condition narrows something here, and some find more than one complaint.
      expect(want.length, JSON.stringify(filter)).toBeLessThan(all.length);
      expect(want.length, JSON.stringify(filter)).toBeGreaterThan(0);
    }
    expect(expected((c) => c.incidentCountry === 'IQ' && c.allegations.some((a) => a.provision === 'USE_OF_FORCE')).length).toBeGreaterThan(1);
  });

  it('searches the reference number from its start and the Secretariat\'s summary, never what the complainant wrote', async () => {
    const summarised = all.find((c) => c.caseSummary?.includes(SUMMARY_WORD))!;
    for (const term of [SUMMARY_WORD.toLowerCase(), SUMMARY_WORD.toUpperCase(), 'oil term']) {
      const page = await list({ filter: { search: term } });
      expect(ids(page.edges.map((e) => e.node))).toEqual([summarised.id]);
      expect(page.totalCount).toBe(1);
    }
    const one = all.find((c) => receipts.has(c.referenceNumber))!;
    const exact = await list({ filter: { search: one.referenceNumber.toLowerCase() } });
    expect(ids(exact.edges.map((e) => e.node))).toEqual([one.id]);
    const prefix = one.referenceNumber.slice(0, -1);
    const byPrefix = await list({ filter: { search: prefix } });
    expect(ids(byPrefix.edges.map((e) => e.node))).toEqual(expected((c) => c.referenceNumber.startsWith(prefix)));
    expect(byPrefix.totalCount).toBeGreaterThan(1);
    // The middle of a reference number is no prefix; the complainant's words, name and contact are never searched.
    for (const term of [one.referenceNumber.slice(3), 'checkpoint-secret', 'Guards held me', 'Zephyrine', 'hidden-complainant', '%', '_']) {
      const page = await list({ filter: { search: term } });
      expect(page.edges, term).toEqual([]);
      expect(page.totalCount, term).toBe(0);
    }
  });

  it('refuses wrong filter values with a coded error', async () => {
    for (const filter of [
      { countries: ['XX'] },
      { countries: [] },
      { regions: ['Basra'] },
      { receivedFrom: '2026-04-01', receivedTo: '2026-03-01' },
      { incidentFrom: '2026-04-01', incidentTo: '2026-03-01' },
      { search: '   ' },
      { search: 'x'.repeat(101) },
      { countries: Array.from({ length: 51 }, () => 'IQ') },
    ]) {
      const response = await stack.query<any>(CASE_LIST, { filter }, { token: tokens.secretariat });
      expect(codes(response), JSON.stringify(filter)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('walks every order page by page exactly as one long page, each in its order', async () => {
    const now = Date.now();
    for (const orderBy of ORDERS) {
      const long = await list({ orderBy });
      expect(long.edges).toHaveLength(all.length);
      const nodes = long.edges.map((e) => e.node);
      const withDue = new Map(all.map((c) => [c.id, c.stageDueAt]));
      const key = (c: Case): string | null =>
        orderBy.startsWith('RECEIVED') ? c.submittedAt : orderBy === 'NEXT_DEADLINE' ? (withDue.get(c.id) ?? null) : c.lastActivityAt;
      const descending = orderBy === 'RECEIVED_NEWEST_FIRST' || orderBy === 'LAST_ACTIVITY';
      for (let i = 1; i < nodes.length; i += 1) {
        const [a, b] = [key(nodes[i - 1]), key(nodes[i])];
        if (a === null) expect(b, orderBy).toBeNull(); // nulls last
        else if (b !== null) expect(descending ? a >= b : a <= b, `${orderBy}: ${a} then ${b}`).toBe(true);
      }
      const paged = await readAllPages<Case>(stack, CASE_LIST, 'complaints', { orderBy, first: 4 }, tokens.secretariat);
      expect(ids(paged), orderBy).toEqual(ids(nodes));
      // Filtered too, in small pages.
      const filter = { countries: ['IQ', 'KE'] };
      const filteredLong = await list({ orderBy, filter });
      const filteredPaged = await readAllPages<Case>(stack, CASE_LIST, 'complaints', { orderBy, filter, first: 3 }, tokens.secretariat);
      expect(ids(filteredPaged), orderBy).toEqual(ids(filteredLong.edges.map((e) => e.node)));
    }
    // Next deadline: soonest first (overdue ones included), then the complaints without one.
    const byDeadline = ids((await list({ orderBy: 'NEXT_DEADLINE' })).edges.map((e) => e.node));
    // Filing gives every complaint its first stage's due date: all those, by date then id, before the settled ones.
    const due = all
      .filter((c) => c.stageDueAt)
      .sort((a, b) => a.stageDueAt!.localeCompare(b.stageDueAt!) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(due.length).toBeGreaterThan(4);
    expect(byDeadline.slice(0, due.length)).toEqual(ids(due));
    expect(Date.now() - now).toBeLessThan(120_000);
  });

  it('refuses a cursor from another order and a forged one', async () => {
    const newest = await list({ first: 2 });
    const other = await stack.query<any>(CASE_LIST, { orderBy: 'LAST_ACTIVITY', first: 2, after: newest.pageInfo.endCursor }, { token: tokens.secretariat });
    expect(codes(other)).toEqual(['BAD_USER_INPUT']);
    const deadline = await list({ orderBy: 'NEXT_DEADLINE', first: 10 });
    const back = await stack.query<any>(CASE_LIST, { first: 2, after: deadline.pageInfo.endCursor }, { token: tokens.secretariat });
    expect(codes(back)).toEqual(['BAD_USER_INPUT']);
    const forged = [
      'not-a-cursor',
      Buffer.from(JSON.stringify({ o: 'RECEIVED_NEWEST_FIRST', v: [1, 2] })).toString('base64url'),
      Buffer.from(JSON.stringify({ o: 'RECEIVED_NEWEST_FIRST', v: [null, 'x'] })).toString('base64url'),
      Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'x'])).toString('base64url'),
    ];
    for (const after of forged) {
      const response = await stack.query<any>(CASE_LIST, { first: 2, after }, { token: tokens.secretariat });
      expect(codes(response), after).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('shows a company only its own complaints whatever the filter, and none of the Secretariat\'s casework', async () => {
    const own = async (token: string, filter: Record<string, unknown> = {}) => {
      const response = await stack.query<any>(COMPANY_LIST, { filter, first: 100 }, { token });
      expect(response.errors).toBeUndefined();
      return response.data.complaints;
    };
    for (const [token, company] of [[tokens.aegis, ORG.aegisMeridian], [tokens.bastion, ORG.bastionShield]] as const) {
      const mine = await own(token);
      expect(mine.edges.length).toBeGreaterThan(0);
      expect(mine.edges.every((e: any) => e.node.company.id === company)).toBe(true);
      expect(mine.totalCount).toBe(mine.edges.length);
      const other = company === ORG.aegisMeridian ? ORG.bastionShield : ORG.aegisMeridian;
      const theirs = await own(token, { companyId: other, countries: ['IQ'] });
      expect(theirs).toMatchObject({ totalCount: 0, edges: [] });
      const filtered = await own(token, { countries: ['IQ'], provisions: ['USE_OF_FORCE'] });
      expect(filtered.edges.every((e: any) => e.node.company.id === company)).toBe(true);
      expect(filtered.totalCount).toBe(
        all.filter((c) => c.company.id === company && c.incidentCountry === 'IQ' && c.allegations.some((a) => a.provision === 'USE_OF_FORCE')).length,
      );
    }
    // The Secretariat's casework: searching summaries (even for a word of one of its own), officers, deadlines, activity.
    for (const filter of [{ search: SUMMARY_WORD }, { search: 'ICOCA' }, { assignedOfficer: 'officer-amina' }, { unassigned: true }, { overdue: true }]) {
      const response = await stack.query<any>(COMPANY_LIST, { filter }, { token: tokens.aegis });
      expect(codes(response), JSON.stringify(filter)).toEqual(['FORBIDDEN']);
      expect(response.data?.complaints ?? null).toBeNull();
    }
    for (const orderBy of ['LAST_ACTIVITY', 'OLDEST_WAITING', 'NEXT_DEADLINE']) {
      const response = await stack.query<any>(COMPANY_LIST, { orderBy }, { token: tokens.aegis });
      expect(codes(response), orderBy).toEqual(['FORBIDDEN']);
    }
    const oldest = await stack.query<any>(COMPANY_LIST, { orderBy: 'RECEIVED_OLDEST_FIRST' }, { token: tokens.aegis });
    expect(oldest.errors).toBeUndefined();
    // The public and partners get no list at all.
    expect(codes(await stack.query<any>(COMPANY_LIST, { filter: { countries: ['IQ'] } }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await stack.query<any>(COMPANY_LIST, { filter: { countries: ['IQ'] } }, { token: tokens.partner }))).toEqual(['FORBIDDEN']);
  });

  it('lets the Secretariat alone write the summary and set the region, checked, with CONFLICT on a stale version', async () => {
    const target = all.find((c) => receipts.has(c.referenceNumber) && c.incidentCountry === 'AF' && c.company.id === ORG.aegisMeridian)!;
    const before = (await sql('SELECT case_summary, incident_region, version FROM complaint WHERE id = ?', [target.id]))[0];
    for (const [token, code] of [[undefined, 'UNAUTHENTICATED'], [tokens.partner, 'FORBIDDEN'], [tokens.aegis, 'FORBIDDEN'], [tokens.bastion, 'FORBIDDEN']] as const) {
      const response = await stack.query<any>(DESCRIBE, { id: target.id, caseSummary: 'Not theirs to write' }, { token });
      expect(codes(response)).toEqual([code]);
    }
    for (const variables of [
      { incidentRegion: 'IQ-BA' }, // not in the complaint's country (AF)
      { incidentRegion: 'Kabul' },
      { caseSummary: 'x'.repeat(4001) },
      { caseSummary: '  ' },
      {},
    ]) {
      const response = await stack.query<any>(DESCRIBE, { id: target.id, ...variables }, { token: tokens.secretariat });
      expect(codes(response), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
    }
    const stale = await stack.query<any>(DESCRIBE, { id: target.id, caseSummary: 'Stale', expectedVersion: target.version - 1 }, { token: tokens.secretariat });
    expect(codes(stale)).toEqual(['CONFLICT']);
    const unknown = await stack.query<any>(DESCRIBE, { id: '00000000-0000-4000-8000-000000000000', caseSummary: 'Lost' }, { token: tokens.secretariat });
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
    expect((await sql('SELECT case_summary, incident_region, version FROM complaint WHERE id = ?', [target.id]))[0]).toEqual(before);

    // What the company reads as "last changed": the summary alone (which it never reads) does not move it.
    const companyUpdatedAt = async () =>
      (await stack.query<any>(`query U($id: ID!) { complaint(id: $id) { updatedAt } }`, { id: target.id }, { token: tokens.aegis })).data.complaint.updatedAt as string;
    const updatedBefore = await companyUpdatedAt();
    const summaryOnly = await stack.query<any>(DESCRIBE, { id: target.id, caseSummary: 'First thoughts', expectedVersion: target.version }, { token: tokens.secretariat });
    expect(summaryOnly.errors).toBeUndefined();
    expect(await companyUpdatedAt()).toBe(updatedBefore);
    const done = await stack.query<any>(
      DESCRIBE,
      { id: target.id, caseSummary: 'Night raid at the Kabul compound — نقطة تفتيش', incidentRegion: 'af-kab', expectedVersion: target.version + 1 },
      { token: tokens.secretariat },
    );
    // The same region as given when filing: still nothing the company reads has changed.
    expect(await companyUpdatedAt()).toBe(updatedBefore);
    expect(done.errors).toBeUndefined();
    expect(done.data.describeComplaintCase).toEqual({
      id: target.id, caseSummary: 'Night raid at the Kabul compound — نقطة تفتيش', incidentRegion: 'AF-KAB', version: target.version + 2,
    });
    // Only the region: the summary stays.
    const region = await stack.query<any>(DESCRIBE, { id: target.id, incidentRegion: 'AF-BAL' }, { token: tokens.secretariat });
    expect(region.data.describeComplaintCase).toMatchObject({ caseSummary: 'Night raid at the Kabul compound — نقطة تفتيش', incidentRegion: 'AF-BAL' });
    // A new region, which the company reads: that is a change for it.
    expect(await companyUpdatedAt()).not.toBe(updatedBefore);
    const found = await list({ filter: { search: 'نقطة' } });
    expect(ids(found.edges.map((e) => e.node))).toEqual([target.id]);
  });

  it('takes the region when filing, checked against the country, and shows it to the complainant', async () => {
    const wrong = await stack.query<any>(SUBMIT, { input: complaintInput({ incidentCountry: 'KE', incidentRegion: 'IQ-BA' }) });
    expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors?.[0].extensions?.field).toBe('input.incidentRegion');
    const filed = await stack.query<any>(SUBMIT, { input: complaintInput({ incidentCountry: 'KE', incidentRegion: 'ke-30' }) });
    expect(filed.errors).toBeUndefined();
    const followUp = await stack.query<any>(
      /* GraphQL */ `query F($code: String!) { complaintByReceipt(receiptCode: $code) { referenceNumber incidentCountry incidentRegion } }`,
      { code: filed.data.submitComplaint.receiptCode },
    );
    expect(followUp.data.complaintByReceipt).toMatchObject({ incidentCountry: 'KE', incidentRegion: 'KE-30' });
    // The complainant has no case summary to read, nor last activity.
    for (const field of ['caseSummary', 'lastActivityAt']) {
      const asks = await stack.query<any>(`query Q($code: String!) { complaintByReceipt(receiptCode: $code) { ${field} } }`, { code: filed.data.submitComplaint.receiptCode });
      expect(asks.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const row = (await sql('SELECT incident_region, last_activity_at, submitted_at FROM complaint WHERE reference_number = ?', [filed.data.submitComplaint.referenceNumber]))[0];
    expect(row.incident_region).toBe('KE-30');
    expect(row.last_activity_at).toBe(row.submitted_at);
  });

  it('shows the region to whoever sees the country, the summary and last activity to the Secretariat alone, _entities alike', async () => {
    const target = all.find((c) => c.caseSummary?.includes(SUMMARY_WORD))!;
    expect(target.company.id).toBe(ORG.aegisMeridian);
    expect(target.incidentRegion).not.toBeNull();
    const secretariat = await stack.query<any>(ONE, { id: target.id }, { token: tokens.secretariat });
    expect(secretariat.errors).toBeUndefined();
    expect(secretariat.data.complaint).toMatchObject({ incidentRegion: target.incidentRegion, caseSummary: target.caseSummary });
    expect(secretariat.data.complaint.lastActivityAt).toBeTruthy();

    const company = await stack.query<any>(ONE, { id: target.id }, { token: tokens.aegis });
    expect(new Set(codes(company))).toEqual(new Set(['FORBIDDEN']));
    expect(company.data.complaint).toMatchObject({ incidentRegion: target.incidentRegion, caseSummary: null, lastActivityAt: null });
    const companyRegion = await stack.query<any>(ONE_REGION, { id: target.id }, { token: tokens.aegis });
    expect(companyRegion.errors).toBeUndefined();
    expect(companyRegion.data.complaint.incidentRegion).toBe(target.incidentRegion);
    for (const token of [tokens.bastion, tokens.partner, undefined]) {
      const response = await stack.query<any>(ONE_REGION, { id: target.id }, { token });
      expect(codes(response)).toEqual(['NOT_FOUND']);
      expect(JSON.stringify(response.data)).not.toContain(SUMMARY_WORD);
    }

    // _entities on the complaints subgraph directly: Organization.complaints.
    const direct = await stack.querySubgraph<any>('complaints', ENTITY, { id: ORG.aegisMeridian }, { token: tokens.secretariat });
    expect(direct.errors).toBeUndefined();
    expect(direct.data._entities[0].complaints.find((c: any) => c.id === target.id)).toMatchObject({ caseSummary: target.caseSummary, incidentRegion: target.incidentRegion });
    const directCompany = await stack.querySubgraph<any>('complaints', ENTITY, { id: ORG.aegisMeridian }, { token: tokens.aegis });
    expect(codes(directCompany).every((code) => code === 'FORBIDDEN')).toBe(true);
    expect(JSON.stringify(directCompany.data)).not.toContain(SUMMARY_WORD);
    const directRegion = await stack.querySubgraph<any>('complaints', ENTITY_REGION, { id: ORG.aegisMeridian }, { token: tokens.aegis });
    expect(directRegion.errors).toBeUndefined();
    expect(directRegion.data._entities[0].complaints.find((c: any) => c.id === target.id).incidentRegion).toBe(target.incidentRegion);
    for (const [token, code] of [[tokens.bastion, 'FORBIDDEN'], [tokens.partner, 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
      const response = await stack.querySubgraph<any>('complaints', ENTITY_REGION, { id: ORG.aegisMeridian }, { token });
      expect(codes(response)).toEqual([code]);
      expect(response.data._entities[0].complaints).toBeNull();
    }
  });

  it('moves the last activity on a message, a note, a status change and a response, without a new version', async () => {
    const target = all.find((c) => receipts.has(c.referenceNumber) && c.company.id === ORG.aegisMeridian && c.status === 'RECEIVED')!;
    const state = async () => (await stack.query<any>(ONE, { id: target.id }, { token: tokens.secretariat })).data.complaint.lastActivityAt as string;
    const version = async () => (await sql('SELECT version FROM complaint WHERE id = ?', [target.id]))[0].version;
    const first = async (orderBy: string) => (await list({ orderBy, first: 1 })).edges[0].node.id;
    const start = await state();
    const versionBefore = await version();
    expect(start < '2026-12-01').toBe(true); // the fixture above set it months back

    const message = await stack.query<any>(SEND_MESSAGE, { code: receipts.get(target.referenceNumber), body: 'Any news?' });
    expect(message.errors).toBeUndefined();
    const afterMessage = await state();
    expect(afterMessage > start).toBe(true);
    expect(await version()).toBe(versionBefore);
    expect(await first('LAST_ACTIVITY')).toBe(target.id);
    expect(await first('OLDEST_WAITING')).not.toBe(target.id);

    // Another complaint's note puts that one first; then this one's note brings it back.
    const other = all.find((c) => c.id !== target.id && receipts.has(c.referenceNumber))!;
    expect((await stack.query<any>(ADD_NOTE, { complaintId: other.id, text: 'Called the site manager.' }, { token: tokens.secretariat })).errors).toBeUndefined();
    expect(await first('LAST_ACTIVITY')).toBe(other.id);
    expect((await stack.query<any>(ADD_NOTE, { complaintId: target.id, text: 'Asked the company for the gate log.' }, { token: tokens.secretariat })).errors).toBeUndefined();
    const afterNote = await state();
    expect(afterNote > afterMessage).toBe(true);
    expect(await first('LAST_ACTIVITY')).toBe(target.id);
    expect(await version()).toBe(versionBefore);

    const advance = await stack.query<any>(
      /* GraphQL */ `mutation A($id: ID!) { advanceComplaint(id: $id, to: UNDER_ASSESSMENT, note: "Assessing") { lastActivityAt } }`,
      { id: target.id },
      { token: tokens.secretariat },
    );
    expect(advance.errors).toBeUndefined();
    expect(advance.data.advanceComplaint.lastActivityAt > afterNote).toBe(true);
    const respond = await stack.query<any>(
      /* GraphQL */ `mutation R($id: ID!) { respondToComplaint(id: $id, body: "We are looking into it.") { id } }`,
      { id: target.id },
      { token: tokens.aegis },
    );
    expect(respond.errors).toBeUndefined();
    expect((await state()) > advance.data.advanceComplaint.lastActivityAt).toBe(true);
    // Messages stay the complainant's and the Secretariat's: the follow-up is unchanged in shape.
    expect((await stack.query<any>(FOLLOW_UP, { code: receipts.get(target.referenceNumber) })).errors).toBeUndefined();
  });

  it('agrees with the real assignments and stage moves: officer filters, overdue, NEXT_DEADLINE and complaintsDue', async () => {
    type Row = { id: string; status: string; stageDueAt: string | null; overdue: boolean; lastActivityAt: string; assignedOfficer: { subject: string } | null };
    const read = (variables: Record<string, unknown> = {}) =>
      readAllPages<Row>(stack, DEADLINE_LIST, 'complaints', { first: 100, ...variables }, tokens.secretariat);
    const due = (officer?: string) => readAllPages<Row>(stack, DUE, 'complaintsDue', { first: 7, officer }, tokens.secretariat);
    const officerIds = async (subject: string) => ids(await read({ filter: { assignedOfficer: subject } }));
    const version = async (id: string) => Number((await sql('SELECT version FROM complaint WHERE id = ?', [id]))[0].version);
    const secretariat = (query: string, variables: Record<string, unknown>) => stack.query<any>(query, variables, { token: tokens.secretariat });
    const plusDays = (at: number, days: number) => new Date(at + days * 86_400_000).toISOString();

    // Still RECEIVED, held by nobody, due from its filing (not one of the fixtures' dates).
    const target = (await read()).find(
      (c) => c.status === 'RECEIVED' && c.assignedOfficer === null && c.stageDueAt !== null && !c.overdue && c.stageDueAt < '2090',
    )!;
    expect(target).toBeDefined();

    // Assigned: the officer's filter, the unassigned filter and the officer's due list all say so at once.
    const assigned = await secretariat(ASSIGN, { id: target.id, officer: { subject: 'officer-seam', name: 'Seam' }, expectedVersion: await version(target.id) });
    expect(assigned.errors).toBeUndefined();
    expect(await officerIds('officer-seam')).toEqual([target.id]);
    expect(ids(await read({ filter: { unassigned: true } }))).not.toContain(target.id);
    expect(ids(await due('officer-seam'))).toEqual([target.id]);
    // Reassigned: the first officer's lists are empty, the second's hold it.
    const reassigned = await secretariat(ASSIGN, { id: target.id, officer: { subject: 'officer-seam-2', name: 'Seam Two' }, expectedVersion: await version(target.id) });
    expect(reassigned.errors).toBeUndefined();
    expect(await officerIds('officer-seam')).toEqual([]);
    expect(await due('officer-seam')).toEqual([]);
    expect(await officerIds('officer-seam-2')).toEqual([target.id]);
    expect(ids(await due('officer-seam-2'))).toEqual([target.id]);
    // Assignment and the case description are the Secretariat's bookkeeping, not activity on the case
    // (docs/casework.md): the last activity stays where the message, note, move or response left it.
    expect((await secretariat(DESCRIBE, { id: target.id, caseSummary: 'Seam between the parts' })).errors).toBeUndefined();
    expect((await read({ filter: { assignedOfficer: 'officer-seam-2' } }))[0].lastActivityAt).toBe(target.lastActivityAt);

    // Moved on: the new stage is due 30 days from the move, so it leaves "due this week" and goes back in NEXT_DEADLINE.
    const before = Date.now();
    const moved = await secretariat(ADVANCE, { id: target.id, to: 'UNDER_ASSESSMENT' });
    expect(moved.errors).toBeUndefined();
    const { stageDueAt } = moved.data.advanceComplaint;
    expect(stageDueAt >= plusDays(before, 30) && stageDueAt <= plusDays(Date.now(), 30)).toBe(true);
    expect(moved.data.advanceComplaint.lastActivityAt > target.lastActivityAt).toBe(true);
    expect(await due('officer-seam-2')).toEqual([]);
    const byDeadline = async () => {
      const rows = await read({ orderBy: 'NEXT_DEADLINE', first: 9 });
      // Pages of 9 cross from the dated complaints to the settled ones without a skip or a repeat.
      expect(ids(rows)).toEqual(ids(await read({ orderBy: 'NEXT_DEADLINE', first: 100 })));
      expect(new Set(ids(rows)).size).toBe(rows.length);
      const dated = rows.filter((c) => c.stageDueAt !== null);
      // Due dates soonest first, then every complaint without one.
      expect(rows.slice(0, dated.length)).toEqual(dated);
      expect(dated.map((c) => c.stageDueAt)).toEqual(dated.map((c) => c.stageDueAt).sort());
      return rows;
    };
    const withDue = await byDeadline();
    const at = withDue.findIndex((c) => c.id === target.id);
    expect(withDue.slice(0, at).every((c) => c.stageDueAt! <= stageDueAt)).toBe(true);
    expect(withDue.slice(at + 1).every((c) => c.stageDueAt === null || c.stageDueAt >= stageDueAt)).toBe(true);

    // Settled: no due date, never overdue, last in NEXT_DEADLINE, in no due list; still its officer's.
    const settled = await secretariat(ADVANCE, { id: target.id, to: 'INADMISSIBLE' });
    expect(settled.errors).toBeUndefined();
    expect(settled.data.advanceComplaint.stageDueAt).toBeNull();
    const afterSettling = await byDeadline();
    expect(afterSettling.find((c) => c.id === target.id)).toMatchObject({ stageDueAt: null, overdue: false });
    expect(ids(await read({ filter: { overdue: false, assignedOfficer: 'officer-seam-2' } }))).toEqual([target.id]);
    expect(ids(await due())).not.toContain(target.id);

    // complaintsDue and the case list agree: its overdue part is the list's `overdue: true`, and the whole of it
    // is NEXT_DEADLINE's first complaints (the same order, due date then id) up to a week from now.
    const dueNow = await due();
    const overdue = await read({ filter: { overdue: true } });
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((c) => c.overdue)).toBe(true);
    expect((await read({ filter: { overdue: false } })).every((c) => !c.overdue)).toBe(true);
    expect(new Set(ids(dueNow.filter((c) => c.overdue)))).toEqual(new Set(ids(overdue)));
    const weekEnd = plusDays(Date.now(), 7);
    const expectedDue = ids(afterSettling.filter((c) => c.stageDueAt !== null && c.stageDueAt < weekEnd));
    expect(expectedDue.length).toBeGreaterThan(overdue.length);
    expect(ids(dueNow)).toEqual(expectedDue);
  });

  it('costs the same number of statements in the complaints subgraph for 5 and 50 rows, filtered, in every order', async () => {
    const filter = { countries: ['IQ', 'AF', 'NG', 'KE'], statuses: ['RECEIVED', 'UNDER_ASSESSMENT'], provisions: PROVISIONS.flat() };
    const statementsFor = async (orderBy: string, first: number) => {
      const complaints = stack.subgraphs.complaints.database.statements;
      const before = complaints.count;
      const response = await stack.query<any>(SCREEN, { filter, orderBy, first }, { token: tokens.secretariat });
      expect(response.errors).toBeUndefined();
      expect(response.data.complaints.edges).toHaveLength(first);
      expect(response.data.complaints.edges.every((e: any) => e.node.company.name && e.node.allegations.length > 0)).toBe(true);
      return complaints.count - before;
    };
    for (const orderBy of ORDERS) {
      const five = await statementsFor(orderBy, 5);
      const fifty = await statementsFor(orderBy, 50);
      expect(fifty, orderBy).toBe(five);
      // The page (and, for a nullable order's last rows, the rows without a value), its count, the allegations.
      expect(five, orderBy).toBeLessThanOrEqual(orderBy === 'NEXT_DEADLINE' ? 4 : 3);
    }
  });
});
