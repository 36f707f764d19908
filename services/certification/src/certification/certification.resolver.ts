import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  badUserInput,
  CalendarDate,
  countryCode,
  countryCodes,
  countryName,
  Language,
  LANGUAGE_ARGUMENT,
  notFound,
  PageArgs,
  requireSecretariat,
  text,
  today,
} from '../../../shared/src';
import { requireCompany } from '../membership/membership.peer';
import { Organization, organizationReference } from '../organization/organization.entity';
import type { CertificationContext } from '../context';
import { CertificateStatus, Certification, CertificationBody, CertificationStatusEntry } from './certification.entity';
import { certificateStatusOn, currentCertificateStatus, recognizedStandard, STANDARD_NAMES } from './certification.rules';
import * as service from './certification.service';
import {
  CertificationBodyInput,
  CertificationConnection,
  CertificationFilter,
  CertificationOrder,
  RecordCertificationInput,
  RenewCertificationInput,
} from './certification.types';

/** Certificates: public reads, Secretariat decisions. */
@Resolver(() => Certification)
export class CertificationResolver {
  @FieldResolver(() => [String], { description: 'Names of `countriesCovered` in the language asked, in the same order as the codes.' })
  countriesCoveredNames(
    @Root() certification: Certification,
    @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language,
  ): string[] {
    return certification.countriesCovered.map((code) => countryName(code, language));
  }

  @Query(() => Certification, { nullable: true, description: 'One certificate by id; NOT_FOUND when there is none. Public.' })
  async certification(
    @Arg('id', () => ID, { description: 'Identifier of the certificate.' }) id: string,
    @Ctx() { loaders }: CertificationContext,
  ): Promise<Certification> {
    const certification = await loaders.certification.load(id);
    if (!certification) throw notFound('Certification', id);
    return certification;
  }

  @Query(() => CertificationConnection, {
    nullable: true,
    description:
      'Certificates of all companies in `orderBy` (soonest expiry first by default), in pages of `first` (or `last`, backwards; ' +
      'default 20, at most 100). Public. ' +
      'With `expiringBefore` it lists the certificates to follow up.',
  })
  async certifications(
    @Arg('filter', () => CertificationFilter, { nullable: true, description: 'Conditions the certificates must meet.' })
    filter: CertificationFilter | null,
    @Arg('orderBy', () => CertificationOrder, {
      defaultValue: CertificationOrder.EXPIRING_SOONEST,
      description: 'How the certificates are sorted; a cursor is valid only in the order it was read in.',
    })
    orderBy: CertificationOrder,
    @Args() page: PageArgs,
    @Ctx() { database }: CertificationContext,
  ) {
    return service.listCertifications(database, filter, page, orderBy);
  }

  @Query(() => [CertificationBody], { nullable: true, description: 'The certification bodies known to the Association, by name. Public.' })
  certificationBodies(@Ctx() { database }: CertificationContext): Promise<CertificationBody[]> {
    return service.listCertificationBodies(database);
  }

  @Mutation(() => Certification, {
    description:
      'Records a certificate (Secretariat). The company must be a private security company (NOT_FOUND when unknown, ' +
      'BAD_USER_INPUT when not a company); the standard must be recognized and the dates consistent (BAD_USER_INPUT).',
  })
  async recordCertification(
    @Arg('input', () => RecordCertificationInput, { description: 'The certificate.' }) input: RecordCertificationInput,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<Certification> {
    requireSecretariat(viewer);
    const standard = recognizedStandard(input.standard);
    const certificateNumber = text(input.certificateNumber, 'certificateNumber', { max: 100 });
    const scope = text(input.scope, 'scope', { max: 4000 });
    const countriesCovered = countryCodes(input.countriesCovered, 'countriesCovered');
    if (countriesCovered.length === 0) throw badUserInput('countriesCovered must name at least one country', 'countriesCovered');
    await requireCompany(loaders.membership, input.organizationId);
    const certification = await service.recordCertification(database, {
      organizationId: input.organizationId,
      standard,
      certificationBodyId: input.certificationBodyId,
      certificateNumber,
      scope,
      countriesCovered,
      issuedOn: input.issuedOn,
      expiresOn: input.expiresOn,
      decidedBy: viewer.subject ?? null,
    });
    loaders.certificationsByOrganization.clear(input.organizationId);
    loaders.certificationHistoryByOrganization.clear(input.organizationId);
    return certification;
  }

  @Mutation(() => Certification, {
    description:
      'Suspends (SUSPENDED), reinstates (ACTIVE) or withdraws (WITHDRAWN) a certificate (Secretariat), with a reason. ' +
      'Illegal transitions (e.g. reinstating a withdrawn or expired certificate, or setting EXPIRED, which follows from ' +
      'the dates) are refused with BAD_USER_INPUT; a change made meanwhile by someone else with CONFLICT.',
  })
  async changeCertificationStatus(
    @Arg('id', () => ID, { description: 'The certificate.' }) id: string,
    @Arg('status', () => CertificateStatus, { description: 'The new status: SUSPENDED, ACTIVE or WITHDRAWN.' })
    status: CertificateStatus,
    @Arg('reason', () => String, { description: 'Why; shown in the public history. 1 to 2000 characters.' }) reason: string,
    @Arg('effectiveFrom', () => CalendarDate, {
      nullable: true,
      description: 'First day the status applies; today when omitted. Not in the future, not before the last change.',
    })
    effectiveFrom: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The `version` the decision was based on.' })
    expectedVersion: number | null,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<Certification> {
    requireSecretariat(viewer);
    const checkedReason = text(reason, 'reason', { max: 2000 });
    const certification = await loaders.certification.load(id);
    if (!certification) throw notFound('Certification', id);
    const history = await loaders.certificationHistory.load(id);
    const changed = await service.changeCertificationStatus(database, certification, history, status, {
      reason: checkedReason,
      effectiveFrom,
      expectedVersion,
      decidedBy: viewer.subject ?? null,
    });
    forget(loaders, changed);
    return changed;
  }

  @Mutation(() => Certification, {
    description:
      'Renews (recertifies) an active or expired certificate (Secretariat): a later expiry date, with a reason. ' +
      'Suspended and withdrawn certificates cannot be renewed (BAD_USER_INPUT).',
  })
  async renewCertification(
    @Arg('id', () => ID, { description: 'The certificate.' }) id: string,
    @Arg('input', () => RenewCertificationInput, { description: 'The renewal.' }) input: RenewCertificationInput,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<Certification> {
    requireSecretariat(viewer);
    const reason = text(input.reason, 'reason', { max: 2000 });
    const certificateNumber = input.certificateNumber ? text(input.certificateNumber, 'certificateNumber', { max: 100 }) : null;
    const certification = await loaders.certification.load(id);
    if (!certification) throw notFound('Certification', id);
    const history = await loaders.certificationHistory.load(id);
    const renewed = await service.renewCertification(
      database,
      certification,
      history,
      { expiresOn: input.expiresOn, certificateNumber },
      { reason, effectiveFrom: input.effectiveFrom, expectedVersion: input.expectedVersion, decidedBy: viewer.subject ?? null },
    );
    forget(loaders, renewed);
    return renewed;
  }

  @Mutation(() => CertificationBody, { description: 'Records an accredited certification body (Secretariat).' })
  async recordCertificationBody(
    @Arg('input', () => CertificationBodyInput, { description: 'The certification body.' }) input: CertificationBodyInput,
    @Ctx() { viewer, database }: CertificationContext,
  ): Promise<CertificationBody> {
    requireSecretariat(viewer);
    return service.recordCertificationBody(database, {
      name: text(input.name, 'name', { max: 200 }),
      accreditationBody: text(input.accreditationBody, 'accreditationBody', { max: 200 }),
      country: countryCode(input.country, 'country'),
    });
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The certified company.' })
  organization(@Root() certification: Certification): Organization {
    return organizationReference(certification.organizationId);
  }

  @FieldResolver(() => String, { description: 'The standard as usually written, e.g. "ANSI/ASIS PSC.1".' })
  standardName(@Root() certification: Certification): string {
    return STANDARD_NAMES[certification.standard];
  }

  @FieldResolver(() => CertificationBody, { description: 'The certification body that issued the certificate.' })
  async certificationBody(@Root() certification: Certification, @Ctx() { loaders }: CertificationContext) {
    const body = await loaders.certificationBody.load(certification.certificationBodyId);
    if (!body) throw notFound('Certification body', certification.certificationBodyId);
    return body;
  }

  @FieldResolver(() => CertificateStatus, {
    description: 'Status today: EXPIRED once the expiry date has passed (derived from the dates, never set).',
  })
  status(@Root() certification: Certification): CertificateStatus {
    return currentCertificateStatus(certification.recordedStatus, certification.expiresOn, today());
  }

  @FieldResolver(() => CertificateStatus, {
    nullable: true,
    description: 'Status on `date`, from the dated history (for audits); null before the certificate was issued.',
  })
  async statusOn(
    @Root() certification: Certification,
    @Arg('date', () => CalendarDate, { description: 'The day asked about, YYYY-MM-DD.' }) date: string,
    @Ctx() { loaders }: CertificationContext,
  ): Promise<CertificateStatus | null> {
    return certificateStatusOn(await loaders.certificationHistory.load(certification.id), date);
  }

  @FieldResolver(() => [CertificationStatusEntry], {
    description: 'Every dated change of the certificate, oldest first: issue, suspensions, reinstatements, renewals, withdrawal.',
  })
  history(@Root() certification: Certification, @Ctx() { loaders }: CertificationContext) {
    return loaders.certificationHistory.load(certification.id);
  }
}

/** This request's loaders hold the state before a change; the answer must show the state after it. */
function forget(loaders: CertificationContext['loaders'], certification: Certification): void {
  loaders.certification.clear(certification.id).prime(certification.id, certification);
  loaders.certificationHistory.clear(certification.id);
  loaders.certificationsByOrganization.clear(certification.organizationId);
  loaders.certificationHistoryByOrganization.clear(certification.organizationId);
}

/** Names beside a certification body's country code. */
@Resolver(() => CertificationBody)
export class CertificationBodyResolver {
  @FieldResolver(() => String, { description: 'Name of `country` in the language asked.' })
  countryName(@Root() body: CertificationBody, @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language): string {
    return countryName(body.country, language);
  }
}
