import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badUserInput, CalendarDate, isSecretariat, PageArgs, notFound, ownsRecord, requireSecretariat, today } from '../../../shared/src';
import { applicationActor } from '../application/application.access';
import { Certification } from '../certification/certification.entity';
import { StoredDocument } from '../document/document.entity';
import { Organization, organizationReference } from '../organization/organization.entity';
import type { CertificationContext } from '../context';
import { SurveillanceReport } from './surveillance.entity';
import { SurveillanceReportConnection } from './surveillance.types';
import { surveillanceReportsOf } from './surveillance.rules';
import * as service from './surveillance.service';

/** Surveillance follow-up: the company sends each year's report; the Secretariat sees what is overdue. */
@Resolver(() => SurveillanceReport)
export class SurveillanceReportResolver {
  @Query(() => SurveillanceReportConnection, {
    nullable: true,
    description:
      'The Secretariat\'s queue of overdue surveillance reports of running certificates (not sent by their due date plus ' +
      'the grace period), earliest due first, in pages of `first` (or `last`, backwards; default 20, at most 100). Secretariat only.',
  })
  async overdueSurveillanceReports(
    @Args() page: PageArgs,
    @Ctx() { viewer, services, database }: CertificationContext,
  ) {
    requireSecretariat(viewer);
    return service.overdueQueue(database, today(), services.settings.surveillanceGraceDays, page);
  }

  @Mutation(() => SurveillanceReport, {
    description:
      'Sends the surveillance report due on `dueOn` (an anniversary of the certificate\'s issue) for a certificate: a ' +
      'member of the company or the Secretariat, with a document uploaded through `POST /documents`. Once per due date.',
  })
  async submitSurveillanceReport(
    @Arg('certificationId', () => ID, { description: 'The certificate (NOT_FOUND when not the company\'s).' }) certificationId: string,
    @Arg('dueOn', () => CalendarDate, { description: 'The due date the report is for.' }) dueOn: string,
    @Arg('documentId', () => ID, { description: 'The uploaded report, a document of the company.' }) documentId: string,
    @Ctx() { viewer, loaders, services, database }: CertificationContext,
  ): Promise<SurveillanceReport> {
    const actor = applicationActor(viewer);
    const certification = await loaders.certification.load(certificationId);
    if (!certification || !(isSecretariat(viewer) || ownsRecord(viewer, certification.organizationId))) {
      throw notFound('Certification', certificationId);
    }
    const document = await loaders.document.load(documentId);
    if (!document) throw badUserInput(`Document ${documentId} was not found among the company's documents`, 'documentId');
    const history = await loaders.certificationHistory.load(certification.id);
    const record = await service.submitSurveillanceReport(database, certification, history, dueOn, document, actor.subject);
    loaders.surveillanceReports.clear(certification.organizationId);
    const [report] = surveillanceReportsOf(certification, history, [record], today(), services.settings.surveillanceGraceDays).filter(
      (r) => r.dueOn === dueOn,
    );
    return report;
  }

  @FieldResolver(() => Certification, { nullable: true, description: 'The certificate the report is due under.' })
  certification(@Root() report: SurveillanceReport, @Ctx() { loaders }: CertificationContext) {
    return loaders.certification.load(report.certificationId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The certified company.' })
  organization(@Root() report: SurveillanceReport): Organization {
    return organizationReference(report.organizationId);
  }

  @FieldResolver(() => StoredDocument, { nullable: true, description: 'The report the company sent, once sent.' })
  document(@Root() report: SurveillanceReport, @Ctx() { loaders }: CertificationContext) {
    return report.documentId ? loaders.document.load(report.documentId) : null;
  }
}
