import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ObserverKind, Timestamp } from '../../../shared/src';
import { MembershipCategory } from '../membership-status/membership-status.entity';
import { OrganizationNameKind } from '../organization/organization-name.entity';
import { GovernmentKind, Pillar } from '../organization/organization.entity';

export enum ApplicationStatus {
  PENDING = 'PENDING',
  ADMITTED = 'ADMITTED',
  REJECTED = 'REJECTED',
}
registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  description: 'Where a membership application stands in the Secretariat\'s review.',
  valuesConfig: {
    PENDING: { description: 'Submitted and awaiting a decision.' },
    ADMITTED: { description: 'The applicant was admitted; the organization is now in the directory.' },
    REJECTED: { description: 'The application was not accepted.' },
  },
});

export enum ApplicationDecision {
  ADMIT = 'ADMIT',
  REJECT = 'REJECT',
}
registerEnumType(ApplicationDecision, {
  name: 'ApplicationDecision',
  description: 'The Secretariat\'s decision on a pending membership application.',
  valuesConfig: {
    ADMIT: { description: 'Admit the applicant in the category it applied for.' },
    REJECT: { description: 'Do not admit the applicant.' },
  },
});

/** An application for membership, submitted without an account and decided by the Secretariat. */
@ObjectType({
  description:
    'An application for membership, submitted by anyone without an account and reviewed by the Secretariat. ' +
    'Admitting it creates the organization and its first membership status entry.',
})
@Entity('membership_application')
@Index('ix_application_queue', ['status', 'submittedAt', 'id'])
@Index('ix_application_submitted', ['submittedAt', 'id'])
export class MembershipApplication {
  @Field(() => ID, { description: 'Identifier of the application.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'Name of the applying organization.' })
  @Column({ name: 'organization_name', type: 'varchar', length: 200 })
  organizationName: string;

  @Field(() => Pillar, { description: 'Pillar the applicant belongs to, or OBSERVER.' })
  @Column({ type: 'varchar', length: 32 })
  pillar: Pillar;

  @Field(() => ObserverKind, { nullable: true, description: 'For an applicant for observer status: its kind. Null otherwise.' })
  @Column({ name: 'observer_kind', type: 'varchar', length: 32, nullable: true })
  observerKind: ObserverKind | null;

  @Field(() => MembershipCategory, { description: 'Category applied for.' })
  @Column({ name: 'requested_category', type: 'varchar', length: 16 })
  requestedCategory: MembershipCategory;

  @Field(() => GovernmentKind, {
    nullable: true,
    description: 'For the GOVERNMENT pillar and observers of the kind GOVERNMENT: a State or an intergovernmental organization.',
  })
  @Column({ name: 'government_kind', type: 'varchar', length: 40, nullable: true })
  governmentKind: GovernmentKind | null;

  @Field({ description: 'Country of the headquarters, ISO 3166-1 alpha-2.' })
  @Column({ name: 'headquarters_country', type: 'varchar', length: 2 })
  headquartersCountry: string;

  @Field(() => [String], { description: 'Countries of operation, ISO 3166-1 alpha-2.' })
  @Column({ name: 'countries_of_operation', type: 'simple-json' })
  countriesOfOperation: string[];

  @Field(() => String, { nullable: true, description: 'Public website.' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  website: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For a company: its written plan of how it implements the International Code of Conduct.',
  })
  @Column({ name: 'code_implementation_plan', type: 'text', nullable: true })
  codeImplementationPlan: string | null;

  @Field({ description: 'Name of the person the Secretariat should contact.' })
  @Column({ name: 'contact_name', type: 'varchar', length: 200 })
  contactName: string;

  @Field({ description: 'E-mail address of that person.' })
  @Column({ name: 'contact_email', type: 'varchar', length: 254 })
  contactEmail: string;

  @Field(() => ApplicationStatus, { description: 'Where the review stands.' })
  @Column({ type: 'varchar', length: 16 })
  status: ApplicationStatus;

  @Field(() => Timestamp, { description: 'When the application was received.' })
  @Column({ name: 'submitted_at', type: 'varchar', length: 30 })
  submittedAt: string;

  @Field(() => Timestamp, { nullable: true, description: 'When the Secretariat decided.' })
  @Column({ name: 'decided_at', type: 'varchar', length: 30, nullable: true })
  decidedAt: string | null;

  @Field(() => String, { nullable: true, description: 'Who decided (a Secretariat staff member).' })
  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true })
  decidedBy: string | null;

  @Field(() => String, { nullable: true, description: 'The Secretariat\'s note on its decision.' })
  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  /** Set on admission; resolved to the organization by the resolver. */
  @Column({ name: 'organization_id', type: 'varchar', length: 36, nullable: true })
  organizationId: string | null;

  @Field(() => Int, { description: 'Increases with every change; guards against two decisions at once.' })
  @Column({ type: 'int' })
  version: number;
}

/** An organization with a name that looks like an applicant's: the Secretariat checks it is not an impostor. */
@ObjectType({
  description:
    'An organization with a name (registered, trading or former) that looks like the applicant\'s: the same ' +
    'letters once case, accents, legal forms such as Ltd or GmbH, and look-alike characters from other scripts ' +
    '(a Cyrillic "а" for a Latin "a") are set aside. The applicant may be that organization, or pose as it.',
})
export class PossibleDuplicate {
  /** Resolved to the organization (`organization` field) by the resolver. */
  organizationId: string;

  @Field({ description: 'Its name that looks like the applicant\'s, as written.' })
  name: string;

  @Field(() => OrganizationNameKind, { description: 'Whether that name is its registered, a trading or a former name.' })
  nameKind: OrganizationNameKind;
}
