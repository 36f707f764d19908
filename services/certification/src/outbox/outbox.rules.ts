/** An outbox entry as the tracker handles it, whichever subgraph wrote it. */
export interface OutboxChange {
  position: number;
  organizationId: string;
  effectiveFrom: string;
  recordedAt: string;
}

/** A gap younger than this may still fill (a transaction that took its position earlier commits later). */
export const SETTLE_MS = 30_000;

/**
 * How far a cursor may move: up to the first gap in positions, unless the entry after the gap is old enough
 * for the gap to be a rolled-back transaction's. Entries beyond are handled now and again next time (harmless:
 * nothing differs the second time), so an entry committed late is never skipped.
 */
export function settledPosition(entries: readonly OutboxChange[], after: number, now = Date.now()): number {
  let settled = after;
  for (const entry of entries) {
    if (entry.position !== settled + 1 && Date.parse(entry.recordedAt) > now - SETTLE_MS) break;
    settled = entry.position;
  }
  return settled;
}
