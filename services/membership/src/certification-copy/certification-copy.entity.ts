import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A copy of one certificate of the certification subgraph, kept by the directory's copy job
 * (certification-copy.job.ts) from that subgraph's outbox. Dates, not a "certified" flag: whether it is in force
 * today is computed in SQL from `status`, `expires_on` and today's date, so the copy never goes stale with the
 * calendar, only by the job's interval. Not in the API.
 */
@Entity('certification_copy')
@Index('ix_certification_copy_organization', ['organizationId', 'endedOn', 'certificationId'])
@Index('ix_certification_copy_standard', ['standard', 'status', 'expiresOn', 'organizationId'])
export class CertificationCopy {
  @PrimaryColumn({ name: 'certification_id', type: 'varchar', length: 36 })
  certificationId: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  /** PSC_1, ISO_18788, ISO_28007_1. */
  @Column({ type: 'varchar', length: 16 })
  standard: string;

  /** As decided last: ACTIVE, SUSPENDED or WITHDRAWN (expiry follows from `expiresOn`). */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'valid_from', type: 'varchar', length: 10 })
  validFrom: string;

  @Column({ name: 'expires_on', type: 'varchar', length: 10 })
  expiresOn: string;

  /**
   * The day the certificate ends: its expiry, or for a withdrawn one the withdrawal if earlier. The
   * certification status of an organization without an active or suspended certificate is how its
   * latest-ending certificate ended (`organizationCertificationOn` in the certification subgraph).
   */
  @Column({ name: 'ended_on', type: 'varchar', length: 10 })
  endedOn: string;
}

/** One country a copied certificate covers, repeating its status and expiry so "certified in X today" is one range. */
@Entity('certification_copy_country')
@Index('ix_certification_copy_country', ['country', 'status', 'expiresOn', 'organizationId'])
@Index('ix_certification_copy_country_organization', ['organizationId'])
export class CertificationCopyCountry {
  @PrimaryColumn({ name: 'certification_id', type: 'varchar', length: 36 })
  certificationId: string;

  @PrimaryColumn({ type: 'varchar', length: 2 })
  country: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'expires_on', type: 'varchar', length: 10 })
  expiresOn: string;
}

/** How far the copy job has read a peer's outbox. */
@Entity('peer_outbox_cursor')
export class PeerOutboxCursor {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  source: string;

  @Column({ type: 'int' })
  position: number;
}
