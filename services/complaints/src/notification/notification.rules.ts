import { badUserInput } from '../../../shared/src';
import { NoticeErrorClass, NoticeKind, NoticeRecipient } from './notification.enums';

/*
 * The rules of e-mail notices, as plain functions: which addresses are accepted, how long a failed notice
 * waits before the next attempt, when it is given up, and how an SMTP failure is classed.
 */

/** A notice to tell, before it is stored: what, about which complaint, to whom. */
export interface NewNotice {
  kind: NoticeKind;
  recipient: NoticeRecipient;
}

/**
 * A mailbox, `local@domain`: dot-atom characters in the local part (letters of any script too), a domain of
 * dotted labels ending in a label of two letters or more. Stricter than RFC 5322 on purpose: no quoted local
 * parts, comments, display names, commas or angle brackets, so that one value is always one recipient.
 */
const MAILBOX = /^(?!\.)(?!.*\.\.)[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\.)@(?=.{4,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u;

/** The longest address accepted (RFC 5321's limit on a path). */
export const MAX_ADDRESS = 254;

/** True for an address a notice may be sent to (`MAILBOX`). */
export function isMailbox(value: string): boolean {
  return value.length <= MAX_ADDRESS && MAILBOX.test(value);
}

/** A notice address as given (trimmed); BAD_USER_INPUT naming `field` when it is not one mailbox. */
export function noticeAddress(value: string, field: string): string {
  const trimmed = value.trim();
  if (!isMailbox(trimmed)) throw badUserInput(`${field} is not an e-mail address (name@example.org)`, field);
  return trimmed;
}

/** After this many attempts a notice is given up (FAILED, logged): with the default retry, about three days. */
export const MAX_NOTICE_ATTEMPTS = 75;

/** The longest wait between two attempts: an SMTP outage of a day is retried hourly. */
export const MAX_NOTICE_BACKOFF_MS = 3_600_000;

/** The wait after attempt `attempts` failed: `retryMs`, doubled with each attempt, at most an hour. */
export function noticeBackoffMs(attempts: number, retryMs: number): number {
  return Math.min(retryMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30), Math.max(MAX_NOTICE_BACKOFF_MS, retryMs));
}

/** How long a claim holds: longer than any SMTP exchange can take (its timeouts), so a live sender keeps it. */
export const CLAIM_MS = 5 * 60_000;

/**
 * The class of an SMTP failure, from nodemailer's `code` and the server's `responseCode` (never its text,
 * which may quote the address).
 */
export function errorClassOf(error: unknown): NoticeErrorClass {
  const failure = error as { code?: unknown; responseCode?: unknown } | null;
  const code = typeof failure?.code === 'string' ? failure.code : '';
  const response = typeof failure?.responseCode === 'number' ? failure.responseCode : 0;
  if (code === 'EAUTH') return NoticeErrorClass.AUTHENTICATION;
  if (response >= 500 && response < 600) return NoticeErrorClass.PERMANENT;
  if (response >= 400 && response < 500) return NoticeErrorClass.TEMPORARY;
  if (['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL', 'ETLS'].includes(code)) {
    return NoticeErrorClass.CONNECTION;
  }
  return NoticeErrorClass.OTHER;
}

/** What happens to a notice after a failed attempt: tried again later, or given up. */
export function afterFailure(
  errorClass: NoticeErrorClass,
  attempts: number,
  retryMs: number,
  now: number,
): { retryAt: string } | { giveUp: true } {
  // A server refusing for good (an unknown mailbox) will refuse again: retrying would only repeat it.
  if (errorClass === NoticeErrorClass.PERMANENT || attempts >= MAX_NOTICE_ATTEMPTS) return { giveUp: true };
  return { retryAt: new Date(now + noticeBackoffMs(attempts, retryMs)).toISOString() };
}

/**
 * The link a Secretariat notice carries: CASEWORK_URL with `{id}` and `{reference}` replaced by the
 * complaint's id and reference number (URL-encoded); without either, CASEWORK_URL as it is.
 */
export function caseworkLink(template: string, complaint: { id: string; referenceNumber: string }): string {
  return template
    .replaceAll('{id}', encodeURIComponent(complaint.id))
    .replaceAll('{reference}', encodeURIComponent(complaint.referenceNumber));
}
