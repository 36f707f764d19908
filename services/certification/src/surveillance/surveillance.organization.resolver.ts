import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/src';
import type { CertificationContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { SurveillanceReport } from './surveillance.entity';

/** What surveillance follow-up adds to `Organization`: the reports due under its certificates. */
@Resolver(() => Organization)
export class SurveillanceOrganizationFields {
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
