/**
 * Checks the certificates of one organization of an import file (`npm run import`) with the rules the
 * API applies: recognized standards, certificate dates, the transitions of a certificate's status and
 * renewals. Refusals are collected with row and field; nothing here reads a database.
 */
import { countryCode, countryCodes, RowChecker, text, today } from '../../../shared/src';
import { CertificateStatus, CertificationEvent, CertificationStandard } from '../certification/certification.entity';
import {
  certificateStatusOn,
  checkCertificateDates,
  checkCertificateTransition,
  checkRenewal,
  recognizedStandard,
  type CertificateHistoryFacts,
} from '../certification/certification.rules';

export interface ImportedCertificateEntry {
  event: CertificationEvent;
  status: CertificateStatus;
  effectiveFrom: string;
  expiresOn: string;
  reason: string;
}

/** One certificate as the import writes it: every value checked, its history in order. */
export interface ImportedCertification {
  row: number;
  field: string;
  standard: CertificationStandard;
  body: { name: string; accreditationBody: string; country: string };
  certificateNumber: string;
  scope: string;
  countriesCovered: string[];
  issuedOn: string;
  /** The expiry in force now (after the renewals of the history). */
  expiresOn: string;
  history: ImportedCertificateEntry[];
}

const object = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The history after issue: decisions (SUSPENDED, ACTIVE, WITHDRAWN) and renewals (ACTIVE with a later `expiresOn`). */
function checkHistory(check: RowChecker, raw: unknown, issued: ImportedCertificateEntry): ImportedCertificateEntry[] | undefined {
  const history: ImportedCertificateEntry[] = [issued];
  const entries = check.list(raw, 'statusHistory');
  for (const [i, value] of entries.entries()) {
    const entry = object(value);
    const at = check.nested(`statusHistory[${i}]`);
    const status = at.oneOf(entry.status, 'status', [CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED, CertificateStatus.WITHDRAWN]);
    const effectiveFrom = at.date(entry.effectiveFrom, 'effectiveFrom');
    const expiresOn = at.date(entry.expiresOn, 'expiresOn', true);
    const reason = at.check('reason', () => text(String(entry.reason ?? ''), 'reason', { max: 2000 }));
    if (!status || !effectiveFrom || expiresOn === undefined || !reason) return undefined;
    const previous = history[history.length - 1];
    if (effectiveFrom > today()) return at.refuse('effectiveFrom', 'effectiveFrom cannot be in the future');
    if (effectiveFrom < previous.effectiveFrom) {
      return at.refuse('effectiveFrom', `effectiveFrom cannot be before the previous entry's (${previous.effectiveFrom})`);
    }
    const facts: CertificateHistoryFacts[] = history.map((e, sequence) => ({ ...e, certificationId: 'checked', sequence }));
    const from = certificateStatusOn(facts, effectiveFrom) ?? CertificateStatus.ACTIVE;
    let event: CertificationEvent | undefined;
    if (expiresOn && expiresOn !== previous.expiresOn) {
      if (status !== CertificateStatus.ACTIVE) return at.refuse('status', 'A renewal (a new expiresOn) leaves the certificate ACTIVE');
      event = at.check('expiresOn', () => {
        checkRenewal(from, previous.status, previous.expiresOn, expiresOn, effectiveFrom);
        return CertificationEvent.RENEWED;
      });
    } else {
      event = at.check('status', () => checkCertificateTransition(from, status));
    }
    if (!event) return undefined;
    history.push({ event, status, effectiveFrom, expiresOn: expiresOn || previous.expiresOn, reason });
  }
  return history;
}

/** Checks the `certifications` of one organization of the file; answers those that passed. */
export function checkImportedCertifications(check: RowChecker, raw: unknown): ImportedCertification[] {
  return check.list(raw, 'certifications').flatMap((value, i) => {
    const input = object(value);
    const field = `certifications[${i}]`;
    const at = check.nested(field);
    const before = check.problems.length;
    const standard = at.check('standard', () => recognizedStandard(String(input.standard ?? '')));
    const body = object(input.certificationBody);
    const bodyAt = at.nested('certificationBody');
    const bodyName = bodyAt.check('name', () => text(String(body.name ?? ''), 'name', { max: 200 }));
    const accreditationBody = bodyAt.check('accreditationBody', () =>
      text(String(body.accreditationBody ?? ''), 'accreditationBody', { max: 200 }));
    const bodyCountry = bodyAt.check('country', () => countryCode(String(body.country ?? ''), 'country'));
    const certificateNumber = at.check('certificateNumber', () =>
      text(String(input.certificateNumber ?? ''), 'certificateNumber', { max: 100 }));
    const scope = at.check('scope', () => text(String(input.scope ?? ''), 'scope', { max: 4000 }));
    const countriesCovered = at.check('countriesCovered', () =>
      countryCodes(at.list(input.countriesCovered, 'countriesCovered').map(String), 'countriesCovered'));
    if (countriesCovered?.length === 0) at.refuse('countriesCovered', 'countriesCovered must name at least one country');
    const issuedOn = at.date(input.issuedOn, 'issuedOn');
    const expiresOn = at.date(input.expiresOn, 'expiresOn');
    if (issuedOn && expiresOn) at.check('expiresOn', () => checkCertificateDates(issuedOn, expiresOn, today()));
    if (check.problems.length > before) return [];
    const history = checkHistory(at, input.statusHistory, {
      event: CertificationEvent.ISSUED,
      status: CertificateStatus.ACTIVE,
      effectiveFrom: issuedOn!,
      expiresOn: expiresOn!,
      reason: 'Certificate issued',
    });
    if (!history) return [];
    return [{
      row: check.row,
      field,
      standard: standard!,
      body: { name: bodyName!, accreditationBody: accreditationBody!, country: bodyCountry! },
      certificateNumber: certificateNumber!,
      scope: scope!,
      countriesCovered: countriesCovered!,
      issuedOn: issuedOn!,
      expiresOn: history[history.length - 1].expiresOn,
      history,
    }];
  });
}
