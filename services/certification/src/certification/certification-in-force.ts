import type DataLoader from 'dataloader';
import type { Certification, CertificationStatus, CertificationStatusEntry } from './certification.entity';
import { certificateEntryOn, organizationCertificationOn } from './certification.rules';

/** The two loaders the rule reads (certification.loaders.ts, part of the request's loaders). */
export interface CertificatesOfOrganizations {
  certificationsByOrganization: DataLoader<string, Certification[]>;
  certificationHistoryByOrganization: DataLoader<string, CertificationStatusEntry[]>;
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
  // A directory row asks it for its standing, its status and its certificate: worked out once for the rows read.
  let ofCertificates = workedOut.get(histories);
  if (!ofCertificates) workedOut.set(histories, (ofCertificates = new WeakMap()));
  let byDate = ofCertificates.get(certificates);
  if (!byDate) ofCertificates.set(certificates, (byDate = new Map()));
  let inForce = byDate.get(date);
  if (!inForce) {
    const { status, certificationId } = organizationCertificationOn(certificates, histories, date);
    const certificate = certificates.find((c) => c.id === certificationId) ?? null;
    const entry = certificate ? certificateEntryOn(histories.filter((h) => h.certificationId === certificate.id), date) : null;
    byDate.set(date, (inForce = { status, certificate, validUntil: entry?.expiresOn ?? certificate?.expiresOn ?? null }));
  }
  return inForce;
}

/**
 * What was worked out from the rows a request's loaders gave (its loaders cache them), by date. Keyed by the
 * rows themselves: a write that clears the loaders gets fresh rows, and so a fresh answer.
 */
const workedOut = new WeakMap<readonly CertificationStatusEntry[], WeakMap<readonly Certification[], Map<string, CertificationInForce>>>();

/** An organization's certification on a date: its status, the certificate it rests on and that certificate's validity then. */
export interface CertificationInForce {
  status: CertificationStatus;
  certificate: Certification | null;
  validUntil: string | null;
}
