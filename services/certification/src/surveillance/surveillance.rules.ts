/**
 * Surveillance follow-up as plain functions of dates: a report falls due on each anniversary of the
 * certificate's issue date until it expires, and is overdue a grace period after.
 */
import { addDays, anniversary } from '../../../shared/src';
import { CertificateStatus } from '../certification/certification.entity';
import { certificateStatusOn, type CertificateHistoryFacts } from '../certification/certification.rules';
import { SurveillanceReport, SurveillanceReportStatus } from './surveillance.entity';

/** The anniversaries of the issue date up to and including the expiry date. */
export function surveillanceDueDates(issuedOn: string, expiresOn: string): string[] {
  const dates: string[] = [];
  for (let years = 1; anniversary(issuedOn, years) <= expiresOn; years += 1) dates.push(anniversary(issuedOn, years));
  return dates;
}

export interface CertificateFacts {
  id: string;
  organizationId: string;
  issuedOn: string;
  expiresOn: string;
}

/** A certificate runs on a day when it is active or suspended then (neither withdrawn nor expired). */
export function runsOn(history: readonly CertificateHistoryFacts[], date: string): boolean {
  const status = certificateStatusOn(history, date);
  return status === CertificateStatus.ACTIVE || status === CertificateStatus.SUSPENDED;
}

/**
 * The surveillance reports of one certificate as they stand on `day`: one per anniversary on which the
 * certificate ran (by its history as known today), SUBMITTED when sent, else UPCOMING, DUE or OVERDUE.
 */
export function surveillanceReportsOf(
  certificate: CertificateFacts,
  history: readonly CertificateHistoryFacts[],
  submitted: readonly { dueOn: string; submittedAt: string; documentId: string }[],
  day: string,
  graceDays: number,
): SurveillanceReport[] {
  return surveillanceDueDates(certificate.issuedOn, certificate.expiresOn)
    .filter((dueOn) => runsOn(history, dueOn))
    .map((dueOn) => {
      const sent = submitted.find((s) => s.dueOn === dueOn) ?? null;
      const overdueFrom = addDays(dueOn, graceDays);
      let status = SurveillanceReportStatus.UPCOMING;
      if (sent) status = SurveillanceReportStatus.SUBMITTED;
      else if (day >= overdueFrom) status = SurveillanceReportStatus.OVERDUE;
      else if (day >= dueOn) status = SurveillanceReportStatus.DUE;
      return Object.assign(new SurveillanceReport(), {
        certificationId: certificate.id,
        organizationId: certificate.organizationId,
        documentId: sent?.documentId ?? null,
        dueOn,
        overdueFrom,
        status,
        submittedAt: sent?.submittedAt ?? null,
      });
    });
}
