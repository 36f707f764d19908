import type DataLoader from 'dataloader';
import type { Certification, CertificationStatus, CertificationStatusEntry } from './certification.entity';
import { certificateEntryOn, organizationCertificationOn } from './certification.rules';

/** The two loaders the rule reads and the request's memo of its answers (certification.loaders.ts, part of the request's loaders). */
export interface CertificatesOfOrganizations {
  certificationsByOrganization: DataLoader<string, Certification[]>;
  certificationHistoryByOrganization: DataLoader<string, CertificationStatusEntry[]>;
  certificationInForceWorkedOut: Map<string, WorkedOut>;
}

/** What was worked out for one organization, from the rows its loaders gave, by date. */
export interface WorkedOut {
  certificates: readonly Certification[];
  histories: readonly CertificationStatusEntry[];
  byDate: Map<string, CertificationInForce>;
}

/**
 * The organization's certification on `date`: its status, the certificate it rests on and that certificate's
 * validity on that day. Read through the loaders, so a list of organizations costs two statements.
 */
export async function certificationInForce(loaders: CertificatesOfOrganizations, organizationId: string, date: string): Promise<CertificationInForce> {
  const [certificates, histories] = await Promise.all([
    loaders.certificationsByOrganization.load(organizationId),
    loaders.certificationHistoryByOrganization.load(organizationId),
  ]);
  // A directory row asks it for its standing, its status and its certificate: worked out once per request and
  // rows read. A write that clears the loaders gives fresh rows, and so a fresh answer.
  let workedOut = loaders.certificationInForceWorkedOut.get(organizationId);
  if (!workedOut || workedOut.certificates !== certificates || workedOut.histories !== histories) {
    workedOut = { certificates, histories, byDate: new Map() };
    loaders.certificationInForceWorkedOut.set(organizationId, workedOut);
  }
  let inForce = workedOut.byDate.get(date);
  if (!inForce) {
    const { status, certificationId } = organizationCertificationOn(certificates, histories, date);
    const certificate = certificates.find((c) => c.id === certificationId) ?? null;
    const entry = certificate ? certificateEntryOn(histories.filter((h) => h.certificationId === certificate.id), date) : null;
    workedOut.byDate.set(date, (inForce = { status, certificate, validUntil: entry?.expiresOn ?? certificate?.expiresOn ?? null }));
  }
  return inForce;
}

/** An organization's certification on a date: its status, the certificate it rests on and that certificate's validity then. */
export interface CertificationInForce {
  status: CertificationStatus;
  certificate: Certification | null;
  validUntil: string | null;
}
