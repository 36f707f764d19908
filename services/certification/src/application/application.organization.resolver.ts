import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/src';
import type { CertificationContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { CertificationApplication } from './application.entity';

/** What applications for ICoCA certification add to `Organization`: its own applications. */
@Resolver(() => Organization)
export class ApplicationOrganizationFields {
  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => [CertificationApplication], {
    nullable: true,
    description: 'The organization\'s applications for ICoCA certification, latest first. The organization itself and the Secretariat only.',
  })
  certificationApplications(@Root() organization: Organization, @Ctx() { loaders }: CertificationContext) {
    return loaders.applicationsByOrganization.load(organization.id);
  }
}
