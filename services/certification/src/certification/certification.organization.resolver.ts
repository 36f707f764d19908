import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CalendarDate, today } from '../../../shared/src';
import type { CertificationContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { certificationInForce } from './certification-in-force';
import { Certification, CertificationStatus } from './certification.entity';

/** What certification adds to `Organization`: its certificates and whether it is certified, today or on a past day. */
@Resolver(() => Organization)
export class CertificationOrganizationFields {
  @FieldResolver(() => [Certification], { nullable: true, description: 'Every certificate recorded for the organization, latest issued first. Public.' })
  certifications(@Root() organization: Organization, @Ctx() { loaders }: CertificationContext) {
    return loaders.certificationsByOrganization.load(organization.id);
  }

  @FieldResolver(() => Certification, {
    nullable: true,
    description:
      'The certificate `certificationStatus` rests on today: the active one expiring last; else a suspended one; ' +
      'else the one that ended most recently (expired or withdrawn). Null when never certified. Public.',
  })
  async currentCertification(@Root() organization: Organization, @Ctx() context: CertificationContext) {
    return (await certificationInForce(context.loaders, organization.id, today())).certificate;
  }

  @FieldResolver(() => CertificationStatus, {
    nullable: true,
    description: 'Whether the organization is ICoCA-certified today, all its certificates considered. Public.',
  })
  async certificationStatus(@Root() organization: Organization, @Ctx() context: CertificationContext) {
    return (await certificationInForce(context.loaders, organization.id, today())).status;
  }

  @FieldResolver(() => CertificationStatus, {
    nullable: true,
    description: 'The certification status on `date`, from the certificates\' dated histories (for audits). Public.',
  })
  async certificationStatusOn(
    @Root() organization: Organization,
    @Arg('date', () => CalendarDate, { description: 'The day asked about, YYYY-MM-DD.' }) date: string,
    @Ctx() context: CertificationContext,
  ) {
    return (await certificationInForce(context.loaders, organization.id, date)).status;
  }
}
