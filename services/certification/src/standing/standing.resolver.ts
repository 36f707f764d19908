import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { badUserInput, CalendarDate, today } from '../../../shared/src';
import { CertificationStatus } from '../certification/certification.entity';
import { Organization } from '../organization/organization.entity';
import { certificationInForce } from '../certification/certification-in-force';
import type { CertificationContext, CertificationLoaders } from '../context';
import type { MembershipStatusEntry } from '../membership/membership-facts';
import { membershipEntryOn, Standing, standingOn } from './standing.rules';
import './standing.types';

/** The membership facts the gateway brings along (`@requires`) for a standing. */
export interface MembershipFactsOnEntity {
  pillar?: string;
  certificationDeadline?: string | null;
  statusHistory?: Pick<MembershipStatusEntry, 'status' | 'category' | 'effectiveFrom'>[];
}

export const STANDING_REQUIRES = '@requires(fields: "pillar certificationDeadline statusHistory { status category effectiveFrom }")';

async function standingOfOrganization(
  organization: Organization & MembershipFactsOnEntity,
  date: string,
  loaders: CertificationLoaders,
): Promise<Standing> {
  if (!organization.pillar || !organization.statusHistory) {
    // Only a caller bypassing the gateway omits them; it learns nothing.
    throw badUserInput('The membership facts this field requires were not provided');
  }
  const entry = membershipEntryOn(organization.statusHistory, date);
  return standingOn(
    {
      isCompany: organization.pillar === 'PRIVATE_SECURITY_COMPANY',
      status: entry?.status ?? null,
      category: entry?.category ?? null,
      certificationDeadline: organization.certificationDeadline ?? null,
    },
    (await certificationInForce(loaders, organization.id, date)).status === CertificationStatus.CERTIFIED,
    date,
  );
}

/** `Organization.standing`: membership and certification in one answer, today or on a past date. */
@Resolver(() => Organization)
export class StandingResolver {
  @Directive(STANDING_REQUIRES)
  @FieldResolver(() => Standing, {
    nullable: true,
    description:
      'Is this organization an ICoCA member in good standing, and is it certified? Membership and certification ' +
      'combined into one answer, today.',
  })
  standing(@Root() organization: Organization & MembershipFactsOnEntity, @Ctx() { loaders }: CertificationContext) {
    return standingOfOrganization(organization, today(), loaders);
  }

  @Directive(STANDING_REQUIRES)
  @FieldResolver(() => Standing, {
    nullable: true,
    description: 'The standing on a past day, from the dated membership and certification histories (for audits).',
  })
  standingOn(
    @Root() organization: Organization & MembershipFactsOnEntity,
    @Arg('date', () => CalendarDate, { description: 'The day asked about, YYYY-MM-DD.' }) date: string,
    @Ctx() { loaders }: CertificationContext,
  ) {
    return standingOfOrganization(organization, date, loaders);
  }
}
