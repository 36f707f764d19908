import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A change of an organization that other subgraphs follow (status, category, names, profile), written in the
 * same transaction as the change itself: the certification subgraph reads it to recompute standings.
 */
@Entity('membership_outbox')
export class MembershipOutboxEntry {
  /** Increasing: readers keep the last position they handled. */
  @PrimaryGeneratedColumn('increment')
  position!: number;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  /** STATUS (status or category), PROFILE (names and other register facts). */
  @Column({ type: 'varchar', length: 20 })
  kind!: string;

  /** The day the change takes effect. */
  @Column({ name: 'effective_from', type: 'varchar', length: 10 })
  effectiveFrom!: string;

  /** When it became known (written). */
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt!: string;
}
