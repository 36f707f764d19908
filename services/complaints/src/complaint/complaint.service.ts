import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  badUserInput,
  conflict,
  nowTimestamp,
  type Database,
  type PeerClient,
  type Viewer,
} from '../../../shared/src';
import { sha256Hex, type FieldCipher } from '../crypto';
import {
  Complaint,
  ComplaintAllegation,
  ComplaintEvent,
  ComplaintMessage,
  ComplaintReferenceCounter,
} from './complaint.entity';
import {
  CodeProvision,
  CodeVersion,
  ComplaintActor,
  ComplaintEventKind,
  ComplaintKind,
  ComplaintStatus,
  EventAudience,
} from './complaint.enums';
import {
  checkTransition,
  mayBeComplainedAbout,
  newReceiptCode,
  normalizeReceiptCode,
  referenceNumber,
  retryUntil,
  type MembershipRecord,
} from './complaint.rules';

/** A complaint as checked and ready to store (see the resolver for the checks of each field). */
export interface NewComplaint {
  companyId: string;
  kind: ComplaintKind;
  incidentDate: string;
  incidentCountry: string;
  allegations: { provision: CodeProvision; codeVersion: CodeVersion }[];
  description: string;
  language: string;
  anonymous: boolean;
  complainantName: string | null;
  complainantContact: string | null;
  representative: { name: string; organization: string | null; contact: string | null } | null;
  idempotencyKey: string | null;
}

/** What filing answers: the stored complaint and the receipt code, which exists nowhere else in clear. */
export interface Filed {
  complaint: Complaint;
  receiptCode: string;
}

/** Associated data binding an encrypted value to its complaint and column. */
export const aad = (complaintId: string, field: string) => `complaint:${complaintId}:${field}`;

const ENTITIES_QUERY = /* GraphQL */ `
  query ComplaintCompany($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Organization { pillar statusHistory { category } } }
  }
`;

/**
 * Asks the membership subgraph whether `companyId` is a company that is or was a member or affiliate.
 * Through `_entities`, which answers null for an unknown id (the `organization` query answers an error).
 */
export async function checkCompany(membership: PeerClient, companyId: string, requestId: string): Promise<void> {
  const data = await membership.query<{ _entities: (MembershipRecord | null)[] }>(
    ENTITIES_QUERY,
    { representations: [{ __typename: 'Organization', id: companyId }] },
    requestId,
  );
  if (!mayBeComplainedAbout(data._entities[0] ?? null)) {
    throw badUserInput(
      'companyId must name a private security company that is or was a member or affiliate of the Association',
      'input.companyId',
    );
  }
}

function driverCode(error: unknown): string | undefined {
  return (error as { driverError?: { code?: string }; code?: string })?.driverError?.code ?? (error as { code?: string })?.code;
}

/** Two filings raced: for the same reference number, the same idempotency key, or (MySQL) each other's locks. */
function isRace(error: unknown): boolean {
  const code = driverCode(error);
  return (
    code === 'ER_DUP_ENTRY' ||
    code === 'ER_LOCK_DEADLOCK' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * A retry with an idempotency key already used: the same complaint, with the same receipt code while
 * the retry window lasts; afterwards CONFLICT (the code was shown, and only its hash is kept).
 */
function answerRetry(existing: Complaint, input: NewComplaint, cipher: FieldCipher): Filed {
  // A retry repeats the whole submission: the key alone must not be enough to obtain the receipt code again.
  const sameSubmission =
    existing.companyId === input.companyId &&
    existing.kind === input.kind &&
    existing.incidentDate === input.incidentDate &&
    existing.incidentCountry === input.incidentCountry &&
    existing.language === input.language &&
    existing.description === input.description;
  if (!sameSubmission) {
    throw badUserInput('This idempotency key was already used for another complaint', 'input.idempotencyKey');
  }
  if (!existing.retryReceiptEncrypted || !existing.retryUntil || existing.retryUntil <= nowTimestamp()) {
    throw conflict(
      `This idempotency key already filed complaint ${existing.referenceNumber}; use the receipt code given then`,
    );
  }
  const receiptCode = cipher.decrypt(
    existing.retryReceiptEncrypted,
    aad(existing.id, `retry-receipt:${existing.idempotencyKeyHash}`),
  );
  return { complaint: existing, receiptCode };
}

/**
 * The next reference number of `year`, taken in the caller's transaction: the counter row is updated
 * first, which holds concurrent filings back until this one commits. The first filing of a year
 * starts the counter after the numbers already used (e.g. by sample data).
 */
async function nextReferenceSequence(manager: EntityManager, year: number): Promise<number> {
  const updated = await manager
    .createQueryBuilder()
    .update(ComplaintReferenceCounter)
    .set({ lastSequence: () => 'last_sequence + 1' })
    .where('year = :year', { year })
    .execute();
  if (updated.affected !== 1) {
    const { last } = (await manager
      .createQueryBuilder(Complaint, 'complaint')
      .select('MAX(complaint.reference_sequence)', 'last')
      .where('complaint.reference_year = :year', { year })
      .getRawOne<{ last: number | null }>()) ?? { last: null };
    // Two first filings of the year racing here: one insert fails as a duplicate and is retried.
    await manager.insert(ComplaintReferenceCounter, { year, lastSequence: Number(last ?? 0) + 1 });
  }
  const counter = await manager.findOneByOrFail(ComplaintReferenceCounter, { year });
  return counter.lastSequence;
}

async function insertComplaint(manager: EntityManager, input: NewComplaint, cipher: FieldCipher): Promise<Filed> {
  const submittedAt = nowTimestamp();
  const year = Number(submittedAt.slice(0, 4));
  const sequence = await nextReferenceSequence(manager, year);
  const id = randomUUID();
  const receiptCode = newReceiptCode();
  const idempotencyKeyHash = input.idempotencyKey ? sha256Hex(input.idempotencyKey) : null;
  const seal = (value: string | null, field: string) => (value === null ? null : cipher.encrypt(value, aad(id, field)));
  const complaint = manager.create(Complaint, {
    id,
    referenceNumber: referenceNumber(year, sequence),
    referenceYear: year,
    referenceSequence: sequence,
    receiptHash: sha256Hex(normalizeReceiptCode(receiptCode) as string),
    idempotencyKeyHash,
    retryReceiptEncrypted: idempotencyKeyHash ? seal(receiptCode, `retry-receipt:${idempotencyKeyHash}`) : null,
    retryUntil: idempotencyKeyHash ? retryUntil(submittedAt) : null,
    companyId: input.companyId,
    kind: input.kind,
    status: ComplaintStatus.RECEIVED,
    incidentDate: input.incidentDate,
    incidentCountry: input.incidentCountry,
    description: input.description,
    language: input.language,
    anonymous: input.anonymous,
    complainantNameEncrypted: seal(input.complainantName, 'complainant-name'),
    complainantContactEncrypted: seal(input.complainantContact, 'complainant-contact'),
    representativeEncrypted: seal(input.representative && JSON.stringify(input.representative), 'representative'),
    inadmissibilityReason: null,
    outcome: null,
    remedy: null,
    submittedAt,
    updatedAt: submittedAt,
    version: 1,
  });
  // Receipt codes of earlier filings whose retry window has passed are erased on the way.
  await manager
    .createQueryBuilder()
    .update(Complaint)
    .set({ retryReceiptEncrypted: null, retryUntil: null })
    .where('retry_until < :now', { now: submittedAt })
    .execute();
  await manager.insert(Complaint, complaint);
  await manager.insert(
    ComplaintAllegation,
    input.allegations.map((allegation, position) => ({ complaintId: id, ...allegation, position })),
  );
  await manager.insert(ComplaintEvent, {
    id: randomUUID(),
    complaintId: id,
    sequence: 1,
    kind: ComplaintEventKind.SUBMITTED,
    fromStatus: null,
    toStatus: ComplaintStatus.RECEIVED,
    note: null,
    audience: EventAudience.COMPLAINANT_AND_COMPANY,
    actor: ComplaintActor.COMPLAINANT,
    recordedBy: null,
    occurredAt: submittedAt,
  });
  return { complaint, receiptCode };
}

/**
 * Files a complaint: checks the company with the membership subgraph, then stores the complaint, its
 * allegations and the first timeline entry in one transaction, which commits (durably: SQLite runs
 * with synchronous=FULL) before the receipt is answered. The same idempotency key answers the same
 * complaint; two filings racing for the same reference number are retried.
 */
export async function submitComplaint(
  database: Database,
  services: { cipher: FieldCipher; membership: PeerClient },
  input: NewComplaint,
  requestId: string,
): Promise<Filed> {
  const manager = database.dataSource.manager;
  const keyHash = input.idempotencyKey ? sha256Hex(input.idempotencyKey) : null;
  if (keyHash) {
    const existing = await manager.findOneBy(Complaint, { idempotencyKeyHash: keyHash });
    if (existing) return answerRetry(existing, input, services.cipher);
  }
  await checkCompany(services.membership, input.companyId, requestId);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await database.transaction((tx) => insertComplaint(tx, input, services.cipher));
    } catch (error) {
      if (!isRace(error)) throw error;
      if (keyHash) {
        const existing = await manager.findOneBy(Complaint, { idempotencyKeyHash: keyHash });
        if (existing) return answerRetry(existing, input, services.cipher);
      }
      if (attempt >= 5) throw error;
    }
  }
}

/** Finds the complaint a receipt code belongs to; null for a wrong or malformed code alike. */
export async function findByReceipt(database: Database, receiptCode: string): Promise<Complaint | null> {
  const code = normalizeReceiptCode(receiptCode);
  if (!code) return null;
  return database.dataSource.manager.findOneBy(Complaint, { receiptHash: sha256Hex(code) });
}

/**
 * Changes the complaint (optimistic locking on `version`) and appends a timeline entry, in one
 * transaction: the complaint and its timeline never disagree.
 */
async function recordEvent(
  database: Database,
  complaint: Complaint,
  change: Partial<Pick<Complaint, 'status' | 'inadmissibilityReason' | 'outcome' | 'remedy'>>,
  event: Pick<ComplaintEvent, 'kind' | 'note' | 'audience' | 'actor' | 'recordedBy'>,
): Promise<Complaint> {
  const now = nowTimestamp();
  return database.transaction(async (manager) => {
    const result = await manager
      .createQueryBuilder()
      .update(Complaint)
      .set({ ...change, updatedAt: now, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: complaint.id, version: complaint.version })
      .execute();
    if (result.affected !== 1) {
      throw conflict(`Complaint ${complaint.referenceNumber} was changed by someone else meanwhile; reload it and try again`);
    }
    const { last } = (await manager
      .createQueryBuilder(ComplaintEvent, 'event')
      .select('MAX(event.sequence)', 'last')
      .where('event.complaint_id = :id', { id: complaint.id })
      .getRawOne<{ last: number | null }>()) ?? { last: null };
    await manager.insert(ComplaintEvent, {
      id: randomUUID(),
      complaintId: complaint.id,
      sequence: Number(last ?? 0) + 1,
      fromStatus: change.status ? complaint.status : null,
      toStatus: change.status ?? complaint.status,
      occurredAt: now,
      ...event,
    });
    return manager.findOneByOrFail(Complaint, { id: complaint.id });
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

/** The Secretariat moves a complaint on; the transition is validated first (BAD_USER_INPUT, nothing changed). */
export async function advanceComplaint(database: Database, complaint: Complaint, advance: Advance, viewer: Viewer) {
  if (advance.expectedVersion != null && advance.expectedVersion !== complaint.version) {
    throw conflict(`Complaint ${complaint.referenceNumber} changed since version ${advance.expectedVersion}; reload it`);
  }
  checkTransition(complaint.kind, complaint.status, advance.to, advance);
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
): Promise<ComplaintMessage> {
  const id = randomUUID();
  const message = database.dataSource.manager.create(ComplaintMessage, {
    id,
    complaintId: complaint.id,
    sender,
    bodyEncrypted: cipher.encrypt(body, aad(complaint.id, `message:${id}`)),
    sentAt: nowTimestamp(),
  });
  await database.transaction((manager) => manager.insert(ComplaintMessage, message));
  return message;
}
