import { Authorized, Directive, Field, ObjectType } from 'type-graphql';
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

  @Authorized(Access.Secretariat)
  @Field(() => String, { nullable: true, description: 'Who recorded the decision (Secretariat only).' })
  declare decidedBy: string | null;

  @Field(() => Timestamp, { description: 'When the change was recorded in the graph.' })
  declare recordedAt: string;
}
