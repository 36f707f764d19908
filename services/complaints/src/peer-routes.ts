/*
 * The routes this subgraph serves to other subgraphs (gated by its gateway secret, never part of the
 * public graph). The one file of a subgraph that others may import: paths and answer shapes only, so
 * that a caller and its server cannot drift apart and no entity is loaded into the wrong process.
 */

/** `POST` with `{ organizationIds }`: open complaints per company, for the certification subgraph's monitoring priorities. */
export const OPEN_COMPLAINT_COUNTS_PATH = '/peer/open-complaint-counts';

/** What `OPEN_COMPLAINT_COUNTS_PATH` receives. */
export interface OpenComplaintCountsRequest {
  organizationIds: string[];
}

/** What `OPEN_COMPLAINT_COUNTS_PATH` answers: open complaints per organization id asked about. */
export interface OpenComplaintCountsAnswer {
  counts: Record<string, number>;
}
