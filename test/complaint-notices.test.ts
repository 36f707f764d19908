import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSubgraphConfig, nowTimestamp } from '../services/shared/src';
import { complaintsSubgraph } from '../services/complaints/src/subgraph';
import { createMailer } from '../services/complaints/src/notification/notification.mailer';
import { NoticeKind, NoticeRecipient } from '../services/complaints/src/notification/notification.enums';
import { claimNotice, queueNotices, runNoticeRound } from '../services/complaints/src/notification/notification.service';
import { noticeSubjects } from '../services/complaints/src/complaint/complaint.service';
import { createFieldCipher, parseKey } from '../services/complaints/src/protection/crypto';
import { DEVELOPMENT_COMPLAINANT_DATA_KEY } from '../services/complaints/src/config';
import { complaintInput, ORG, SECRET_CONTACT, SECRET_NAME, SECRET_REPRESENTATIVE, SEND_MESSAGE, SUBMIT } from './support/complaints';
import { DATABASES } from './support/databases';
import { PRODUCTION_IDENTITY, PRODUCTION_SCANNER } from './support/production';
import { freePort, holdPortDown, startInbox, type Inbox, type ReceivedMail } from './support/smtp-inbox';
import { sendEvidence } from './support/evidence';
import { codes, startStack, type Stack } from './support/stack';
import sharp from 'sharp';

/*
 * E-mail notices, end to end: complaints filed through the gateway, notices sent by the complaints subgraph's
 * rounds over SMTP to a real SMTP server of the test's own, and the raw messages read as they arrived.
 */

const INBOX = 'complaints@icoca.example';
const FROM = 'no-reply@icoca.example';
const CASEWORK = 'https://casework.icoca.example/complaints/{id}';
const FOLLOW_UP_URL = 'https://complaints.icoca.example/follow-up';
const NOTICE_ADDRESS = 'zephyrine.notices@hidden-complainant.example';
const OTHER_ADDRESS = 'z.q.notices@another-hidden-mailbox.example';
const DESCRIPTION = 'Guards of the compound beat Yusuf Ombati-Wanjala at the east gate at dawn.';
const COMPLAINANT_MESSAGE = 'I remembered the licence plate of the pickup: KBX 417Q, white, no markings.';
const SECRETARIAT_REPLY = 'Could you tell us the name of the guard commander, Mr Harrow-Pemberton?';
const STATUS_NOTE = 'Your complaint is admissible; the good offices begin with a call on Tuesday.';
const COMPANY_NAME = 'Aegis Meridian';

const SET_NOTICES = /* GraphQL */ `
  mutation SetNotices($code: String!, $on: Boolean!, $email: String) {
    setReplyNotices(receiptCode: $code, notifyWhenReplied: $on, noticeEmail: $email) { referenceNumber notifyWhenReplied }
  }
`;
const REPLY = /* GraphQL */ `
  mutation Reply($id: ID!, $body: String!) { replyToComplainant(id: $id, body: $body) { sentAt } }
`;
const ADVANCE = /* GraphQL */ `
  mutation Advance($id: ID!, $to: ComplaintStatus!, $note: String!, $audience: EventAudience) {
    advanceComplaint(id: $id, to: $to, note: $note, audience: $audience) { status }
  }
`;
const COMPLAINANT = /* GraphQL */ `
  query Complainant($id: ID!) { complaint(id: $id) { id complainant { noticeEmail notifyWhenReplied } } }
`;
const ENTITY_COMPLAINANTS = /* GraphQL */ `
  query EntityComplainants($id: ID!) {
    _entities(representations: [{ __typename: "Organization", id: $id }]) {
      ... on Organization { id complaints { id complainant { noticeEmail } } }
    }
  }
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` holds (up to `timeoutMs`), answering the last value read. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

/** Whether a mail's subject or decoded body holds `text`. */
const mentions = (mail: ReceivedMail, text: string) => mail.subject.includes(text) || mail.text.includes(text);

/** Nothing of the complaint's content or of who filed it, nor the company, in a mail: raw, or decoded. */
function expectNoContent(mail: ReceivedMail, receiptCode?: string) {
  for (const part of [mail.raw, mail.subject, mail.text]) expectNothingIn(part, receiptCode);
}

function expectNothingIn(raw: string, receiptCode?: string) {
  for (const secret of [
    DESCRIPTION,
    'Yusuf',
    COMPLAINANT_MESSAGE,
    'KBX 417Q',
    SECRETARIAT_REPLY,
    'Harrow-Pemberton',
    STATUS_NOTE,
    SECRET_NAME,
    'Zephyrine',
    SECRET_CONTACT,
    SECRET_REPRESENTATIVE,
    COMPANY_NAME,
  ]) {
    expect(raw).not.toContain(secret);
  }
  if (receiptCode) expect(raw).not.toContain(receiptCode);
}

describe.each(DATABASES)('e-mail notices on %s', (database) => {
  let stack: Stack;
  let inbox: Inbox | undefined;
  let smtpPort: number;
  let down: { release(): Promise<void> } | undefined;
  const tokens: Record<string, string> = {};

  const sql = (query: string, parameters: unknown[] = []) => stack.subgraphs.complaints.database.dataSource.query(query, parameters);

  async function file(overrides: Record<string, unknown> = {}) {
    const receipt = await stack.query<any>(SUBMIT, { input: complaintInput({ description: DESCRIPTION, ...overrides }) });
    expect(receipt.errors).toBeUndefined();
    const { referenceNumber, receiptCode } = receipt.data.submitComplaint;
    const [row] = await sql('SELECT id FROM complaint WHERE reference_number = ?', [referenceNumber]);
    return { id: row.id as string, referenceNumber: referenceNumber as string, receiptCode: receiptCode as string };
  }

  const noticesOf = (complaintId: string) =>
    sql('SELECT * FROM complaint_notice WHERE complaint_id = ? ORDER BY created_at, id', [complaintId]) as Promise<any[]>;

  beforeAll(async () => {
    // The SMTP server is down when the stack starts: the first test brings it up.
    smtpPort = await freePort();
    down = await holdPortDown(smtpPort);
    stack = await startStack({
      database,
      only: ['membership', 'complaints'],
      env: {
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        SECRETARIAT_INBOX: INBOX,
        NOTICE_FROM: FROM,
        CASEWORK_URL: CASEWORK,
        FOLLOW_UP_URL: FOLLOW_UP_URL,
        NOTICE_RETRY_MS: '100',
        COMPANY_CHECK_RETRY_MS: '60000',
      },
    });
    tokens.secretariat = await stack.token('secretariat');
    tokens.aegis = await stack.token('member', ORG.aegisMeridian);
    tokens.bastion = await stack.token('member', ORG.bastionShield);
    tokens.partner = await stack.token('partner');
  });
  afterAll(async () => {
    await stack?.stop();
    await inbox?.stop();
    if (!inbox) await down?.release();
  });

  it('files a complaint while the SMTP server is down, and delivers its notice once the server is up', async () => {
    const started = Date.now();
    const filed = await file();
    // Filing never waits for SMTP.
    expect(Date.now() - started).toBeLessThan(5_000);
    const failing = await eventually(
      () => noticesOf(filed.id),
      (rows) => rows.length === 1 && Number(rows[0].attempts) >= 2 && rows[0].state === 'PENDING',
    );
    expect(failing[0]).toMatchObject({ kind: 'NEW_COMPLAINT', recipient: 'SECRETARIAT', error_class: 'CONNECTION', sent_at: null });

    await down?.release();
    inbox = await startInbox(smtpPort);
    const mail = await inbox.waitFor(INBOX, filed.referenceNumber, 20_000);
    expect(mail.from).toBe(FROM);
    const [sent] = await eventually(() => noticesOf(filed.id), (rows) => rows[0].state === 'SENT');
    expect(sent.sent_at).not.toBeNull();
    expect(sent.error_class).toBeNull();
    // Delivered once, however many attempts failed before.
    await sleep(300);
    expect(inbox.to(INBOX).filter((m) => mentions(m, filed.referenceNumber))).toHaveLength(1);
  });

  it('tells the Secretariat\'s inbox of a new complaint: reference number and link, no content, no identity', async () => {
    const filed = await file({
      kind: 'HARM_TO_REPRESENTED_PERSON',
      representative: { name: SECRET_REPRESENTATIVE, organization: 'Haki Legal Aid', contact: '+254 700 000 111' },
      noticeEmail: NOTICE_ADDRESS,
    });
    const mail = await inbox!.waitFor(INBOX, filed.referenceNumber);
    expect(mail.to).toEqual([INBOX]);
    expect(mail.subject).toBe(`New complaint ${filed.referenceNumber}`);
    expect(mail.raw).toContain(filed.referenceNumber);
    expect(mail.text).toContain(`https://casework.icoca.example/complaints/${filed.id}`);
    expectNoContent(mail, filed.receiptCode);
    for (const part of [mail.raw, mail.text]) {
      expect(part).not.toContain(NOTICE_ADDRESS);
      expect(part).not.toContain('Haki');
    }
  });

  it('tells the Secretariat\'s inbox of each message from the complainant, without its text', async () => {
    const filed = await file();
    await inbox!.waitFor(INBOX, `New complaint ${filed.referenceNumber}`);
    const sent = await stack.query<any>(SEND_MESSAGE, { code: filed.receiptCode, body: COMPLAINANT_MESSAGE });
    expect(sent.errors).toBeUndefined();
    const mail = await inbox!.waitFor(INBOX, `New message on complaint ${filed.referenceNumber}`);
    expect(mail.subject).toBe(`New message on complaint ${filed.referenceNumber}`);
    expect(mail.text).toContain(`https://casework.icoca.example/complaints/${filed.id}`);
    expectNoContent(mail, filed.receiptCode);
    expect((await noticesOf(filed.id)).map((n) => [n.kind, n.recipient, n.state])).toEqual([
      ['NEW_COMPLAINT', 'SECRETARIAT', 'SENT'],
      ['COMPLAINANT_MESSAGE', 'SECRETARIAT', 'SENT'],
    ]);
  });

  it('tells the Secretariat at once of a message that comes with evidence, even without a malware scanner, and moves its last activity', async () => {
    // This stack has no CLAMAV_URL: the upload must wake the notice round itself (idle, it waits CLAIM_MS, 5 minutes).
    const filed = await file();
    await inbox!.waitFor(INBOX, `New complaint ${filed.referenceNumber}`);
    // What the Secretariat's case list reads: the last activity, and the message with its files.
    const casework = async () =>
      (
        await stack.query<any>(
          /* GraphQL */ `query C($id: ID!) { complaint(id: $id) { lastActivityAt messages { id evidence { id } } } }`,
          { id: filed.id },
          { token: tokens.secretariat },
        )
      ).data.complaint as { lastActivityAt: string; messages: { id: string; evidence: { id: string }[] }[] };
    const filedActivity = (await casework()).lastActivityAt;
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
    const sent = await sendEvidence(stack.gatewayBaseUrl, png, 'gate.png', { receiptCode: filed.receiptCode, message: COMPLAINANT_MESSAGE });
    expect(sent.status).toBe(201);
    expect(sent.body.scanStatus).toBe('NOT_SCANNED');
    const withMessage = await casework();
    expect(withMessage.lastActivityAt > filedActivity).toBe(true);
    expect(withMessage.messages).toEqual([{ id: sent.body.messageId, evidence: [{ id: sent.body.id }] }]);
    const mail = await inbox!.waitFor(INBOX, `New message on complaint ${filed.referenceNumber}`, 10_000);
    expectNoContent(mail, filed.receiptCode);
    expect(mail.raw).not.toContain('gate.png');
    // A file added to that message later is no new message: no second notice.
    const more = await sendEvidence(stack.gatewayBaseUrl, png, 'gate-2.png', { receiptCode: filed.receiptCode, messageId: sent.body.messageId });
    expect(more.status).toBe(201);
    // Still activity on the case: it moves the last activity on.
    const withMore = await casework();
    expect(withMore.lastActivityAt > withMessage.lastActivityAt).toBe(true);
    expect(withMore.messages).toEqual([{ id: sent.body.messageId, evidence: [{ id: sent.body.id }, { id: more.body.id }] }]);
    await sleep(500);
    expect((await noticesOf(filed.id)).map((n) => [n.kind, n.recipient, n.state])).toEqual([
      ['NEW_COMPLAINT', 'SECRETARIAT', 'SENT'],
      ['COMPLAINANT_MESSAGE', 'SECRETARIAT', 'SENT'],
    ]);
  });

  it('tells a complainant who opted in that a reply is waiting, without the reply; nothing once they opt out', async () => {
    const filed = await file({ noticeEmail: `  ${NOTICE_ADDRESS} ` });
    const followUp = await stack.query<any>(
      /* GraphQL */ `query F($code: String!) { complaintByReceipt(receiptCode: $code) { notifyWhenReplied } }`,
      { code: filed.receiptCode },
    );
    expect(followUp.data.complaintByReceipt.notifyWhenReplied).toBe(true);

    const reply = await stack.query<any>(REPLY, { id: filed.id, body: SECRETARIAT_REPLY }, { token: tokens.secretariat });
    expect(reply.errors).toBeUndefined();
    const mail = await inbox!.waitFor(NOTICE_ADDRESS, filed.referenceNumber);
    expect(mail.to).toEqual([NOTICE_ADDRESS]);
    expect(mail.raw).toMatch(/^Subject: A reply is waiting for you\r?$/m);
    expect(mail.text).toContain(FOLLOW_UP_URL);
    expect(mail.text).toContain(filed.referenceNumber);
    expectNoContent(mail, filed.receiptCode);
    expect(mail.text).not.toContain('casework.icoca.example');

    // A status change with a note written for the complainant is a reply too.
    const advanced = await stack.query<any>(
      ADVANCE,
      { id: filed.id, to: 'UNDER_ASSESSMENT', note: STATUS_NOTE, audience: 'COMPLAINANT' },
      { token: tokens.secretariat },
    );
    expect(advanced.errors).toBeUndefined();
    await eventually(async () => inbox!.to(NOTICE_ADDRESS).filter((m) => mentions(m, filed.referenceNumber)).length, (n) => n === 2);
    for (const received of inbox!.to(NOTICE_ADDRESS)) expectNoContent(received, filed.receiptCode);

    // Opting out: the address is erased, and replies are no longer told.
    const off = await stack.query<any>(SET_NOTICES, { code: filed.receiptCode, on: false });
    expect(off.errors).toBeUndefined();
    expect(off.data.setReplyNotices).toEqual({ referenceNumber: filed.referenceNumber, notifyWhenReplied: false });
    const [stored] = await sql('SELECT notice_email_encrypted FROM complaint WHERE id = ?', [filed.id]);
    expect(stored.notice_email_encrypted).toBeNull();
    const mailsBefore = inbox!.mails.length;
    const again = await stack.query<any>(REPLY, { id: filed.id, body: SECRETARIAT_REPLY }, { token: tokens.secretariat });
    expect(again.errors).toBeUndefined();
    const note = await stack.query<any>(
      ADVANCE,
      { id: filed.id, to: 'GOOD_OFFICES', note: STATUS_NOTE, audience: 'COMPLAINANT_AND_COMPANY' },
      { token: tokens.secretariat },
    );
    expect(note.errors).toBeUndefined();
    await sleep(1_000);
    expect(inbox!.mails.length).toBe(mailsBefore);
    expect((await noticesOf(filed.id)).filter((n) => n.kind === 'REPLY_WAITING')).toHaveLength(2);

    // Opting in again, with another address: told there, in the language of the complaint.
    const on = await stack.query<any>(SET_NOTICES, { code: filed.receiptCode, on: true, email: OTHER_ADDRESS });
    expect(on.errors).toBeUndefined();
    expect(on.data.setReplyNotices.notifyWhenReplied).toBe(true);
    await stack.query<any>(REPLY, { id: filed.id, body: SECRETARIAT_REPLY }, { token: tokens.secretariat });
    const second = await inbox!.waitFor(OTHER_ADDRESS, filed.referenceNumber);
    expectNoContent(second, filed.receiptCode);
    expect(inbox!.to(NOTICE_ADDRESS).filter((m) => mentions(m, filed.referenceNumber))).toHaveLength(2);
  });

  it('writes the complainant\'s notices in the language of their complaint', async () => {
    const filed = await file({ language: 'fr', noticeEmail: 'avis.plaignant@cache.example' });
    await stack.query<any>(REPLY, { id: filed.id, body: SECRETARIAT_REPLY }, { token: tokens.secretariat });
    const mail = await inbox!.waitFor('avis.plaignant@cache.example', filed.referenceNumber);
    expect(mail.subject).toBe('Une réponse vous attend');
    expect(mail.text).toContain('Le Secrétariat vous a écrit au sujet de la plainte');
    expect(mail.text).toContain(FOLLOW_UP_URL);
    expectNoContent(mail, filed.receiptCode);
  });

  it('stores the notice address encrypted, apart from the contact, and no address in the outbox', async () => {
    const filed = await file({ noticeEmail: NOTICE_ADDRESS, notifyWhenReplied: true });
    const [row] = await sql(
      'SELECT notice_email_encrypted, complainant_contact_encrypted, notify_when_replied FROM complaint WHERE id = ?',
      [filed.id],
    );
    expect(row.notice_email_encrypted).toMatch(/^v1:/);
    expect(row.notice_email_encrypted).not.toContain('hidden-complainant');
    expect(row.notice_email_encrypted).not.toBe(row.complainant_contact_encrypted);
    expect(Boolean(row.notify_when_replied)).toBe(true);
    await stack.query<any>(REPLY, { id: filed.id, body: SECRETARIAT_REPLY }, { token: tokens.secretariat });
    await inbox!.waitFor(NOTICE_ADDRESS, filed.referenceNumber);
    const outbox = JSON.stringify(await sql('SELECT * FROM complaint_notice'));
    expect(outbox).not.toContain('@');
    // The Secretariat reads the address, decrypted, with the rest of who filed the complaint.
    const read = await stack.query<any>(COMPLAINANT, { id: filed.id }, { token: tokens.secretariat });
    expect(read.errors).toBeUndefined();
    expect(read.data.complaint.complainant).toEqual({ noticeEmail: NOTICE_ADDRESS, notifyWhenReplied: true });
  });

  it('refuses an address that is not one, with BAD_USER_INPUT, storing nothing', async () => {
    const [{ count: before }] = await sql('SELECT COUNT(*) AS count FROM complaint');
    const [{ count: noticesBefore }] = await sql('SELECT COUNT(*) AS count FROM complaint_notice');
    for (const noticeEmail of [
      'not-an-address',
      'name@localhost',
      'one@example.org, two@example.org',
      'Name <name@example.org>',
      'name@example.org\r\nBcc: spy@example.org',
      `${'x'.repeat(250)}@example.org`,
    ]) {
      const response = await stack.query<any>(SUBMIT, { input: complaintInput({ noticeEmail }) });
      expect(codes(response), noticeEmail).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions!.field).toBe('input.noticeEmail');
    }
    // Asking to be told of replies without an address.
    const withoutAddress = await stack.query<any>(SUBMIT, { input: complaintInput({ notifyWhenReplied: true }) });
    expect(codes(withoutAddress)).toEqual(['BAD_USER_INPUT']);
    const [{ count: after }] = await sql('SELECT COUNT(*) AS count FROM complaint');
    const [{ count: noticesAfter }] = await sql('SELECT COUNT(*) AS count FROM complaint_notice');
    expect(Number(after)).toBe(Number(before));
    expect(Number(noticesAfter)).toBe(Number(noticesBefore));

    const filed = await file();
    expect(codes(await stack.query(SET_NOTICES, { code: filed.receiptCode, on: true }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.query(SET_NOTICES, { code: filed.receiptCode, on: true, email: 'nobody' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.query(SET_NOTICES, { code: filed.receiptCode, on: false, email: NOTICE_ADDRESS }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await stack.query(SET_NOTICES, { code: 'WRONG-CODE-0000', on: false }))).toEqual(['NOT_FOUND']);
    const [row] = await sql('SELECT notice_email_encrypted, notify_when_replied FROM complaint WHERE id = ?', [filed.id]);
    expect(row.notice_email_encrypted).toBeNull();
    expect(Boolean(row.notify_when_replied)).toBe(false);
  });

  it('lets the Secretariat alone read the notice address: not the public, a partner, the company, another company, the complainant', async () => {
    const filed = await file({ noticeEmail: NOTICE_ADDRESS });
    for (const [token, expected] of [
      [undefined, 'NOT_FOUND'],
      [tokens.partner, 'NOT_FOUND'],
      [tokens.bastion, 'NOT_FOUND'],
      [tokens.aegis, 'FORBIDDEN'],
    ] as const) {
      for (const response of [
        await stack.query<any>(COMPLAINANT, { id: filed.id }, { token }),
        await stack.querySubgraph<any>('complaints', COMPLAINANT, { id: filed.id }, { token }),
      ]) {
        expect(codes(response)).toEqual([expected]);
        expect(JSON.stringify(response.data ?? null)).not.toContain(NOTICE_ADDRESS);
      }
    }
    // `_entities`: the complaints of the company, as the subgraph answers them directly.
    for (const token of [undefined, tokens.partner, tokens.bastion, tokens.aegis]) {
      const direct = await stack.querySubgraph<any>('complaints', ENTITY_COMPLAINANTS, { id: ORG.aegisMeridian }, { token });
      expect(direct.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(direct.data ?? null)).not.toContain(NOTICE_ADDRESS);
    }
    const secretariat = await stack.querySubgraph<any>('complaints', ENTITY_COMPLAINANTS, { id: ORG.aegisMeridian }, { token: tokens.secretariat });
    expect(secretariat.errors).toBeUndefined();
    expect(secretariat.data._entities[0].complaints.find((c: any) => c.id === filed.id).complainant.noticeEmail).toBe(NOTICE_ADDRESS);
    // The complainant's follow-up has no such field: a receipt code found by someone else does not give the address.
    const complainant = await stack.query<any>(
      /* GraphQL */ `query F($code: String!) { complaintByReceipt(receiptCode: $code) { noticeEmail } }`,
      { code: filed.receiptCode },
    );
    expect(codes(complainant)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const set = await stack.query<any>(SET_NOTICES, { code: filed.receiptCode, on: true });
    expect(set.errors).toBeUndefined();
    expect(JSON.stringify(set.data)).not.toContain(NOTICE_ADDRESS);
  });

  it('sends a notice once when two processes claim it: one claim wins, and two rounds racing deliver each notice once', async () => {
    const filed = await file();
    await inbox!.waitFor(INBOX, `New complaint ${filed.referenceNumber}`);
    const db = stack.subgraphs.complaints.database;

    // Two claims of one notice as both processes read it: the conditional UPDATE lets one alone win.
    await db.transaction((manager) => queueNotices(manager, filed.id, [{ kind: NoticeKind.COMPLAINANT_MESSAGE, recipient: NoticeRecipient.SECRETARIAT }]));
    const [seen] = (await noticesOf(filed.id)).filter((n) => n.kind === 'COMPLAINANT_MESSAGE');
    const notice = { id: seen.id, state: seen.state, attempts: Number(seen.attempts), nextAttemptAt: seen.next_attempt_at };
    const claims = await Promise.all([claimNotice(db, notice, 'replica-a'), claimNotice(db, notice, 'replica-b')]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimNotice(db, notice, 'replica-c')).toBe(false);
    const [claimed] = await sql('SELECT state, claimed_by, attempts FROM complaint_notice WHERE id = ?', [seen.id]);
    expect(claimed.state).toBe('SENDING');
    expect(claimed.claimed_by).toBe(claims[0] ? 'replica-a' : 'replica-b');
    expect(Number(claimed.attempts)).toBe(1);

    // Five notices due, two rounds of two processes racing for them, over real SMTP.
    const others = [await file(), await file(), await file(), await file(), await file()];
    for (const other of others) await inbox!.waitFor(INBOX, `New complaint ${other.referenceNumber}`);
    const now = nowTimestamp();
    for (const other of others) {
      await db.transaction((manager) => queueNotices(manager, other.id, [{ kind: NoticeKind.COMPLAINANT_MESSAGE, recipient: NoticeRecipient.SECRETARIAT }]));
    }
    const cipher = createFieldCipher(parseKey(DEVELOPMENT_COMPLAINANT_DATA_KEY)!);
    const settings = {
      mailer: createMailer(inbox!.url, FROM),
      secretariatInbox: INBOX,
      caseworkUrl: CASEWORK,
      followUpUrl: FOLLOW_UP_URL,
      retryMs: 100,
    };
    const quiet = { debug() {}, info() {}, warn() {}, error() {}, child() { return quiet; } };
    await Promise.all(
      ['replica-a', 'replica-b'].map((claimer) => runNoticeRound(db, settings, (ids) => noticeSubjects(db, cipher, ids), claimer, quiet)),
    );
    settings.mailer.close();
    for (const other of others) {
      const told = await eventually(
        async () => inbox!.to(INBOX).filter((m) => mentions(m, `New message on complaint ${other.referenceNumber}`)),
        (mails) => mails.length >= 1,
      );
      expect(told).toHaveLength(1);
      const rows = (await noticesOf(other.id)).filter((n) => n.kind === 'COMPLAINANT_MESSAGE');
      expect(rows.map((n) => [n.state, Number(n.attempts)])).toEqual([['SENT', 1]]);
      expect(rows[0].created_at >= now).toBe(true);
    }
    await sleep(300);
    for (const other of others) {
      expect(inbox!.to(INBOX).filter((m) => mentions(m, `New message on complaint ${other.referenceNumber}`))).toHaveLength(1);
    }
  });

  it('tells the Secretariat of a complaint filed while the membership register cannot be asked', async () => {
    await stack.subgraphs.membership.stop();
    const filed = await file();
    const [row] = await sql('SELECT company_check FROM complaint WHERE id = ?', [filed.id]);
    expect(row.company_check).toBe('PENDING');
    const mail = await inbox!.waitFor(INBOX, `New complaint ${filed.referenceNumber}`);
    expectNoContent(mail, filed.receiptCode);
  });
});

describe.each(DATABASES)('e-mail notices without SMTP_URL on %s', (database) => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ database, only: ['membership', 'complaints'] });
  });
  afterAll(() => stack?.stop());

  it('files all the same, marks the notices NOT_SENT and logs them as not sent, without any address', async () => {
    const receipt = await stack.query<any>(SUBMIT, { input: complaintInput({ noticeEmail: NOTICE_ADDRESS }) });
    expect(receipt.errors).toBeUndefined();
    const { referenceNumber, receiptCode } = receipt.data.submitComplaint;
    const [{ id }] = await stack.subgraphs.complaints.database.dataSource.query('SELECT id FROM complaint WHERE reference_number = ?', [
      referenceNumber,
    ]);
    const reply = await stack.query<any>(REPLY, { id, body: SECRETARIAT_REPLY }, { token: await stack.token('secretariat') });
    expect(reply.errors).toBeUndefined();
    const rows = await eventually(
      () => stack.subgraphs.complaints.database.dataSource.query('SELECT kind, state FROM complaint_notice WHERE complaint_id = ?', [id]),
      (found: any[]) => found.length === 2 && found.every((n) => n.state === 'NOT_SENT'),
    );
    expect(rows.map((n: any) => n.kind).sort()).toEqual(['NEW_COMPLAINT', 'REPLY_WAITING']);
    const log = await eventually(
      async () => readFileSync(stack.logFile, 'utf8'),
      (text) => text.split('\n').filter((line) => line.includes('not sent') && line.includes(id)).length === 2,
    );
    const notSent = log
      .split('\n')
      .filter((line) => line.includes(id) && line.includes('not sent'))
      .map((line) => JSON.parse(line));
    expect(notSent.map((line) => line.message)).toEqual(['e-mail notice not sent: SMTP_URL is not set', 'e-mail notice not sent: SMTP_URL is not set']);
    expect(log).toContain('SMTP_URL is not set: e-mail notices');
    expect(log).not.toContain(NOTICE_ADDRESS);
    expect(log).not.toContain(SECRET_NAME);
    expect(log).not.toContain(receiptCode);
  });
});

describe('e-mail notice settings', () => {
  const check = (env: Record<string, string>) => () =>
    complaintsSubgraph.checkConfig!(loadSubgraphConfig('complaints', 0, { NODE_ENV: 'development', ...env }));

  it('refuses to start with an address that is not one, or SMTP without an inbox and a sender', () => {
    const smtp = { SMTP_URL: 'smtp://127.0.0.1:2525', NOTICE_FROM: FROM };
    expect(check({ ...smtp, SECRETARIAT_INBOX: 'complaints at icoca' })).toThrow(/SECRETARIAT_INBOX: must be one e-mail address/);
    expect(check({ ...smtp, SECRETARIAT_INBOX: 'a@icoca.example, b@icoca.example' })).toThrow(/SECRETARIAT_INBOX/);
    expect(check({ SMTP_URL: 'smtp://127.0.0.1:2525', SECRETARIAT_INBOX: INBOX, NOTICE_FROM: 'nobody' })).toThrow(/NOTICE_FROM/);
    expect(check({ SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(check({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(/SMTP_URL is set, so e-mail notices also need SECRETARIAT_INBOX .*NOTICE_FROM/);
    expect(check({ CASEWORK_URL: 'casework' })).toThrow(/CASEWORK_URL/);
    expect(check({ ...smtp, SECRETARIAT_INBOX: INBOX })).not.toThrow();
    // Without SMTP_URL development starts: notices are logged as not sent. Empty is unset (docker-compose's `${X:-}`).
    expect(check({})).not.toThrow();
    expect(check({ SMTP_URL: '', SECRETARIAT_INBOX: '', NOTICE_FROM: '', CASEWORK_URL: '', FOLLOW_UP_URL: '' })).not.toThrow();
  });

  it('in production, with SMTP_URL, wants real links rather than the development Sandbox', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'mysql://complaints@127.0.0.1:3306/complaints',
      GATEWAY_SECRET: 'a-production-gateway-secret-of-enough-length',
      MEMBERSHIP_URL: 'http://membership:4001/graphql',
      MEMBERSHIP_GATEWAY_SECRET: 'another-production-secret-of-enough-length',
      COMPLAINANT_DATA_KEY: 'b'.repeat(64),
      ...PRODUCTION_IDENTITY,
      ...PRODUCTION_SCANNER,
      SMTP_URL: 'smtps://notices:secret@mail.icoca.example',
      SECRETARIAT_INBOX: INBOX,
      NOTICE_FROM: FROM,
    };
    expect(check(production)).toThrow(/CASEWORK_URL .*FOLLOW_UP_URL/);
    expect(check({ ...production, CASEWORK_URL: CASEWORK, FOLLOW_UP_URL: FOLLOW_UP_URL })).not.toThrow();
  });
});
