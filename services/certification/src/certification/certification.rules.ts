/**
 * Certification rules as plain functions of dated facts (no database): which standards are recognized,
 * which dates and transitions are allowed, and the status of a certificate or an organization on any
 * date. Issue 5's standing reads `organizationCertificationOn` the same way.
 */
import { addYears, badUserInput } from '../../../shared/src';
import { CertificateStatus, CertificationEvent, CertificationStandard, CertificationStatus } from './certification.entity';

/** How each recognized standard is usually written on a certificate. */
export const STANDARD_NAMES: Record<CertificationStandard, string> = {
  [CertificationStandard.PSC_1]: 'ANSI/ASIS PSC.1',
  [CertificationStandard.ISO_18788]: 'ISO 18788',
  [CertificationStandard.ISO_28007_1]: 'ISO 28007-1',
};

/** A certificate is valid for at most three years (the ISO/IEC 17021-1 certification cycle). */
export const MAX_VALIDITY_YEARS = 3;

/** Upper-case letters and digits only: "ANSI/ASIS PSC.1-2012" → "ANSIASISPSC12012". */
const squash = (value: string) => value.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * Reads a standard as written on a certificate (an enum name, "PSC.1", "ANSI/ASIS PSC.1-2012", "ISO 18788:2015",
 * "ISO 28007-1:2015", ...). Anything else, ISO 9001 included, is BAD_USER_INPUT.
 */
export function recognizedStandard(value: string): CertificationStandard {
  const text = squash(value);
  if (/^(ANSI)?(ASIS)?PSC1(2012)?$/.test(text)) return CertificationStandard.PSC_1;
  if (/^(ISO)?18788(2015)?$/.test(text)) return CertificationStandard.ISO_18788;
  if (/^(ISO)?280071(2015)?$/.test(text) || text === 'ISO28007') return CertificationStandard.ISO_28007_1;
  throw badUserInput(
    `"${value.trim().slice(0, 100)}" is not a standard the Association recognizes for certification; recognized: ` +
      `${Object.values(STANDARD_NAMES).join(', ')}`,
    'standard',
  );
}

/** Issue and expiry dates of a new certificate: issued by today, expiring after issue and within three years. */
export function checkCertificateDates(issuedOn: string, expiresOn: string, today: string): void {
  if (issuedOn > today) throw badUserInput('issuedOn cannot be in the future', 'issuedOn');
  if (expiresOn <= issuedOn) throw badUserInput('expiresOn must be after issuedOn', 'expiresOn');
  if (expiresOn > addYears(issuedOn, MAX_VALIDITY_YEARS)) {
    throw badUserInput(`A certificate is valid for at most ${MAX_VALIDITY_YEARS} years after issue`, 'expiresOn');
  }
}

/** The facts of one history entry the status rules read. */
export interface CertificateHistoryFacts {
  certificationId: string;
  sequence: number;
  status: CertificateStatus;
  effectiveFrom: string;
  expiresOn: string;
}

/** The entry in force on `date`: the last one (by sequence) effective on or before it; null before issue. */
export function certificateEntryOn<E extends CertificateHistoryFacts>(history: readonly E[], date: string): E | null {
  let found: E | null = null;
  for (const entry of history) {
    if (entry.effectiveFrom <= date && (!found || entry.sequence > found.sequence)) found = entry;
  }
  return found;
}

/**
 * A certificate's status on `date`, from its history: null before it was issued; WITHDRAWN once withdrawn;
 * EXPIRED after the expiry date then in force; otherwise the decided ACTIVE or SUSPENDED.
 */
export function certificateStatusOn(history: readonly CertificateHistoryFacts[], date: string): CertificateStatus | null {
  const entry = certificateEntryOn(history, date);
  if (!entry) return null;
  if (entry.status === CertificateStatus.WITHDRAWN) return CertificateStatus.WITHDRAWN;
  if (date > entry.expiresOn) return CertificateStatus.EXPIRED;
  return entry.status;
}

/** The organization's certification on a date, and the certificate it rests on (null when NOT_CERTIFIED). */
export interface OrganizationCertification {
  status: CertificationStatus;
  certificationId: string | null;
}

/**
 * An organization's certification status on `date`, from its certificates and their histories:
 * CERTIFIED if any certificate is active (the one expiring last is the current one), else SUSPENDED if
 * one is suspended, else the way the most recently ended certificate ended (EXPIRED or WITHDRAWN),
 * else NOT_CERTIFIED.
 */
export function organizationCertificationOn(
  certificates: readonly { id: string }[],
  histories: readonly CertificateHistoryFacts[],
  date: string,
): OrganizationCertification {
  const byCertificate = new Map<string, CertificateHistoryFacts[]>(certificates.map((c) => [c.id, []]));
  for (const entry of histories) byCertificate.get(entry.certificationId)?.push(entry);
  let best: { rank: number; end: string; id: string; status: CertificationStatus } | null = null;
  for (const [id, history] of byCertificate) {
    const status = certificateStatusOn(history, date);
    if (!status) continue;
    const entry = certificateEntryOn(history, date)!;
    const candidate =
      status === CertificateStatus.ACTIVE
        ? { rank: 3, end: entry.expiresOn, status: CertificationStatus.CERTIFIED }
        : status === CertificateStatus.SUSPENDED
          ? { rank: 2, end: entry.expiresOn, status: CertificationStatus.SUSPENDED }
          : status === CertificateStatus.WITHDRAWN
            ? { rank: 1, end: entry.effectiveFrom < entry.expiresOn ? entry.effectiveFrom : entry.expiresOn, status: CertificationStatus.WITHDRAWN }
            : { rank: 1, end: entry.expiresOn, status: CertificationStatus.EXPIRED };
    if (
      !best ||
      candidate.rank > best.rank ||
      (candidate.rank === best.rank && (candidate.end > best.end || (candidate.end === best.end && id > best.id)))
    ) {
      best = { ...candidate, id };
    }
  }
  return best ? { status: best.status, certificationId: best.id } : { status: CertificationStatus.NOT_CERTIFIED, certificationId: null };
}

/** Today's status of a certificate from its latest decision and expiry date (no future-dated entries exist). */
export function currentCertificateStatus(decided: CertificateStatus, expiresOn: string, today: string): CertificateStatus {
  if (decided === CertificateStatus.WITHDRAWN) return decided;
  return today > expiresOn ? CertificateStatus.EXPIRED : decided;
}

/** Which decided status may follow which (EXPIRED is a fact of the dates: renew, do not reinstate). */
const NEXT: Record<CertificateStatus, readonly CertificateStatus[]> = {
  [CertificateStatus.ACTIVE]: [CertificateStatus.SUSPENDED, CertificateStatus.WITHDRAWN],
  [CertificateStatus.SUSPENDED]: [CertificateStatus.ACTIVE, CertificateStatus.WITHDRAWN],
  [CertificateStatus.EXPIRED]: [],
  [CertificateStatus.WITHDRAWN]: [],
};

/**
 * Checks a Secretariat decision on a certificate whose status on the effective date is `from`, and
 * returns the history event it makes; BAD_USER_INPUT when the rules do not allow it.
 */
export function checkCertificateTransition(from: CertificateStatus, to: CertificateStatus): CertificationEvent {
  if (to === CertificateStatus.EXPIRED) {
    throw badUserInput('EXPIRED follows from the expiry date and cannot be set', 'status');
  }
  if (from === to) throw badUserInput(`The certificate is already ${from.toLowerCase()}`, 'status');
  if (!NEXT[from].includes(to)) {
    const hint =
      from === CertificateStatus.EXPIRED
        ? ': it has expired; record its renewal or a new certificate'
        : from === CertificateStatus.WITHDRAWN
          ? ': withdrawal is final'
          : '';
    throw badUserInput(`A ${from.toLowerCase()} certificate cannot become ${to.toLowerCase()}${hint}`, 'status');
  }
  if (to === CertificateStatus.SUSPENDED) return CertificationEvent.SUSPENDED;
  if (to === CertificateStatus.WITHDRAWN) return CertificationEvent.WITHDRAWN;
  return CertificationEvent.REINSTATED;
}

/**
 * Checks a renewal: only an active or expired certificate (not suspended or withdrawn) can be renewed, to
 * an expiry after the current one, at most three years after it (or after the renewal day, if later).
 */
export function checkRenewal(
  from: CertificateStatus,
  decided: CertificateStatus,
  currentExpiry: string,
  newExpiry: string,
  effectiveFrom: string,
): void {
  // A certificate that expired while suspended stays suspended as far as renewal is concerned.
  const status = decided === CertificateStatus.SUSPENDED ? decided : from;
  if (status !== CertificateStatus.ACTIVE && status !== CertificateStatus.EXPIRED) {
    throw badUserInput(`A ${status.toLowerCase()} certificate cannot be renewed`, 'id');
  }
  if (newExpiry <= currentExpiry) throw badUserInput(`expiresOn must be after the current expiry (${currentExpiry})`, 'expiresOn');
  if (newExpiry <= effectiveFrom) throw badUserInput('expiresOn must be after the renewal date', 'expiresOn');
  const base = currentExpiry > effectiveFrom ? currentExpiry : effectiveFrom;
  if (newExpiry > addYears(base, MAX_VALIDITY_YEARS)) {
    throw badUserInput(`A renewal extends a certificate by at most ${MAX_VALIDITY_YEARS} years`, 'expiresOn');
  }
}

/** A decision's effective date: not in the future, not before the latest entry of the history. */
export function checkEffectiveDate(effectiveFrom: string, latest: string | null, today: string): void {
  if (effectiveFrom > today) throw badUserInput('effectiveFrom cannot be in the future', 'effectiveFrom');
  if (latest && effectiveFrom < latest) {
    throw badUserInput(`effectiveFrom cannot be before the latest recorded change (${latest})`, 'effectiveFrom');
  }
}
