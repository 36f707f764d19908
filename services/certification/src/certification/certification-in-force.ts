import type DataLoader from 'dataloader';
import type { Certification, CertificationStatusEntry } from './certification.entity';
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
export async function certificationInForce(loaders: CertificatesOfOrganizations, organizationId: string, date: string) {
  const [certificates, histories] = await Promise.all([
    loaders.certificationsByOrganization.load(organizationId),
    loaders.certificationHistoryByOrganization.load(organizationId),
  ]);
  const { status, certificationId } = organizationCertificationOn(certificates, histories, date);
  const certificate = certificates.find((c) => c.id === certificationId) ?? null;
  const entry = certificate ? certificateEntryOn(histories.filter((h) => h.certificationId === certificate.id), date) : null;
  return { status, certificate, validUntil: entry?.expiresOn ?? certificate?.expiresOn ?? null };
}
