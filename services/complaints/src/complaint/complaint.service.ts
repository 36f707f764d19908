import { randomUUID } from 'node:crypto';
import { Brackets, In, Not, type EntityManager } from 'typeorm';
import {
  addDays,
  badUserInput,
  checkExpectedVersion,
  countryCodes,
  forbidden,
  isSecretariat,
  likeContains,
  paginateEach,
  paginateOrdered,
  regionCodeOf,
  regionCodes,
  text,
  type SortOrder,
  nextSequence,
  nowTimestamp,
  updateVersioned,
  type Database,
  type PageRequest,
  type Viewer,
} from '../../../shared/src';
import { sha256Hex, type FieldCipher } from '../protection/crypto';
import { Complaint, ComplaintEvent, ComplaintInternalNote, ComplaintMessage } from './complaint.entity';
import {
  CompanyCheckStatus,
  ComplaintActor,
  ComplaintEventKind,
  ComplaintOrder,
  ComplaintStatus,
  EventAudience,
  OrganizationComplaintOrder,
} from './complaint.enums';
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

/** The longest case summary the Secretariat writes. */
export const MAX_CASE_SUMMARY = 4_000;
/** The most values a list filter (countries, regions, provisions...) takes: it bounds the statement. */
const MAX_FILTER_VALUES = 50;

/**
 * The orders of the case list. Each ends in the id, so it is total; the index behind each is named.
 * A complaint has a last activity from filing on (and the migration set it on older ones), but the
 * column may be null, so it sorts like the due date, with nulls last.
 */
const ORDERS: Record<ComplaintOrder, SortOrder<Complaint>> = {
  // ix_complaint_submitted, and every filter index (they end in submitted_at, id)
  [ComplaintOrder.RECEIVED_NEWEST_FIRST]: {
    name: ComplaintOrder.RECEIVED_NEWEST_FIRST,
    keys: [
      { column: 'complaint.submitted_at', value: (c) => c.submittedAt, descending: true },
      { column: 'complaint.id', value: (c) => c.id, descending: true },
    ],
  },
  [ComplaintOrder.RECEIVED_OLDEST_FIRST]: {
    name: ComplaintOrder.RECEIVED_OLDEST_FIRST,
    keys: [
      { column: 'complaint.submitted_at', value: (c) => c.submittedAt },
      { column: 'complaint.id', value: (c) => c.id },
    ],
  },
  // ix_complaint_last_activity
  [ComplaintOrder.LAST_ACTIVITY]: {
    name: ComplaintOrder.LAST_ACTIVITY,
    keys: [
      { column: 'complaint.last_activity_at', value: (c) => c.lastActivityAt, descending: true, nullable: true },
      { column: 'complaint.id', value: (c) => c.id, descending: true },
    ],
  },
  [ComplaintOrder.OLDEST_WAITING]: {
    name: ComplaintOrder.OLDEST_WAITING,
    keys: [
      { column: 'complaint.last_activity_at', value: (c) => c.lastActivityAt, nullable: true },
      { column: 'complaint.id', value: (c) => c.id },
    ],
  },
  // ix_complaint_stage_due
  [ComplaintOrder.NEXT_DEADLINE]: {
    name: ComplaintOrder.NEXT_DEADLINE,
    keys: [
      { column: 'complaint.stage_due_at', value: (c) => c.stageDueAt, nullable: true },
      { column: 'complaint.id', value: (c) => c.id },
    ],
  },
};

/** What a page of the complaints against each of several organizations is asked for (`Organization.complaintsPage`). */
export interface CompanyComplaintsPage extends PageRequest {
  order: OrganizationComplaintOrder;
  /** Only the complaints whose company check passed: what a member of the company may see (`maySee`). */
  passedOnly: boolean;
}

/**
 * A page of the complaints against each company, for a whole directory page of companies in one statement
 * (read through ix_complaint_company). `totalCount` is one GROUP BY for all of them.
 */
export function listComplaintsOfCompanies(database: Database, companyIds: readonly string[], page: CompanyComplaintsPage) {
  const query = database.dataSource.getRepository(Complaint).createQueryBuilder('complaint');
  if (page.passedOnly) query.andWhere('complaint.company_check = :passed', { passed: CompanyCheckStatus.PASSED });
  const company = { column: 'complaint.company_id', value: (c: Complaint) => c.companyId };
  return paginateEach(ComplaintConnection, query, company, companyIds, ORDERS[ComplaintOrder[page.order]], page);
}

/** What only the Secretariat may filter or sort by: its own casework (assignment, deadlines, activity, summaries). */
const SECRETARIAT_ORDERS = new Set([ComplaintOrder.LAST_ACTIVITY, ComplaintOrder.OLDEST_WAITING, ComplaintOrder.NEXT_DEADLINE]);

function checkCasework(viewer: Viewer, filter: ComplaintFilter | null, order: ComplaintOrder) {
  if (isSecretariat(viewer)) return;
  // A company may not search the Secretariat's case summaries, nor learn of assignments, deadlines, or the
  // complainant's messages and the Secretariat's notes through the order by activity.
  if (filter?.search !== null && filter?.search !== undefined) {
    throw forbidden('Searching complaints (reference numbers and the Secretariat\'s case summaries) is for the Secretariat');
  }
  if (filter?.assignedOfficer != null || filter?.unassigned != null || filter?.overdue != null) {
    throw forbidden('Filtering by case officer or deadline is for the Secretariat');
  }
  if (SECRETARIAT_ORDERS.has(order)) throw forbidden(`The order ${order} is for the Secretariat`);
}

function listOf<T>(values: readonly T[] | null | undefined, field: string): T[] | null {
  if (values === null || values === undefined) return null;
  if (values.length === 0) throw badUserInput(`${field}: give at least one value, or leave it out`, field);
  if (values.length > MAX_FILTER_VALUES) throw badUserInput(`${field}: at most ${MAX_FILTER_VALUES} values`, field);
  return [...new Set(values)];
}

function checkRange(from: string | null | undefined, to: string | null | undefined, field: string) {
  if (from && to && from > to) throw badUserInput(`${field}: the first day is after the last`, field);
}

/**
 * A page of complaints in `order` (received newest first by default), for the Secretariat or a member
 * (access checked by the caller). A member sees only those against its own company whose check passed,
 * whatever the filter says, and may not use the Secretariat's casework filters and orders (FORBIDDEN).
 * Every condition is checked before any statement runs (BAD_USER_INPUT).
 */
export function listComplaints(
  database: Database,
  viewer: Viewer,
  filter: ComplaintFilter | null,
  page: PageRequest,
  order: ComplaintOrder = ComplaintOrder.RECEIVED_NEWEST_FIRST,
) {
  checkCasework(viewer, filter, order);
  const query = database.dataSource.getRepository(Complaint).createQueryBuilder('complaint');
  if (viewer.role === 'member') {
    query.andWhere('complaint.company_id = :own', { own: viewer.organizationId });
    query.andWhere('complaint.company_check = :passed', { passed: CompanyCheckStatus.PASSED });
  }
  if (filter?.companyCheck) query.andWhere('complaint.company_check = :companyCheck', { companyCheck: filter.companyCheck });
  if (filter?.companyId) query.andWhere('complaint.company_id = :companyId', { companyId: filter.companyId });
  const statuses = listOf(filter?.statuses, 'filter.statuses');
  if (statuses) query.andWhere('complaint.status IN (:...statuses)', { statuses });
  if (filter?.kind) query.andWhere('complaint.kind = :kind', { kind: filter.kind });
  const kinds = listOf(filter?.kinds, 'filter.kinds');
  if (kinds) query.andWhere('complaint.kind IN (:...kinds)', { kinds });

  checkRange(filter?.receivedFrom, filter?.receivedTo, 'filter.receivedTo');
  // Timestamps are ISO 8601 in UTC, so a day compares as the prefix of its timestamps.
  if (filter?.receivedFrom) query.andWhere('complaint.submitted_at >= :receivedFrom', { receivedFrom: filter.receivedFrom });
  if (filter?.receivedTo) query.andWhere('complaint.submitted_at < :receivedBefore', { receivedBefore: addDays(filter.receivedTo, 1) });
  checkRange(filter?.incidentFrom, filter?.incidentTo, 'filter.incidentTo');
  if (filter?.incidentFrom) query.andWhere('complaint.incident_date >= :incidentFrom', { incidentFrom: filter.incidentFrom });
  if (filter?.incidentTo) query.andWhere('complaint.incident_date <= :incidentTo', { incidentTo: filter.incidentTo });

  const countries = listOf(filter?.countries, 'filter.countries');
  if (countries) query.andWhere('complaint.incident_country IN (:...countries)', { countries: countryCodes(countries, 'filter.countries') });
  const regions = listOf(filter?.regions, 'filter.regions');
  if (regions) query.andWhere('complaint.incident_region IN (:...regions)', { regions: regionCodes(regions, 'filter.regions') });
  const provisions = listOf(filter?.provisions, 'filter.provisions');
  if (provisions) {
    // EXISTS, not a join: a complaint alleging two of the provisions is still one row (and one count).
    query.andWhere(
      'EXISTS (SELECT 1 FROM complaint_allegation allegation WHERE allegation.complaint_id = complaint.id ' +
        'AND allegation.provision IN (:...provisions))',
      { provisions },
    );
  }

  if (filter?.assignedOfficer != null) {
    query.andWhere('complaint.assigned_officer_subject = :officer', { officer: text(filter.assignedOfficer, 'filter.assignedOfficer', { max: 100 }) });
  }
  if (filter?.unassigned === true) query.andWhere('complaint.assigned_officer_subject IS NULL');
  if (filter?.unassigned === false) query.andWhere('complaint.assigned_officer_subject IS NOT NULL');
  if (filter?.overdue === true) query.andWhere('complaint.stage_due_at < :now', { now: nowTimestamp() });
  if (filter?.overdue === false) {
    query.andWhere('(complaint.stage_due_at IS NULL OR complaint.stage_due_at >= :now)', { now: nowTimestamp() });
  }
  if (filter?.search != null) {
    const term = text(filter.search, 'filter.search', { max: 100 });
    // The reference number from its beginning (an exact one included), or any part of the summary; nothing
    // the complainant wrote (description, identity, messages) is ever searched.
    query.andWhere(
      new Brackets((search) => {
        search.where("complaint.reference_number LIKE :referencePrefix ESCAPE '!'", {
          referencePrefix: `${likeContains(term.toUpperCase()).slice(1)}`,
        });
        search.orWhere("LOWER(complaint.case_summary) LIKE :summaryPart ESCAPE '!'", { summaryPart: likeContains(term.toLowerCase()) });
      }),
    );
  }
  return paginateOrdered(ComplaintConnection, query, ORDERS[order], page);
}

/**
 * Marks that something happened on complaint `complaintId` at `at` (filing, a status change, a response, a
 * message, a note), in the caller's transaction: the case list's "last activity" and "oldest waiting" read
 * it. It is not a change of the complaint, so its version stays (a message does not make a decision stale).
 */
export async function recordActivity(manager: EntityManager, complaintId: string, at: string): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(Complaint)
    .set({ lastActivityAt: at })
    .where('id = :complaintId', { complaintId })
    .andWhere('(last_activity_at IS NULL OR last_activity_at < :at)', { at })
    .execute();
}

export interface CaseDescription {
  caseSummary: string | null;
  incidentRegion: string | null;
  expectedVersion: number | null;
}

/** Checks the Secretariat's description of a case against `complaint`; BAD_USER_INPUT naming the argument. */
export function checkCaseDescription(
  complaint: Complaint,
  given: { caseSummary: string | null | undefined; incidentRegion: string | null | undefined; expectedVersion: number | null },
): CaseDescription {
  if (given.caseSummary == null && given.incidentRegion == null) {
    throw badUserInput('Give a case summary, an incident region, or both', 'caseSummary');
  }
  return {
    caseSummary: given.caseSummary == null ? null : text(given.caseSummary, 'caseSummary', { max: MAX_CASE_SUMMARY }),
    incidentRegion:
      given.incidentRegion == null ? null : regionCodeOf(given.incidentRegion, complaint.incidentCountry, 'incidentRegion'),
    expectedVersion: given.expectedVersion,
  };
}

/**
 * The Secretariat writes (or replaces) its case summary and sets the incident's region; what is not given
 * stays. Optimistic locking as for a status change: CONFLICT if the complaint changed since `expectedVersion`.
 */
export async function describeCase(database: Database, complaint: Complaint, description: CaseDescription): Promise<Complaint> {
  checkExpectedVersion(
    complaint,
    'Complaint',
    description.expectedVersion,
    `Complaint ${complaint.referenceNumber} changed since version ${description.expectedVersion}; reload it`,
  );
  const change: Partial<Complaint> = {};
  if (description.caseSummary !== null) change.caseSummary = description.caseSummary;
  // `updatedAt` is what the company and the complainant read as "last changed": it moves for the region, which
  // they read, never for the summary alone, which they do not (it would tell them the Secretariat wrote one).
  if (description.incidentRegion !== null) {
    change.incidentRegion = description.incidentRegion;
    if (description.incidentRegion !== complaint.incidentRegion) change.updatedAt = nowTimestamp();
  }
  return database.transaction((manager) =>
    updateVersioned(
      manager,
      Complaint,
      complaint,
      change,
      'Complaint',
      `Complaint ${complaint.referenceNumber} was changed by someone else meanwhile; reload it and try again`,
    ),
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
    incidentRegion: complaint.incidentRegion,
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
    await recordActivity(manager, complaint.id, now);
    changed.lastActivityAt = now;
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
    await recordActivity(manager, complaint.id, message.sentAt);
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
  await database.transaction(async (manager) => {
    await manager.insert(ComplaintInternalNote, note);
    await recordActivity(manager, complaint.id, note.writtenAt);
  });
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
