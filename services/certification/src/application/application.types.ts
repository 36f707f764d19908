import { Field, ID, InputType } from 'type-graphql';
import { badUserInput, CalendarDate, ConnectionType, countryCodes, optionalText, text } from '../../../shared/src';
import { recognizedStandard } from '../certification/certification.rules';
import type { CertificationLoaders } from '../context';
import {
  type AttachedDocumentRecord,
  CertificationApplication,
  CertificationApplicationStatus,
  CertificationDecisionKind,
  CertificationDocumentKind,
} from './application.entity';
import type { CertificateFields } from './application.service';

@InputType({ description: 'A document attached to an application: an uploaded document of the company, and what it is.' })
export class AttachDocumentInput {
  @Field(() => CertificationDocumentKind, { description: 'What the document is.' })
  kind: CertificationDocumentKind;

  @Field(() => ID, { description: 'The id `POST /documents` answered; the document must belong to the company.' })
  documentId: string;

  @Field({ defaultValue: false, description: 'True when parts of the report are blacked out.' })
  redacted: boolean;

  @Field(() => String, { nullable: true, description: 'Why it is redacted: required when `redacted` is true. Up to 4000 characters.' })
  redactionExplanation?: string | null;
}

@InputType({
  description:
    'What an application says about the third-party certificate, and its documents. Everything may be left out of a ' +
    'draft; submission needs it all.',
})
export class CertificationApplicationInput {
  @Field(() => String, {
    nullable: true,
    description: 'The standard as written on the certificate, e.g. "ISO 18788:2015" (recognized standards only).',
  })
  standard?: string | null;

  @Field(() => ID, { nullable: true, description: 'The certification body that issued it (see `certificationBodies`).' })
  certificationBodyId?: string | null;

  @Field(() => String, { nullable: true, description: 'Number printed on the certificate. 1 to 100 characters.' })
  certificateNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Scope as written on the certificate. 1 to 4000 characters.' })
  scope?: string | null;

  @Field(() => [String], { nullable: true, description: 'Countries of operation covered, ISO 3166-1 alpha-2.' })
  countriesCovered?: string[] | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Day of issue of the certificate.' })
  issuedOn?: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Last day of validity of the certificate.' })
  expiresOn?: string | null;

  @Field(() => [AttachDocumentInput], {
    nullable: true,
    description: 'The attached documents; when given, replaces the whole list (at most 50).',
  })
  documents?: AttachDocumentInput[] | null;
}

@InputType({ description: 'The Secretariat\'s decision on an application under review.' })
export class CertificationDecisionInput {
  @Field(() => CertificationDecisionKind, { description: 'Certify or refuse.' })
  decision: CertificationDecisionKind;

  @Field({ description: 'The reasons, shown to the company. 1 to 4000 characters.' })
  reasons: string;

  @Field(() => String, { nullable: true, description: 'For a refusal (required then): what is missing. Up to 4000 characters.' })
  missing?: string | null;
}

@InputType({ description: 'Narrows the list of applications; all given conditions must hold.' })
export class CertificationApplicationFilter {
  @Field(() => CertificationApplicationStatus, { nullable: true, description: 'Only applications in this status.' })
  status?: CertificationApplicationStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only this company\'s applications.' })
  organizationId?: string | null;
}

export const CertificationApplicationConnection = ConnectionType(
  CertificationApplication,
  'CertificationApplication',
  'certification applications',
);

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
