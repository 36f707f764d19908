import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadComplaintsConfig } from '../services/complaints/src/config';
import { ComplaintsInitial1764547200000 } from '../services/complaints/src/migrations/1764547200000-complaints-initial';
import { ComplaintsCompanyCheck1795910400000 } from '../services/complaints/src/migrations/1795910400000-complaints-company-check';
import { ComplaintsTextInAnyScript1796200000000 } from '../services/complaints/src/migrations/1796200000000-complaints-text-in-any-script';
import { ComplaintsInternalNotes1796400000000 } from '../services/complaints/src/migrations/1796400000000-complaints-internal-notes';
import { ComplaintsCasework1796800000000 } from '../services/complaints/src/migrations/1796800000000-complaints-casework';
import { ComplaintsCaseOfficersAndDeadlines1796800000200 } from '../services/complaints/src/migrations/1796800000200-complaints-case-officers-and-deadlines';
import { checkAssignmentChange, checkOfficer } from '../services/complaints/src/case-officer/case-officer.rules';
import {
  DEFAULT_STAGE_TARGET_DAYS,
  dueWindowEnd,
  isOverdue,
  parseStageTargets,
  stageDueAt,
} from '../services/complaints/src/stage-deadline/stage-deadline.rules';
import { ComplaintStatus } from '../services/complaints/src/complaint/complaint.enums';
import { runCompanyChecks } from '../services/complaints/src/complaint/company-check.service';
import { ConfigError, createLogger, loadSubgraphConfig, openDatabase, type DatabaseConfig, type PeerClient } from '../services/shared/src';
import { complaintInput, ORG, SUBMIT } from './support/complaints';
import { createMysqlDatabase, DATABASES } from './support/databases';
import { codes, startStack, type Stack } from './support/stack';

const DAY_MS = 86_400_000;
const plusDays = (at: string, days: number) => new Date(Date.parse(at) + days * DAY_MS).toISOString();

const ASSIGN = /* GraphQL */ `
  mutation Assign($id: ID!, $officer: CaseOfficerInput, $expectedVersion: Int!) {
    assignComplaint(id: $id, officer: $officer, expectedVersion: $expectedVersion) {
      id version updatedAt
      assignedOfficer { subject name since }
      assignmentHistory { officerSubject officerName assignedBy from until endedBy }
    }
  }
`;
const CASEWORK = /* GraphQL */ `
  query Casework($id: ID!) {
    complaint(id: $id) {
      id status version
      assignedOfficer { subject name since }
      assignmentHistory { officerSubject officerName assignedBy from until endedBy }
      stageDueAt overdue
      timeline { sequence toStatus occurredAt }
    }
  }
`;
const DEADLINE = /* GraphQL */ `
  query Deadline($id: ID!) { complaint(id: $id) { id status version stageDueAt overdue timeline { occurredAt } } }
`;
const ADVANCE = /* GraphQL */ `
  mutation Advance($id: ID!, $to: ComplaintStatus!, $outcome: String) {
    advanceComplaint(id: $id, to: $to, note: "Moved on", outcome: $outcome) {
      id status version stageDueAt overdue timeline { occurredAt }
    }
  }
`;
const DUE = /* GraphQL */ `
  query Due($officer: String, $first: Int, $after: String) {
    complaintsDue(assignedOfficer: $officer, first: $first, after: $after) {
      totalCount
      edges { cursor node { id status stageDueAt overdue assignedOfficer { subject } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
/** Each field alone, so each role's answer for it can be told apart. */
const FIELD_QUERIES: Record<string, string> = {
  assignedOfficer: 'query Q($id: ID!) { complaint(id: $id) { id assignedOfficer { subject name since } } }',
  assignmentHistory: 'query Q($id: ID!) { complaint(id: $id) { id assignmentHistory { officerName } } }',
  stageDueAt: 'query Q($id: ID!) { complaint(id: $id) { id stageDueAt } }',
  overdue: 'query Q($id: ID!) { complaint(id: $id) { id overdue } }',
};
const ENTITY_CASEWORK = /* GraphQL */ `
  query EntityCasework($id: ID!) {
    _entities(representations: [{ __typename: "Organization", id: $id }]) {
      ... on Organization { id complaints { id assignedOfficer { name } assignmentHistory { officerName } stageDueAt overdue } }
    }
  }
`;
const OWN_LIST = /* GraphQL */ `
  query Own { complaints(first: 100) { edges { node { id assignedOfficer { name } stageDueAt overdue } } } }
`;
const PAGE_WITH_OFFICERS = /* GraphQL */ `
  query Page($first: Int) {
    complaints(first: $first) {
      edges { node { id stageDueAt overdue assignedOfficer { subject name since } assignmentHistory { officerName from until } } }
    }
  }
`;

/** A distinctive officer's name: searched for in what others are answered. */
const OFFICER = { subject: 'officer-amara', name: 'Amara Oyelaran-Whitcombe' };
const OTHER_OFFICER = { subject: 'officer-lucas', name: 'Lúcas Ferreira-Nakagawa' };
// The stack's targets: two set here, the others kept at their defaults (GOOD_OFFICES: 90 days).
const TARGETS = 'RECEIVED=P2D, under_assessment=P3W';

describe.each(DATABASES)('case officers and stage deadlines on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string> = {};

  async function file(overrides: Record<string, unknown> = {}) {
    const receipt = await stack.query<any>(SUBMIT, { input: complaintInput(overrides) });
    expect(receipt.errors).toBeUndefined();
    const rows = await stack.subgraphs.complaints.database.dataSource.query(
      'SELECT id FROM complaint WHERE reference_number = ?',
      [receipt.data.submitComplaint.referenceNumber],
    );
    return { id: rows[0].id as string, ...(receipt.data.submitComplaint as { receiptCode: string; submittedAt: string }) };
  }
  const secretariat = <T = any>(query: string, variables: Record<string, unknown>) =>
    stack.query<T>(query, variables, { token: tokens.secretariat });
  const version = async (id: string): Promise<number> => (await secretariat(DEADLINE, { id })).data.complaint.version;
  const assign = async (id: string, officer: { subject: string; name: string } | null) =>
    secretariat(ASSIGN, { id, officer, expectedVersion: await version(id) });
  const complaintRow = async (id: string) =>
    (
      await stack.subgraphs.complaints.database.dataSource.query(
        'SELECT version, assigned_officer_subject AS officer, stage_due_at AS due FROM complaint WHERE id = ?',
        [id],
      )
    )[0];
  const assignmentRows = async (id: string): Promise<unknown[]> =>
    stack.subgraphs.complaints.database.dataSource.query('SELECT id FROM complaint_assignment WHERE complaint_id = ?', [id]);
  /**
   * Test fixture: moves a stage's due date, standing in for the clock passing (the stack has no test clock:
   * `nowTimestamp` is the real time). Written straight to the row, as only the passing of time would change it.
   */
  const setDue = (id: string, due: string | null) =>
    stack.subgraphs.complaints.database.dataSource.query('UPDATE complaint SET stage_due_at = ? WHERE id = ?', [due, id]);

  beforeAll(async () => {
    stack = await startStack({ database, only: ['membership', 'complaints'], env: { COMPLAINT_STAGE_TARGETS: TARGETS } });
    tokens.secretariat = await stack.token('secretariat');
    tokens.aegis = await stack.token('member', ORG.aegisMeridian);
    tokens.bastion = await stack.token('member', ORG.bastionShield);
    tokens.partner = await stack.token('partner');
  });
  afterAll(() => stack?.stop());

  it('dates each stage from when it began by its target, and clears the date once settled', async () => {
    const filed = await file();
    const received = (await secretariat(DEADLINE, { id: filed.id })).data.complaint;
    // RECEIVED=P2D from the setting: due two days after filing.
    expect(received).toMatchObject({ status: 'RECEIVED', stageDueAt: plusDays(filed.submittedAt, 2), overdue: false });

    const assessed = await secretariat(ADVANCE, { id: filed.id, to: 'UNDER_ASSESSMENT' });
    expect(assessed.errors).toBeUndefined();
    const assessedAt = assessed.data.advanceComplaint.timeline.at(-1).occurredAt;
    expect(assessed.data.advanceComplaint).toMatchObject({ stageDueAt: plusDays(assessedAt, 21), overdue: false });

    const goodOffices = await secretariat(ADVANCE, { id: filed.id, to: 'GOOD_OFFICES' });
    expect(goodOffices.errors).toBeUndefined();
    const goodOfficesAt = goodOffices.data.advanceComplaint.timeline.at(-1).occurredAt;
    // Not in the setting: the default target of 90 days.
    expect(goodOffices.data.advanceComplaint.stageDueAt).toBe(plusDays(goodOfficesAt, 90));

    // A stage that had passed its date: overdue until the complaint moves on.
    await setDue(filed.id, plusDays(new Date().toISOString(), -1));
    expect((await secretariat(DEADLINE, { id: filed.id })).data.complaint.overdue).toBe(true);
    const resolved = await secretariat(ADVANCE, { id: filed.id, to: 'RESOLVED', outcome: 'Apology and compensation agreed.' });
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data.advanceComplaint).toMatchObject({ status: 'RESOLVED', stageDueAt: null, overdue: false });
    const closed = await secretariat(ADVANCE, { id: filed.id, to: 'CLOSED' });
    expect(closed.data.advanceComplaint).toMatchObject({ status: 'CLOSED', stageDueAt: null, overdue: false });
    expect((await complaintRow(filed.id)).due).toBeNull();
  });

  it('turns the overdue flag on once the due date passes, at the moment of asking', async () => {
    const filed = await file();
    expect((await secretariat(DEADLINE, { id: filed.id })).data.complaint.overdue).toBe(false);
    // The clock passing the due date: a second ago, then a second ahead.
    await setDue(filed.id, new Date(Date.now() - 1000).toISOString());
    expect((await secretariat(DEADLINE, { id: filed.id })).data.complaint.overdue).toBe(true);
    await setDue(filed.id, new Date(Date.now() + 60_000).toISOString());
    expect((await secretariat(DEADLINE, { id: filed.id })).data.complaint.overdue).toBe(false);
    // Found inadmissible: settled, so never overdue, whatever the date said.
    await setDue(filed.id, new Date(Date.now() - 1000).toISOString());
    await secretariat(ADVANCE, { id: filed.id, to: 'UNDER_ASSESSMENT' });
    const inadmissible = await secretariat(
      /* GraphQL */ `mutation($id: ID!) { advanceComplaint(id: $id, to: INADMISSIBLE, note: "Outside the Code", audience: COMPLAINANT_AND_COMPANY) { stageDueAt overdue } }`,
      { id: filed.id },
    );
    expect(inadmissible.data.advanceComplaint).toEqual({ stageDueAt: null, overdue: false });
  });

  it('assigns, reassigns and unassigns a complaint, keeping every period with its dates and who decided', async () => {
    const filed = await file();
    const before = (await secretariat(CASEWORK, { id: filed.id })).data.complaint;
    expect(before).toMatchObject({ assignedOfficer: null, assignmentHistory: [] });

    const first = await assign(filed.id, OFFICER);
    expect(first.errors).toBeUndefined();
    const assigned = first.data.assignComplaint;
    expect(assigned.version).toBe(before.version + 1);
    expect(assigned.assignedOfficer).toMatchObject(OFFICER);
    expect(assigned.assignmentHistory).toEqual([
      { officerSubject: OFFICER.subject, officerName: OFFICER.name, assignedBy: 'test-secretariat', from: assigned.assignedOfficer.since, until: null, endedBy: null },
    ]);

    const second = await assign(filed.id, OTHER_OFFICER);
    expect(second.errors).toBeUndefined();
    const reassigned = second.data.assignComplaint;
    expect(reassigned.assignedOfficer).toMatchObject(OTHER_OFFICER);
    const [held, holding] = reassigned.assignmentHistory;
    // The first period ends the moment the second begins.
    expect(held).toMatchObject({ officerSubject: OFFICER.subject, from: assigned.assignedOfficer.since, endedBy: 'test-secretariat' });
    expect(held.until).toBe(holding.from);
    expect(held.until >= held.from).toBe(true);
    expect(holding).toMatchObject({ officerSubject: OTHER_OFFICER.subject, officerName: OTHER_OFFICER.name, until: null });
    expect(reassigned.assignedOfficer.since).toBe(holding.from);

    const third = await assign(filed.id, null);
    expect(third.errors).toBeUndefined();
    expect(third.data.assignComplaint.assignedOfficer).toBeNull();
    const history = third.data.assignComplaint.assignmentHistory;
    expect(history.map((p: any) => p.officerSubject)).toEqual([OFFICER.subject, OTHER_OFFICER.subject]);
    expect(history.every((p: any) => p.until !== null)).toBe(true);
    // Assignment is no status change: the stage's due date and the timeline stay as they were.
    const after = (await secretariat(CASEWORK, { id: filed.id })).data.complaint;
    expect(after.stageDueAt).toBe(before.stageDueAt);
    expect(after.timeline).toEqual(before.timeline);
    expect(after.assignmentHistory).toEqual(history);
  });

  it('refuses a stale version with CONFLICT and bad input with its code, changing nothing', async () => {
    const filed = await file();
    await assign(filed.id, OFFICER);
    const rowBefore = await complaintRow(filed.id);
    const periodsBefore = (await assignmentRows(filed.id)).length;

    const stale = await secretariat(ASSIGN, { id: filed.id, officer: OTHER_OFFICER, expectedVersion: rowBefore.version - 1 });
    expect(codes(stale)).toEqual(['CONFLICT']);
    const cases: [Record<string, unknown> | null, string][] = [
      [{ subject: '', name: 'Somebody' }, 'officer.subject'],
      [{ subject: 'two words', name: 'Somebody' }, 'officer.subject'],
      [{ subject: 'x'.repeat(101), name: 'Somebody' }, 'officer.subject'],
      [{ subject: 'officer-nameless', name: '   ' }, 'officer.name'],
      [{ subject: 'officer-long', name: 'N'.repeat(201) }, 'officer.name'],
      // Already theirs.
      [OFFICER, 'officer.subject'],
    ];
    for (const [officer, field] of cases) {
      const response = await secretariat(ASSIGN, { id: filed.id, officer, expectedVersion: rowBefore.version });
      expect(codes(response), JSON.stringify(officer)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(response.errors)).toContain(field);
    }
    const unknown = await secretariat(ASSIGN, { id: '00000000-0000-4000-8000-000000000000', officer: OFFICER, expectedVersion: 1 });
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
    expect(await complaintRow(filed.id)).toEqual(rowBefore);
    expect((await assignmentRows(filed.id)).length).toBe(periodsBefore);

    // Unassigning a complaint nobody holds.
    const loose = await file();
    const nobody = await secretariat(ASSIGN, { id: loose.id, officer: null, expectedVersion: await version(loose.id) });
    expect(codes(nobody)).toEqual(['BAD_USER_INPUT']);
    expect(await assignmentRows(loose.id)).toHaveLength(0);
  });

  it('shows who is assigned and the deadlines to the Secretariat alone: not the company, partners, the public or the complainant', async () => {
    const filed = await file();
    expect((await assign(filed.id, OFFICER)).errors).toBeUndefined();

    for (const [field, query] of Object.entries(FIELD_QUERIES)) {
      const own = await secretariat(query, { id: filed.id });
      expect(own.errors, field).toBeUndefined();
      // The company complained about sees its complaint, not these fields; others do not see the complaint at all.
      for (const [token, code] of [
        [tokens.aegis, 'FORBIDDEN'],
        [tokens.bastion, 'NOT_FOUND'],
        [tokens.partner, 'NOT_FOUND'],
        [undefined, 'NOT_FOUND'],
      ] as const) {
        const response = await stack.query<any>(query, { id: filed.id }, { token });
        expect(codes(response), `${field} ${code}`).toEqual([code]);
        expect(JSON.stringify(response.data ?? null)).not.toContain(OFFICER.name);
        expect(JSON.stringify(response.data ?? null)).not.toContain(OFFICER.subject);
      }
    }
    // The company's own list of complaints: the same refusal, field by field.
    const ownList = await stack.query<any>(OWN_LIST, {}, { token: tokens.aegis });
    expect(new Set(codes(ownList))).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(ownList.data)).not.toContain(OFFICER.name);

    // The complainant follows with the receipt code: the follow-up has no such fields at all.
    for (const field of ['assignedOfficer { name }', 'stageDueAt', 'overdue', 'assignmentHistory { officerName }']) {
      const asked = await stack.query<any>(
        `query Q($code: String!) { complaintByReceipt(receiptCode: $code) { status ${field} } }`,
        { code: filed.receiptCode },
      );
      expect(codes(asked)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }

    // Straight to the subgraph through `_entities`, as through the gateway.
    for (const [token, expected] of [
      [undefined, ['UNAUTHENTICATED']],
      [tokens.partner, ['FORBIDDEN']],
      [tokens.bastion, ['FORBIDDEN']],
    ] as const) {
      const direct = await stack.querySubgraph<any>('complaints', ENTITY_CASEWORK, { id: ORG.aegisMeridian }, { token });
      expect(codes(direct)).toEqual(expected);
      expect(direct.data._entities[0].complaints).toBeNull();
    }
    const company = await stack.querySubgraph<any>('complaints', ENTITY_CASEWORK, { id: ORG.aegisMeridian }, { token: tokens.aegis });
    expect(new Set(codes(company))).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(company.data)).not.toContain(OFFICER.name);
    const ours = await stack.querySubgraph<any>('complaints', ENTITY_CASEWORK, { id: ORG.aegisMeridian }, { token: tokens.secretariat });
    expect(ours.errors).toBeUndefined();
    const mine = ours.data._entities[0].complaints.find((c: any) => c.id === filed.id);
    expect(mine).toMatchObject({ assignedOfficer: { name: OFFICER.name }, assignmentHistory: [{ officerName: OFFICER.name }], overdue: false });
    expect(mine.stageDueAt).toBe(plusDays(filed.submittedAt, 2));

    // Only the Secretariat assigns, and only it asks what is due.
    for (const [token, code] of [
      [undefined, 'UNAUTHENTICATED'],
      [tokens.partner, 'FORBIDDEN'],
      [tokens.bastion, 'FORBIDDEN'],
      [tokens.aegis, 'FORBIDDEN'],
    ] as const) {
      const assignAsOther = await stack.query<any>(ASSIGN, { id: filed.id, officer: OTHER_OFFICER, expectedVersion: await version(filed.id) }, { token });
      expect(codes(assignAsOther)).toEqual([code]);
      const due = await stack.query<any>(DUE, {}, { token });
      expect(codes(due)).toEqual([code]);
      expect(due.data?.complaintsDue ?? null).toBeNull();
    }
    expect((await complaintRow(filed.id)).officer).toBe(OFFICER.subject);
  });

  it('lists what is overdue and what falls due in the next 7 days, overdue first, in pages', async () => {
    const officer = { subject: 'officer-due-list', name: 'Due List' };
    const now = Date.now();
    const at = (days: number) => new Date(now + days * DAY_MS).toISOString();
    const made: Record<string, string> = {};
    for (const [key, due] of [
      ['longOverdue', at(-10)],
      ['overdue', at(-1)],
      ['inThreeDays', at(3)],
      ['inSixDays', at(6.9)],
      ['nextWeek', at(7.5)],
      ['inAMonth', at(30)],
    ] as const) {
      const filed = await file();
      await setDue(filed.id, due);
      expect((await assign(filed.id, officer)).errors).toBeUndefined();
      made[key] = filed.id;
    }
    // Settled: no due date, never listed.
    const settled = await file();
    await assign(settled.id, officer);
    await secretariat(ADVANCE, { id: settled.id, to: 'UNDER_ASSESSMENT' });
    await secretariat(
      /* GraphQL */ `mutation($id: ID!) { advanceComplaint(id: $id, to: INADMISSIBLE, note: "Outside the Code", audience: COMPLAINANT_AND_COMPANY) { id } }`,
      { id: settled.id },
    );
    // Due tomorrow but another officer's: in the list of all, not in this officer's.
    const others = await file();
    await setDue(others.id, at(1));
    await assign(others.id, OTHER_OFFICER);

    const mine = await secretariat(DUE, { officer: officer.subject, first: 100 });
    expect(mine.errors).toBeUndefined();
    expect(mine.data.complaintsDue.edges.map((e: any) => e.node.id)).toEqual([
      made.longOverdue,
      made.overdue,
      made.inThreeDays,
      made.inSixDays,
    ]);
    expect(mine.data.complaintsDue.edges.map((e: any) => e.node.overdue)).toEqual([true, true, false, false]);
    expect(mine.data.complaintsDue.totalCount).toBe(4);

    // Page by page, the same list.
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await secretariat(DUE, { officer: officer.subject, first: 3, after });
      expect(page.errors).toBeUndefined();
      ids.push(...page.data.complaintsDue.edges.map((e: any) => e.node.id));
      after = page.data.complaintsDue.pageInfo.hasNextPage ? page.data.complaintsDue.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toEqual(mine.data.complaintsDue.edges.map((e: any) => e.node.id));

    // Everyone's: the same order rule (overdue first, then by due date), the others' complaint in, the far ones out.
    const all = await secretariat(DUE, { first: 100 });
    expect(all.errors).toBeUndefined();
    const nodes = all.data.complaintsDue.edges.map((e: any) => e.node);
    const listed = nodes.map((n: any) => n.id);
    expect(listed).toContain(others.id);
    for (const absent of [made.nextWeek, made.inAMonth, settled.id]) expect(listed).not.toContain(absent);
    const dues = nodes.map((n: any) => n.stageDueAt);
    expect([...dues].sort()).toEqual(dues);
    const firstNotOverdue = nodes.findIndex((n: any) => !n.overdue);
    expect(nodes.slice(firstNotOverdue).every((n: any) => !n.overdue)).toBe(true);
    expect(nodes.every((n: any) => n.stageDueAt < dueWindowEnd(new Date().toISOString()))).toBe(true);

    const bad = await secretariat(DUE, { first: 0 });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const forged = await secretariat(DUE, { after: 'not-a-cursor' });
    expect(codes(forged)).toEqual(['BAD_USER_INPUT']);
  });

  it('reads officers and histories of a page of 50 complaints in as many statements as of 5', async () => {
    const existing = (await secretariat(PAGE_WITH_OFFICERS, { first: 100 })).data.complaints.edges.length;
    for (let index = existing; index < 50; index++) {
      const filed = await file();
      expect((await assign(filed.id, { subject: `officer-${index % 3}`, name: `Officer ${index % 3}` })).errors).toBeUndefined();
    }
    const statementsFor = async (first: number) => {
      const before = stack.statements();
      const page = await secretariat(PAGE_WITH_OFFICERS, { first });
      expect(page.errors).toBeUndefined();
      expect(page.data.complaints.edges).toHaveLength(first);
      expect(page.data.complaints.edges.some((e: any) => e.node.assignmentHistory.length > 0)).toBe(true);
      return stack.statements() - before;
    };
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(fifty).toBe(five);
    // And the due list with the same fields.
    const dueStatements = async (first: number) => {
      const before = stack.statements();
      const page = await secretariat(
        /* GraphQL */ `query($first: Int) { complaintsDue(first: $first) { edges { node { id assignedOfficer { name since } assignmentHistory { officerName } } } } }`,
        { first },
      );
      expect(page.errors).toBeUndefined();
      return stack.statements() - before;
    };
    expect(await dueStatements(50)).toBe(await dueStatements(5));
  });

  it('refuses to start with bad stage targets, saying what is wrong', async () => {
    for (const [targets, message] of [
      ['CLOSED=P10D', /CLOSED is settled/],
      ['WAITING=P10D', /not a status a complaint waits in/],
      ['RECEIVED=10', /RECEIVED=10: the target must be a duration/],
      ['RECEIVED=P0D', /RECEIVED=P0D/],
      ['RECEIVED=P14D,RECEIVED=P7D', /RECEIVED is given twice/],
      ['RECEIVED', /must be <status>=<duration>/],
    ] as const) {
      await expect(stack.anotherReplica('complaints', { COMPLAINT_STAGE_TARGETS: targets })).rejects.toThrow(message);
    }
  });

  // Last: it stops the membership subgraph.
  it('starts the clock at filing when the company check is pending, and stops it when the check fails', async () => {
    await stack.subgraphs.membership.stop();
    const filed = await file();
    const rows = await stack.subgraphs.complaints.database.dataSource.query('SELECT company_check AS companyCheck FROM complaint WHERE id = ?', [filed.id]);
    expect(rows[0].companyCheck).toBe('PENDING');
    const pending = (await secretariat(DEADLINE, { id: filed.id })).data.complaint;
    expect(pending).toMatchObject({ status: 'RECEIVED', stageDueAt: plusDays(filed.submittedAt, 2), overdue: false });

    // The register answers at last that the company is none it takes complaints against: INADMISSIBLE, settled, no date.
    // (A stand-in for the membership subgraph, which is stopped; the complaints database is the real one.)
    const notACompany: PeerClient = { query: async <T>() => ({ _entities: [null] }) as T };
    const logger = createLogger({ service: 'test', level: 'silent' });
    const round = await runCompanyChecks(stack.subgraphs.complaints.database, notACompany, 60_000, logger, plusDays(filed.submittedAt, 1));
    expect(round.failed).toBe(1);
    const decided = (await secretariat(DEADLINE, { id: filed.id })).data.complaint;
    expect(decided).toMatchObject({ status: 'INADMISSIBLE', stageDueAt: null, overdue: false });
  });
});

/** Filled for complaints filed before deadlines existed: from their last status change. */
describe.each(DATABASES)('the case officers and deadlines migration on %s', (kind) => {
  const logger = createLogger({ service: 'test', level: 'silent' });
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  const earlier = [
    ComplaintsInitial1764547200000,
    ComplaintsCompanyCheck1795910400000,
    ComplaintsTextInAnyScript1796200000000,
    ComplaintsInternalNotes1796400000000,
    ComplaintsCasework1796800000000,
  ];

  it('gives open complaints a due date from their last status change, and settled ones none', async () => {
    let config: DatabaseConfig;
    if (kind === 'mysql') {
      const db = await createMysqlDatabase('deadlines_migration');
      cleanups.push(db.drop);
      config = { kind: 'mysql', url: db.url };
    } else {
      const folder = mkdtempSync(path.join(tmpdir(), 'icoca-deadlines-'));
      cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
      config = { kind: 'sqlite', file: path.join(folder, 'complaints.sqlite') };
    }
    const before = await openDatabase({ config, entities: [], migrations: earlier, logger });
    const complaint = (id: string, status: string, submittedAt: string) =>
      before.dataSource.query(
        'INSERT INTO complaint (id, reference_number, reference_year, reference_sequence, receipt_hash, company_id, kind, status, ' +
          'incident_date, incident_country, description, language, anonymous, submitted_at, updated_at, version) ' +
          "VALUES (?, ?, 2026, ?, ?, 'org-1', 'HARM_TO_COMPLAINANT', ?, '2026-01-02', 'KE', 'What happened', 'en', 1, ?, ?, 1)",
        [id, `ICOCA-2026-00000${id.slice(-1)}`, Number(id.slice(-1)), `hash-${id}`, status, submittedAt, submittedAt],
      );
    const event = (complaintId: string, sequence: number, eventKind: string, toStatus: string, occurredAt: string) =>
      before.dataSource.query(
        'INSERT INTO complaint_event (id, complaint_id, sequence, kind, to_status, audience, actor, occurred_at) ' +
          "VALUES (?, ?, ?, ?, ?, 'COMPLAINANT_AND_COMPANY', 'SECRETARIAT', ?)",
        [`${complaintId}-e${sequence}`, complaintId, sequence, eventKind, toStatus, occurredAt],
      );
    // Never moved: due 7 days after filing.
    await complaint('c-1', 'RECEIVED', '2026-03-01T10:00:00.000Z');
    await event('c-1', 1, 'SUBMITTED', 'RECEIVED', '2026-03-01T10:00:00.000Z');
    // Moved twice, then the company answered: due 90 days after the last move, not after the response.
    await complaint('c-2', 'GOOD_OFFICES', '2026-02-01T08:00:00.000Z');
    await event('c-2', 1, 'SUBMITTED', 'RECEIVED', '2026-02-01T08:00:00.000Z');
    await event('c-2', 2, 'STATUS_CHANGED', 'UNDER_ASSESSMENT', '2026-02-03T08:00:00.000Z');
    await event('c-2', 3, 'STATUS_CHANGED', 'GOOD_OFFICES', '2026-02-20T12:30:00.000Z');
    await event('c-2', 4, 'COMPANY_RESPONSE', 'GOOD_OFFICES', '2026-04-01T09:00:00.000Z');
    // Settled: none.
    await complaint('c-3', 'CLOSED', '2026-01-05T00:00:00.000Z');
    await event('c-3', 1, 'SUBMITTED', 'RECEIVED', '2026-01-05T00:00:00.000Z');
    await complaint('c-4', 'INADMISSIBLE', '2026-01-06T00:00:00.000Z');
    await event('c-4', 1, 'SUBMITTED', 'RECEIVED', '2026-01-06T00:00:00.000Z');
    await event('c-4', 2, 'STATUS_CHANGED', 'INADMISSIBLE', '2026-01-07T00:00:00.000Z');
    await before.close();

    const after = await openDatabase({ config, entities: [], migrations: [...earlier, ComplaintsCaseOfficersAndDeadlines1796800000200], logger });
    cleanups.unshift(() => after.close());
    const rows: { id: string; due: string | null }[] = await after.dataSource.query(
      'SELECT id, stage_due_at AS due FROM complaint ORDER BY id',
    );
    expect(Object.fromEntries(rows.map((row) => [row.id, row.due]))).toEqual({
      'c-1': '2026-03-08T10:00:00.000Z',
      'c-2': '2026-05-21T12:30:00.000Z',
      'c-3': null,
      'c-4': null,
    });
    expect(await after.dataSource.query('SELECT id FROM complaint_assignment')).toEqual([]);
    // An officer's name in any script.
    await after.dataSource.query(
      'INSERT INTO complaint_assignment (id, complaint_id, sequence, officer_subject, officer_name, assigned_from) ' +
        "VALUES ('a-1', 'c-1', 1, 'officer-1', ?, '2026-03-02T00:00:00.000Z')",
      ['ليلى Ōtsuka 🌍'],
    );
    const [stored] = await after.dataSource.query("SELECT officer_name AS name FROM complaint_assignment WHERE id = 'a-1'");
    expect(stored.name).toBe('ليلى Ōtsuka 🌍');
  });
});

describe('stage deadline and assignment rules', () => {
  it('reads targets in days or weeks over the defaults, and refuses anything else', () => {
    expect(parseStageTargets(undefined)).toEqual(DEFAULT_STAGE_TARGET_DAYS);
    expect(parseStageTargets('  ')).toEqual(DEFAULT_STAGE_TARGET_DAYS);
    const targets = parseStageTargets('RECEIVED=P14D, good_offices=P8W');
    expect(targets).toMatchObject({ RECEIVED: 14, GOOD_OFFICES: 56, UNDER_ASSESSMENT: DEFAULT_STAGE_TARGET_DAYS.UNDER_ASSESSMENT });
    for (const bad of ['RESOLVED=P1D', 'RECEIVED=P3651D', 'RECEIVED=P1M', 'RECEIVED=P1D=P2D', '=P1D']) {
      expect(() => parseStageTargets(bad), bad).toThrow();
    }
  });

  it('settles the due date from the start of a stage; settled statuses have none', () => {
    const targets = parseStageTargets('UNDER_REVIEW=P10D');
    expect(stageDueAt(targets, ComplaintStatus.UNDER_REVIEW, '2026-12-25T23:30:00.000Z')).toBe('2027-01-04T23:30:00.000Z');
    for (const settled of [ComplaintStatus.CLOSED, ComplaintStatus.INADMISSIBLE, ComplaintStatus.RESOLVED]) {
      expect(stageDueAt(targets, settled, '2026-12-25T23:30:00.000Z')).toBeNull();
    }
    expect(isOverdue('2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.001Z')).toBe(true);
    expect(isOverdue('2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).toBe(false);
    expect(isOverdue(null, '2030-01-01T00:00:00.000Z')).toBe(false);
    expect(dueWindowEnd('2026-12-06T18:00:00.000Z')).toBe('2026-12-13T18:00:00.000Z');
  });

  it('checks the officer and that an assignment changes something', () => {
    expect(checkOfficer(null)).toBeNull();
    expect(checkOfficer({ subject: ' officer-1 ', name: ' Amara ' })).toEqual({ subject: 'officer-1', name: 'Amara' });
    expect(() => checkAssignmentChange(null, null)).toThrow(/not assigned/);
    expect(() => checkAssignmentChange('officer-1', { subject: 'officer-1', name: 'Amara' })).toThrow(/already assigned/);
    expect(() => checkAssignmentChange('officer-1', { subject: 'officer-2', name: 'Lucas' })).not.toThrow();
  });

  it('refuses bad targets in the settings with a ConfigError naming the setting', () => {
    const settings = (env: Record<string, string>) => loadComplaintsConfig(loadSubgraphConfig('complaints', 4003, { NODE_ENV: 'test', ...env }));
    expect(settings({}).stageTargets).toEqual(DEFAULT_STAGE_TARGET_DAYS);
    expect(settings({ COMPLAINT_STAGE_TARGETS: 'RECEIVED=P3D' }).stageTargets.RECEIVED).toBe(3);
    expect(() => settings({ COMPLAINT_STAGE_TARGETS: 'CLOSED=P3D' })).toThrow(ConfigError);
    expect(() => settings({ COMPLAINT_STAGE_TARGETS: 'CLOSED=P3D' })).toThrow(/complaints: COMPLAINT_STAGE_TARGETS: CLOSED is settled/);
  });
});
