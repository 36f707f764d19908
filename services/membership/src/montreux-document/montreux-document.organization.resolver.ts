import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Organization } from '../organization/organization.entity';
import type { MembershipContext } from '../context';
import { MontreuxDocumentParticipation } from './montreux-document.entity';

/** An organization's participation in the Montreux Document (States and IGOs only). */
@Resolver(() => Organization)
export class MontreuxDocumentOrganizationFields {
  @FieldResolver(() => MontreuxDocumentParticipation, {
    nullable: true,
    description:
      'Its latest period of support for the Montreux Document (`until` null while it lasts); null when it never ' +
      'expressed support. States and intergovernmental organizations only.',
  })
  async montreuxDocumentParticipation(@Root() organization: Organization, @Ctx() { loaders }: MembershipContext) {
    return (await loaders.montreuxDocumentParticipation.load(organization.id)).at(-1) ?? null;
  }

  @FieldResolver(() => [MontreuxDocumentParticipation], {
    description: 'Every period of support for the Montreux Document, oldest first; empty when none.',
  })
  montreuxDocumentParticipationHistory(@Root() organization: Organization, @Ctx() { loaders }: MembershipContext) {
    return loaders.montreuxDocumentParticipation.load(organization.id);
  }
}
