/**
 * Rules of an application for ICoCA certification as plain functions (no database): what a complete
 * application holds, and which step may follow which.
 */
import { addYears, badUserInput } from '../../../shared/src';
import {
  CertificationApplicationStatus as Status,
  CertificationDocumentKind as Kind,
  type AttachedDocumentRecord,
  type CertificationApplication,
} from './application.entity';

/**
 * The documents an application needs: the corrective action plan only when the certification body required
 * one (its audit report says so), a surveillance report once the certificate is a year old.
 */
export function requiredDocumentKinds(issuedOn: string | null, day: string, correctiveActionPlanRequired: boolean): Kind[] {
  const kinds = [Kind.CERTIFICATE, Kind.AUDIT_REPORT];
  // A surveillance audit takes place within the first year: a certificate older than that has a report to show.
  if (issuedOn && addYears(issuedOn, 1) <= day) kinds.push(Kind.SURVEILLANCE_REPORT);
  if (correctiveActionPlanRequired) kinds.push(Kind.CORRECTIVE_ACTION_PLAN);
  kinds.push(Kind.HUMAN_RIGHTS_RISK_ASSESSMENT, Kind.ADDITIONAL_INFORMATION);
  return kinds;
}

const CERTIFICATE_FIELDS = ['standard', 'certificationBodyId', 'certificateNumber', 'scope', 'countriesCovered', 'issuedOn', 'expiresOn'] as const;

/** What a draft still lacks before it can be submitted: certificate fields, then document kinds. */
export function missingForSubmission(application: CertificationApplication, day: string): { fields: string[]; documents: Kind[] } {
  const fields = CERTIFICATE_FIELDS.filter((field) => {
    const value = application[field];
    return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
  });
  const attached = new Set(application.documents.map((d) => d.kind));
  const documents = requiredDocumentKinds(application.issuedOn, day, application.correctiveActionPlanRequired).filter((kind) => !attached.has(kind));
  return { fields: [...fields], documents };
}

/** BAD_USER_INPUT naming everything a submission lacks; nothing when it is complete. */
export function checkComplete(application: CertificationApplication, day: string): void {
  const { fields, documents } = missingForSubmission(application, day);
  if (fields.length > 0) throw badUserInput(`The application is incomplete; missing: ${fields.join(', ')}`, fields[0]);
  if (documents.length > 0) {
    throw badUserInput(`Missing required documents: ${documents.join(', ')}`, 'documents');
  }
}

/** Every redacted report carries a written explanation. */
export function checkRedactions(documents: readonly Pick<AttachedDocumentRecord, 'redacted' | 'redactionExplanation'>[]): void {
  documents.forEach((document, i) => {
    if (document.redacted && !document.redactionExplanation) {
      throw badUserInput('A redacted document needs a written explanation of the redaction', `documents[${i}].redactionExplanation`);
    }
  });
}

/** The steps of the review and the statuses each may start from. */
export const STEPS = {
  edit: [Status.DRAFT],
  submit: [Status.DRAFT],
  startReview: [Status.SUBMITTED],
  ask: [Status.UNDER_REVIEW, Status.AWAITING_COMPANY],
  answer: [Status.AWAITING_COMPANY],
  decide: [Status.UNDER_REVIEW],
} as const satisfies Record<string, readonly Status[]>;

export type Step = keyof typeof STEPS;

const STEP_NAMES: Record<Step, string> = {
  edit: 'changed',
  submit: 'submitted',
  startReview: 'taken into review',
  ask: 'asked questions',
  answer: 'answered',
  decide: 'decided',
};

/** BAD_USER_INPUT when `step` cannot follow the application's status. */
export function checkStep(status: Status, step: Step): void {
  if ((STEPS[step] as readonly Status[]).includes(status)) return;
  throw badUserInput(`An application that is ${status} cannot be ${STEP_NAMES[step]}`, 'id');
}
