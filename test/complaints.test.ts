import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADVANCE,
  BY_REFERENCE,
  COMPLAINT_FIELDS,
  complaintInput,
  FOLLOW_UP,
  ORG,
  RESPOND,
  SECRET_CONTACT,
  SECRET_NAME,
  SECRET_REPRESENTATIVE,
  SEND_MESSAGE,
  SUBMIT,
} from './support/complaints';
import { DATABASES } from './support/databases';
import { codes, startStack, type Stack } from './support/stack';
import { today, tomorrow } from './support/dates';

const COMPLAINT = /* GraphQL */ `
  query Complaint($id: ID!) { complaint(id: $id) { ${COMPLAINT_FIELDS} } }
`;
const SECRETARIAT_VIEW = /* GraphQL */ `
  query SecretariatView($id: ID!) {
    complaint(id: $id) {
      ${COMPLAINT_FIELDS}
      complainant { anonymous name contact representative { name organization contact } }
      messages { sender body }
      timeline { recordedBy }
    }
  }
`;
const STATISTICS = /* GraphQL */ `
  query Statistics($id: ID!) {
    organization(id: $id) {
      name
      complaintStatistics {
        total { value fewerThan withheld } asOf
        received open closed byYear { year received open closed } byProvision { provision count }
      }
    }
  }
`;
const REPLY = /* GraphQL */ `
  mutation Reply($id: ID!, $body: String!) { replyToComplainant(id: $id, body: $body) { sender body } }
`;

const SECRET_MESSAGE = 'Please call me only after 18:00 at my sister Philippa Oyelaran-Moss';

describe.each(DATABASES)('complaints subgraph through the gateway on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string> = {};
  const issuedCodes = new Set<string>();

  beforeAll(async () => {
    stack = await startStack({ database, only: ['membership', 'complaints'] });
    tokens.secretariat = await stack.token('secretariat');
    tokens.aegis = await stack.token('member', ORG.aegisMeridian);
    tokens.bastion = await stack.token('member', ORG.bastionShield);
    tokens.partner = await stack.token('partner');
  });
  afterAll(() => stack?.stop());

  async function submit(overrides: Record<string, unknown> = {}) {
    const response = await stack.query<any>(SUBMIT, { input: complaintInput(overrides) });
    expect(response.errors).toBeUndefined();
    issuedCodes.add(response.data.submitComplaint.receiptCode);
    return response.data.submitComplaint as { referenceNumber: string; receiptCode: string; status: string; submittedAt: string };
  }

  /** The Secretariat's id of a complaint, found by its reference number. */
  async function idOf(referenceNumber: string): Promise<string> {
    const rows = await stack.subgraphs.complaints.database.dataSource.query(
      'SELECT id FROM complaint WHERE reference_number = ?',
      [referenceNumber],
    );
    return rows[0].id;
  }

  async function totalComplaints(): Promise<number> {
    const response = await stack.query<any>(BY_REFERENCE, { first: 1 }, { token: tokens.secretariat });
    return response.data.complaints.totalCount;
  }

  async function advance(id: string, to: string, note: string, extra: Record<string, unknown> = {}) {
    return stack.query<any>(ADVANCE, { id, to, note, ...extra }, { token: tokens.secretariat });
  }

  it('starts with fictional sample complaints in every status, against several companies, some anonymous', async () => {
    const SAMPLE = /* GraphQL */ `
      { complaints(first: 100) { edges { node { status company { id membershipCategory } complainant { anonymous } } } } }
    `;
    const response = await stack.query<any>(SAMPLE, {}, { token: tokens.secretariat });
    expect(response.errors).toBeUndefined();
    const nodes = response.data.complaints.edges.map((e: any) => e.node);
    expect(new Set(nodes.map((n: any) => n.status))).toEqual(
      new Set(['RECEIVED', 'UNDER_ASSESSMENT', 'INADMISSIBLE', 'REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM', 'GOOD_OFFICES',
        'UNDER_REVIEW', 'MONITORING_FOLLOW_UP', 'RESOLVED', 'CLOSED']),
    );
    expect(new Set(nodes.map((n: any) => n.company.id)).size).toBeGreaterThanOrEqual(8);
    for (const node of nodes) expect(['MEMBER', 'AFFILIATE']).toContain(node.company.membershipCategory);
    expect(nodes.filter((n: any) => n.complainant.anonymous).length).toBeGreaterThanOrEqual(3);
  });

  it('files a complaint without an account and answers a reference and a receipt code', async () => {
    const receipt = await submit();
    expect(receipt.referenceNumber).toMatch(new RegExp(`^ICOCA-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(receipt.receiptCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
    expect(receipt.status).toBe('RECEIVED');
    const followUp = await stack.query<any>(FOLLOW_UP, { code: receipt.receiptCode });
    expect(followUp.errors).toBeUndefined();
    expect(followUp.data.complaintByReceipt).toMatchObject({
      referenceNumber: receipt.referenceNumber,
      kind: 'HARM_TO_COMPLAINANT',
      status: 'RECEIVED',
      incidentCountry: 'KE',
      company: { id: ORG.aegisMeridian, name: 'Aegis Meridian Security Ltd' },
      allegations: [
        { provision: 'USE_OF_FORCE', codeVersion: 'CODE_2021' },
        { provision: 'DETENTION', codeVersion: 'CODE_2010' },
      ],
      timeline: [{ sequence: 1, kind: 'SUBMITTED', toStatus: 'RECEIVED', actor: 'COMPLAINANT' }],
      messages: [],
    });
    // Typed by hand: lower case, no dashes, O for 0 and I/L for 1 all find the same complaint.
    const typed = receipt.receiptCode.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    const again = await stack.query<any>(FOLLOW_UP, { code: typed });
    expect(again.data.complaintByReceipt.referenceNumber).toBe(receipt.referenceNumber);
    // Numbers follow each other within the year.
    const next = await submit({ anonymous: true, complainantName: null, complainantContact: null });
    expect(Number(next.referenceNumber.slice(-6))).toBe(Number(receipt.referenceNumber.slice(-6)) + 1);
  });

  it('answers a wrong receipt code exactly as a code that never existed, and changes nothing', async () => {
    const receipt = await submit();
    const wrong = receipt.receiptCode.slice(0, -1) + (receipt.receiptCode.endsWith('A') ? 'B' : 'A');
    for (const code of [wrong, 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA', 'not a code', '', 'x'.repeat(5000)]) {
      const response = await stack.query<any>(FOLLOW_UP, { code });
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ complaintByReceipt: null });
    }
    const before = await stack.subgraphs.complaints.database.dataSource.query('SELECT COUNT(*) AS n FROM complaint_message');
    for (const code of [wrong, 'garbage']) {
      const message = await stack.query<any>(SEND_MESSAGE, { code, body: 'Hello?' });
      expect(codes(message)).toEqual(['NOT_FOUND']);
      expect(message.errors![0].message).not.toContain(receipt.referenceNumber);
    }
    const after = await stack.subgraphs.complaints.database.dataSource.query('SELECT COUNT(*) AS n FROM complaint_message');
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });

  it('runs a harm complaint through good offices to closure, each reader seeing their own timeline', async () => {
    const receipt = await submit({
      kind: 'HARM_TO_REPRESENTED_PERSON',
      representative: { name: SECRET_REPRESENTATIVE, organization: 'Open Hands Legal Aid', contact: '+000 555 0100' },
    });
    const id = await idOf(receipt.referenceNumber);
    let step = await advance(id, 'UNDER_ASSESSMENT', 'We have started assessing your complaint.', { audience: 'COMPLAINANT' });
    expect(step.errors).toBeUndefined();
    expect(step.data.advanceComplaint).toMatchObject({ status: 'UNDER_ASSESSMENT', version: 2 });
    step = await advance(id, 'GOOD_OFFICES', 'Both parties agreed to the Association\'s good offices.', {
      audience: 'COMPLAINANT_AND_COMPANY',
      expectedVersion: 2,
    });
    expect(step.data.advanceComplaint.status).toBe('GOOD_OFFICES');
    const internal = await advance(id, 'UNDER_REVIEW', 'Internal: the company\'s first answer was evasive.');
    expect(internal.data.advanceComplaint.timeline.at(-1)).toMatchObject({
      kind: 'STATUS_CHANGED', fromStatus: 'GOOD_OFFICES', toStatus: 'UNDER_REVIEW', audience: 'SECRETARIAT_ONLY',
      actor: 'SECRETARIAT', recordedBy: 'test-secretariat',
    });

    const response = await stack.query<any>(RESPOND, { id, body: 'We have opened an internal investigation.' }, { token: tokens.aegis });
    expect(response.errors).toBeUndefined();
    expect(response.data.respondToComplaint.timeline.at(-1)).toEqual({
      kind: 'COMPANY_RESPONSE', note: 'We have opened an internal investigation.', actor: 'COMPANY',
    });
    const message = await stack.query<any>(SEND_MESSAGE, { code: receipt.receiptCode, body: SECRET_MESSAGE });
    expect(message.data.sendComplaintMessage).toMatchObject({ sender: 'COMPLAINANT', body: SECRET_MESSAGE });
    const reply = await stack.query<any>(REPLY, { id, body: 'Noted; we will call after 18:00.' }, { token: tokens.secretariat });
    expect(reply.data.replyToComplainant).toEqual({ sender: 'SECRETARIAT', body: 'Noted; we will call after 18:00.' });

    step = await advance(id, 'RESOLVED', 'Agreement reached.', {
      audience: 'COMPLAINANT_AND_COMPANY',
      outcome: 'The company apologised and changed its gate procedure.',
      remedy: 'Compensation for lost wages.',
    });
    expect(step.data.advanceComplaint).toMatchObject({
      status: 'RESOLVED',
      outcome: 'The company apologised and changed its gate procedure.',
      remedy: 'Compensation for lost wages.',
    });
    step = await advance(id, 'CLOSED', 'Remedy confirmed.', { audience: 'COMPLAINANT_AND_COMPANY' });
    expect(step.data.advanceComplaint.status).toBe('CLOSED');

    // The complainant: every status change, the notes written for them, no company response, the messages.
    const followUp = (await stack.query<any>(FOLLOW_UP, { code: receipt.receiptCode })).data.complaintByReceipt;
    expect(followUp.status).toBe('CLOSED');
    expect(followUp.remedy).toBe('Compensation for lost wages.');
    expect(followUp.timeline.map((e: any) => [e.kind, e.toStatus, e.note])).toEqual([
      ['SUBMITTED', 'RECEIVED', null],
      ['STATUS_CHANGED', 'UNDER_ASSESSMENT', 'We have started assessing your complaint.'],
      ['STATUS_CHANGED', 'GOOD_OFFICES', 'Both parties agreed to the Association\'s good offices.'],
      ['STATUS_CHANGED', 'UNDER_REVIEW', null],
      ['STATUS_CHANGED', 'RESOLVED', 'Agreement reached.'],
      ['STATUS_CHANGED', 'CLOSED', 'Remedy confirmed.'],
    ]);
    expect(followUp.messages.map((m: any) => [m.sender, m.body])).toEqual([
      ['COMPLAINANT', SECRET_MESSAGE],
      ['SECRETARIAT', 'Noted; we will call after 18:00.'],
    ]);

    // The company: the status changes, its response, the notes meant for it; no complainant.
    const company = await stack.query<any>(COMPLAINT, { id }, { token: tokens.aegis });
    expect(company.errors).toBeUndefined();
    expect(company.data.complaint.timeline.map((e: any) => [e.kind, e.toStatus, e.note])).toEqual([
      ['SUBMITTED', 'RECEIVED', null],
      ['STATUS_CHANGED', 'UNDER_ASSESSMENT', null],
      ['STATUS_CHANGED', 'GOOD_OFFICES', 'Both parties agreed to the Association\'s good offices.'],
      ['STATUS_CHANGED', 'UNDER_REVIEW', null],
      ['COMPANY_RESPONSE', 'UNDER_REVIEW', 'We have opened an internal investigation.'],
      ['STATUS_CHANGED', 'RESOLVED', 'Agreement reached.'],
      ['STATUS_CHANGED', 'CLOSED', 'Remedy confirmed.'],
    ]);
    expect(JSON.stringify(company.data)).not.toContain(SECRET_NAME);
    expect(JSON.stringify(company.data)).not.toContain(SECRET_REPRESENTATIVE);

    // The Secretariat: everything, the complainant decrypted.
    const secretariat = await stack.query<any>(SECRETARIAT_VIEW, { id }, { token: tokens.secretariat });
    expect(secretariat.errors).toBeUndefined();
    expect(secretariat.data.complaint.complainant).toEqual({
      anonymous: false,
      name: SECRET_NAME,
      contact: SECRET_CONTACT,
      representative: { name: SECRET_REPRESENTATIVE, organization: 'Open Hands Legal Aid', contact: '+000 555 0100' },
    });
    expect(secretariat.data.complaint.timeline.map((e: any) => e.note)).toContain('Internal: the company\'s first answer was evasive.');
    expect(secretariat.data.complaint.messages).toHaveLength(2);

    // Closed: no more messages, responses or moves.
    expect(codes(await stack.query(SEND_MESSAGE, { code: receipt.receiptCode, body: 'One more thing' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.query(RESPOND, { id, body: 'Late answer' }, { token: tokens.aegis }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await advance(id, 'UNDER_REVIEW', 'Reopen'))).toEqual(['BAD_USER_INPUT']);
  });

  it('takes a violation report through monitoring follow-up, and refuses harm-only steps for it', async () => {
    const receipt = await submit({
      kind: 'VIOLATION_REPORT',
      companyId: ORG.harbourline,
      allegations: [{ provision: 'IDENTIFICATION_AND_REGISTERING' }],
      anonymous: true,
      complainantName: null,
      complainantContact: null,
    });
    const id = await idOf(receipt.referenceNumber);
    expect((await advance(id, 'UNDER_ASSESSMENT', 'Assessing.')).data.advanceComplaint.status).toBe('UNDER_ASSESSMENT');
    const harmOnly = await advance(id, 'GOOD_OFFICES', 'Not for reports');
    expect(codes(harmOnly)).toEqual(['BAD_USER_INPUT']);
    expect(harmOnly.errors![0].message).toMatch(/violation report cannot move from UNDER_ASSESSMENT to GOOD_OFFICES/);
    expect((await advance(id, 'MONITORING_FOLLOW_UP', 'Raised in monitoring.')).data.advanceComplaint.status).toBe('MONITORING_FOLLOW_UP');
    expect(codes(await advance(id, 'RESOLVED', 'No outcome given'))).toEqual(['BAD_USER_INPUT']);
    const resolved = await advance(id, 'RESOLVED', 'Badges issued.', { outcome: 'All guards now wear identification.' });
    expect(resolved.data.advanceComplaint).toMatchObject({ status: 'RESOLVED', remedy: null });
    expect((await advance(id, 'CLOSED', 'Closed.')).data.advanceComplaint.status).toBe('CLOSED');
    const secretariat = await stack.query<any>(SECRETARIAT_VIEW, { id }, { token: tokens.secretariat });
    expect(secretariat.data.complaint.complainant).toEqual({ anonymous: true, name: null, contact: null, representative: null });
  });

  it('finds a complaint inadmissible with its reason, which the complainant reads', async () => {
    const receipt = await submit();
    const id = await idOf(receipt.referenceNumber);
    await advance(id, 'UNDER_ASSESSMENT', 'Assessing.');
    // An internal note (the default audience) can never become the reason the company and complainant read.
    const internal = await advance(id, 'INADMISSIBLE', 'Internal: the complainant is known to the company.');
    expect(codes(internal)).toEqual(['BAD_USER_INPUT']);
    const unchanged = (await stack.query<any>(FOLLOW_UP, { code: receipt.receiptCode })).data.complaintByReceipt;
    expect(unchanged).toMatchObject({ status: 'UNDER_ASSESSMENT', inadmissibilityReason: null });
    const step = await advance(id, 'INADMISSIBLE', 'The incident concerns a company that is not a member.', {
      audience: 'COMPLAINANT_AND_COMPANY',
    });
    expect(step.data.advanceComplaint).toMatchObject({
      status: 'INADMISSIBLE',
      inadmissibilityReason: 'The incident concerns a company that is not a member.',
    });
    const followUp = (await stack.query<any>(FOLLOW_UP, { code: receipt.receiptCode })).data.complaintByReceipt;
    expect(followUp).toMatchObject({ status: 'INADMISSIBLE', inadmissibilityReason: 'The incident concerns a company that is not a member.' });
    expect(codes(await advance(id, 'CLOSED', 'Final already'))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses illegal transitions and stale versions, and changes nothing', async () => {
    const receipt = await submit();
    const id = await idOf(receipt.referenceNumber);
    const before = await stack.query<any>(COMPLAINT, { id }, { token: tokens.secretariat });
    for (const [to, extra] of [
      ['RESOLVED', { outcome: 'Too early' }],
      ['CLOSED', {}],
      ['RECEIVED', {}],
      ['MONITORING_FOLLOW_UP', {}],
    ] as const) {
      expect(codes(await advance(id, to, 'Skipping ahead', extra))).toEqual(['BAD_USER_INPUT']);
    }
    expect(codes(await advance(id, 'UNDER_ASSESSMENT', '   '))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await advance(id, 'UNDER_ASSESSMENT', 'Outcome too early', { outcome: 'x' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await advance(id, 'UNDER_ASSESSMENT', 'Based on an old view', { expectedVersion: 7 }))).toEqual(['CONFLICT']);
    expect(codes(await advance(randomUUID(), 'UNDER_ASSESSMENT', 'No such complaint'))).toEqual(['NOT_FOUND']);
    const after = await stack.query<any>(COMPLAINT, { id }, { token: tokens.secretariat });
    expect(after.data).toEqual(before.data);
  });

  it('lets one of two concurrent moves win and answers the other CONFLICT', async () => {
    const id = await idOf((await submit()).referenceNumber);
    const results = await Promise.all([
      advance(id, 'UNDER_ASSESSMENT', 'First', { expectedVersion: 1 }),
      advance(id, 'UNDER_ASSESSMENT', 'Second', { expectedVersion: 1 }),
    ]);
    const outcomes = results.map((r) => (r.errors ? codes(r)[0] : 'OK')).sort();
    expect(['CONFLICT', 'OK']).toContain(outcomes[0]);
    expect(outcomes.filter((o) => o === 'OK')).toHaveLength(1);
    const timeline = (await stack.query<any>(COMPLAINT, { id }, { token: tokens.secretariat })).data.complaint.timeline;
    expect(timeline).toHaveLength(2);
  });

  it('numbers concurrent filings one after another, losing none', async () => {
    const before = await totalComplaints();
    const answers = await Promise.all(Array.from({ length: 12 }, () => stack.query<any>(SUBMIT, { input: complaintInput() })));
    for (const answer of answers) expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    const numbers = answers.map((a) => Number(a.data.submitComplaint.referenceNumber.slice(-6))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(12);
    expect(numbers.at(-1)! - numbers[0]).toBe(11);
    expect(await totalComplaints()).toBe(before + 12);
  });

  it('accepts companies that are or were members or affiliates, whatever their status today', async () => {
    for (const key of ['eclatSecurite', 'falconRidge', 'garrisonPoint', 'ironwood', 'orionSentinel']) {
      const receipt = await submit({ companyId: ORG[key] });
      expect(receipt.status).toBe('RECEIVED');
    }
  });

  it('answers bad input with BAD_USER_INPUT naming the field, and stores nothing', async () => {
    const before = await totalComplaints();
    const cases: [Record<string, unknown>, string][] = [
      [{ companyId: randomUUID() }, 'input.companyId'],
      [{ companyId: 'not-an-id' }, 'input.companyId'],
      [{ companyId: ORG.humanSecurityWatch }, 'input.companyId'],
      [{ companyId: ORG.arvenia }, 'input.companyId'],
      [{ description: '   ' }, 'input.description'],
      [{ description: 'x'.repeat(20_001) }, 'input.description'],
      [{ complainantName: 'n'.repeat(201) }, 'input.complainantName'],
      [{ complainantContact: 'c'.repeat(501) }, 'input.complainantContact'],
      [{ incidentDate: tomorrow() }, 'input.incidentDate'],
      [{ incidentCountry: 'XX' }, 'input.incidentCountry'],
      [{ allegations: [] }, 'input.allegations'],
      [{ allegations: [{ provision: 'TRAINING_OF_PERSONNEL' }, { provision: 'TRAINING_OF_PERSONNEL' }] }, 'input.allegations'],
      [{ language: 'english please' }, 'input.language'],
      [{ anonymous: true }, 'input.complainantName'],
      [{ complainantName: null }, 'input.complainantName'],
      [{ kind: 'HARM_TO_REPRESENTED_PERSON' }, 'input.representative'],
      [{ representative: { name: '' } }, 'input.representative.name'],
      [{ idempotencyKey: 'short' }, 'input.idempotencyKey'],
    ];
    for (const [overrides, field] of cases) {
      const response = await stack.query<any>(SUBMIT, { input: complaintInput(overrides) });
      expect(codes(response), JSON.stringify(overrides).slice(0, 80)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions!.field).toBe(field);
    }
    // Malformed values are refused by the schema itself.
    expect(codes(await stack.query(SUBMIT, { input: complaintInput({ incidentDate: '2026-02-30' }) }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.query(SUBMIT, { input: complaintInput({ allegations: [{ provision: 'BRIBERY' }] }) }))).toEqual(['BAD_USER_INPUT']);
    expect(await totalComplaints()).toBe(before);
    // Today is fine.
    expect((await submit({ incidentDate: today() })).status).toBe('RECEIVED');
  });

  it('files one complaint for retries with the same idempotency key, answering the same receipt', async () => {
    const before = await totalComplaints();
    const key = randomUUID();
    const first = await submit({ idempotencyKey: key });
    const retry = await submit({ idempotencyKey: key });
    expect(retry).toEqual(first);
    // Concurrent retries, as a client that timed out and tried again at once.
    const other = randomUUID();
    const racing = await Promise.all([1, 2, 3].map(() => stack.query<any>(SUBMIT, { input: complaintInput({ idempotencyKey: other }) })));
    for (const r of racing) expect(r.errors).toBeUndefined();
    expect(new Set(racing.map((r) => r.data.submitComplaint.referenceNumber)).size).toBe(1);
    expect(new Set(racing.map((r) => r.data.submitComplaint.receiptCode)).size).toBe(1);
    expect(await totalComplaints()).toBe(before + 2);
    const misuse = await stack.query<any>(SUBMIT, { input: complaintInput({ idempotencyKey: key, companyId: ORG.harbourline }) });
    expect(codes(misuse)).toEqual(['BAD_USER_INPUT']);
    // Someone who learned the key but not the submission gets no receipt code.
    const guess = await stack.query<any>(SUBMIT, {
      input: complaintInput({ idempotencyKey: key, description: 'A different text, hoping for the receipt code.' }),
    });
    expect(codes(guess)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(guess)).not.toContain(first.receiptCode);
    const rows = await stack.subgraphs.complaints.database.dataSource.query(
      'SELECT idempotency_key_hash, retry_receipt_encrypted FROM complaint WHERE reference_number = ?',
      [first.referenceNumber],
    );
    expect(rows[0].idempotency_key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].idempotency_key_hash).not.toContain(key);
    expect(rows[0].retry_receipt_encrypted).not.toContain(first.receiptCode.replace(/-/g, ''));
    expect(await totalComplaints()).toBe(before + 2);
  });

  it('gives anyone a company\'s total (never fewer than 5, counted to the end of a past year), and the exact counts to the Secretariat and the company', async () => {
    const PUBLIC = /* GraphQL */ `
      query Public($id: ID!) { organization(id: $id) { complaintStatistics { total { value fewerThan withheld } asOf } } }
    `;
    const lastYearEnd = `${new Date().getUTCFullYear() - 1}-12-31`;
    const list = await stack.query<any>(BY_REFERENCE, { filter: { companyId: ORG.aegisMeridian }, first: 100 }, { token: tokens.secretariat });
    const statuses = list.data.complaints.edges.map((e: any) => e.node.status);
    expect(statuses.length).toBeGreaterThan(0);
    // The public: a few complaints are "fewer than 5", counted to the end of last year; the exact counts are refused.
    const publicly = await stack.query<any>(PUBLIC, { id: ORG.aegisMeridian });
    expect(publicly.errors).toBeUndefined();
    expect(publicly.data.organization.complaintStatistics).toEqual({ total: { value: null, fewerThan: 5, withheld: true }, asOf: lastYearEnd });
    for (const [token, code] of [[undefined, 'UNAUTHENTICATED'], [tokens.partner, 'FORBIDDEN'], [tokens.bastion, 'FORBIDDEN']] as const) {
      const refused = await stack.query<any>(STATISTICS, { id: ORG.aegisMeridian }, { token });
      expect(new Set(codes(refused))).toEqual(new Set([code]));
      expect(refused.data.organization.complaintStatistics).toMatchObject({
        total: { value: null, fewerThan: 5, withheld: true }, received: null, open: null, closed: null, byYear: null, byProvision: null,
      });
    }
    // The company itself and the Secretariat: every count, to date.
    for (const token of [tokens.aegis, tokens.secretariat]) {
      const response = await stack.query<any>(STATISTICS, { id: ORG.aegisMeridian }, { token });
      expect(response.errors).toBeUndefined();
      const statistics = response.data.organization.complaintStatistics;
      const closed = statuses.filter((s: string) => s === 'CLOSED' || s === 'INADMISSIBLE').length;
      expect(statistics).toMatchObject({ received: statuses.length, closed, open: statuses.length - closed, asOf: lastYearEnd });
      const years = statistics.byYear.map((y: any) => y.year);
      expect(years).toEqual([...years].sort());
      expect(years).toContain(2025);
      expect(years).toContain(new Date().getUTCFullYear());
      expect(statistics.byYear.reduce((sum: number, y: any) => sum + y.received, 0)).toBe(statistics.received);
      expect(statistics.byProvision[0]).toEqual({ provision: 'USE_OF_FORCE', count: expect.any(Number) });
      // The Secretariat reads the withheld total's value (the complaints to `asOf`); the company reads what the public does.
      const toAsOf = statistics.byYear.filter((y: any) => `${y.year}-12-31` <= lastYearEnd).reduce((sum: number, y: any) => sum + y.received, 0);
      expect(statistics.total).toEqual({ value: token === tokens.secretariat ? toAsOf : null, fewerThan: 5, withheld: true });
    }
    const none = await stack.query<any>(STATISTICS, { id: ORG.arvenia }, { token: tokens.secretariat });
    expect(none.data.organization.complaintStatistics).toEqual({
      total: { value: 0, fewerThan: 5, withheld: true }, asOf: lastYearEnd, received: 0, open: 0, closed: 0, byYear: [], byProvision: [],
    });
    // A new complaint moves the exact counts at once, and the public total not at all.
    const before = await stack.query<any>(STATISTICS, { id: ORG.aegisMeridian }, { token: tokens.secretariat });
    await submit();
    const after = await stack.query<any>(STATISTICS, { id: ORG.aegisMeridian }, { token: tokens.secretariat });
    expect(after.data.organization.complaintStatistics.received).toBe(before.data.organization.complaintStatistics.received + 1);
    expect((await stack.query<any>(PUBLIC, { id: ORG.aegisMeridian })).data).toEqual(publicly.data);
  });

  it('lists complaints with their companies in as many SQL statements for 40 as for 3', async () => {
    const LIST = /* GraphQL */ `
      query List($first: Int) {
        complaints(first: $first) {
          edges { node { referenceNumber status company { id name membershipStatus } allegations { provision } timeline { kind } } }
        }
        organizations(first: 40) { edges { node { name complaintStatistics { received byProvision { count } } } } }
      }
    `;
    while ((await totalComplaints()) < 45) await submit({ companyId: ORG.nordhavn });
    const cost = async (first: number) => {
      const before = stack.statements();
      const response = await stack.query<any>(LIST, { first }, { token: tokens.secretariat });
      expect(response.errors).toBeUndefined();
      expect(response.data.complaints.edges).toHaveLength(first);
      return stack.statements() - before;
    };
    const small = await cost(3);
    const large = await cost(40);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(10);
  });

  it('reads the public directory\'s complaint totals in one statement, and the counts by provision only when asked', async () => {
    const complaintStatements = async (query: string, token?: string) => {
      const before = stack.subgraphs.complaints.database.statements.count;
      const response = await stack.query<any>(query, undefined, token ? { token } : {});
      expect(response.errors).toBeUndefined();
      expect(response.data.organizations.edges.length).toBeGreaterThan(3);
      return stack.subgraphs.complaints.database.statements.count - before;
    };
    const totals = /* GraphQL */ `{ organizations(first: 40) { edges { node { complaintStatistics { total { value fewerThan } asOf } } } } }`;
    const withProvisions = /* GraphQL */ `{ organizations(first: 40) { edges { node { complaintStatistics { total { value } byProvision { provision count } } } } } }`;
    expect(await complaintStatements(totals)).toBe(1);
    expect(await complaintStatements(withProvisions, tokens.secretariat)).toBe(2);
  });

  it('pages through complaints newest first with cursors', async () => {
    const all: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await stack.query<any>(BY_REFERENCE, { first: 7, after }, { token: tokens.secretariat });
      all.push(...page.data.complaints.edges.map((e: any) => e.node.id));
      after = page.data.complaints.pageInfo.hasNextPage ? page.data.complaints.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(all).size).toBe(await totalComplaints());
    const filtered = await stack.query<any>(BY_REFERENCE, { filter: { statuses: ['CLOSED'], kind: 'VIOLATION_REPORT' } }, { token: tokens.secretariat });
    expect(filtered.data.complaints.totalCount).toBeGreaterThanOrEqual(1);
    expect(codes(await stack.query(BY_REFERENCE, { first: 101 }, { token: tokens.secretariat }))).toEqual(['BAD_USER_INPUT']);
  });

  it('keeps complainants\' names out of the stored rows and the logs', async () => {
    const dataSource = stack.subgraphs.complaints.database.dataSource;
    const secrets = [SECRET_NAME, SECRET_CONTACT, SECRET_REPRESENTATIVE, 'Philippa Oyelaran-Moss', 'Sample Complainant'];
    for (const table of ['complaint', 'complaint_allegation', 'complaint_event', 'complaint_message']) {
      const rows = JSON.stringify(await dataSource.query(`SELECT * FROM ${table}`));
      for (const secret of secrets) expect(rows, `${secret} in ${table}`).not.toContain(secret);
    }
    const encrypted = await dataSource.query('SELECT complainant_name_encrypted AS v FROM complaint WHERE complainant_name_encrypted IS NOT NULL');
    expect(encrypted.length).toBeGreaterThan(10);
    for (const row of encrypted) expect(row.v).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    // The same name encrypted twice never looks the same (a fresh IV every time).
    expect(new Set(encrypted.map((r: any) => r.v)).size).toBe(encrypted.length);
    if (database === 'sqlite') {
      const file = path.join(path.dirname(stack.logFile), 'complaints.sqlite');
      for (const part of [file, `${file}-wal`]) {
        if (!existsSync(part)) continue;
        const bytes = readFileSync(part);
        for (const secret of secrets) expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in ${part}`).toBe(false);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const logs = readFileSync(stack.logFile, 'utf8');
    expect(logs).toContain('"service":"complaints"');
    // Without COMPLAINANT_DATA_KEY outside production: the development key, and a warning saying so.
    expect(logs).toContain('COMPLAINANT_DATA_KEY is not set');
    for (const secret of secrets) expect(logs).not.toContain(secret);
    // Nor the receipt codes, in any form.
    expect(issuedCodes.size).toBeGreaterThan(10);
    for (const code of issuedCodes) {
      expect(logs).not.toContain(code);
      expect(logs).not.toContain(code.replace(/-/g, ''));
    }
  });
});
