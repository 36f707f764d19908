import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  badUserInput,
  conflict,
  countryCode,
  isUniqueViolation,
  nextSequence,
  nowTimestamp,
  optionalPersonOrOrganizationName,
  optionalText,
  personOrOrganizationName,
  regionCodeOf,
  text,
  today,
  type Database,
  type Logger,
  type PeerClient,
} from '../../../shared/src';
import { sha256Hex, type FieldCipher } from '../protection/crypto';
import { Complaint, ComplaintAllegation, ComplaintEvent, ComplaintReferenceCounter } from './complaint.entity';
import { ComplaintKind } from '../catalogue/catalogue.enums';
import {
  CodeProvision,
  CodeVersion,
  CompanyCheckStatus,
  ComplaintActor,
  ComplaintEventKind,
  ComplaintStatus,
  EventAudience,
} from './complaint.enums';
import {
  checkIncidentDate,
  FILING_NOTICES,
  languageTag,
  newReceiptCode,
  nextCompanyCheckAt,
  normalizeReceiptCode,
  referenceNumber,
  retryUntil,
  type StageDueAt,
} from './complaint.rules';
import { aad, recordActivity } from './complaint.service';
import type { SubmitComplaintInput } from './complaint.types';
import { checkCompanyAtFiling } from './company-check.service';
import { noticeAddress } from '../notification/notification.rules';
import { queueNotices } from '../notification/notification.service';

/** Filing a complaint: the checks of each field, the reference number, the receipt code, safe retries. */

/** A complaint as checked and ready to store (`checkSubmission`). */
export interface NewComplaint {
  companyId: string;
  kind: ComplaintKind;
  incidentDate: string;
  incidentCountry: string;
  incidentRegion: string | null;
  allegations: { provision: CodeProvision; codeVersion: CodeVersion }[];
  description: string;
  language: string;
  anonymous: boolean;
  complainantName: string | null;
  complainantContact: string | null;
  representative: { name: string; organization: string | null; contact: string | null } | null;
  /** For e-mail notices only, apart from the free-text contact. */
  noticeEmail: string | null;
  notifyWhenReplied: boolean;
  idempotencyKey: string | null;
}

/** What filing answers: the stored complaint and the receipt code, which exists nowhere else in clear. */
export interface Filed {
  complaint: Complaint;
  receiptCode: string;
}

const MAX_DESCRIPTION = 20_000;

/** Checks every field of a filing; BAD_USER_INPUT naming the field, before anything is stored or asked. */
export function checkSubmission(input: SubmitComplaintInput): NewComplaint {
  const companyId = text(input.companyId, 'input.companyId', { max: 36 });
  const incidentCountry = countryCode(input.incidentCountry, 'input.incidentCountry');
  const incidentRegion =
    input.incidentRegion == null || input.incidentRegion.trim() === ''
      ? null
      : regionCodeOf(input.incidentRegion, incidentCountry, 'input.incidentRegion');
  checkIncidentDate(input.incidentDate, today());
  if (input.allegations.length === 0) {
    throw badUserInput('Name at least one provision of the Code (GENERAL_CONDUCT when unsure)', 'input.allegations');
  }
  const provisions = new Set(input.allegations.map((a) => a.provision));
  if (provisions.size !== input.allegations.length) throw badUserInput('Each provision once only', 'input.allegations');
  if (input.allegations.length > 25) throw badUserInput('At most 25 provisions', 'input.allegations');
  const description = text(input.description, 'input.description', { max: MAX_DESCRIPTION });
  const language = languageTag(text(input.language, 'input.language', { max: 35 }));
  const anonymous = input.anonymous ?? false;
  const complainantName = optionalPersonOrOrganizationName(input.complainantName, 'input.complainantName', 200);
  const complainantContact = optionalText(input.complainantContact, 'input.complainantContact', 500);
  if (anonymous && complainantName) {
    throw badUserInput('An anonymous complaint gives no name', 'input.complainantName');
  }
  if (!anonymous && !complainantName) {
    throw badUserInput('Give your name, or file anonymously', 'input.complainantName');
  }
  const representative = input.representative
    ? {
        name: personOrOrganizationName(input.representative.name, 'input.representative.name', { max: 200 }),
        organization: optionalPersonOrOrganizationName(
          input.representative.organization,
          'input.representative.organization',
          200,
        ),
        contact: optionalText(input.representative.contact, 'input.representative.contact', 500),
      }
    : null;
  if (input.kind === ComplaintKind.HARM_TO_REPRESENTED_PERSON && !representative) {
    throw badUserInput('A complaint filed for someone else names its representative', 'input.representative');
  }
  const noticeEmail =
    input.noticeEmail === null || input.noticeEmail === undefined || input.noticeEmail.trim() === ''
      ? null
      : noticeAddress(input.noticeEmail, 'input.noticeEmail');
  // Giving an address for notices is asking for them, unless said otherwise.
  const notifyWhenReplied = input.notifyWhenReplied ?? noticeEmail !== null;
  if (notifyWhenReplied && !noticeEmail) {
    throw badUserInput('Give an e-mail address (noticeEmail) to be told when a reply is waiting', 'input.noticeEmail');
  }
  const idempotencyKey = optionalText(input.idempotencyKey, 'input.idempotencyKey', 200);
  if (idempotencyKey && idempotencyKey.length < 16) {
    throw badUserInput('idempotencyKey needs at least 16 characters', 'input.idempotencyKey');
  }
  return {
    companyId,
    kind: input.kind,
    incidentDate: input.incidentDate,
    incidentCountry,
    incidentRegion,
    allegations: input.allegations.map((a) => ({ provision: a.provision, codeVersion: a.codeVersion })),
    description,
    language,
    anonymous,
    complainantName,
    complainantContact,
    representative,
    noticeEmail,
    notifyWhenReplied,
    idempotencyKey,
  };
}

/** Two filings raced: for the same reference number, the same idempotency key, or (MySQL) each other's locks. */
function isRace(error: unknown): boolean {
  const failed = error as { driverError?: { code?: string }; code?: string } | undefined;
  return isUniqueViolation(error) || (failed?.driverError?.code ?? failed?.code) === 'ER_LOCK_DEADLOCK';
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
  // Not `nextSequence`: the counter row is the lock that queues concurrent filings, so it is
  // incremented in place (`last_sequence + 1`) rather than read as MAX + 1 of the complaints.
  const updated = await manager
    .createQueryBuilder()
    .update(ComplaintReferenceCounter)
    .set({ lastSequence: () => 'last_sequence + 1' })
    .where('year = :year', { year })
    .execute();
  if (updated.affected !== 1) {
    const first = await nextSequence(manager, Complaint, { referenceYear: year }, 'referenceSequence');
    // Two first filings of the year racing here: one insert fails as a duplicate and is retried.
    await manager.insert(ComplaintReferenceCounter, { year, lastSequence: first });
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
  dueAt: StageDueAt,
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
    incidentRegion: input.incidentRegion,
    description: input.description,
    language: input.language,
    anonymous: input.anonymous,
    complainantNameEncrypted: seal(input.complainantName, 'complainant-name'),
    complainantContactEncrypted: seal(input.complainantContact, 'complainant-contact'),
    representativeEncrypted: seal(input.representative && JSON.stringify(input.representative), 'representative'),
    noticeEmailEncrypted: seal(input.noticeEmail, 'notice-email'),
    notifyWhenReplied: input.notifyWhenReplied,
    inadmissibilityReason: null,
    outcome: null,
    remedy: null,
    submittedAt,
    updatedAt: submittedAt,
    // The RECEIVED stage starts at filing, company check pending or not: the complainant waits all the same.
    stageDueAt: dueAt(ComplaintStatus.RECEIVED, submittedAt),
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
  // With the complaint or not at all: a filing that commits is always told to the Secretariat's inbox.
  await queueNotices(manager, id, FILING_NOTICES);
  await recordActivity(manager, id, submittedAt);
  complaint.lastActivityAt = submittedAt;
  return { complaint, receiptCode };
}

/** What filing needs besides the database: the cipher, the membership peer and the company-check worker. */
export interface FilingServices {
  cipher: FieldCipher;
  peers: { membership: PeerClient };
  companyChecks: { intervalMs: number; wake(at: string): void };
  /** When the RECEIVED stage of a complaint filed now is due. */
  stageDueAt: StageDueAt;
  notices: { wake(): void };
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
    state: await checkCompanyAtFiling(services.peers.membership, input.companyId, request),
    intervalMs: services.companyChecks.intervalMs,
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      const filed = await database.transaction((tx) => insertComplaint(tx, input, services.cipher, check, services.stageDueAt));
      if (filed.complaint.companyCheckNextAt) services.companyChecks.wake(filed.complaint.companyCheckNextAt);
      services.notices.wake();
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
