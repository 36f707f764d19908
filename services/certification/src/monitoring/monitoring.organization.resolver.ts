import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Access, PageArgs, today } from '../../../shared/src';
import type { CertificationContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { Finding, FindingStatus, MonitoringActivity } from './monitoring.entity';
import { filterFindings } from './monitoring.rules';
import { FindingFilter, MonitoringActivityConnection } from './monitoring.types';

/** What monitoring adds to `Organization`: the activities concerning it and their findings. */
@Resolver(() => Organization)
export class MonitoringOrganizationFields {
  @FieldResolver(() => [MonitoringActivity], {
    nullable: true,
    description: 'Monitoring activities concerning the organization, latest planned start first. Public (contents restricted).',
    deprecationReason: 'Use monitoringActivitiesPage: the same activities in pages, with totalCount.',
  })
  monitoringActivities(@Root() organization: Organization, @Ctx() { loaders }: CertificationContext) {
    return loaders.activitiesByOrganization.load(organization.id);
  }

  @FieldResolver(() => MonitoringActivityConnection, {
    nullable: true,
    description:
      'Monitoring activities concerning the organization, latest planned start first, in pages of `first` (or `last`, ' +
      'backwards; default 20, at most 100), with `totalCount`. Public (contents restricted). A directory page of many ' +
      'organizations reads them all at once.',
  })
  monitoringActivitiesPage(@Root() organization: Organization, @Args() page: PageArgs, @Ctx() { loaders }: CertificationContext) {
    return loaders.activityPagesByOrganization.load(organization.id, { ...page });
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
}
