import { randomUUID } from 'node:crypto';
import { In, MoreThanOrEqual, Not, type FindOptionsWhere } from 'typeorm';
import {
  badUserInput,
  conflictOnUniqueViolation,
  nowTimestamp,
  pageDirection,
  paginateSorted,
  type Database,
  type PageRequest,
} from '../../../shared/src';
import { CertificateStatus, Certification, CertificationStatusEntry } from '../certification/certification.entity';
import type { StoredDocument } from '../document/document.entity';
import { SurveillanceReport, SurveillanceReportRecord, SurveillanceReportStatus } from './surveillance.entity';
import { SurveillanceReportConnection } from './surveillance.types';
import { runsOn, surveillanceDueDates, surveillanceReportsOf } from './surveillance.rules';

/** Reports of the certificates `where` selects, by organization: three statements, whatever their number. */
async function reportsOf(
  database: Database,
  where: FindOptionsWhere<Certification>,
  day: string,
  graceDays: number,
): Promise<Map<string, SurveillanceReport[]>> {
  const manager = database.dataSource.manager;
  const certificates = await manager.find(Certification, { where, order: { issuedOn: 'DESC', id: 'ASC' } });
  const byOrganization = new Map<string, SurveillanceReport[]>();
  if (certificates.length === 0) return byOrganization;
  const ids = certificates.map((c) => c.id);
  const [history, submitted] = await Promise.all([
    manager.find(CertificationStatusEntry, { where: { certificationId: In(ids) }, order: { sequence: 'ASC' } }),
    manager.find(SurveillanceReportRecord, { where: { certificationId: In(ids) } }),
  ]);
  for (const certificate of certificates) {
    const reports = surveillanceReportsOf(
      certificate,
      history.filter((h) => h.certificationId === certificate.id),
      submitted.filter((s) => s.certificationId === certificate.id),
      day,
      graceDays,
    );
    byOrganization.set(certificate.organizationId, [...(byOrganization.get(certificate.organizationId) ?? []), ...reports]);
  }
  return byOrganization;
}

/** Every surveillance report of these organizations' certificates on `day`, by organization (the company's view). */
export function surveillanceReportsByOrganization(database: Database, organizationIds: readonly string[], day: string, graceDays: number) {
  return reportsOf(database, { organizationId: In([...organizationIds]) }, day, graceDays);
}

/**
 * The overdue surveillance reports of certificates still running on `day`, by organization: of the given
 * organizations, or of all when `organizationIds` is null. Batched (three statements), for the
 * Secretariat's queue and for any ranking that weighs a company's overdue reports.
 */
export async function overdueSurveillanceReportsByOrganization(
  database: Database,
  organizationIds: readonly string[] | null,
  day: string,
  graceDays: number,
): Promise<Map<string, SurveillanceReport[]>> {
  const running: FindOptionsWhere<Certification> = {
    expiresOn: MoreThanOrEqual(day),
    recordedStatus: Not(CertificateStatus.WITHDRAWN),
    ...(organizationIds ? { organizationId: In([...organizationIds]) } : {}),
  };
  const all = await reportsOf(database, running, day, graceDays);
  const overdue = new Map<string, SurveillanceReport[]>();
  for (const [organizationId, reports] of all) {
    const late = reports.filter((r) => r.status === SurveillanceReportStatus.OVERDUE);
    if (late.length > 0) overdue.set(organizationId, late);
  }
  return overdue;
}

/** Records the report the company sent for one due date of a certificate, once per due date. */
export async function submitSurveillanceReport(
  database: Database,
  certification: Certification,
  history: readonly CertificationStatusEntry[],
  dueOn: string,
  document: StoredDocument,
  submittedBy: string | null,
): Promise<SurveillanceReportRecord> {
  if (!surveillanceDueDates(certification.issuedOn, certification.expiresOn).includes(dueOn) || !runsOn(history, dueOn)) {
    throw badUserInput(`No surveillance report of this certificate is due on ${dueOn}: due dates are the anniversaries of its issue`, 'dueOn');
  }
  if (document.organizationId !== certification.organizationId) {
    throw badUserInput(`Document ${document.id} was not found among the company's documents`, 'documentId');
  }
  const write = () =>
    database.transaction(async (manager) => {
      if (await manager.findOneBy(SurveillanceReportRecord, { certificationId: certification.id, dueOn })) {
        throw badUserInput(`The surveillance report due on ${dueOn} was already sent`, 'dueOn');
      }
      const record = manager.create(SurveillanceReportRecord, {
        id: randomUUID(),
        certificationId: certification.id,
        organizationId: certification.organizationId,
        dueOn,
        documentId: document.id,
        sha256: document.sha256,
        submittedAt: nowTimestamp(),
        submittedBy,
      });
      await manager.insert(SurveillanceReportRecord, record);
      return record;
    });
  return conflictOnUniqueViolation(write, `The surveillance report due on ${dueOn} was sent meanwhile`);
}

/**
 * The Secretariat's queue of overdue reports, earliest due first, in pages either way from a (due date,
 * certificate) cursor. Computed from the dates (three statements), so the whole queue is read and then paged.
 */
export async function overdueQueue(database: Database, day: string, graceDays: number, page: PageRequest) {
  pageDirection(page); // bad page arguments are refused before anything is read
  const byOrganization = await overdueSurveillanceReportsByOrganization(database, null, day, graceDays);
  const all = [...byOrganization.values()]
    .flat()
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.certificationId.localeCompare(b.certificationId));
  return paginateSorted(SurveillanceReportConnection, all, (r) => [r.dueOn, r.certificationId], ['string', 'string'], page);
}
