import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  badUserInput,
  checkExpectedVersion,
  columnThenId,
  conflictOnUniqueViolation,
  countryCodes,
  type Database,
  nextSequence,
  nowTimestamp,
  optionalText,
  type PageRequest,
  paginateOrdered,
  type SortOrder,
  text,
  today,
  updateVersioned,
} from '../../../shared/src';
import { CertificationStandard } from '../certification/certification.entity';
import { checkCertificateDates, recognizedStandard } from '../certification/certification.rules';
import type { CertificationLoaders } from '../context';
import {
  ApplicationAuthor,
  CertificationApplication,
  CertificationApplicationEvent,
  CertificationApplicationEventKind as EventKind,
  CertificationApplicationStatus as Status,
  type AttachedDocumentRecord,
} from './application.entity';
import { checkComplete, checkRedactions, checkStep, type Step } from './application.rules';
import { CertificationApplicationConnection, CertificationApplicationOrder, type CertificationApplicationInput } from './application.types';

/** The third-party certificate an application names; every field may still be missing in a draft. */
export interface CertificateFields {
  standard?: CertificationStandard | null;
  certificationBodyId?: string | null;
  certificateNumber?: string | null;
  scope?: string | null;
  countriesCovered?: string[] | null;
  issuedOn?: string | null;
  expiresOn?: string | null;
  correctiveActionPlanRequired?: boolean;
}

/** Who acts: the company's member or the Secretariat, and the token subject kept in the history. */
export interface Actor {
  author: ApplicationAuthor;
  subject: string | null;
}

async function appendEvent(
  manager: EntityManager,
  application: CertificationApplication,
  kind: EventKind,
  status: Status,
  message: string | null,
  actor: Actor,
): Promise<void> {
  await manager.insert(CertificationApplicationEvent, {
    id: randomUUID(),
    applicationId: application.id,
    organizationId: application.organizationId,
    sequence: await nextSequence(manager, CertificationApplicationEvent, { applicationId: application.id }),
    kind,
    status,
    message,
    author: actor.author,
    recordedBy: actor.subject,
    occurredAt: nowTimestamp(),
  });
}

function checkDates(fields: CertificateFields): void {
  if (fields.issuedOn && fields.expiresOn && fields.expiresOn <= fields.issuedOn) {
    throw badUserInput('expiresOn must be after issuedOn', 'expiresOn');
  }
}

/** Starts a draft for the company, with whatever is known so far. */
export async function createApplication(
  database: Database,
  organizationId: string,
  fields: CertificateFields,
  documents: AttachedDocumentRecord[],
  actor: Actor,
): Promise<CertificationApplication> {
  checkDates(fields);
  checkRedactions(documents);
  return database.transaction(async (manager) => {
    const application = manager.create(CertificationApplication, {
      id: randomUUID(),
      organizationId,
      status: Status.DRAFT,
      standard: fields.standard ?? null,
      certificationBodyId: fields.certificationBodyId ?? null,
      certificateNumber: fields.certificateNumber ?? null,
      scope: fields.scope ?? null,
      countriesCovered: fields.countriesCovered ?? null,
      issuedOn: fields.issuedOn ?? null,
      expiresOn: fields.expiresOn ?? null,
      correctiveActionPlanRequired: fields.correctiveActionPlanRequired ?? false,
      documents,
      createdAt: nowTimestamp(),
      submittedAt: null,
      decision: null,
      decisionReasons: null,
      missingItems: null,
      decidedAt: null,
      decidedBy: null,
      certificationId: null,
      version: 1,
    });
    await manager.insert(CertificationApplication, application);
    await appendEvent(manager, application, EventKind.CREATED, Status.DRAFT, null, actor);
    return application;
  });
}

/**
 * Moves an application one step on: the update holds only if nobody changed it since `expectedVersion`
 * (CONFLICT otherwise), and the history entry is appended in the same transaction. `more` runs there too.
 */
export async function advance(
  database: Database,
  application: CertificationApplication,
  step: Step,
  expectedVersion: number,
  changes: Partial<CertificationApplication>,
  event: { kind: EventKind; message: string | null; actor: Actor } | null,
  more?: (manager: EntityManager) => Promise<Partial<CertificationApplication>>,
): Promise<CertificationApplication> {
  // A stale version first: whoever acted on an outdated view learns that, whatever the step became.
  checkExpectedVersion(application, 'Application', expectedVersion);
  checkStep(application.status, step);
  const conflictMessage = `Application ${application.id} was changed by someone else meanwhile; reload it`;
  const write = () =>
    database.transaction(async (manager) => {
      const extra = more ? await more(manager) : {};
      const advanced = await updateVersioned(
        manager,
        CertificationApplication,
        application,
        { ...changes, ...extra },
        'Application',
        conflictMessage,
      );
      if (event) await appendEvent(manager, application, event.kind, changes.status ?? application.status, event.message, event.actor);
      return advanced;
    });
  // A concurrent write refused by a unique index (the same history number, the same certificate) is CONFLICT too.
  return conflictOnUniqueViolation(write, conflictMessage);
}

/** Changes a draft: given fields replace the stored ones, `documents` (when given) replaces the list. */
export function updateDraft(
  database: Database,
  application: CertificationApplication,
  fields: CertificateFields,
  documents: AttachedDocumentRecord[] | null,
  expectedVersion: number,
): Promise<CertificationApplication> {
  const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<CertificationApplication>;
  checkDates({ ...application, ...changes });
  if (documents) {
    checkRedactions(documents);
    changes.documents = documents;
  }
  return advance(database, application, 'edit', expectedVersion, changes, null);
}

/** Submits a complete draft: missing fields or documents are BAD_USER_INPUT naming them. */
export function submitApplication(database: Database, application: CertificationApplication, expectedVersion: number, actor: Actor) {
  const day = today();
  checkComplete(application, day);
  checkCertificateDates(application.issuedOn!, application.expiresOn!, day);
  if (application.expiresOn! < day) throw badUserInput('The certificate has already expired', 'expiresOn');
  return advance(database, application, 'submit', expectedVersion, { status: Status.SUBMITTED, submittedAt: nowTimestamp() }, {
    kind: EventKind.SUBMITTED,
    message: null,
    actor,
  });
}

/** The Secretariat's queue: applications in `order` (oldest first by default), keyset-paginated on (created, id), by status and company when asked. */
export function applicationQueue(
  database: Database,
  filter: { status?: Status | null; organizationId?: string | null },
  page: PageRequest,
  order: CertificationApplicationOrder = CertificationApplicationOrder.RECEIVED_OLDEST_FIRST,
) {
  const query = database.dataSource.getRepository(CertificationApplication).createQueryBuilder('application');
  if (filter.status) query.andWhere('application.status = :status', { status: filter.status });
  if (filter.organizationId) query.andWhere('application.organizationId = :organizationId', { organizationId: filter.organizationId });
  return paginateOrdered(CertificationApplicationConnection, query, APPLICATION_ORDERS[order], page);
}

const byCreation = (name: CertificationApplicationOrder, descending: boolean) => columnThenId<CertificationApplication>(name, 'application', 'created_at', (row) => row.createdAt, descending);

/** The orders of the queue; ix_certification_application_created (queue, organization) serve both, read either way. */
const APPLICATION_ORDERS: Record<CertificationApplicationOrder, SortOrder<CertificationApplication>> = {
  [CertificationApplicationOrder.RECEIVED_OLDEST_FIRST]: byCreation(CertificationApplicationOrder.RECEIVED_OLDEST_FIRST, false),
  [CertificationApplicationOrder.RECEIVED_NEWEST_FIRST]: byCreation(CertificationApplicationOrder.RECEIVED_NEWEST_FIRST, true),
};

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
  if (input.correctiveActionPlanRequired != null) fields.correctiveActionPlanRequired = input.correctiveActionPlanRequired;
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
