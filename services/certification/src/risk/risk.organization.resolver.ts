import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/src';
import type { CertificationContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { RiskReport } from './risk.entity';

/** `Organization.riskReports`: a civil society member's own reports, for itself and the Secretariat. */
@Resolver(() => Organization)
export class RiskOrganizationFields {
  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => [RiskReport], {
    nullable: true,
    description: 'Risk reports this organization submitted, newest first: the organization itself and the Secretariat only.',
  })
  riskReports(@Root() organization: Organization, @Ctx() { loaders }: CertificationContext): Promise<RiskReport[]> {
    return loaders.riskReportsByReporter.load(organization.id);
  }
}
