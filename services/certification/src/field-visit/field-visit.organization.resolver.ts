import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Access } from '../../../shared/src';
import type { CertificationContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { FieldVisitContribution } from './field-visit.entity';

/** `Organization.fieldVisitContributions`: a civil society member's own inputs for field visits, for itself and the Secretariat. */
@Resolver(() => Organization)
export class FieldVisitOrganizationFields {
  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => [FieldVisitContribution], {
    nullable: true,
    description: 'Inputs for field visits this organization sent, newest first: the organization itself and the Secretariat only.',
  })
  fieldVisitContributions(@Root() organization: Organization, @Ctx() { loaders }: CertificationContext): Promise<FieldVisitContribution[]> {
    return loaders.fieldVisitContributionsByContributor.load(organization.id);
  }
}
