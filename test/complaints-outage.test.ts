import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY_CHECK_FAILED_REASON } from '../services/complaints/src/complaint/complaint.rules';
import { ADVANCE, complaintInput, ORG, SUBMIT } from './support/complaints';
import { DATABASES } from './support/databases';
import { codes, startStack, type Stack } from './support/stack';

/**
 * Store first, check later: a complaint filed while the membership subgraph cannot be asked is stored
 * and answered with its receipt; its company check is retried by the complaints process until
 * membership answers, and then passes, or makes the complaint INADMISSIBLE with a reason the
 * complainant reads.
 */
const RETRY_MS = 250;

const FOLLOW = /* GraphQL */ `
  query Follow($code: String!) {
    complaintByReceipt(receiptCode: $code) {
      referenceNumber status inadmissibilityReason
      timeline { sequence kind fromStatus toStatus note audience actor }
    }
  }
`;
const QUEUE = /* GraphQL */ `
  query Queue($filter: ComplaintFilter) {
    complaints(filter: $filter, first: 100) {
      totalCount
      edges { node { id referenceNumber status companyCheck version inadmissibilityReason } }
    }
  }
`;
const STATISTICS = /* GraphQL */ `
  query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { complaintStatistics { received } } } }
`;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(DATABASES)('complaints while the membership subgraph is down, on %s', (database) => {
  let stack: Stack;
  let membershipAgain: Stack | undefined;
  let membershipPort: number;
  let secretariat: string;
  let aegis: string;
  const filed: Record<string, { referenceNumber: string; receiptCode: string }> = {};

  beforeAll(async () => {
    stack = await startStack({ database, only: ['membership', 'complaints'], env: { COMPANY_CHECK_RETRY_MS: String(RETRY_MS) } });
    secretariat = await stack.token('secretariat');
    aegis = await stack.token('member', ORG.aegisMeridian);
    membershipPort = stack.subgraphs.membership.port;
  });
  afterAll(async () => {
    await membershipAgain?.stop();
    await stack?.stop();
  });

  const queue = async (filter: Record<string, unknown> = {}, token = secretariat) => {
    // `companyCheck` is for the Secretariat alone.
    const query = token === secretariat ? QUEUE : QUEUE.replace('companyCheck ', '');
    const response = await stack.query<any>(query, { filter }, { token });
    expect(response.errors).toBeUndefined();
    return response.data.complaints.edges.map((e: any) => e.node) as Record<string, any>[];
  };
  const byReference = async (referenceNumber: string) => (await queue()).find((c) => c.referenceNumber === referenceNumber)!;
  // The exact count is the Secretariat's (the public total moves only in steps of 5, once a year).
  const received = async (organizationId: string) => {
    const response = await stack.querySubgraph<any>('complaints', STATISTICS, { reps: [{ __typename: 'Organization', id: organizationId }] }, { token: secretariat });
    return response.data._entities[0].complaintStatistics.received as number;
  };
  const attempts = async (referenceNumber: string) => {
    const rows = await stack.subgraphs.complaints.database.dataSource.query(
      'SELECT company_check_attempts AS attempts FROM complaint WHERE reference_number = ?',
      [referenceNumber],
    );
    return Number(rows[0].attempts);
  };

  it('files complaints with membership down: stored, receipt answered, company check pending for the Secretariat', async () => {
    const aegisBefore = await received(ORG.aegisMeridian);
    await stack.subgraphs.membership.stop();
    const cases = { company: ORG.aegisMeridian, state: ORG.arvenia, unknown: randomUUID() };
    for (const [key, companyId] of Object.entries(cases)) {
      const response = await stack.query<any>(SUBMIT, { input: complaintInput({ companyId }) });
      expect(response.errors, key).toBeUndefined();
      expect(response.data.submitComplaint.status).toBe('RECEIVED');
      filed[key] = response.data.submitComplaint;
    }
    for (const receipt of Object.values(filed)) {
      const followed = await stack.query<any>(FOLLOW, { code: receipt.receiptCode });
      expect(followed.errors).toBeUndefined();
      expect(followed.data.complaintByReceipt).toMatchObject({ referenceNumber: receipt.referenceNumber, status: 'RECEIVED' });
    }
    const pending = await queue({ companyCheck: 'PENDING' });
    expect(pending.map((c) => c.referenceNumber).sort()).toEqual(Object.values(filed).map((f) => f.referenceNumber).sort());
    expect(pending.every((c) => c.companyCheck === 'PENDING')).toBe(true);
    expect((await queue({ companyCheck: 'PASSED' })).length).toBeGreaterThan(0);
    const description = await stack.query<any>(`{ __type(name: "CompanyCheckStatus") { enumValues { name description } } }`);
    expect(description.data.__type.enumValues.find((v: any) => v.name === 'PENDING').description).toMatch(/company check pending/i);

    // The company does not see a complaint before it is known to be one it must answer, nor does the public count it.
    const ownView = await queue({}, aegis);
    expect(ownView.map((c) => c.referenceNumber)).not.toContain(filed.company.referenceNumber);
    const own = await stack.query<any>(`query($id: ID!) { complaint(id: $id) { id } }`, {
      id: pending.find((c) => c.referenceNumber === filed.company.referenceNumber)!.id,
    }, { token: aegis });
    expect(codes(own)).toEqual(['NOT_FOUND']);
    expect(await received(ORG.aegisMeridian)).toBe(aegisBefore);

    // The Secretariat may assess it meanwhile, not take it further.
    const state = pending.find((c) => c.referenceNumber === filed.state.referenceNumber)!;
    const assessed = await stack.query<any>(ADVANCE, { id: state.id, to: 'UNDER_ASSESSMENT', note: 'Assessing' }, { token: secretariat });
    expect(assessed.errors).toBeUndefined();
    const further = await stack.query<any>(ADVANCE, { id: state.id, to: 'GOOD_OFFICES', note: 'Good offices' }, { token: secretariat });
    expect(codes(further)).toEqual(['BAD_USER_INPUT']);
    expect((await byReference(filed.state.referenceNumber)).status).toBe('UNDER_ASSESSMENT');

    // Retried while membership stays down: still pending, with more attempts.
    await wait(RETRY_MS * 4);
    expect(await attempts(filed.company.referenceNumber)).toBeGreaterThanOrEqual(2);
    expect((await byReference(filed.company.referenceNumber)).companyCheck).toBe('PENDING');
  });

  it('once membership answers, passes the check, or makes the complaint INADMISSIBLE with the reason its complainant reads', async () => {
    const aegisBefore = await received(ORG.aegisMeridian);
    const versionBefore = (await byReference(filed.company.referenceNumber)).version;
    // Pending checks are retried each on its own rhythm: one of them is not due for an hour when membership
    // comes back. The round that finds membership answering decides it with the others, in the same call.
    await stack.subgraphs.complaints.database.dataSource.query(
      'UPDATE complaint SET company_check_next_at = ? WHERE reference_number = ?',
      [new Date(Date.now() + 3_600_000).toISOString(), filed.unknown.referenceNumber],
    );
    // Membership comes back where the complaints subgraph looks for it.
    membershipAgain = await startStack({ database, only: ['membership'], env: { PORT: String(membershipPort) } });
    for (let i = 0; i < 80 && (await queue({ companyCheck: 'PENDING' })).length > 0; i += 1) await wait(100);

    const company = await byReference(filed.company.referenceNumber);
    expect(company).toMatchObject({ companyCheck: 'PASSED', status: 'RECEIVED', version: versionBefore + 1 });
    expect((await queue({}, aegis)).map((c) => c.referenceNumber)).toContain(filed.company.referenceNumber);
    expect(await received(ORG.aegisMeridian)).toBe(aegisBefore + 1);

    for (const key of ['state', 'unknown']) {
      expect(await byReference(filed[key].referenceNumber)).toMatchObject({
        companyCheck: 'FAILED',
        status: 'INADMISSIBLE',
        inadmissibilityReason: COMPANY_CHECK_FAILED_REASON,
      });
      const followed = await stack.query<any>(FOLLOW, { code: filed[key].receiptCode });
      expect(followed.data.complaintByReceipt).toMatchObject({ status: 'INADMISSIBLE', inadmissibilityReason: COMPANY_CHECK_FAILED_REASON });
      expect(followed.data.complaintByReceipt.timeline.at(-1)).toMatchObject({
        kind: 'STATUS_CHANGED',
        toStatus: 'INADMISSIBLE',
        note: COMPANY_CHECK_FAILED_REASON,
        actor: 'SYSTEM',
      });
    }
    const state = await stack.query<any>(FOLLOW, { code: filed.state.receiptCode });
    expect(state.data.complaintByReceipt.timeline.at(-1).fromStatus).toBe('UNDER_ASSESSMENT');

    // One call to membership answered the round, for all three complaints.
    await wait(100);
    const asked = readFileSync(membershipAgain.logFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((l) => l.service === 'membership' && l.message === 'operation' && /^company-check-/.test(l.requestId ?? ''));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ operationName: 'ComplaintCompany', errors: 0 });
  });

  it('never applies a check twice when replicas run their rounds at once', async () => {
    const { database: db } = stack.subgraphs.complaints;
    const passing = (await stack.query<any>(SUBMIT, { input: complaintInput() })).data.submitComplaint;
    const failing = (await stack.query<any>(SUBMIT, { input: complaintInput() })).data.submitComplaint;
    // Both as if filed while membership was down, one against a State (which membership would have refused).
    await db.dataSource.query(
      "UPDATE complaint SET company_check = 'PENDING', company_check_next_at = '2000-01-01T00:00:00.000Z' WHERE reference_number IN (?, ?)",
      [passing.referenceNumber, failing.referenceNumber],
    );
    await db.dataSource.query('UPDATE complaint SET company_id = ? WHERE reference_number = ?', [ORG.arvenia, failing.referenceNumber]);
    const before = await byReference(passing.referenceNumber);
    // Three more replicas on the same database, each running a round as it starts; their rounds log what they applied.
    const linesBefore = readFileSync(stack.logFile, 'utf8').trim().split('\n').length;
    await Promise.all([1, 2, 3].map(() => stack.anotherReplica('complaints')));
    for (let i = 0; i < 80 && (await byReference(passing.referenceNumber)).companyCheck === 'PENDING'; i += 1) await wait(100);
    for (let i = 0; i < 80 && (await byReference(failing.referenceNumber)).companyCheck === 'PENDING'; i += 1) await wait(100);
    await wait(100);
    const rounds = readFileSync(stack.logFile, 'utf8')
      .trim()
      .split('\n')
      .slice(linesBefore)
      .map((line) => JSON.parse(line))
      .filter((l) => l.service === 'complaints' && l.message === 'company checks');
    expect(rounds.reduce((sum, r) => sum + r.passed, 0)).toBeLessThanOrEqual(1);
    expect(rounds.reduce((sum, r) => sum + r.failed, 0)).toBeLessThanOrEqual(1);

    expect(await byReference(passing.referenceNumber)).toMatchObject({ companyCheck: 'PASSED', version: before.version + 1 });
    const followed = await stack.query<any>(FOLLOW, { code: failing.receiptCode });
    expect(followed.data.complaintByReceipt.status).toBe('INADMISSIBLE');
    expect(followed.data.complaintByReceipt.timeline.filter((e: any) => e.toStatus === 'INADMISSIBLE')).toHaveLength(1);
  });
});
