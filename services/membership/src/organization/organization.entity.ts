import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import {
  CalendarDate,
  MembershipCategory,
  MembershipStatus,
  ObserverKind,
  type OwnedByOrganization,
  Pillar,
  PublicCache,
  SHARED_DESCRIPTIONS,
} from '../../../shared/src';

// Declared once for every subgraph that reads it (services/shared/src/shared-types.ts).
export { Pillar } from '../../../shared/src';

/** Which rule set a company's certification deadline; rules changed over time, so each member keeps its own. */
export enum CertificationDeadlineRule {
  END_OF_THIRD_CALENDAR_YEAR = 'END_OF_THIRD_CALENDAR_YEAR',
  TWO_YEARS_FROM_JOINING = 'TWO_YEARS_FROM_JOINING',
  FIXED_DATE = 'FIXED_DATE',
}
registerEnumType(CertificationDeadlineRule, {
  name: 'CertificationDeadlineRule',
  description: 'The rule under which a member company\'s certification deadline was set when it joined.',
  valuesConfig: {
    END_OF_THIRD_CALENDAR_YEAR: {
      description:
        'Current rule: 31 December of the third calendar year from joining (which year counts first is the ' +
        'CERTIFICATION_DEADLINE_FIRST_YEAR setting at admission; the deadline itself is stored).',
    },
    TWO_YEARS_FROM_JOINING: {
      description: '2017 amendment, companies joining after 15 April 2018: two years from the day of joining.',
    },
    FIXED_DATE: {
      description:
        '2017 amendment, companies already members then: one date for all, two years from 15 April 2018 ' +
        '(15 April 2020).',
    },
  },
});

/** Which kind of government participant (of the pillar, or observing) an organization is: the Articles name States and IGOs apart. */
export enum GovernmentKind {
  STATE = 'STATE',
  INTERGOVERNMENTAL_ORGANIZATION = 'INTERGOVERNMENTAL_ORGANIZATION',
}
registerEnumType(GovernmentKind, {
  name: 'GovernmentKind',
  description:
    'Whether an organization of the GOVERNMENT pillar, or an observer of the kind GOVERNMENT, is a State or an ' +
    'intergovernmental organization.',
  valuesConfig: {
    STATE: { description: 'A State, represented by one of its ministries or offices.' },
    INTERGOVERNMENTAL_ORGANIZATION: { description: 'An intergovernmental organization (IGO), e.g. a regional union of States.' },
  },
});

/** An organization known to the Association: the entity other subgraphs extend by `id`. */
@PublicCache()
@ObjectType({
  description: SHARED_DESCRIPTIONS.Organization,
})
@Directive('@key(fields: "id")')
@Entity('organization')
@Index('ix_organization_name', ['name', 'id'])
@Index('ix_organization_pillar_name', ['pillar', 'name', 'id'])
@Index('ix_organization_pillar_status', ['pillar', 'membershipStatus', 'name', 'id'])
@Index('ix_organization_observer_kind', ['observerKind', 'name', 'id'])
@Index('ix_organization_government_kind', ['governmentKind', 'name', 'id'])
@Index('ix_organization_member_since', ['memberSince', 'id'])
@Index('ix_organization_pillar_member_since', ['pillar', 'memberSince', 'id'])
@Index('ix_organization_standing', ['standingBasis', 'name', 'id', 'certifiedUntil', 'certificationDeadline'])
export class Organization implements OwnedByOrganization {
  @Field(() => ID, { description: 'Stable identifier of the organization.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'Registered name of the organization.' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => Pillar, { description: 'Which of the three pillars the organization belongs to, or OBSERVER.' })
  @Column({ type: 'varchar', length: 32 })
  pillar: Pillar;

  @Field(() => ObserverKind, {
    nullable: true,
    description: 'For an observer (pillar OBSERVER): what kind of person or entity it is. Null for the three pillars.',
  })
  @Column({ name: 'observer_kind', type: 'varchar', length: 32, nullable: true })
  observerKind: ObserverKind | null;

  @Field(() => GovernmentKind, {
    nullable: true,
    description:
      'For the GOVERNMENT pillar and observers of the kind GOVERNMENT: a State or an intergovernmental organization. ' +
      'Null for everyone else.',
  })
  @Column({ name: 'government_kind', type: 'varchar', length: 40, nullable: true })
  governmentKind: GovernmentKind | null;

  @Field({ description: 'Country of the headquarters, ISO 3166-1 alpha-2 (e.g. `CH`).' })
  @Index('ix_organization_headquarters_country')
  @Column({ name: 'headquarters_country', type: 'varchar', length: 2 })
  headquartersCountry: string;

  @Field(() => String, { nullable: true, description: 'Public website.' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  website: string | null;

  @Field(() => MembershipCategory, { description: 'Current category of membership.' })
  @Index('ix_organization_category')
  @Column({ name: 'membership_category', type: 'varchar', length: 16 })
  membershipCategory: MembershipCategory;

  @Field(() => MembershipStatus, { description: 'Current membership status.' })
  @Index('ix_organization_status')
  @Column({ name: 'membership_status', type: 'varchar', length: 16 })
  membershipStatus: MembershipStatus;

  @Field(() => CalendarDate, { nullable: true, description: 'Day the organization was first admitted.' })
  @Column({ name: 'member_since', type: 'varchar', length: 10, nullable: true })
  memberSince: string | null;

  @Field(() => CalendarDate, {
    nullable: true,
    description:
      'For a company admitted as a member: the day by which it must be ICoCA-certified (an affiliate keeps the ' +
      'deadline it missed). Null for companies admitted as affiliates, for observers, States, intergovernmental ' +
      'and civil society organizations.',
  })
  @Column({ name: 'certification_deadline', type: 'varchar', length: 10, nullable: true })
  certificationDeadline: string | null;

  @Field(() => CertificationDeadlineRule, {
    nullable: true,
    description: 'The rule that set `certificationDeadline` when the company joined.',
  })
  @Column({ name: 'certification_deadline_rule', type: 'varchar', length: 40, nullable: true })
  certificationDeadlineRule: CertificationDeadlineRule | null;

  /**
   * What today's standing rests on apart from the dates (`refreshDirectoryCopies`, directory-standing.ts):
   * SUSPENDED, NOT_A_MEMBER, OBSERVER, MEMBER, AFFILIATE, or COMPANY_MEMBER (certified, pending or overdue by
   * the dates). Not in the API.
   */
  @Column({ name: 'standing_basis', type: 'varchar', length: 16, default: '' })
  standingBasis: string;

  /**
   * The last day of validity of the organization's active certificates, from the copies of the certification
   * subgraph's certificates (certification-copy/): certified today while it is today or later. Not in the API.
   */
  @Column({ name: 'certified_until', type: 'varchar', length: 10, nullable: true })
  certifiedUntil: string | null;

  /** ISO 3166-2 codes; null until some are recorded (`regionsOfOperation` in the API answers an empty list). */
  @Column({ name: 'regions_of_operation', type: 'simple-json', nullable: true })
  regionsOfOperation: string[] | null;

  /** The reference of the organization in the file it was imported from (`npm run import`): a re-run finds it by it. */
  @Index('uq_organization_external_reference', { unique: true })
  @Column({ name: 'external_reference', type: 'varchar', length: 100, nullable: true })
  externalReference: string | null;

  @Field(() => Int, {
    description:
      'Increases with every change of this organization; pass it as `expectedVersion` to refuse a change ' +
      'based on an outdated view (CONFLICT).',
  })
  @Column({ type: 'int' })
  version: number;

  get ownerOrganizationId(): string {
    return this.id;
  }
}

/**
 * A country where the organization operates (its headquarters country always among them); a table of
 * its own so the country filter has an index. It repeats the organization's pillar, status and name
 * (see `refreshDirectoryCopies`) so that "companies active in Norway", counted or paged by name, is
 * one range of `ix_operating_country_directory` however large the register.
 */
@Entity('organization_operating_country')
@Index('ix_operating_country_country', ['country', 'organizationId'])
@Index('ix_operating_country_directory', ['country', 'pillar', 'membershipStatus', 'name', 'organizationId'])
@Index('ix_operating_country_standing', ['country', 'standingBasis', 'name', 'organizationId', 'certifiedUntil', 'certificationDeadline'])
export class OperatingCountry {
  @PrimaryColumn({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  @PrimaryColumn({ type: 'varchar', length: 2 })
  country: string;

  /** Keeps the order in which the countries were given. */
  @Column({ type: 'int' })
  position: number;

  /** Copy of the organization's pillar, for the directory index. */
  @Column({ type: 'varchar', length: 32, default: '' })
  pillar: string;

  /** Copy of the organization's membership status, for the directory index. */
  @Column({ name: 'membership_status', type: 'varchar', length: 16, default: '' })
  membershipStatus: string;

  /** Copy of the organization's registered name, for the directory index. */
  @Column({ type: 'varchar', length: 200, default: '' })
  name: string;

  /** Copies of the organization's standing basis, certified-until day and certification deadline, for the standing index. */
  @Column({ name: 'standing_basis', type: 'varchar', length: 16, default: '' })
  standingBasis: string;

  @Column({ name: 'certified_until', type: 'varchar', length: 10, nullable: true })
  certifiedUntil: string | null;

  @Column({ name: 'certification_deadline', type: 'varchar', length: 10, nullable: true })
  certificationDeadline: string | null;
}
