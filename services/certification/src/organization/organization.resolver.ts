import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Access, badUserInput, CalendarDate, today } from '../../../shared/src';
import { CertificationApplication } from '../application/application.entity';
import { Certification, CertificationStatus } from '../certification/certification.entity';
import { SurveillanceReport } from '../surveillance/surveillance.entity';
import { Finding, FindingStatus, MonitoringActivity } from '../monitoring/monitoring.entity';
import { FindingFilter } from '../monitoring/monitoring.types';
import { filterFindings } from '../monitoring/monitoring.rules';
import { SelfAssessment } from '../self-assessment/self-assessment.entity';
import { cycleYears } from '../self-assessment/self-assessment.rules';
import { currentYear, selfAssessmentView } from '../self-assessment/self-assessment.service';
import { isPrivateSecurityCompany } from '../membership/membership-facts';
import { Organization } from './organization.entity';
import { certificationInForce } from '../certification/certification-in-force';
import type { CertificationContext } from '../context';

/** `Organization` as this subgraph extends it: certification, monitoring and the self-assessment cycle. */
@Resolver(() => Organization)
export class OrganizationCertificationResolver {
  @FieldResolver(() => [Certification], { nullable: true, description: 'Every certificate recorded for the organization, latest issued first. Public.' })
  certifications(@Root() organization: Organization, @Ctx() { loaders }: CertificationContext) {
    return loaders.certificationsByOrganization.load(organization.id);
  }

  @FieldResolver(() => Certification, {
    nullable: true,
    description:
      'The certificate `certificationStatus` rests on today: the active one expiring last; else a suspended one; ' +
      'else the one that ended most recently (expired or withdrawn). Null when never certified. Public.',
  })
  async currentCertification(@Root() organization: Organization, @Ctx() context: CertificationContext) {
    return (await certificationInForce(context.loaders, organization.id, today())).certificate;
  }

  @FieldResolver(() => CertificationStatus, {
    nullable: true,
    description: 'Whether the organization is ICoCA-certified today, all its certificates considered. Public.',
  })
  async certificationStatus(@Root() organization: Organization, @Ctx() context: CertificationContext) {
    return (await certificationInForce(context.loaders, organization.id, today())).status;
  }

  @FieldResolver(() => CertificationStatus, {
    nullable: true,
    description: 'The certification status on `date`, from the certificates\' dated histories (for audits). Public.',
  })
  async certificationStatusOn(
    @Root() organization: Organization,
    @Arg('date', () => CalendarDate, { description: 'The day asked about, YYYY-MM-DD.' }) date: string,
    @Ctx() context: CertificationContext,
  ) {
    return (await certificationInForce(context.loaders, organization.id, date)).status;
  }

  @FieldResolver(() => [MonitoringActivity], {
    nullable: true,
    description: 'Monitoring activities concerning the organization, latest planned start first. Public (contents restricted).',
  })
  monitoringActivities(@Root() organization: Organization, @Ctx() { loaders }: CertificationContext) {
    return loaders.activitiesByOrganization.load(organization.id);
  }

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => [Finding], {
    nullable: true,
    description: 'Findings of monitoring concerning the organization, soonest due first. The organization itself and the Secretariat only.',
  })
  async findings(
    @Root() organization: Organization,
    @Arg('filter', () => FindingFilter, { nullable: true, description: 'Conditions the findings must meet.' }) filter: FindingFilter | null,
    @Ctx() { loaders }: CertificationContext,
  ) {
    return filterFindings(await loaders.findingsByOrganization.load(organization.id), filter, today());
  }

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => Int, {
    nullable: true,
    description: 'How many findings are not closed (OPEN or IN_REMEDIATION). The organization itself and the Secretariat only.',
  })
  async openFindingsCount(@Root() organization: Organization, @Ctx() { loaders }: CertificationContext) {
    return (await loaders.findingsByOrganization.load(organization.id)).filter((f) => f.status !== FindingStatus.CLOSED).length;
  }

  @FieldResolver(() => [SelfAssessment], {
    nullable: true,
    description:
      'The annual self-assessment cycle, one entry per year from `fromYear` to `toYear` for which the company owed ' +
      'or submitted one. Status and dates are public; the answers are for the company itself and the Secretariat.',
  })
  async selfAssessments(
    @Root() organization: Organization,
    @Arg('fromYear', () => Int, { nullable: true, description: 'First year listed; two years ago when omitted.' }) fromYear: number | null,
    @Arg('toYear', () => Int, { nullable: true, description: 'Last year listed; the current year when omitted.' }) toYear: number | null,
    @Ctx() { loaders }: CertificationContext,
  ): Promise<SelfAssessment[]> {
    const last = toYear ?? currentYear();
    const first = fromYear ?? currentYear() - 2;
    if (last < first || last - first > 50) throw badUserInput('fromYear to toYear must span 0 to 50 years', 'fromYear');
    const [facts, records] = await Promise.all([
      loaders.membership.load(organization.id),
      loaders.selfAssessmentsByOrganization.load(organization.id),
    ]);
    const years = cycleYears(
      isPrivateSecurityCompany(facts),
      facts?.statusHistory ?? [],
      records.map((r) => r.year),
      first,
      last,
    );
    return years.map((year) => selfAssessmentView(organization.id, year, records.find((r) => r.year === year) ?? null));
  }

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => [CertificationApplication], {
    nullable: true,
    description: 'The organization\'s applications for ICoCA certification, latest first. The organization itself and the Secretariat only.',
  })
  certificationApplications(@Root() organization: Organization, @Ctx() { loaders }: CertificationContext) {
    return loaders.applicationsByOrganization.load(organization.id);
  }

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => [SurveillanceReport], {
    nullable: true,
    description:
      'The surveillance reports due under the organization\'s certificates, one each year on the anniversary of the ' +
      'issue date until expiry, with where each stands (overdue after the grace period). The organization itself and ' +
      'the Secretariat only.',
  })
  surveillanceReports(@Root() organization: Organization, @Ctx() { loaders }: CertificationContext) {
    return loaders.surveillanceReports.load(organization.id);
  }
}
