import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CalendarDate, Timestamp } from '../../../shared/src';
import { CertificationStatus } from '../certification/certification.entity';
import { MembershipStatus } from '../membership/membership-facts';
import { Standing } from '../standing/standing.rules';
import '../standing/standing.types';

/** A partner organization's list of contractors it follows; owned by the partner organization, not a credential. */
@ObjectType({ description: 'A list of organizations a partner follows: it reads their standing and is told when it changes.' })
@Entity('watchlist')
@Index('ix_watchlist_partner', ['partnerOrganizationId', 'id'])
export class Watchlist {
  @Field(() => ID, { description: 'Stable identifier of the watchlist.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The partner organization that owns it: its tokens may change, the watchlist stays. */
  @Column({ name: 'partner_organization_id', type: 'varchar', length: 36 })
  partnerOrganizationId!: string;

  @Field({ description: 'The partner\'s own name for the list (e.g. "Contractors in Iraq").' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to change the watchlist.' })
  @Column({ type: 'int' })
  version!: number;

  @Field(() => Timestamp, { description: 'When the watchlist was created.' })
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: 'The HTTPS endpoint each change is posted to (Standard Webhooks); null for none.' })
  @Column({ name: 'webhook_url', type: 'varchar', length: 2000, nullable: true })
  webhookUrl!: string | null;

  /** Signs the webhook calls (`whsec_...`); shown to the partner only when set or rotated. */
  @Column({ name: 'webhook_secret', type: 'varchar', length: 100, nullable: true })
  webhookSecret!: string | null;

  @Field(() => Timestamp, {
    nullable: true,
    description: 'Since when the webhook is failing: a change could not be delivered for 24 hours. Cleared by a delivery or a new endpoint.',
  })
  @Column({ name: 'webhook_failing_since', type: 'varchar', length: 30, nullable: true })
  webhookFailingSince!: string | null;
}

/** One organization on a watchlist. */
@ObjectType({ description: 'An organization on a watchlist, with its standing today.' })
@Entity('watchlist_entry')
@Index('ix_watchlist_entry_organization', ['organizationId'])
export class WatchlistEntry {
  @PrimaryColumn({ name: 'watchlist_id', type: 'varchar', length: 36 })
  watchlistId!: string;

  @Field(() => ID, { description: 'The organization followed.' })
  @PrimaryColumn({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Field(() => Timestamp, { description: 'When it was added to the watchlist.' })
  @Column({ name: 'added_at', type: 'varchar', length: 30 })
  addedAt!: string;
}

/** The facts last recorded for an organization: a change is recorded where today's facts differ. */
@Entity('standing_snapshot')
@Index('ix_standing_snapshot_next_change', ['nextChangeOn'])
export class StandingSnapshot {
  @PrimaryColumn({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 40 })
  standing!: string;

  @Column({ name: 'membership_status', type: 'varchar', length: 20, nullable: true })
  membershipStatus!: string | null;

  @Column({ name: 'certification_status', type: 'varchar', length: 30 })
  certificationStatus!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  /** The day the standing changes by the passage of time alone (certificate expiry, deadline), if any. */
  @Column({ name: 'next_change_on', type: 'varchar', length: 10, nullable: true })
  nextChangeOn!: string | null;
}

/** A recorded change of an organization's standing, membership status, certification status or name. */
@ObjectType({
  description:
    'A change of an organization\'s standing, membership status, certification status or name, as recorded by the ' +
    'Association: the day it takes effect and when it became known.',
})
@Entity('standing_change')
@Index('ix_standing_change_organization', ['organizationId', 'position'])
export class StandingChange {
  /** The feed's order: changes are read after a position. */
  @PrimaryGeneratedColumn('increment')
  position!: number;

  @Field(() => ID, { description: 'The organization that changed.' })
  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Field({ description: 'The organization\'s name after the change.' })
  @Column({ name: 'organization_name', type: 'varchar', length: 300 })
  organizationName!: string;

  @Field(() => Standing, { nullable: true, description: 'The standing before the change; null when the organization was not followed before.' })
  @Column({ name: 'previous_standing', type: 'varchar', length: 40, nullable: true })
  previousStanding!: Standing | null;

  @Field(() => Standing, { description: 'The standing after the change.' })
  @Column({ type: 'varchar', length: 40 })
  standing!: Standing;

  @Field(() => MembershipStatus, { nullable: true, description: 'The membership status before the change.' })
  @Column({ name: 'previous_membership_status', type: 'varchar', length: 20, nullable: true })
  previousMembershipStatus!: MembershipStatus | null;

  @Field(() => MembershipStatus, { nullable: true, description: 'The membership status after the change (null: never admitted).' })
  @Column({ name: 'membership_status', type: 'varchar', length: 20, nullable: true })
  membershipStatus!: MembershipStatus | null;

  @Field(() => CertificationStatus, { nullable: true, description: 'The certification status before the change.' })
  @Column({ name: 'previous_certification_status', type: 'varchar', length: 30, nullable: true })
  previousCertificationStatus!: CertificationStatus | null;

  @Field(() => CertificationStatus, { description: 'The certification status after the change.' })
  @Column({ name: 'certification_status', type: 'varchar', length: 30 })
  certificationStatus!: CertificationStatus;

  @Field(() => CalendarDate, { description: 'The day the change takes effect.' })
  @Column({ name: 'effective_on', type: 'varchar', length: 10 })
  effectiveOn!: string;

  @Field(() => Timestamp, { description: 'When the Association\'s graph recorded it (the change became known).' })
  @Column({ name: 'known_at', type: 'varchar', length: 30 })
  knownAt!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A verification receipt (signed JWS, as `verifyMembers` gives) of the standing after the change; check it with `checkVerificationReceipt`.',
  })
  @Column({ type: 'text', nullable: true })
  receipt!: string | null;
}
