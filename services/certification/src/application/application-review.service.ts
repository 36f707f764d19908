import type { EntityManager } from 'typeorm';
import { badUserInput, nowTimestamp, today, writeVersioned, type Database } from '../../../shared/src';
import { CertificateStatus, Certification, CertificationEvent } from '../certification/certification.entity';
import { appendEntry, insertCertification } from '../certification/certification.service';
import {
  CertificationApplicationEventKind as EventKind,
  CertificationApplicationStatus as Status,
  CertificationDecisionKind,
  type CertificationApplication,
} from './application.entity';
import { advance, type Actor } from './application.service';

/** The Secretariat's review of a submitted application: start, questions and answers, decision (certifying records the certificate). */

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
  // Guarded by the version read above: a status change by the Secretariat meanwhile is CONFLICT, not overwritten.
  await writeVersioned(
    manager,
    Certification,
    existing,
    { recordedStatus: CertificateStatus.ACTIVE, expiresOn: application.expiresOn! },
    'Certification',
  );
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
