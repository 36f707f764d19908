import { Authorized, Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import {
  Access,
  CalendarDate,
  DecidedHistoryEntry,
  MembershipCategory,
  MEMBERSHIP_STATUS_ENTRY_FIELDS,
  MembershipStatus,
  PublicCache,
  SHARED_DESCRIPTIONS,
  Timestamp,
} from '../../../shared/src';

// Declared once for every subgraph that reads them (services/shared/src/shared-types.ts).
export { MembershipCategory, MembershipStatus } from '../../../shared/src';

/**
 * Why the Association ended a membership, in the words of its decisions: the free-text reason stays beside it,
 * the code lets the yearly figures count terminations by reason.
 */
export enum TerminationReason {
  NON_SUBMISSION_OF_SELF_ASSESSMENT = 'NON_SUBMISSION_OF_SELF_ASSESSMENT',
  NON_PAYMENT_OF_DUES = 'NON_PAYMENT_OF_DUES',
  CERTIFICATION_DEADLINE_MISSED = 'CERTIFICATION_DEADLINE_MISSED',
  LACK_OF_GOOD_FAITH_COOPERATION = 'LACK_OF_GOOD_FAITH_COOPERATION',
  BREACH_OF_THE_CODE = 'BREACH_OF_THE_CODE',
  OTHER = 'OTHER',
}
registerEnumType(TerminationReason, {
  name: 'TerminationReason',
  description: 'The main ground on which the Association terminated a membership (the entry\'s `reason` says more).',
  valuesConfig: {
    NON_SUBMISSION_OF_SELF_ASSESSMENT: { description: 'The company did not submit its annual self-assessment.' },
    NON_PAYMENT_OF_DUES: { description: 'Annual dues were not paid.' },
    CERTIFICATION_DEADLINE_MISSED: {
      description: 'The company was not ICoCA-certified by its certification deadline (and did not become an affiliate).',
    },
    LACK_OF_GOOD_FAITH_COOPERATION: {
      description: 'No good-faith cooperation with the Association (monitoring, complaints, the Secretariat\'s requests).',
    },
    BREACH_OF_THE_CODE: { description: 'Violation of the Code or of the Articles of Association.' },
    OTHER: { description: 'Any other ground; also every termination recorded before reasons were coded, unless its text named one.' },
  },
});

/** One dated change of membership status; the history is append-only. */
@PublicCache()
@ObjectType({ description: SHARED_DESCRIPTIONS.MembershipStatusEntry })
// Shareable: the certification subgraph reads entries through @requires to compute standings.
@Directive('@shareable')
@Entity('membership_status_entry')
@Index('uq_membership_status_entry_sequence', ['organizationId', 'sequence'], { unique: true })
@Index('ix_membership_status_entry_effective', ['effectiveFrom'])
export class MembershipStatusEntry extends DecidedHistoryEntry {
  @Field(() => MembershipStatus, { description: MEMBERSHIP_STATUS_ENTRY_FIELDS.status })
  @Column({ type: 'varchar', length: 16 })
  status: MembershipStatus;

  @Field(() => MembershipCategory, { description: MEMBERSHIP_STATUS_ENTRY_FIELDS.category })
  @Column({ type: 'varchar', length: 16 })
  category: MembershipCategory;

  @Field(() => CalendarDate, { description: MEMBERSHIP_STATUS_ENTRY_FIELDS.effectiveFrom })
  declare effectiveFrom: string;

  @Field({ description: 'Why the status changed, as recorded by the Secretariat.' })
  declare reason: string;

  @Field(() => TerminationReason, {
    nullable: true,
    description: 'For a termination: its main ground, coded. Null for other changes.',
  })
  @Column({ name: 'reason_code', type: 'varchar', length: 48, nullable: true })
  reasonCode: TerminationReason | null;

  @Authorized(Access.Secretariat)
  @Field(() => String, { nullable: true, description: 'Who recorded the decision (Secretariat only).' })
  declare decidedBy: string | null;

  @Field(() => Timestamp, { description: 'When the change was recorded in the graph.' })
  declare recordedAt: string;
}
