import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import {
  Access,
  CalendarDate,
  CertificationStandard,
  CertificationStatus,
  DecidedHistoryEntry,
  Timestamp,
  type OwnedByOrganization,
  PublicCache,
} from '../../../shared/src';

// Declared once for every subgraph that filters by them (services/shared/src/shared-types.ts).
export { CertificationStandard, CertificationStatus };


/** A certificate's own status; EXPIRED is never stored, it follows from the expiry date. */
export enum CertificateStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}
registerEnumType(CertificateStatus, {
  name: 'CertificateStatus',
  description:
    'The status of one certificate. Not the same as `CertificationStatus`, which sums up all the certificates of an ' +
    'organization.',
  valuesConfig: {
    ACTIVE: { description: 'Valid: issued, not past its expiry date, not suspended or withdrawn.' },
    SUSPENDED: { description: 'Suspended by the Secretariat (for a reason recorded in the history); may be reinstated.' },
    WITHDRAWN: { description: 'Withdrawn for good by the Secretariat; final.' },
    EXPIRED: {
      description: 'Past its expiry date and not renewed. Follows from the dates: it is never set by hand or by a job.',
    },
  },
});

/** What happened to a certificate in one history entry. */
export enum CertificationEvent {
  ISSUED = 'ISSUED',
  SUSPENDED = 'SUSPENDED',
  REINSTATED = 'REINSTATED',
  WITHDRAWN = 'WITHDRAWN',
  RENEWED = 'RENEWED',
}
registerEnumType(CertificationEvent, {
  name: 'CertificationEvent',
  description: 'What one entry of a certificate\'s history records.',
  valuesConfig: {
    ISSUED: { description: 'The certificate was issued by the certification body and recorded by the Secretariat.' },
    SUSPENDED: { description: 'The certificate was suspended.' },
    REINSTATED: { description: 'A suspended certificate was reinstated.' },
    WITHDRAWN: { description: 'The certificate was withdrawn for good.' },
    RENEWED: { description: 'The certificate was renewed (recertified): its expiry date moved later.' },
  },
});

/** An accredited certification body (an auditor), kept as a record so certificates can refer to it. */
@PublicCache()
@ObjectType({
  description:
    'A certification body: the third party that audits a company and issues its certificate, accredited by a ' +
    'national accreditation body that is a signatory of the IAF multilateral recognition arrangement.',
})
@Entity('certification_body')
@Index('ix_certification_body_name', ['name', 'id'])
export class CertificationBody {
  @Field(() => ID, { description: 'Stable identifier of the certification body.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'Name of the certification body.' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'The accreditation body that accredited it (e.g. a national accreditation service).' })
  @Column({ name: 'accreditation_body', type: 'varchar', length: 200 })
  accreditationBody: string;

  @Field({ description: 'Country of the certification body, ISO 3166-1 alpha-2.' })
  @Column({ type: 'varchar', length: 2 })
  country: string;

  @Field(() => Timestamp, { description: 'When the body was recorded in the graph.' })
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;
}

/** A company's certificate to a recognized standard; status and expiry always match its latest history entry. */
@PublicCache()
@ObjectType({
  description:
    'A certificate held by a private security company to a standard the Association recognizes, issued by an ' +
    'accredited certification body. Public.',
})
@Entity('certification')
@Index('ix_certification_organization', ['organizationId'])
@Index('ix_certification_expiry', ['expiresOn', 'id'])
@Index('ix_certification_issued', ['issuedOn', 'id'])
@Index('ix_certification_organization_issued', ['organizationId', 'issuedOn', 'id'])
@Index('ix_certification_standard', ['standard'])
@Index('ix_certification_status', ['recordedStatus'])
@Index('uq_certification_number', ['certificationBodyId', 'certificateNumber'], { unique: true })
export class Certification implements OwnedByOrganization {
  @Field(() => ID, { description: 'Stable identifier of the certification record.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  @Field(() => CertificationStandard, { description: 'The standard the company is certified to.' })
  @Column({ type: 'varchar', length: 16 })
  standard: CertificationStandard;

  @Column({ name: 'certification_body_id', type: 'varchar', length: 36 })
  certificationBodyId: string;

  @Field({ description: 'The number printed on the certificate.' })
  @Column({ name: 'certificate_number', type: 'varchar', length: 100 })
  certificateNumber: string;

  @Field({ description: 'Scope of the certificate as written on it (services, sites, activities covered).' })
  @Column({ type: 'text' })
  scope: string;

  @Field(() => [String], { description: 'Countries of operation the certificate covers, ISO 3166-1 alpha-2.' })
  @Column({ name: 'countries_covered', type: 'simple-json' })
  countriesCovered: string[];

  @Field(() => CalendarDate, { description: 'Day the certificate was issued.' })
  @Column({ name: 'issued_on', type: 'varchar', length: 10 })
  issuedOn: string;

  @Field(() => CalendarDate, {
    description: 'Last day of validity (the latest one, after any renewal). From the next day on it is EXPIRED.',
  })
  @Column({ name: 'expires_on', type: 'varchar', length: 10 })
  expiresOn: string;

  /** ACTIVE, SUSPENDED or WITHDRAWN, as decided last; `status` in the API also considers the expiry date. */
  @Column({ name: 'status', type: 'varchar', length: 16 })
  recordedStatus: CertificateStatus;

  @Field(() => Timestamp, { description: 'When the certificate was recorded in the graph.' })
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;

  @Field(() => Int, {
    description: 'Increases with every change; pass it as `expectedVersion` to refuse a change based on an outdated view.',
  })
  @Column({ type: 'int' })
  version: number;

  get ownerOrganizationId(): string {
    return this.organizationId;
  }
}

/** One dated entry of a certificate's history; entries are never changed or removed. */
@PublicCache()
@ObjectType({ description: 'One dated change of a certificate: entries are never changed or removed.' })
@Entity('certification_status_entry')
@Index('uq_certification_status_entry_sequence', ['certificationId', 'sequence'], { unique: true })
@Index('ix_certification_status_entry_organization', ['organizationId'])
export class CertificationStatusEntry extends DecidedHistoryEntry {
  /** The certificate whose history this is (`sequence` counts per certificate). */
  @Column({ name: 'certification_id', type: 'varchar', length: 36 })
  certificationId: string;

  @Field(() => CertificationEvent, { description: 'What happened.' })
  @Column({ type: 'varchar', length: 16 })
  event: CertificationEvent;

  @Field(() => CertificateStatus, {
    description: 'The status decided from `effectiveFrom` on (ACTIVE, SUSPENDED or WITHDRAWN; expiry is derived).',
  })
  @Column({ type: 'varchar', length: 16 })
  status: CertificateStatus;

  @Field(() => CalendarDate, { description: 'First day on which this entry applied.' })
  declare effectiveFrom: string;

  @Field(() => CalendarDate, { description: 'The expiry date in force from `effectiveFrom` on.' })
  @Column({ name: 'expires_on', type: 'varchar', length: 10 })
  expiresOn: string;

  @Field({ description: 'Why, as recorded by the Secretariat.' })
  declare reason: string;

  @Authorized(Access.Secretariat)
  @Field(() => String, { nullable: true, description: 'Who recorded the decision (Secretariat only).' })
  declare decidedBy: string | null;

  @Field(() => Timestamp, { description: 'When the entry was recorded in the graph.' })
  declare recordedAt: string;
}

/** One country a certificate covers (a copy of `countriesCovered`, which never changes), for the country filter's index. */
@Entity('certification_country')
@Index('ix_certification_country_country', ['country', 'certificationId'])
export class CertificationCountry {
  @PrimaryColumn({ name: 'certification_id', type: 'varchar', length: 36 })
  certificationId: string;

  @PrimaryColumn({ type: 'varchar', length: 2 })
  country: string;
}
