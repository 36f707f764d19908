import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/src';
import { Organization } from '../organization/organization.entity';
import type { MembershipContext } from '../context';
import { Contact } from './contact.entity';

/** An organization's contact persons, for the organization itself and the Secretariat. */
@Resolver(() => Organization)
export class ContactOrganizationFields {
  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => [Contact], {
    nullable: true,
    description: 'Contact persons. Only a member of this organization and the Secretariat may read them.',
  })
  contacts(@Root() organization: Organization, @Ctx() { loaders }: MembershipContext) {
    return loaders.contacts.load(organization.id);
  }
}
