import { Column, PrimaryColumn } from 'typeorm';
import type { OwnedByOrganization } from './auth';

/**
 * The columns every dated history of an organization's record writes alike (membership status, profile
 * changes, certificates, findings): entries are appended, never changed, and each applies from a day that
 * may lie in the past. An entity extends it and declares only its own columns. To show a common column in
 * the graph, it re-declares it (`declare`, with no column of its own) under its `@Field`, where the field
 * stands in its type and with its own description: the schema keeps its field order.
 */
export abstract class DatedHistoryEntry implements OwnedByOrganization {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  /** 1, 2, 3... within one history: the order of entries, and (with a unique index) a guard against two concurrent appends. */
  @Column({ type: 'int' })
  sequence: number;

  /** First day on which the entry applied. */
  @Column({ name: 'effective_from', type: 'varchar', length: 10 })
  effectiveFrom: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;

  get ownerOrganizationId(): string {
    return this.organizationId;
  }
}

/** A dated history entry the Secretariat decides, with who recorded the decision. */
export abstract class DecidedHistoryEntry extends DatedHistoryEntry {
  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true })
  decidedBy: string | null;
}
