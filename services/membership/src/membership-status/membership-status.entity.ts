import { Authorized, Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import {
  Access,
  CalendarDate,
  MembershipCategory,
  MEMBERSHIP_STATUS_ENTRY_FIELDS,
  MembershipStatus,
  type OwnedByOrganization,
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
export class MembershipStatusEntry implements OwnedByOrganization {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  /** 1, 2, 3... per organization: the order of entries, and a guard against two concurrent appends. */
  @Column({ type: 'int' })
  sequence: number;

  @Field(() => MembershipStatus, { description: MEMBERSHIP_STATUS_ENTRY_FIELDS.status })
  @Column({ type: 'varchar', length: 16 })
  status: MembershipStatus;

  @Field(() => MembershipCategory, { description: MEMBERSHIP_STATUS_ENTRY_FIELDS.category })
  @Column({ type: 'varchar', length: 16 })
  category: MembershipCategory;

  @Field(() => CalendarDate, { description: MEMBERSHIP_STATUS_ENTRY_FIELDS.effectiveFrom })
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
