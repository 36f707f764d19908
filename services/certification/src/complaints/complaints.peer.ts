import type { PeerRoutesClient } from '../../../shared/src';
import { OPEN_COMPLAINT_COUNTS_PATH, type OpenComplaintCountsAnswer, type OpenComplaintCountsRequest } from '../../../complaints/src/peer-routes';

/*
 * The one question this subgraph asks the complaints subgraph, for the monitoring priorities. The client is
 * built once per process at set-up (subgraph.ts, `connectPeers`) and reaches requests through the services.
 */

/** Open complaints per company, from the complaints subgraph's gated peer route: one call for all the companies. */
export async function openComplaintCounts(complaints: PeerRoutesClient, organizationIds: string[]): Promise<Record<string, number>> {
  if (organizationIds.length === 0) return {};
  const answer = await complaints.post<OpenComplaintCountsAnswer>(OPEN_COMPLAINT_COUNTS_PATH, { organizationIds } satisfies OpenComplaintCountsRequest);
  return answer.counts;
}
