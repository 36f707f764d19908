import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  badUserInput,
  conflict,
  ErrorCode,
  nowTimestamp,
  type Database,
  type Logger,
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
  CompanyCheckStatus,
  ComplaintActor,
  ComplaintEventKind,
  ComplaintKind,
  ComplaintStatus,
  EventAudience,
} from './complaint.enums';
import {
  checkMoveWhileCompanyCheck,
  checkTransition,
  COMPANY_CHECK_FAILED_REASON,
  mayBeComplainedAbout,
  nextCompanyCheckAt,
  newReceiptCode,
  normalizeReceiptCode,
  referenceNumber,
  retryUntil,
  statusAfterFailedCompanyCheck,
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
    _entities(representations: $representations) { ... on Organization { id pillar statusHistory { category } } }
  }
`;

/**
 * Asks the membership subgraph, in one call, which of `companyIds` are companies that are or were
 * members or affiliates. Through `_entities`, which answers null for an unknown id (the `organization`
 * query answers an error). Throws when membership cannot be asked: unreachable, timeout, an HTTP
 * error or a GraphQL error, or an answer that does not fit the question.
 */
export async function companiesQualify(
  membership: PeerClient,
  companyIds: readonly string[],
  requestId?: string,
): Promise<Map<string, boolean>> {
  const data = await membership.query<{ _entities?: (MembershipRecord | null)[] }>(
    ENTITIES_QUERY,
    { representations: companyIds.map((id) => ({ __typename: 'Organization', id })) },
    requestId,
  );
  const answers = data._entities;
  if (!Array.isArray(answers) || answers.length !== companyIds.length) {
    throw new Error('The membership subgraph answered a different number of organizations than asked');
  }
  return new Map(companyIds.map((id, i) => [id, mayBeComplainedAbout(answers[i] ?? null)]));
}

/**
 * The company check at filing: PASSED, BAD_USER_INPUT when membership answers that the company does not
 * qualify, or PENDING when membership cannot be asked (the complaint is stored anyway: store first,
 * check later).
 */
export async function checkCompanyAtFiling(
  membership: PeerClient,
  companyId: string,
  { requestId, logger }: { requestId: string; logger: Logger },
): Promise<CompanyCheckStatus> {
  let qualifies: boolean | undefined;
  try {
    qualifies = (await companiesQualify(membership, [companyId], requestId)).get(companyId);
  } catch (error) {
    logger.warn('the membership subgraph could not be asked: the complaint is stored with its company check pending', {
      error: error instanceof Error ? error.message : 'unknown',
    });
    return CompanyCheckStatus.PENDING;
  }
  if (!qualifies) {
    throw badUserInput(
      'companyId must name a private security company that is or was a member or affiliate of the Association',
      'input.companyId',
    );
  }
  return CompanyCheckStatus.PASSED;
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

/** How a complaint's company check starts: decided at filing, or pending, first retried one interval later. */
interface FirstCompanyCheck {
  state: CompanyCheckStatus;
  intervalMs: number;
}

async function insertComplaint(
  manager: EntityManager,
  input: NewComplaint,
  cipher: FieldCipher,
  check: FirstCompanyCheck,
): Promise<Filed> {
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
    companyCheck: check.state,
    companyCheckAttempts: 1,
    companyCheckNextAt:
      check.state === CompanyCheckStatus.PENDING ? nextCompanyCheckAt(submittedAt, submittedAt, check.intervalMs) : null,
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

/** What filing needs besides the database: the cipher, the membership peer and the company-check worker. */
export interface FilingServices {
  cipher: FieldCipher;
  membership: PeerClient;
  companyChecks: { intervalMs: number; wake(at: string): void };
}

/**
 * Files a complaint: checks the company with the membership subgraph, then stores the complaint, its
 * allegations and the first timeline entry in one transaction, which commits (durably: SQLite runs
 * with synchronous=FULL) before the receipt is answered. When membership cannot be asked the
 * complaint is stored all the same, its company check pending for the worker. The same idempotency
 * key answers the same complaint; two filings racing for the same reference number are retried.
 */
export async function submitComplaint(
  database: Database,
  services: FilingServices,
  input: NewComplaint,
  request: { requestId: string; logger: Logger },
): Promise<Filed> {
  const manager = database.dataSource.manager;
  const keyHash = input.idempotencyKey ? sha256Hex(input.idempotencyKey) : null;
  if (keyHash) {
    const existing = await manager.findOneBy(Complaint, { idempotencyKeyHash: keyHash });
    if (existing) return answerRetry(existing, input, services.cipher);
  }
  const check = {
    state: await checkCompanyAtFiling(services.membership, input.companyId, request),
    intervalMs: services.companyChecks.intervalMs,
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      const filed = await database.transaction((tx) => insertComplaint(tx, input, services.cipher, check));
      if (filed.complaint.companyCheckNextAt) services.companyChecks.wake(filed.complaint.companyCheckNextAt);
      return filed;
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
  change: Partial<
    Pick<
      Complaint,
      'status' | 'inadmissibilityReason' | 'outcome' | 'remedy' | 'companyCheck' | 'companyCheckAttempts' | 'companyCheckNextAt'
    >
  >,
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

/** How many pending company checks one round takes on; more are taken on at once by the next round. */
export const COMPANY_CHECK_BATCH = 100;

/** What one round of company checks did, and when the next pending check is due. */
export interface CompanyCheckRound {
  due: number;
  passed: number;
  failed: number;
  /** Still pending: membership could not be asked, and they are rescheduled. */
  pending: number;
  nextAt: string | null;
  /** True when due checks may remain (a full batch, or one overtaken by a concurrent change). */
  more: boolean;
}

const isConflict = (error: unknown) =>
  (error as { extensions?: { code?: unknown } })?.extensions?.code === ErrorCode.Conflict;

/**
 * One round of the retried company checks: the pending checks that are due, one membership call for
 * all their companies. PASSED, or FAILED with the complaint made INADMISSIBLE and a timeline entry whose
 * reason the complainant reads; when membership still cannot be asked, each is rescheduled (every
 * interval in the first hour after filing, hourly after). Every update is conditional on the check
 * still being pending (or the version read), so replicas running rounds at once never apply one twice.
 */
export async function runCompanyChecks(
  database: Database,
  membership: PeerClient,
  intervalMs: number,
  logger: Logger,
  now: string = nowTimestamp(),
): Promise<CompanyCheckRound> {
  const manager = database.dataSource.manager;
  const pending = await manager.find(Complaint, {
    where: { companyCheck: CompanyCheckStatus.PENDING },
    order: { companyCheckNextAt: 'ASC', id: 'ASC' },
    take: COMPANY_CHECK_BATCH,
  });
  const due = pending.filter((complaint) => (complaint.companyCheckNextAt ?? '') <= now);
  const round: CompanyCheckRound = {
    due: due.length,
    passed: 0,
    failed: 0,
    pending: 0,
    nextAt: pending.find((complaint) => (complaint.companyCheckNextAt ?? '') > now)?.companyCheckNextAt ?? null,
    more: due.length === COMPANY_CHECK_BATCH,
  };
  if (due.length === 0) return round;

  let qualifies: Map<string, boolean>;
  try {
    qualifies = await companiesQualify(membership, [...new Set(due.map((c) => c.companyId))], `company-check-${randomUUID()}`);
  } catch (error) {
    // At most two groups: those in their first hour, and the others.
    const byNextAt = new Map<string, string[]>();
    for (const complaint of due) {
      const at = nextCompanyCheckAt(complaint.submittedAt, now, intervalMs);
      byNextAt.set(at, [...(byNextAt.get(at) ?? []), complaint.id]);
    }
    await database.transaction(async (tx) => {
      for (const [at, ids] of byNextAt) {
        await tx
          .createQueryBuilder()
          .update(Complaint)
          .set({ companyCheckAttempts: () => 'company_check_attempts + 1', companyCheckNextAt: at })
          .where('id IN (:...ids) AND company_check = :pending AND company_check_next_at <= :now', {
            ids,
            pending: CompanyCheckStatus.PENDING,
            now,
          })
          .execute();
      }
    });
    const earliest = [...byNextAt.keys(), ...(round.nextAt ? [round.nextAt] : [])].sort()[0];
    logger.warn('the membership subgraph could not be asked: company checks stay pending', {
      due: due.length,
      nextAt: earliest,
      error: error instanceof Error ? error.message : 'unknown',
    });
    return { ...round, pending: due.length, nextAt: earliest, more: false };
  }

  const passedIds = due.filter((c) => qualifies.get(c.companyId)).map((c) => c.id);
  if (passedIds.length) {
    const result = await database.transaction((tx) =>
      tx
        .createQueryBuilder()
        .update(Complaint)
        .set({
          companyCheck: CompanyCheckStatus.PASSED,
          companyCheckAttempts: () => 'company_check_attempts + 1',
          companyCheckNextAt: null,
          updatedAt: now,
          version: () => 'version + 1',
        })
        .where('id IN (:...ids) AND company_check = :pending', { ids: passedIds, pending: CompanyCheckStatus.PENDING })
        .execute(),
    );
    round.passed = result.affected ?? passedIds.length;
  }
  for (const complaint of due.filter((c) => !qualifies.get(c.companyId))) {
    const decided = {
      companyCheck: CompanyCheckStatus.FAILED,
      companyCheckAttempts: complaint.companyCheckAttempts + 1,
      companyCheckNextAt: null,
    };
    const status = statusAfterFailedCompanyCheck(complaint.status);
    try {
      if (status) {
        await recordEvent(
          database,
          complaint,
          { ...decided, status, inadmissibilityReason: COMPANY_CHECK_FAILED_REASON },
          {
            kind: ComplaintEventKind.STATUS_CHANGED,
            note: COMPANY_CHECK_FAILED_REASON,
            audience: EventAudience.COMPLAINANT_AND_COMPANY,
            actor: ComplaintActor.SYSTEM,
            recordedBy: null,
          },
        );
      } else {
        // Already final (the Secretariat decided first): only the check is recorded.
        const result = await database.transaction((tx) =>
          tx
            .createQueryBuilder()
            .update(Complaint)
            .set({ ...decided, updatedAt: now, version: () => 'version + 1' })
            .where('id = :id AND version = :version', { id: complaint.id, version: complaint.version })
            .execute(),
        );
        if (result.affected !== 1) throw conflict('changed meanwhile');
      }
      round.failed += 1;
    } catch (error) {
      if (!isConflict(error)) throw error;
      // Changed meanwhile (by the Secretariat, or decided by another replica): read again at once.
      round.more = true;
    }
  }
  logger.info('company checks', { due: round.due, passed: round.passed, failed: round.failed });
  return round;
}
