import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { badUserInput, conflict, conflictOnUniqueViolation, nowTimestamp, paginate, today, type Database } from '../../../shared/src';
import { CertificateStatus, Certification, CertificationEvent, CertificationStandard } from '../certification/certification.entity';
import { checkCertificateDates } from '../certification/certification.rules';
import { appendEntry, insertCertification } from '../certification/certification.service';
import {
  ApplicationAuthor,
  CertificationApplication,
  CertificationApplicationEvent,
  CertificationApplicationEventKind as EventKind,
  CertificationApplicationStatus as Status,
  CertificationDecisionKind,
  type AttachedDocumentRecord,
} from './application.entity';
import { checkComplete, checkRedactions, checkStep, type Step } from './application.rules';
import { CertificationApplicationConnection } from './application.types';

/** The third-party certificate an application names; every field may still be missing in a draft. */
export interface CertificateFields {
  standard?: CertificationStandard | null;
  certificationBodyId?: string | null;
  certificateNumber?: string | null;
  scope?: string | null;
  countriesCovered?: string[] | null;
  issuedOn?: string | null;
  expiresOn?: string | null;
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
  const { last } = (await manager
    .createQueryBuilder(CertificationApplicationEvent, 'event')
    .select('MAX(event.sequence)', 'last')
    .where('event.applicationId = :id', { id: application.id })
    .getRawOne<{ last: number | null }>()) ?? { last: null };
  await manager.insert(CertificationApplicationEvent, {
    id: randomUUID(),
    applicationId: application.id,
    organizationId: application.organizationId,
    sequence: Number(last ?? 0) + 1,
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
async function advance(
  database: Database,
  application: CertificationApplication,
  step: Step,
  expectedVersion: number,
  changes: Partial<CertificationApplication>,
  event: { kind: EventKind; message: string | null; actor: Actor } | null,
  more?: (manager: EntityManager) => Promise<Partial<CertificationApplication>>,
): Promise<CertificationApplication> {
  // A stale version first: whoever acted on an outdated view learns that, whatever the step became.
  if (expectedVersion !== application.version) {
    throw conflict(`Application ${application.id} changed since version ${expectedVersion} (now ${application.version}); reload it`);
  }
  checkStep(application.status, step);
  const write = () =>
    database.transaction(async (manager) => {
      const extra = more ? await more(manager) : {};
      const result = await manager
        .createQueryBuilder()
        .update(CertificationApplication)
        .set({ ...changes, ...extra, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: application.id, version: application.version })
        .execute();
      if (result.affected !== 1) throw conflict(`Application ${application.id} was changed by someone else meanwhile; reload it`);
      if (event) await appendEvent(manager, application, event.kind, changes.status ?? application.status, event.message, event.actor);
      return manager.findOneByOrFail(CertificationApplication, { id: application.id });
    });
  return conflictOnUniqueViolation(write, `Application ${application.id} was changed by someone else meanwhile; reload it`);
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

export function startReview(database: Database, application: CertificationApplication, expectedVersion: number, actor: Actor) {
  return advance(database, application, 'startReview', expectedVersion, { status: Status.UNDER_REVIEW }, {
    kind: EventKind.REVIEW_STARTED,
    message: null,
    actor,
  });
}

export function askQuestion(database: Database, application: CertificationApplication, question: string, expectedVersion: number, actor: Actor) {
  return advance(database, application, 'ask', expectedVersion, { status: Status.AWAITING_COMPANY }, {
    kind: EventKind.QUESTION,
    message: question,
    actor,
  });
}

export function answerQuestions(database: Database, application: CertificationApplication, answer: string, expectedVersion: number, actor: Actor) {
  return advance(database, application, 'answer', expectedVersion, { status: Status.UNDER_REVIEW }, {
    kind: EventKind.ANSWER,
    message: answer,
    actor,
  });
}

/**
 * Records the certificate an approved application names, in the decision's transaction: a new
 * `Certification`, or, for a renewal of a certificate already recorded for the company (same body and
 * number), its later expiry date as a RENEWED entry.
 */
async function certify(manager: EntityManager, application: CertificationApplication, decidedBy: string | null) {
  const day = today();
  if (application.expiresOn! < day) throw badUserInput('The certificate has expired meanwhile; it cannot be certified', 'decision');
  const existing = await manager.findOneBy(Certification, {
    certificationBodyId: application.certificationBodyId!,
    certificateNumber: application.certificateNumber!,
  });
  if (!existing) {
    const created = await insertCertification(manager, {
      organizationId: application.organizationId,
      standard: application.standard!,
      certificationBodyId: application.certificationBodyId!,
      certificateNumber: application.certificateNumber!,
      scope: application.scope!,
      countriesCovered: application.countriesCovered!,
      issuedOn: application.issuedOn!,
      expiresOn: application.expiresOn!,
      decidedBy,
      // The certificate's history is public: it says what happened, never the review's reasons.
      reason: 'ICoCA certification granted on the company\'s application',
    });
    return created.id;
  }
  if (existing.organizationId !== application.organizationId) {
    throw badUserInput('This certificate number of this certification body is recorded for another company', 'certificateNumber');
  }
  if (existing.recordedStatus !== CertificateStatus.ACTIVE) {
    throw badUserInput(`The certificate is ${existing.recordedStatus}; the Secretariat reinstates it before a renewal`, 'certificateNumber');
  }
  if (application.expiresOn! <= existing.expiresOn) {
    throw badUserInput('The certificate is already recorded with this validity; a renewal needs a later expiry date', 'expiresOn');
  }
  await manager
    .createQueryBuilder()
    .update(Certification)
    .set({ recordedStatus: CertificateStatus.ACTIVE, expiresOn: application.expiresOn!, version: () => 'version + 1' })
    .where('id = :id', { id: existing.id })
    .execute();
  await appendEntry(manager, {
    certificationId: existing.id,
    organizationId: existing.organizationId,
    event: CertificationEvent.RENEWED,
    status: CertificateStatus.ACTIVE,
    effectiveFrom: day,
    expiresOn: application.expiresOn!,
    reason: 'ICoCA certification renewed on the company\'s application',
    decidedBy,
  });
  return existing.id;
}

/** The Secretariat's decision, with reasons (and, for a refusal, what is missing); certifying records the certificate. */
export function decideApplication(
  database: Database,
  application: CertificationApplication,
  decision: { kind: CertificationDecisionKind; reasons: string; missing: string | null },
  expectedVersion: number,
  actor: Actor,
) {
  const certifying = decision.kind === CertificationDecisionKind.CERTIFY;
  if (!certifying && !decision.missing) throw badUserInput('A refusal states what is missing', 'missing');
  const message = certifying ? decision.reasons : `${decision.reasons}\nMissing: ${decision.missing}`;
  return advance(
    database,
    application,
    'decide',
    expectedVersion,
    {
      status: certifying ? Status.CERTIFIED : Status.REFUSED,
      decision: decision.kind,
      decisionReasons: decision.reasons,
      missingItems: certifying ? null : decision.missing,
      decidedAt: nowTimestamp(),
      decidedBy: actor.subject,
    },
    { kind: certifying ? EventKind.CERTIFIED : EventKind.REFUSED, message, actor },
    certifying
      ? async (manager) => ({ certificationId: await certify(manager, application, actor.subject) })
      : undefined,
  );
}

/** The Secretariat's queue: applications oldest first, keyset-paginated on (created, id), by status and company when asked. */
export function applicationQueue(
  database: Database,
  filter: { status?: Status | null; organizationId?: string | null },
  page: { first: number | null; after: string | null },
) {
  const query = database.dataSource.getRepository(CertificationApplication).createQueryBuilder('application');
  if (filter.status) query.andWhere('application.status = :status', { status: filter.status });
  if (filter.organizationId) query.andWhere('application.organizationId = :organizationId', { organizationId: filter.organizationId });
  return paginate(
    CertificationApplicationConnection,
    query,
    [
      { column: 'application.createdAt', value: (a) => a.createdAt },
      { column: 'application.id', value: (a) => a.id },
    ],
    page,
  );
}
