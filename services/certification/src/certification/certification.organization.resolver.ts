import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CalendarDate, PageArgs, today } from '../../../shared/src';
import type { CertificationContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { certificationInForce } from './certification-in-force';
import { Certification, CertificationStatus } from './certification.entity';
import { CertificationConnection } from './certification.types';

/** What certification adds to `Organization`: its certificates and whether it is certified, today or on a past day. */
@Resolver(() => Organization)
export class CertificationOrganizationFields {
  @FieldResolver(() => [Certification], {
    nullable: true,
    description: 'Every certificate recorded for the organization, latest issued first. Public. A long list: prefer `certificationsPage`.',
    deprecationReason: 'Use certificationsPage: the same certificates in pages, with totalCount.',
  })
  certifications(@Root() organization: Organization, @Ctx() { loaders }: CertificationContext) {
    return loaders.certificationsByOrganization.load(organization.id);
  }

  @FieldResolver(() => CertificationConnection, {
    nullable: true,
    description:
      'The certificates recorded for the organization, latest issued first, in pages of `first` (or `last`, backwards; ' +
      'default 20, at most 100), with `totalCount`. Public. A directory page of many organizations reads them all at once.',
  })
  certificationsPage(@Root() organization: Organization, @Args() page: PageArgs, @Ctx() { loaders }: CertificationContext) {
    return loaders.certificationPagesByOrganization.load(organization.id, { ...page });
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
