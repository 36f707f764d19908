import { Authorized, Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Access, CalendarDate, Timestamp, type OwnedByOrganization, PublicCache } from '../../../shared/src';

/** Where an organization stands with the Association. */
export enum MembershipStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  TERMINATED = 'TERMINATED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description: 'Where an organization stands with the Association, as decided by its Board or Secretariat.',
  valuesConfig: {
    ACTIVE: { description: 'Admitted and taking part: a member, affiliate or observer in its own category.' },
    SUSPENDED: {
      description: 'Rights of membership suspended (e.g. after a pattern of non-compliance); may be reinstated.',
    },
    TERMINATED: { description: 'Membership ended by the Association (e.g. no self-assessment, non-payment).' },
    WITHDRAWN: { description: 'The organization left the Association of its own accord.' },
  },
});

/** The kind of participation; what it allows depends on the pillar. */
export enum MembershipCategory {
  MEMBER = 'MEMBER',
  AFFILIATE = 'AFFILIATE',
  OBSERVER = 'OBSERVER',
}
registerEnumType(MembershipCategory, {
  name: 'MembershipCategory',
  description: 'The kind of participation in the Association.',
  valuesConfig: {
    MEMBER: {
      description:
        'A voting member. A private security company joins as a member and must become ICoCA-certified by its ' +
        'certification deadline; until then it is what the Association calls a transitional member.',
    },
    AFFILIATE: {
      description:
        'Companies only: a company that missed its certification deadline but completed the latest self-assessment. ' +
        'No deadline; still monitored and subject to complaints.',
    },
    OBSERVER: {
      description:
        'A non-voting participant admitted at the Board\'s discretion: States, intergovernmental and civil society ' +
        'organizations only, never a company providing security services.',
    },
  },
});

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
    END_OF_THIRD_CALENDAR_YEAR: { description: 'Current rule: 31 December of the third calendar year after joining.' },
    TWO_YEARS_FROM_JOINING: { description: 'Earlier rule: two years from the date of joining.' },
    FIXED_DATE: { description: 'Earliest rule: a fixed date set by the Board for all transitional members.' },
  },
});

/** One dated change of membership status; the history is append-only. */
@PublicCache()
@ObjectType({ description: 'One dated change in an organization\'s membership: entries are never changed or removed.' })
// Shareable: the certification subgraph reads entries through @requires to compute standings.
@Directive('@shareable')
@Entity('membership_status_entry')
@Index('uq_membership_status_entry_sequence', ['organizationId', 'sequence'], { unique: true })
@Index('ix_membership_status_entry_effective', ['effectiveFrom'])
export class MembershipStatusEntry implements OwnedByOrganization {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  /** 1, 2, 3... per organization: the order of entries, and a guard against two concurrent appends. */
  @Column({ type: 'int' })
  sequence: number;

  @Field(() => MembershipStatus, { description: 'The status from `effectiveFrom` on.' })
  @Column({ type: 'varchar', length: 16 })
  status: MembershipStatus;

  @Field(() => MembershipCategory, { description: 'The category of membership from `effectiveFrom` on.' })
  @Column({ type: 'varchar', length: 16 })
  category: MembershipCategory;

  @Field(() => CalendarDate, { description: 'First day on which this status applied.' })
  @Column({ name: 'effective_from', type: 'varchar', length: 10 })
  effectiveFrom: string;

  @Field({ description: 'Why the status changed, as recorded by the Secretariat.' })
  @Column({ type: 'text' })
  reason: string;

  @Authorized(Access.Secretariat)
  @Field(() => String, { nullable: true, description: 'Who recorded the decision (Secretariat only).' })
  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true })
  decidedBy: string | null;

  @Field(() => Timestamp, { description: 'When the change was recorded in the graph.' })
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;

  get ownerOrganizationId(): string {
    return this.organizationId;
  }
}
