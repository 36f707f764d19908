import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { CalendarDate, ConnectionType } from '../../../shared/src';
import { CertificateStatus, Certification, CertificationStandard } from './certification.entity';

/** GraphQL inputs, filters and pages of certificates and certification bodies. */

@InputType({ description: 'A certificate to record (Secretariat).' })
export class RecordCertificationInput {
  @Field(() => ID, { description: 'The certified company (a private security company known to the membership subgraph).' })
  organizationId: string;

  @Field({
    description:
      'The standard as written on the certificate, e.g. "ANSI/ASIS PSC.1-2012", "ISO 18788:2015", "ISO 28007-1:2015" ' +
      '(or a `CertificationStandard` name). Unrecognized standards such as ISO 9001 are refused with BAD_USER_INPUT.',
  })
  standard: string;

  @Field(() => ID, { description: 'The certification body that issued it (see `certificationBodies`).' })
  certificationBodyId: string;

  @Field({ description: 'Number printed on the certificate; unique per certification body. 1 to 100 characters.' })
  certificateNumber: string;

  @Field({ description: 'Scope as written on the certificate. 1 to 4000 characters.' })
  scope: string;

  @Field(() => [String], { description: 'Countries of operation covered, ISO 3166-1 alpha-2; at least one.' })
  countriesCovered: string[];

  @Field(() => CalendarDate, { description: 'Day of issue; not in the future.' })
  issuedOn: string;

  @Field(() => CalendarDate, { description: 'Last day of validity; after `issuedOn`, at most three years after it.' })
  expiresOn: string;
}

@InputType({ description: 'A renewal (recertification) of a certificate.' })
export class RenewCertificationInput {
  @Field(() => CalendarDate, { description: 'The new last day of validity; after the current one, at most three years later.' })
  expiresOn: string;

  @Field({ description: 'Why (e.g. "Recertification audit passed"). 1 to 2000 characters.' })
  reason: string;

  @Field(() => CalendarDate, { nullable: true, description: 'Day the renewal applies from; today when omitted. Not in the future.' })
  effectiveFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Number of the renewed certificate, when it changed.' })
  certificateNumber?: string | null;

  @Field(() => Int, { nullable: true, description: 'The `version` the renewal was based on; CONFLICT if it changed since.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'A certification body to record (Secretariat).' })
export class CertificationBodyInput {
  @Field({ description: 'Name of the certification body. 1 to 200 characters.' })
  name: string;

  @Field({ description: 'The accreditation body that accredited it. 1 to 200 characters.' })
  accreditationBody: string;

  @Field({ description: 'Country, ISO 3166-1 alpha-2.' })
  country: string;
}

@InputType({ description: 'Narrows a list of certificates; all given conditions must hold.' })
export class CertificationFilter {
  @Field(() => ID, { nullable: true, description: 'Only this organization\'s certificates.' })
  organizationId?: string | null;

  @Field(() => CertificationStandard, { nullable: true, description: 'Only certificates to this standard.' })
  standard?: CertificationStandard | null;

  @Field(() => [CertificationStandard], {
    nullable: true,
    description: 'Only certificates to one of these standards (PSC.1 and ISO 18788 for land, ISO 28007-1 for maritime).',
  })
  standards?: CertificationStandard[] | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code: only certificates covering this country.' })
  country?: string | null;

  @Field(() => CertificateStatus, { nullable: true, description: 'Only certificates with this status today.' })
  status?: CertificateStatus | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Only certificates whose expiry date is before this day.' })
  expiringBefore?: string | null;
}

export const CertificationConnection = ConnectionType(Certification, 'Certification', 'certifications', { public: true });

/** How the list of certificates is sorted. */
export enum CertificationOrder {
  EXPIRING_SOONEST = 'EXPIRING_SOONEST',
  EXPIRING_LATEST = 'EXPIRING_LATEST',
  ISSUED_NEWEST_FIRST = 'ISSUED_NEWEST_FIRST',
  ISSUED_OLDEST_FIRST = 'ISSUED_OLDEST_FIRST',
}
registerEnumType(CertificationOrder, {
  name: 'CertificationOrder',
  description:
    'How a list of certificates is sorted. A cursor belongs to the order it was read in: under another order it is ' +
    'BAD_USER_INPUT. (Sorting by company name is not offered: the names belong to the membership directory.)',
  valuesConfig: {
    EXPIRING_SOONEST: { description: 'Soonest expiry date first: the default, for following up expiries.' },
    EXPIRING_LATEST: { description: 'Latest expiry date first.' },
    ISSUED_NEWEST_FIRST: { description: 'Most recently issued first.' },
    ISSUED_OLDEST_FIRST: { description: 'Issued longest ago first.' },
  },
});
