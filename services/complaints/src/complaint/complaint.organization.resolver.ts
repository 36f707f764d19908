import { Arg, Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access, isSecretariat, PageArgs, today } from '../../../shared/src';
import type { ComplaintsContext } from '../context';
import { releasedTotal } from '../disclosure/disclosure.rules';
import { protectedCount } from '../disclosure/protected-count';
import { Organization } from '../organization/organization.entity';
import { Complaint } from './complaint.entity';
import { maySee } from './complaint.access';
import { OrganizationComplaintOrder } from './complaint.enums';
import { ComplaintConnection, ComplaintProvisionCount, ComplaintStatistics } from './complaint.types';

/** What the complaints subgraph adds to an organization: its complaints and their statistics. */
@Resolver(() => Organization)
export class ComplaintOrganizationFields {
  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => [Complaint], {
    nullable: true,
    description:
      'Complaints against this company, newest first, without the complainant: for members of this organization ' +
      '(those whose company check passed) and the Secretariat only. For long lists page through ' +
      '`complaints(filter: { companyId })`.',
    deprecationReason: 'Use complaintsPage: the same complaints in pages, with totalCount.',
  })
  async complaints(@Root() organization: Organization, @Ctx() { loaders, viewer }: ComplaintsContext) {
    return (await loaders.complaintsOfCompany.load(organization.id)).filter((complaint) => maySee(viewer, complaint));
  }

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => ComplaintConnection, {
    nullable: true,
    description:
      'Complaints against this company in `orderBy` (newest first by default), without the complainant, in pages of ' +
      '`first` (default 20, at most 100) read forwards or of `last` read backwards: for members of this organization ' +
      '(those whose company check passed) and the Secretariat only. A directory page of organizations reads all their ' +
      'pages at once (one statement per distinct page arguments).',
  })
  complaintsPage(
    @Root() organization: Organization,
    @Arg('orderBy', () => OrganizationComplaintOrder, {
      defaultValue: OrganizationComplaintOrder.RECEIVED_NEWEST_FIRST,
      description: 'How the complaints are sorted; a cursor is valid only in the order it was read in.',
    })
    orderBy: OrganizationComplaintOrder,
    @Args() page: PageArgs,
    @Ctx() { loaders, viewer }: ComplaintsContext,
  ) {
    // What maySee lets a member see of its own company (the access rule above lets no one else in).
    const passedOnly = !isSecretariat(viewer);
    return loaders.complaintPages.load(organization.id, {
      first: page.first, after: page.after, last: page.last, before: page.before, order: orderBy, passedOnly,
    });
  }

  @FieldResolver(() => ComplaintStatistics, {
    nullable: true,
    description:
      'Statistics of the complaints against this organization: for everyone a total that never describes fewer than ' +
      '5 complaints nor moves by fewer than 5; the exact counts (open, closed, by year and by provision of the Code) ' +
      'for the Secretariat and the organization\'s members.',
  })
  async complaintStatistics(@Root() organization: Organization, @Ctx() { loaders, viewer }: ComplaintsContext) {
    const statistics = await loaders.statistics.load(organization.id);
    const released = releasedTotal(
      statistics.byYear.map((year) => ({ year: year.year, count: year.received })),
      Number(today().slice(0, 4)) - 1,
    );
    return Object.assign(new ComplaintStatistics(), {
      organizationId: organization.id,
      // The Secretariat's exact count at `asOf` is the running count of the years up to it.
      total: protectedCount(
        released.value ?? statistics.byYear.filter((y) => y.year <= released.asOfYear).reduce((sum, y) => sum + y.received, 0),
        released.state,
        viewer,
      ),
      asOf: `${released.asOfYear}-12-31`,
      received: statistics.received,
      open: statistics.open,
      closed: statistics.closed,
      byYear: statistics.byYear,
    });
  }
}

/** What the statistics read apart from their counts by status: the counts by provision of the Code. */
@Resolver(() => ComplaintStatistics)
export class ComplaintStatisticsFields {
  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => [ComplaintProvisionCount], {
    nullable: true,
    description:
      'Complaints per provision of the Code alleged, most cited first: for the Secretariat and members of this ' +
      'organization only.',
  })
  byProvision(@Root() statistics: ComplaintStatistics, @Ctx() { loaders }: ComplaintsContext) {
    return loaders.provisionCounts.load(statistics.organizationId);
  }
}
