import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A change of an organization's certification status, written in the same transaction as the status entry:
 * the standing tracker reads it as it reads the membership subgraph's outbox.
 */
@Entity('certification_outbox')
export class CertificationOutboxEntry {
  /** Increasing: the tracker keeps the last position it handled. */
  @PrimaryGeneratedColumn('increment')
  position!: number;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  /** The day the change takes effect. */
  @Column({ name: 'effective_from', type: 'varchar', length: 10 })
  effectiveFrom!: string;

  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt!: string;
}

/** How far the standing tracker has read each outbox (`membership`, `certification`). */
@Entity('outbox_cursor')
export class OutboxCursor {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  source!: string;

  @Column({ type: 'int' })
  position!: number;
}
