import { randomBytes } from 'node:crypto';
import { badUserInput, MembershipCategory, Pillar } from '../../../shared/src';
import { ComplaintKind } from '../catalogue/catalogue.enums';
import {
  CompanyCheckStatus,
  ComplaintActor,
  ComplaintEventKind,
  ComplaintStatus,
  EventAudience,
} from './complaint.enums';
import type { MembershipRecord } from '../membership/membership.peer';
import { NoticeKind, NoticeRecipient } from '../notification/notification.enums';
import type { NewNotice } from '../notification/notification.rules';

const {
  RECEIVED,
  UNDER_ASSESSMENT,
  INADMISSIBLE,
  REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM: REFERRED,
  GOOD_OFFICES,
  UNDER_REVIEW,
  MONITORING_FOLLOW_UP,
  RESOLVED,
  CLOSED,
} = ComplaintStatus;

const HARM_HANDLING = [REFERRED, GOOD_OFFICES, UNDER_REVIEW] as const;

/** Which status may follow which, for each kind of complaint (Article 13). */
const NEXT_STATUSES: Record<'harm' | 'violation', Record<ComplaintStatus, readonly ComplaintStatus[]>> = {
  harm: {
    [RECEIVED]: [UNDER_ASSESSMENT],
    [UNDER_ASSESSMENT]: [INADMISSIBLE, ...HARM_HANDLING],
    // A grievance mechanism that fails the complainant can be followed by good offices or a review, and back.
    [REFERRED]: [GOOD_OFFICES, UNDER_REVIEW, RESOLVED],
    [GOOD_OFFICES]: [REFERRED, UNDER_REVIEW, RESOLVED],
    [UNDER_REVIEW]: [REFERRED, GOOD_OFFICES, RESOLVED],
    [MONITORING_FOLLOW_UP]: [],
    [RESOLVED]: [CLOSED],
    [INADMISSIBLE]: [],
    [CLOSED]: [],
  },
  violation: {
    [RECEIVED]: [UNDER_ASSESSMENT],
    [UNDER_ASSESSMENT]: [INADMISSIBLE, MONITORING_FOLLOW_UP],
    [MONITORING_FOLLOW_UP]: [RESOLVED],
    [REFERRED]: [],
    [GOOD_OFFICES]: [],
    [UNDER_REVIEW]: [],
    [RESOLVED]: [CLOSED],
    [INADMISSIBLE]: [],
    [CLOSED]: [],
  },
};

function isHarm(kind: ComplaintKind): boolean {
  return kind !== ComplaintKind.VIOLATION_REPORT;
}

/** The statuses a complaint of `kind` may move to from `from`. */
export function nextStatuses(kind: ComplaintKind, from: ComplaintStatus): readonly ComplaintStatus[] {
  return NEXT_STATUSES[isHarm(kind) ? 'harm' : 'violation'][from];
}

/** Final statuses: nothing follows them, and the complaint counts as closed in the statistics. */
function isFinal(status: ComplaintStatus): boolean {
  return status === CLOSED || status === INADMISSIBLE;
}

export interface TransitionDetails {
  note: string;
  outcome?: string | null;
  remedy?: string | null;
  audience?: EventAudience;
}

/**
 * Checks a move of a complaint of `kind` from `from` to `to`; throws BAD_USER_INPUT when the process
 * does not allow it or when what the new status needs is missing (an outcome to resolve).
 */
export function checkTransition(kind: ComplaintKind, from: ComplaintStatus, to: ComplaintStatus, details: TransitionDetails): void {
  const allowed = nextStatuses(kind, from);
  if (!allowed.includes(to)) {
    const what = isHarm(kind) ? 'A harm complaint' : 'A violation report';
    throw badUserInput(
      `${what} cannot move from ${from} to ${to}` +
        (allowed.length ? `; allowed: ${allowed.join(', ')}` : ': this status is final'),
      'to',
    );
  }
  // The note becomes `inadmissibilityReason`, which the complainant and the company read: it must be meant for them,
  // so an internal note can never reach the company through that field.
  if (to === INADMISSIBLE && details.audience !== EventAudience.COMPLAINANT_AND_COMPANY) {
    throw badUserInput(
      'For INADMISSIBLE the note is the reason the complainant and the company read: set audience COMPLAINANT_AND_COMPANY',
      'audience',
    );
  }
  if (to === RESOLVED && !details.outcome) throw badUserInput('Resolving a complaint needs its outcome', 'outcome');
  if (to !== RESOLVED && (details.outcome || details.remedy)) {
    throw badUserInput('An outcome and a remedy are recorded only when the complaint is resolved', 'outcome');
  }
}

/** Settled: closed, found inadmissible or resolved. A settled complaint waits on no one, so it has no stage due date. */
export function isSettled(status: ComplaintStatus): boolean {
  return status === CLOSED || status === INADMISSIBLE || status === RESOLVED;
}

/**
 * When a stage that began at `stageBeganAt` is due, for a complaint now in `status`; null once settled. The
 * targets behind it are a setting (stage-deadline/stage-deadline.rules.ts), so filing and moving a complaint
 * receive this function from the subgraph's services rather than reading the targets themselves.
 */
export type StageDueAt = (status: ComplaintStatus, stageBeganAt: string) => string | null;

/** The company may respond while the complaint is being handled, not once it is final. */
export function companyMayRespond(status: ComplaintStatus): boolean {
  return !isFinal(status);
}

/** The complainant may write to the Secretariat until the complaint is closed. */
export function complainantMayWrite(status: ComplaintStatus): boolean {
  return status !== CLOSED;
}

/**
 * The e-mail notices of a filing: the Secretariat's inbox hears of every complaint, those stored while the
 * membership register could not be asked (company check pending) included: they are filed all the same.
 */
export const FILING_NOTICES: readonly NewNotice[] = [{ kind: NoticeKind.NEW_COMPLAINT, recipient: NoticeRecipient.SECRETARIAT }];

/** Whether a complainant is to be told that a reply is waiting: they opted in, and an address is kept. */
export function wantsReplyNotices(complaint: { notifyWhenReplied: boolean; noticeEmailEncrypted: string | null }): boolean {
  return complaint.notifyWhenReplied && complaint.noticeEmailEncrypted !== null;
}

/**
 * The notices of a message: the Secretariat's inbox hears of the complainant's; the complainant, if they
 * opted in, hears that the Secretariat's reply is waiting.
 */
export function messageNotices(
  sender: ComplaintActor,
  complaint: { notifyWhenReplied: boolean; noticeEmailEncrypted: string | null },
): NewNotice[] {
  if (sender === ComplaintActor.COMPLAINANT) return [{ kind: NoticeKind.COMPLAINANT_MESSAGE, recipient: NoticeRecipient.SECRETARIAT }];
  if (sender === ComplaintActor.SECRETARIAT && wantsReplyNotices(complaint)) {
    return [{ kind: NoticeKind.REPLY_WAITING, recipient: NoticeRecipient.COMPLAINANT }];
  }
  return [];
}

/** A status change whose note is written for the complainant is a reply too: they hear it is waiting, if they opted in. */
export function statusChangeNotices(
  audience: EventAudience,
  complaint: { notifyWhenReplied: boolean; noticeEmailEncrypted: string | null },
): NewNotice[] {
  const forComplainant = audience === EventAudience.COMPLAINANT || audience === EventAudience.COMPLAINANT_AND_COMPANY;
  return forComplainant && wantsReplyNotices(complaint) ? [{ kind: NoticeKind.REPLY_WAITING, recipient: NoticeRecipient.COMPLAINANT }] : [];
}

/** `ICOCA-2026-000123`: the year of filing and a number counted per year. */
export function referenceNumber(year: number, sequence: number): string {
  return `ICOCA-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The day the International Code of Conduct was adopted and signed: nothing before it can violate it. */
const CODE_ADOPTED_ON = '2010-11-09';

/** The incident cannot be after the day it is reported, nor before the Code existed. */
export function checkIncidentDate(incidentDate: string, today: string): void {
  if (incidentDate > today) throw badUserInput('incidentDate cannot be in the future', 'input.incidentDate');
  if (incidentDate < CODE_ADOPTED_ON) {
    throw badUserInput('incidentDate cannot be before the Code was adopted on 9 November 2010', 'input.incidentDate');
  }
}

// Crockford's base32: no I, L, O, U, so a code read aloud or copied by hand is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECEIPT_CODE_BYTES = 15; // 120 bits: guessing is hopeless even at millions of tries a second.
const RECEIPT_CODE_LENGTH = (RECEIPT_CODE_BYTES * 8) / 5;

/** A new receipt code of 120 random bits, 24 characters in groups of four: `7K2M-...`. */
export function newReceiptCode(bytes: Buffer = randomBytes(RECEIPT_CODE_BYTES)): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{1,4}/g)!.join('-');
}

/**
 * The canonical form of a receipt code as typed: case, spaces and dashes ignored, O read as 0 and
 * I/L as 1. Null when it cannot be a receipt code at all (answered like a wrong code).
 */
export function normalizeReceiptCode(typed: string): string | null {
  if (typed.length > 100) return null;
  const code = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== RECEIPT_CODE_LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return null;
  return code;
}

/** Who reads a timeline. */
export type TimelineReader = 'SECRETARIAT' | 'COMPANY' | 'COMPLAINANT';

function inAudience(audience: EventAudience, reader: TimelineReader): boolean {
  if (reader === 'SECRETARIAT') return true;
  if (audience === EventAudience.COMPLAINANT_AND_COMPANY) return true;
  return audience === (reader === 'COMPANY' ? EventAudience.COMPANY : EventAudience.COMPLAINANT);
}

export interface TimelineEntry {
  kind: ComplaintEventKind;
  audience: EventAudience;
  actor: ComplaintActor;
  note: string | null;
}

/**
 * The timeline as `reader` may see it: the filing and every status change for all (the status is no
 * secret to either party), notes only for their audience, and the company's responses only for the
 * company and the Secretariat.
 */
export function timelineFor<E extends TimelineEntry>(events: readonly E[], reader: TimelineReader): E[] {
  return events
    .filter((event) => event.kind !== ComplaintEventKind.COMPANY_RESPONSE || reader !== 'COMPLAINANT')
    .map((event) => (inAudience(event.audience, reader) ? event : { ...event, note: null }));
}

/** Complaints are taken against companies that are or were members or affiliates, whatever their status today. */
export function mayBeComplainedAbout(organization: MembershipRecord | null): boolean {
  return (
    !!organization &&
    organization.pillar === Pillar.PRIVATE_SECURITY_COMPANY &&
    organization.statusHistory.some(
      (entry) => entry.category === MembershipCategory.MEMBER || entry.category === MembershipCategory.AFFILIATE,
    )
  );
}

/** The first hour of a pending company check, in retry intervals: retried at each one, then at every 60th. */
export const COMPANY_CHECK_FAST_RETRIES = 60;

/**
 * When a pending company check is next due, asked at `now` for a complaint filed at `submittedAt`:
 * every `intervalMs` (a minute) for the first hour after filing, then every hour (60 intervals).
 */
export function nextCompanyCheckAt(submittedAt: string, now: string, intervalMs: number): string {
  const elapsed = Date.parse(now) - Date.parse(submittedAt);
  const delay = elapsed < COMPANY_CHECK_FAST_RETRIES * intervalMs ? intervalMs : COMPANY_CHECK_FAST_RETRIES * intervalMs;
  return new Date(Date.parse(now) + delay).toISOString();
}

/** What the complainant reads when the company check finds a company the Association takes no complaints against. */
export const COMPANY_CHECK_FAILED_REASON =
  'The company named in this complaint is not a private security company that is or was a member or affiliate of ' +
  'the Association, so the Association\'s complaints process cannot take it up. You can still write to the ' +
  'Secretariat with your receipt code, for example to name the company again or to ask where else to turn.';

/**
 * The status a complaint takes when its company check fails: INADMISSIBLE, straight from wherever the
 * assessment stands (this is the assessment's answer, not a move by the Secretariat); null when the
 * complaint is already final (the Secretariat decided first) and only the check is recorded.
 */
export function statusAfterFailedCompanyCheck(status: ComplaintStatus): ComplaintStatus | null {
  return isFinal(status) ? null : INADMISSIBLE;
}

/**
 * While the company check is pending the complaint may be assessed, or found inadmissible, but not
 * taken further: handling it presumes a company the Association takes complaints against.
 */
export function checkMoveWhileCompanyCheck(check: CompanyCheckStatus, to: ComplaintStatus): void {
  if (check === CompanyCheckStatus.PENDING && to !== UNDER_ASSESSMENT && to !== INADMISSIBLE) {
    throw badUserInput(
      `The company check is pending (the membership register has not answered yet): the complaint can move to ` +
        `UNDER_ASSESSMENT or INADMISSIBLE only, not ${to}`,
      'to',
    );
  }
}

/** How long a retry with the same idempotency key is answered with the receipt code again. */
const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The end of the retry window of a complaint filed at `submittedAt`, as a stored timestamp. */
export function retryUntil(submittedAt: string): string {
  return new Date(Date.parse(submittedAt) + RETRY_WINDOW_MS).toISOString();
}

/** BCP 47 language tag, loosely: `en`, `fr`, `pt-BR`, `zh-Hant`. */
export function languageTag(value: string): string {
  const tag = value.trim();
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(tag)) {
    throw badUserInput('language must be a language tag such as en, fr, es or pt-BR', 'input.language');
  }
  const [primary, ...rest] = tag.split('-');
  return [primary.toLowerCase(), ...rest].join('-');
}

export interface StatisticsRow {
  year: number;
  status: ComplaintStatus;
  count: number;
}

export interface ComplaintCounts {
  received: number;
  open: number;
  closed: number;
}

/** Folds counts per year and status into totals and a per-year breakdown, oldest year first. */
export function countComplaints(rows: readonly StatisticsRow[]): ComplaintCounts & { byYear: (ComplaintCounts & { year: number })[] } {
  const years = new Map<number, ComplaintCounts & { year: number }>();
  const total: ComplaintCounts = { received: 0, open: 0, closed: 0 };
  for (const row of rows) {
    const year = years.get(row.year) ?? { year: row.year, received: 0, open: 0, closed: 0 };
    years.set(row.year, year);
    for (const counts of [year, total]) {
      counts.received += row.count;
      if (isFinal(row.status)) counts.closed += row.count;
      else counts.open += row.count;
    }
  }
  return { ...total, byYear: [...years.values()].sort((a, b) => a.year - b.year) };
}
