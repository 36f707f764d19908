import { randomUUID } from 'node:crypto';
import { In, Not, type EntityManager } from 'typeorm';
import {
  badUserInput,
  checkExpectedVersion,
  nextSequence,
  nowTimestamp,
  paginate,
  updateVersioned,
  type Database,
  type Viewer,
} from '../../../shared/src';
import { sha256Hex, type FieldCipher } from '../protection/crypto';
import { Complaint, ComplaintEvent, ComplaintInternalNote, ComplaintMessage } from './complaint.entity';
import { CompanyCheckStatus, ComplaintActor, ComplaintEventKind, ComplaintStatus, EventAudience } from './complaint.enums';
import {
  checkMoveWhileCompanyCheck,
  checkTransition,
  isSettled,
  messageNotices,
  normalizeReceiptCode,
  statusChangeNotices,
  wantsReplyNotices,
  type StageDueAt,
} from './complaint.rules';
import type { NewNotice } from '../notification/notification.rules';
import { queueNotices, type NoticeSubject } from '../notification/notification.service';
import { Complainant, ComplaintConnection, ComplaintFollowUp, type ComplaintFilter } from './complaint.types';

/**
 * The complaint once filed: the lists, and how the Secretariat and the company move it on (status
 * changes, responses, messages). Who may see it is in `complaint.access.ts`, filing in
 * `complaint-filing.service.ts`, the company check rounds in `company-check.service.ts`.
 */

/** The longest message between the complainant and the Secretariat. */
export const MAX_MESSAGE = 10_000;

/** Associated data binding an encrypted value to its complaint and column. */
export const aad = (complaintId: string, field: string) => `complaint:${complaintId}:${field}`;

/**
 * A page of complaints, newest first, for the Secretariat or a member (access checked by the caller).
 * A member sees only those against its own company whose check passed, whatever the filter says.
 */
export function listComplaints(
  database: Database,
  viewer: Viewer,
  filter: ComplaintFilter | null,
  page: { first: number | null; after: string | null },
) {
  const query = database.dataSource.getRepository(Complaint).createQueryBuilder('complaint');
  if (viewer.role === 'member') {
    query.andWhere('complaint.company_id = :own', { own: viewer.organizationId });
    query.andWhere('complaint.company_check = :passed', { passed: CompanyCheckStatus.PASSED });
  }
  if (filter?.companyCheck) query.andWhere('complaint.company_check = :companyCheck', { companyCheck: filter.companyCheck });
  if (filter?.companyId) query.andWhere('complaint.company_id = :companyId', { companyId: filter.companyId });
  if (filter?.statuses?.length) query.andWhere('complaint.status IN (:...statuses)', { statuses: filter.statuses });
  if (filter?.kind) query.andWhere('complaint.kind = :kind', { kind: filter.kind });
  return paginate(
    ComplaintConnection,
    query,
    [
      { column: 'complaint.submitted_at', value: (c) => c.submittedAt, descending: true },
      { column: 'complaint.id', value: (c) => c.id, descending: true },
    ],
    page,
  );
}

/** Finds the complaint a receipt code belongs to; null for a wrong or malformed code alike. */
export async function findByReceipt(database: Database, receiptCode: string): Promise<Complaint | null> {
  const code = normalizeReceiptCode(receiptCode);
  if (!code) return null;
  return database.dataSource.manager.findOneBy(Complaint, { receiptHash: sha256Hex(code) });
}

/** The complaint as its complainant follows it with the receipt code. */
export function followUpOf(complaint: Complaint): ComplaintFollowUp {
  return Object.assign(new ComplaintFollowUp(), {
    complaintId: complaint.id,
    companyId: complaint.companyId,
    referenceNumber: complaint.referenceNumber,
    kind: complaint.kind,
    status: complaint.status,
    incidentDate: complaint.incidentDate,
    incidentCountry: complaint.incidentCountry,
    inadmissibilityReason: complaint.inadmissibilityReason,
    outcome: complaint.outcome,
    remedy: complaint.remedy,
    submittedAt: complaint.submittedAt,
    updatedAt: complaint.updatedAt,
    notifyWhenReplied: wantsReplyNotices(complaint),
  });
}

/** Who filed `complaint`, decrypted (for the Secretariat alone: the caller checks). */
export function complainantOf(complaint: Complaint, cipher: FieldCipher): Complainant {
  const open = (value: string | null, field: string) => (value === null ? null : cipher.decrypt(value, aad(complaint.id, field)));
  const representative = open(complaint.representativeEncrypted, 'representative');
  return Object.assign(new Complainant(), {
    anonymous: complaint.anonymous,
    name: open(complaint.complainantNameEncrypted, 'complainant-name'),
    contact: open(complaint.complainantContactEncrypted, 'complainant-contact'),
    representative: representative ? JSON.parse(representative) : null,
    noticeEmail: open(complaint.noticeEmailEncrypted, 'notice-email'),
    notifyWhenReplied: wantsReplyNotices(complaint),
  });
}

/** The complainant's notice address, decrypted, while they want reply notices; null otherwise. */
function replyNoticeAddress(complaint: Complaint, cipher: FieldCipher): string | null {
  if (!wantsReplyNotices(complaint) || complaint.noticeEmailEncrypted === null) return null;
  return cipher.decrypt(complaint.noticeEmailEncrypted, aad(complaint.id, 'notice-email'));
}

/** What the notice rounds need of some complaints (notification/), read in one statement. */
export async function noticeSubjects(
  database: Database,
  cipher: FieldCipher,
  complaintIds: readonly string[],
): Promise<Map<string, NoticeSubject>> {
  const complaints = await database.dataSource.manager.findBy(Complaint, { id: In([...complaintIds]) });
  return new Map(
    complaints.map((complaint) => [
      complaint.id,
      {
        id: complaint.id,
        referenceNumber: complaint.referenceNumber,
        language: complaint.language,
        replyNoticeAddress: replyNoticeAddress(complaint, cipher),
      },
    ]),
  );
}

/**
 * The complainant opts in to reply notices (with an address, new or kept) or out (the address is erased:
 * it was given for notices only). BAD_USER_INPUT, nothing changed, for opting in without any address.
 */
export async function setReplyNotices(
  database: Database,
  cipher: FieldCipher,
  complaint: Complaint,
  change: { notifyWhenReplied: boolean; noticeEmail: string | null },
): Promise<Complaint> {
  const noticeEmailEncrypted = change.notifyWhenReplied
    ? change.noticeEmail !== null
      ? cipher.encrypt(change.noticeEmail, aad(complaint.id, 'notice-email'))
      : complaint.noticeEmailEncrypted
    : null;
  if (change.notifyWhenReplied && noticeEmailEncrypted === null) {
    throw badUserInput('Give an e-mail address (noticeEmail) to be told when a reply is waiting', 'noticeEmail');
  }
  // Not a change of the complaint's handling: `version` and `updatedAt` stay as the Secretariat left them.
  await database.transaction((manager) =>
    manager.update(Complaint, { id: complaint.id }, { noticeEmailEncrypted, notifyWhenReplied: change.notifyWhenReplied }),
  );
  return Object.assign(complaint, { noticeEmailEncrypted, notifyWhenReplied: change.notifyWhenReplied });
}

/** The text of a message, decrypted when it is read. */
export function messageBody(message: ComplaintMessage, cipher: FieldCipher): string {
  return cipher.decrypt(message.bodyEncrypted, aad(message.complaintId, `message:${message.id}`));
}

/**
 * Changes the complaint (optimistic locking on `version`) and appends a timeline entry, in one
 * transaction: the complaint and its timeline never disagree. A status change starts a new stage: its due
 * date counts from this moment (`dueAt`), and is cleared once the complaint is settled whoever settles it.
 */
export async function recordEvent(
  database: Database,
  complaint: Complaint,
  change: Partial<
    Pick<
      Complaint,
      'status' | 'inadmissibilityReason' | 'outcome' | 'remedy' | 'companyCheck' | 'companyCheckAttempts' | 'companyCheckNextAt'
    >
  >,
  event: Pick<ComplaintEvent, 'kind' | 'note' | 'audience' | 'actor' | 'recordedBy'>,
  /** The new stage's due date (the configured targets), and the e-mail notices the change calls for. */
  { dueAt, notices = [] }: { dueAt?: StageDueAt; notices?: readonly NewNotice[] } = {},
): Promise<Complaint> {
  const now = nowTimestamp();
  const stage =
    change.status === undefined
      ? {}
      : { stageDueAt: dueAt ? dueAt(change.status, now) : isSettled(change.status) ? null : complaint.stageDueAt };
  return database.transaction(async (manager) => {
    const changed = await updateVersioned(
      manager,
      Complaint,
      complaint,
      { ...change, ...stage, updatedAt: now },
      'Complaint',
      `Complaint ${complaint.referenceNumber} was changed by someone else meanwhile; reload it and try again`,
    );
    await manager.insert(ComplaintEvent, {
      id: randomUUID(),
      complaintId: complaint.id,
      sequence: await nextSequence(manager, ComplaintEvent, { complaintId: complaint.id }),
      fromStatus: change.status ? complaint.status : null,
      toStatus: change.status ?? complaint.status,
      occurredAt: now,
      ...event,
    });
    await queueNotices(manager, complaint.id, notices);
    return changed;
  });
}

export interface Advance {
  to: ComplaintStatus;
  note: string;
  outcome: string | null;
  remedy: string | null;
  audience: EventAudience;
  expectedVersion: number | null;
}

/**
 * The Secretariat moves a complaint on; the transition is validated first (BAD_USER_INPUT, nothing changed).
 * The new stage's due date comes from `dueAt` (the configured targets).
 */
export async function advanceComplaint(
  database: Database,
  complaint: Complaint,
  advance: Advance,
  viewer: Viewer,
  dueAt: StageDueAt,
) {
  checkExpectedVersion(
    complaint,
    'Complaint',
    advance.expectedVersion,
    `Complaint ${complaint.referenceNumber} changed since version ${advance.expectedVersion}; reload it`,
  );
  checkTransition(complaint.kind, complaint.status, advance.to, advance);
  checkMoveWhileCompanyCheck(complaint.companyCheck, advance.to);
  return recordEvent(
    database,
    complaint,
    {
      status: advance.to,
      ...(advance.to === ComplaintStatus.INADMISSIBLE ? { inadmissibilityReason: advance.note } : {}),
      ...(advance.to === ComplaintStatus.RESOLVED ? { outcome: advance.outcome, remedy: advance.remedy } : {}),
    },
    {
      kind: ComplaintEventKind.STATUS_CHANGED,
      note: advance.note,
      audience: advance.audience,
      actor: ComplaintActor.SECRETARIAT,
      recordedBy: viewer.subject ?? null,
    },
    { dueAt, notices: statusChangeNotices(advance.audience, complaint) },
  );
}

/** The company's response, as a timeline entry for the company and the Secretariat. */
export function respondToComplaint(database: Database, complaint: Complaint, body: string, viewer: Viewer) {
  return recordEvent(database, complaint, {}, {
    kind: ComplaintEventKind.COMPANY_RESPONSE,
    note: body,
    audience: EventAudience.COMPANY,
    actor: ComplaintActor.COMPANY,
    recordedBy: viewer.subject ?? null,
  });
}

/** Stores a message between the complainant and the Secretariat, its body encrypted. */
export async function addMessage(
  database: Database,
  cipher: FieldCipher,
  complaint: Complaint,
  sender: ComplaintActor,
  body: string,
  /** The transaction to write it in, when the message comes with more (a complainant's evidence); its own otherwise. */
  within?: EntityManager,
): Promise<ComplaintMessage> {
  const id = randomUUID();
  const message = database.dataSource.manager.create(ComplaintMessage, {
    id,
    complaintId: complaint.id,
    sender,
    bodyEncrypted: cipher.encrypt(body, aad(complaint.id, `message:${id}`)),
    sentAt: nowTimestamp(),
  });
  const write = async (manager: EntityManager) => {
    await manager.insert(ComplaintMessage, message);
    // In the same transaction: a stored message is always told of, and a refused one never is.
    await queueNotices(manager, complaint.id, messageNotices(sender, complaint));
  };
  if (within) await write(within);
  else await database.transaction(write);
  return message;
}

/** The longest internal note of the Secretariat. */
export const MAX_INTERNAL_NOTE = 4_000;

/** Stores an internal note of the Secretariat, its text encrypted; the complaint itself is left as it is. */
export async function addInternalNote(
  database: Database,
  cipher: FieldCipher,
  complaint: Complaint,
  text: string,
  viewer: Viewer,
): Promise<ComplaintInternalNote> {
  const id = randomUUID();
  const note = database.dataSource.manager.create(ComplaintInternalNote, {
    id,
    complaintId: complaint.id,
    textEncrypted: cipher.encrypt(text, aad(complaint.id, `internal-note:${id}`)),
    writtenBy: viewer.subject ?? null,
    writtenAt: nowTimestamp(),
  });
  await database.transaction((manager) => manager.insert(ComplaintInternalNote, note));
  return note;
}

/** The text of an internal note, decrypted. */
export function internalNoteText(note: ComplaintInternalNote, cipher: FieldCipher): string {
  return cipher.decrypt(note.textEncrypted, aad(note.complaintId, `internal-note:${note.id}`));
}

/** No longer open: closed, found inadmissible or resolved. */
const SETTLED = [ComplaintStatus.CLOSED, ComplaintStatus.INADMISSIBLE, ComplaintStatus.RESOLVED];

/** Open complaints per company, for many companies in one statement; companies with none are absent. */
export async function openComplaintCounts(database: Database, organizationIds: readonly string[]): Promise<Record<string, number>> {
  if (organizationIds.length === 0) return {};
  const rows: { companyId: string; count: string | number }[] = await database.dataSource.manager
    .createQueryBuilder(Complaint, 'complaint')
    .select('complaint.companyId', 'companyId')
    .addSelect('COUNT(*)', 'count')
    .where({ companyId: In([...organizationIds]), status: Not(In(SETTLED)) })
    .groupBy('complaint.companyId')
    .getRawMany();
  return Object.fromEntries(rows.map((row) => [row.companyId, Number(row.count)]));
}
