import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/src';
import { Complaint } from '../complaint/complaint.entity';
import { maySee } from '../complaint/complaint.service';
import type { ComplaintsContext } from '../context';
import { ComplaintStatistics, Organization } from './organization.entity';

/** What the complaints subgraph adds to an organization. */
@Resolver(() => Organization)
export class OrganizationComplaintsResolver {
  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => [Complaint], {
    nullable: true,
    description:
      'Complaints against this company, newest first, without the complainant: for members of this organization ' +
      '(those whose company check passed) and the Secretariat only. For long lists page through ' +
      '`complaints(filter: { companyId })`.',
  })
  async complaints(@Root() organization: Organization, @Ctx() { loaders, viewer }: ComplaintsContext) {
    return (await loaders.complaintsOfCompany.load(organization.id)).filter((complaint) => maySee(viewer, complaint));
  }

  @FieldResolver(() => ComplaintStatistics, {
    nullable: true,
    description:
      'Public statistics of the complaints against this organization (received, open, closed, by year and by ' +
      'provision of the Code): aggregates only, for transparency.',
  })
  complaintStatistics(@Root() organization: Organization, @Ctx() { loaders }: ComplaintsContext) {
    return loaders.statistics.load(organization.id);
  }
}
