import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { optionalText, requireSecretariat, text } from '../../../shared/src';
import type { CertificationContext } from '../context';
import { ApplicationAuthor, CertificationApplication, CertificationDecisionKind } from './application.entity';
import { applicationActor, forget, visibleApplication } from './application.access';
import * as service from './application-review.service';
import { CertificationDecisionInput } from './application.types';

const secretariat = (subject: string | undefined) => ({ author: ApplicationAuthor.SECRETARIAT, subject: subject ?? null });

/** The Secretariat's review: start, questions to the company and its answers, decision. Every step is in the history. */
@Resolver(() => CertificationApplication)
export class CertificationReviewResolver {
  @Mutation(() => CertificationApplication, {
    description: 'Takes a SUBMITTED application into review (Secretariat). CONFLICT when it changed since `expectedVersion`.',
  })
  async startCertificationReview(
    @Arg('id', () => ID, { description: 'The application.' }) id: string,
    @Arg('expectedVersion', () => Int, { description: 'The `version` the step was based on.' }) expectedVersion: number,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<CertificationApplication> {
    requireSecretariat(viewer);
    const application = await visibleApplication(loaders, viewer, id);
    return forget(loaders, await service.startReview(database, application, expectedVersion, secretariat(viewer.subject)));
  }

  @Mutation(() => CertificationApplication, {
    description:
      'Asks the company questions about an application under review (Secretariat); it waits for the company\'s answer ' +
      '(AWAITING_COMPANY). The thread is visible to the company and the Secretariat only.',
  })
  async askCertificationQuestions(
    @Arg('id', () => ID, { description: 'The application.' }) id: string,
    @Arg('questions', () => String, { description: 'The questions. 1 to 10000 characters.' }) questions: string,
    @Arg('expectedVersion', () => Int, { description: 'The `version` the questions were based on.' }) expectedVersion: number,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<CertificationApplication> {
    requireSecretariat(viewer);
    const message = text(questions, 'questions', { max: 10000 });
    const application = await visibleApplication(loaders, viewer, id);
    return forget(loaders, await service.askQuestion(database, application, message, expectedVersion, secretariat(viewer.subject)));
  }

  @Mutation(() => CertificationApplication, {
    description:
      'Answers the Secretariat\'s questions (a member of the company, or the Secretariat recording an answer it ' +
      'received); the review resumes (UNDER_REVIEW).',
  })
  async answerCertificationQuestions(
    @Arg('id', () => ID, { description: 'The application.' }) id: string,
    @Arg('answer', () => String, { description: 'The answer. 1 to 10000 characters.' }) answer: string,
    @Arg('expectedVersion', () => Int, { description: 'The `version` the answer was based on.' }) expectedVersion: number,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<CertificationApplication> {
    const actor = applicationActor(viewer);
    const message = text(answer, 'answer', { max: 10000 });
    const application = await visibleApplication(loaders, viewer, id);
    return forget(loaders, await service.answerQuestions(database, application, message, expectedVersion, actor));
  }

  @Mutation(() => CertificationApplication, {
    description:
      'Decides an application under review (Secretariat), with reasons. CERTIFY records the company\'s `Certification` ' +
      '(or renews the one recorded under the same certificate number), valid as the external certificate is; REFUSE ' +
      'states what is missing. Final; CONFLICT when it changed since `expectedVersion`.',
  })
  async decideCertificationApplication(
    @Arg('id', () => ID, { description: 'The application.' }) id: string,
    @Arg('input', () => CertificationDecisionInput, { description: 'The decision.' }) input: CertificationDecisionInput,
    @Arg('expectedVersion', () => Int, { description: 'The `version` the decision was based on.' }) expectedVersion: number,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<CertificationApplication> {
    requireSecretariat(viewer);
    const reasons = text(input.reasons, 'reasons', { max: 4000 });
    const missing = optionalText(input.missing, 'missing', 4000);
    const application = await visibleApplication(loaders, viewer, id);
    const decided = await service.decideApplication(
      database,
      application,
      { kind: input.decision, reasons, missing },
      expectedVersion,
      secretariat(viewer.subject),
    );
    if (input.decision === CertificationDecisionKind.CERTIFY) {
      loaders.certificationsByOrganization.clear(decided.organizationId);
      loaders.certificationHistoryByOrganization.clear(decided.organizationId);
      loaders.surveillanceReports.clear(decided.organizationId);
    }
    return forget(loaders, decided);
  }
}
