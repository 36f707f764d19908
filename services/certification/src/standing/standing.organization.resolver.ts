import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { CalendarDate, today } from '../../../shared/src';
import type { CertificationContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { Standing } from './standing.rules';
import { requiredMembershipFacts, standingOfOrganization } from './standing.service';
import './standing.types';

const STANDING_REQUIRES = '@requires(fields: "pillar certificationDeadline statusHistory { status category effectiveFrom }")';

/** `Organization.standing`: membership and certification in one answer, today or on a past date. */
@Resolver(() => Organization)
export class StandingOrganizationFields {
  @Directive(STANDING_REQUIRES)
  @FieldResolver(() => Standing, {
    nullable: true,
    description:
      'Is this organization an ICoCA member in good standing, and is it certified? Membership and certification ' +
      'combined into one answer, today.',
  })
  async standing(@Root() organization: Organization, @Ctx() { loaders }: CertificationContext) {
    const date = today();
    return (await standingOfOrganization(loaders, organization.id, requiredMembershipFacts(organization), date)).standing;
  }

  @Directive(STANDING_REQUIRES)
  @FieldResolver(() => Standing, {
    nullable: true,
    description: 'The standing on a past day, from the dated membership and certification histories (for audits).',
  })
  async standingOn(
    @Root() organization: Organization,
    @Arg('date', () => CalendarDate, { description: 'The day asked about, YYYY-MM-DD.' }) date: string,
    @Ctx() { loaders }: CertificationContext,
  ) {
    return (await standingOfOrganization(loaders, organization.id, requiredMembershipFacts(organization), date)).standing;
  }
}
