import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  badUserInput,
  countryName,
  forbidden,
  isSecretariat,
  Language,
  LANGUAGE_ARGUMENT,
  PageArgs,
  REGION_NAME_DESCRIPTION,
  regionName,
  requireSecretariat,
  unauthenticated,
} from '../../../shared/src';
import { isPrivateSecurityCompany } from '../membership/membership-facts';
import { Organization, organizationReference } from '../organization/organization.entity';
import type { CertificationContext } from '../context';
import { requireReporter, visibleReport } from './risk.access';
import { RiskReport, RiskReportReview } from './risk.entity';
import { RiskReportDecision, RiskReportOrder } from './risk.enums';
import * as service from './risk.service';
import { RiskReportConnection, RiskReportFilter, SubmitRiskReportInput } from './risk.types';

/** Risk reports: submitted by civil society members (or the Secretariat for others), read by their reporter and the Secretariat. */
@Resolver(() => RiskReport)
export class RiskReportResolver {
  @FieldResolver(() => String, { description: 'Name of `country` in the language asked.' })
  countryName(@Root() report: RiskReport, @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language): string {
    return countryName(report.country, language);
  }

  @FieldResolver(() => String, { nullable: true, description: REGION_NAME_DESCRIPTION })
  regionName(@Root() report: RiskReport): string | null {
    return regionName(report.region);
  }

  @Query(() => RiskReport, { nullable: true, description: 'One risk report: its reporter and the Secretariat only; NOT_FOUND for anyone else.' })
  riskReport(@Arg('id', () => ID, { description: 'The report.' }) id: string, @Ctx() { loaders, viewer }: CertificationContext) {
    return visibleReport(loaders, viewer, id);
  }

  @Query(() => RiskReportConnection, {
    nullable: true,
    description: 'Risk reports in `orderBy` (newest first by default), in pages of `first` or `last`: every report for the Secretariat, its own reports for a member. Not for partners or the public.',
  })
  riskReports(
    @Arg('filter', () => RiskReportFilter, { nullable: true, description: 'Conditions the reports must meet.' }) filter: RiskReportFilter | null,
    @Arg('orderBy', () => RiskReportOrder, {
      defaultValue: RiskReportOrder.RECEIVED_NEWEST_FIRST,
      description: 'How the reports are sorted; a cursor is valid only in the order it was read in.',
    })
    orderBy: RiskReportOrder,
    @Args() page: PageArgs,
    @Ctx() { viewer, database }: CertificationContext,
  ) {
    if (viewer.role === 'public') throw unauthenticated();
    if (!isSecretariat(viewer) && !(viewer.role === 'member' && viewer.organizationId)) throw forbidden();
    return service.riskReportsPage(database, isSecretariat(viewer) ? null : viewer.organizationId!, filter, page, orderBy);
  }

  @Mutation(() => RiskReport, {
    description:
      'Submits a risk report: a civil society member for itself, or the Secretariat for a non-member source (`onBehalfOf`). ' +
      'Bad input is BAD_USER_INPUT naming the field, and nothing is stored.',
  })
  async submitRiskReport(
    @Arg('input', () => SubmitRiskReportInput, { description: 'The report.' }) input: SubmitRiskReportInput,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<RiskReport> {
    const reporter = await requireReporter(loaders, viewer);
    const report = service.checkedReport(input, reporter === null);
    const companies = await Promise.all(report.companyIds.map((id) => loaders.membership.load(id)));
    const wrong = report.companyIds.find((id, i) => !isPrivateSecurityCompany(companies[i]));
    if (wrong) throw badUserInput(`${wrong} is not a member company`, 'input.companyIds');
    return service.submitRiskReport(database, report, reporter, viewer.subject ?? null);
  }

  @Mutation(() => RiskReport, {
    description: 'Withdraws a report: its reporter (the Secretariat for reports it recorded for others). Appends to its history.',
  })
  async withdrawRiskReport(
    @Arg('id', () => ID, { description: 'The report.' }) id: string,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version read; CONFLICT when it changed since.' })
    expectedVersion: number | null,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<RiskReport> {
    const report = await visibleReport(loaders, viewer, id);
    if (isSecretariat(viewer) && report.reporterOrganizationId) throw forbidden('Only its reporter withdraws a member\'s report');
    return service.withdrawRiskReport(database, report, expectedVersion, viewer.subject ?? null);
  }

  @Mutation(() => RiskReport, {
    description: 'The Secretariat accepts a submitted report, or does not retain it with a note; the decision is appended to its history.',
  })
  async reviewRiskReport(
    @Arg('id', () => ID, { description: 'The report.' }) id: string,
    @Arg('decision', () => RiskReportDecision, { description: 'Accept, or do not retain.' }) decision: RiskReportDecision,
    @Arg('note', () => String, { nullable: true, description: 'Why; required when not retained. At most 4000 characters.' }) note: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version read; CONFLICT when it changed since.' })
    expectedVersion: number | null,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<RiskReport> {
    requireSecretariat(viewer);
    const report = await visibleReport(loaders, viewer, id);
    return service.reviewRiskReport(database, report, decision, note, expectedVersion, viewer.subject ?? null);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The civil society member that reported; null when the Secretariat recorded it for another source.' })
  reporter(@Root() report: RiskReport): Organization | null {
    return report.reporterOrganizationId ? organizationReference(report.reporterOrganizationId) : null;
  }

  @FieldResolver(() => [Organization], { description: 'The member companies the report names.' })
  async companiesConcerned(@Root() report: RiskReport, @Ctx() { loaders }: CertificationContext): Promise<Organization[]> {
    return (await loaders.riskReportCompanies.load(report.id)).map((c) => organizationReference(c.organizationId));
  }

  @FieldResolver(() => [RiskReportReview], { description: 'Decisions on the report, oldest first (append-only).' })
  history(@Root() report: RiskReport, @Ctx() { loaders }: CertificationContext): Promise<RiskReportReview[]> {
    return loaders.riskReportReviews.load(report.id);
  }
}
