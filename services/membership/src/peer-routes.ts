/*
 * The routes this subgraph serves to other subgraphs (gated by its gateway secret, never part of the
 * public graph). The one file of a subgraph that others may import: paths and answer shapes only, so
 * that a caller and its server cannot drift apart and no entity is loaded into the wrong process.
 */

/** `GET /outbox?after=N`: who changed after position N, for the certification subgraph's standing tracker. */
export const OUTBOX_PATH = '/outbox';

/** One entry of the outbox page: an organization whose status or profile changed, effective from a date. */
export interface MembershipOutboxChange {
  position: number;
  organizationId: string;
  effectiveFrom: string;
  recordedAt: string;
}

/** The answer of `OUTBOX_PATH`: at most a page of entries, in position order. */
export interface MembershipOutboxPage {
  entries: MembershipOutboxChange[];
}
