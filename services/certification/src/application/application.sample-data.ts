/**
 * FICTIONAL SAMPLE DATA for applications for ICoCA certification: one application in each state and their
 * documents (tiny invented PDFs). Dates are relative to today, like the rest of the sample.
 */
import { randomUUID } from 'node:crypto';
import { addDays, anniversary, today, type Database } from '../../../shared/src';
import { SAMPLE_ORGANIZATION_ID as ORG } from '../../../shared/src/sample-organizations';
import {
  ApplicationAuthor,
  CertificationApplication,
  CertificationApplicationEvent,
  CertificationApplicationEventKind as Event,
  CertificationApplicationStatus as Status,
  CertificationDecisionKind,
  CertificationDocumentKind as Kind,
  type AttachedDocumentRecord,
} from './application.entity';
import { Certification, CertificationStandard } from '../certification/certification.entity';
import { bytesInMemory, storeDocument } from '../document/document.service';

const BODY = { meridian: '5a3e0000-0000-4000-8000-000000000b01', nordic: '5a3e0000-0000-4000-8000-000000000b02' };

/** A tiny, valid-looking PDF whose content names what it stands for. */
export const samplePdf = (label: string) => Buffer.from(`%PDF-1.4\n% FICTIONAL SAMPLE DOCUMENT: ${label}\n%%EOF\n`);

async function documentsFor(database: Database, organizationId: string, kinds: Kind[]): Promise<AttachedDocumentRecord[]> {
  const attached: AttachedDocumentRecord[] = [];
  for (const kind of kinds) {
    const stored = await storeDocument(database, {
      organizationId,
      fileName: `${kind.toLowerCase().replace(/_/g, '-')}.pdf`,
      contentType: 'application/pdf',
      bytes: bytesInMemory(samplePdf(`${kind} of ${organizationId}`)),
      uploadedBy: 'sample-data',
    });
    const redacted = kind === Kind.AUDIT_REPORT;
    attached.push({
      kind,
      documentId: stored.id,
      sha256: stored.sha256,
      redacted,
      redactionExplanation: redacted ? 'Fictional: names of clients and sites removed under confidentiality clauses' : null,
    });
  }
  return attached;
}

const ALL = [Kind.CERTIFICATE, Kind.AUDIT_REPORT, Kind.CORRECTIVE_ACTION_PLAN, Kind.HUMAN_RIGHTS_RISK_ASSESSMENT, Kind.ADDITIONAL_INFORMATION];
type Step = [Event, Status, ApplicationAuthor, string | null];

export async function loadApplicationSampleData(database: Database): Promise<void> {
  const manager = database.dataSource.manager;
  const now = today();
  const daysAgo = (n: number) => addDays(now, -n);
  const at = (day: string) => `${day}T10:00:00.000Z`;
  const { COMPANY, SECRETARIAT } = ApplicationAuthor;
  const harbourline = await manager.findOneByOrFail(Certification, { organizationId: ORG.harbourline });
  const certificate = (number: string, standard: CertificationStandard, body: string, countries: string[]) => ({
    standard, certificationBodyId: body, certificateNumber: number, scope: 'Fictional sample scope: static and mobile guarding',
    countriesCovered: countries, issuedOn: daysAgo(120), expiresOn: addDays(anniversary(daysAgo(120), 3), -1),
  });
  const applications: {
    org: string; fields: Partial<CertificationApplication>; kinds: Kind[]; steps: Step[]; startedDaysAgo: number;
    decision?: Partial<CertificationApplication>;
  }[] = [
    { org: ORG.bastionShield, startedDaysAgo: 3, kinds: [Kind.CERTIFICATE, Kind.AUDIT_REPORT],
      fields: { standard: CertificationStandard.ISO_18788, certificationBodyId: BODY.nordic, certificateNumber: 'NAC-18788-5120' },
      steps: [[Event.CREATED, Status.DRAFT, COMPANY, null]] },
    { org: ORG.cordillera, startedDaysAgo: 20, kinds: ALL,
      fields: certificate('MAC-PSC1-0881', CertificationStandard.PSC_1, BODY.meridian, ['CO', 'PE', 'EC']),
      steps: [[Event.CREATED, Status.DRAFT, COMPANY, null], [Event.SUBMITTED, Status.SUBMITTED, COMPANY, null]] },
    // The certification body found nothing to correct: no plan required, none attached.
    { org: ORG.jadeport, startedDaysAgo: 40, kinds: ALL.filter((kind) => kind !== Kind.CORRECTIVE_ACTION_PLAN),
      fields: { ...certificate('MAC-18788-0950', CertificationStandard.ISO_18788, BODY.meridian, ['AE', 'SA', 'OM']), correctiveActionPlanRequired: false },
      steps: [[Event.CREATED, Status.DRAFT, COMPANY, null], [Event.SUBMITTED, Status.SUBMITTED, COMPANY, null],
        [Event.REVIEW_STARTED, Status.UNDER_REVIEW, SECRETARIAT, null]] },
    { org: ORG.pallasCrisis, startedDaysAgo: 60, kinds: ALL,
      fields: certificate('NAC-18788-3304', CertificationStandard.ISO_18788, BODY.nordic, ['CY', 'LB', 'IQ']),
      steps: [[Event.CREATED, Status.DRAFT, COMPANY, null], [Event.SUBMITTED, Status.SUBMITTED, COMPANY, null],
        [Event.REVIEW_STARTED, Status.UNDER_REVIEW, SECRETARIAT, null],
        [Event.QUESTION, Status.AWAITING_COMPANY, SECRETARIAT,
          'Fictional: the audit report mentions a use-of-force incident in Lebanon. How was it investigated, and what changed?']] },
    { org: ORG.harbourline, startedDaysAgo: 200, kinds: ALL,
      fields: { standard: harbourline.standard, certificationBodyId: harbourline.certificationBodyId, certificateNumber: harbourline.certificateNumber,
        scope: harbourline.scope, countriesCovered: harbourline.countriesCovered, issuedOn: harbourline.issuedOn, expiresOn: harbourline.expiresOn },
      steps: [[Event.CREATED, Status.DRAFT, COMPANY, null], [Event.SUBMITTED, Status.SUBMITTED, COMPANY, null],
        [Event.REVIEW_STARTED, Status.UNDER_REVIEW, SECRETARIAT, null],
        [Event.QUESTION, Status.AWAITING_COMPANY, SECRETARIAT, 'Fictional: please send the corrective action plan\'s follow-up.'],
        [Event.ANSWER, Status.UNDER_REVIEW, COMPANY, 'Fictional: attached; all minor nonconformities closed.'],
        [Event.CERTIFIED, Status.CERTIFIED, SECRETARIAT, 'Fictional: certificate, audit reports and human-rights information reviewed.']],
      decision: { decision: CertificationDecisionKind.CERTIFY, decisionReasons: 'Fictional: certificate, audit reports and human-rights information reviewed.',
        certificationId: harbourline.id } },
    { org: ORG.eclatSecurite, startedDaysAgo: 90, kinds: [Kind.CERTIFICATE, Kind.AUDIT_REPORT, Kind.CORRECTIVE_ACTION_PLAN, Kind.HUMAN_RIGHTS_RISK_ASSESSMENT, Kind.ADDITIONAL_INFORMATION],
      fields: certificate('MAC-18788-0777', CertificationStandard.ISO_18788, BODY.meridian, ['FR', 'CI', 'SN']),
      steps: [[Event.CREATED, Status.DRAFT, COMPANY, null], [Event.SUBMITTED, Status.SUBMITTED, COMPANY, null],
        [Event.REVIEW_STARTED, Status.UNDER_REVIEW, SECRETARIAT, null],
        [Event.REFUSED, Status.REFUSED, SECRETARIAT, 'Fictional: the certificate does not cover the operations in Côte d\'Ivoire.\nMissing: a certificate scope covering CI']],
      decision: { decision: CertificationDecisionKind.REFUSE, decisionReasons: 'Fictional: the certificate does not cover the operations in Côte d\'Ivoire.',
        missingItems: 'A certificate (or an extension of scope) covering the operations in Côte d\'Ivoire' } },
  ];

  for (const a of applications) {
    const documents = await documentsFor(database, a.org, a.kinds);
    const id = randomUUID();
    const dayOf = (i: number) => daysAgo(a.startedDaysAgo - i * Math.floor(a.startedDaysAgo / Math.max(1, a.steps.length)));
    const last = a.steps[a.steps.length - 1];
    await database.transaction(async (tx) => {
      await tx.insert(CertificationApplication, {
        id, organizationId: a.org, status: last[1], standard: null, certificationBodyId: null, certificateNumber: null, scope: null,
        countriesCovered: null, issuedOn: null, expiresOn: null, correctiveActionPlanRequired: a.kinds.includes(Kind.CORRECTIVE_ACTION_PLAN),
        ...a.fields, documents, createdAt: at(dayOf(0)),
        submittedAt: a.steps.length > 1 ? at(dayOf(1)) : null, decision: null, decisionReasons: null, missingItems: null,
        decidedAt: a.decision ? at(dayOf(a.steps.length - 1)) : null, decidedBy: a.decision ? 'sample-data' : null, certificationId: null,
        ...a.decision, version: a.steps.length + 1,
      });
      await tx.insert(CertificationApplicationEvent, a.steps.map(([kind, status, author, message], i) => ({
        id: randomUUID(), applicationId: id, organizationId: a.org, sequence: i + 1, kind, status, message, author,
        recordedBy: 'sample-data', occurredAt: at(dayOf(i)),
      })));
    });
  }
}
