import { badUserInput, countryCodes, forbidden, isSecretariat, notFound, optionalText, ownsRecord, text, unauthenticated, type Viewer } from '../../../shared/src';
import { recognizedStandard } from '../certification/certification.rules';
import type { CertificationLoaders } from '../context';
import { ApplicationAuthor, type AttachedDocumentRecord, type CertificationApplication } from './application.entity';
import type { Actor, CertificateFields } from './application.service';
import type { CertificationApplicationInput } from './application.types';

/** The company's members and the Secretariat act on an application; the public is asked to sign in, others are refused. */
export function applicationActor(viewer: Viewer): Actor {
  if (viewer.role === 'public') throw unauthenticated();
  if (isSecretariat(viewer)) return { author: ApplicationAuthor.SECRETARIAT, subject: viewer.subject ?? null };
  if (viewer.role === 'member' && viewer.organizationId) return { author: ApplicationAuthor.COMPANY, subject: viewer.subject ?? null };
  throw forbidden('Only a member of the company or the Secretariat may act on its certification application');
}

/** The application, when the viewer may see it (its company or the Secretariat); NOT_FOUND otherwise, so others' do not leak. */
export async function visibleApplication(loaders: CertificationLoaders, viewer: Viewer, id: string): Promise<CertificationApplication> {
  const application = await loaders.application.load(id);
  if (!application || !(isSecretariat(viewer) || ownsRecord(viewer, application.organizationId))) {
    throw notFound('Certification application', id);
  }
  return application;
}

/** Checks and normalizes what the input gives; fields left out stay undefined (a draft keeps them as they were). */
export async function readApplicationInput(
  input: CertificationApplicationInput,
  organizationId: string,
  loaders: CertificationLoaders,
): Promise<{ fields: CertificateFields; documents: AttachedDocumentRecord[] | null }> {
  const fields: CertificateFields = {};
  if (input.standard != null) fields.standard = recognizedStandard(input.standard);
  if (input.certificationBodyId != null) {
    if (!(await loaders.certificationBody.load(input.certificationBodyId))) {
      throw badUserInput(`Certification body ${input.certificationBodyId} is not known`, 'certificationBodyId');
    }
    fields.certificationBodyId = input.certificationBodyId;
  }
  if (input.certificateNumber != null) fields.certificateNumber = text(input.certificateNumber, 'certificateNumber', { max: 100 });
  if (input.scope != null) fields.scope = text(input.scope, 'scope', { max: 4000 });
  if (input.countriesCovered != null) fields.countriesCovered = countryCodes(input.countriesCovered, 'countriesCovered');
  if (input.issuedOn != null) fields.issuedOn = input.issuedOn;
  if (input.expiresOn != null) fields.expiresOn = input.expiresOn;
  if (input.documents == null) return { fields, documents: null };
  if (input.documents.length > 50) throw badUserInput('At most 50 documents per application', 'documents');
  const stored = await Promise.all(input.documents.map((d) => loaders.document.load(d.documentId)));
  const documents = input.documents.map((d, i) => {
    const document = stored[i];
    if (!document || document.organizationId !== organizationId) {
      throw badUserInput(`Document ${d.documentId} was not found among the company's documents`, `documents[${i}].documentId`);
    }
    return {
      kind: d.kind,
      documentId: document.id,
      sha256: document.sha256,
      redacted: d.redacted,
      redactionExplanation: optionalText(d.redactionExplanation, `documents[${i}].redactionExplanation`, 4000),
    };
  });
  return { fields, documents };
}
