import type { PeerClient, PeerRoutesClient } from '../../../shared/src';
import { OPEN_COMPLAINT_COUNTS_PATH, type OpenComplaintCountsAnswer, type OpenComplaintCountsRequest } from '../../../complaints/src/peer-routes';
import { allOrganizations } from '../membership/membership.peer';

/** What a ranking needs of a member or affiliate company from the membership subgraph (public fields). */
export interface PriorityCompany {
  id: string;
  name: string;
  certificationDeadline: string | null;
  countriesOfOperation: string[];
  regionsOfOperation: string[];
}

const COMPANIES = /* GraphQL */ `
  query CertificationRanksCompanies($after: String) {
    organizations(
      filter: { pillar: PRIVATE_SECURITY_COMPANY, categories: [MEMBER, AFFILIATE], statuses: [ACTIVE, SUSPENDED] }
      first: 100
      after: $after
    ) {
      edges { node { id name certificationDeadline countriesOfOperation regionsOfOperation } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** Member and affiliate companies (active or suspended), in pages of 100: one call per hundred companies. */
export function rankedCompanies(peer: PeerClient): Promise<PriorityCompany[]> {
  return allOrganizations<PriorityCompany>(peer, COMPANIES);
}

/** Open complaints per company, from the complaints subgraph's gated peer route: one call for all the companies. */
export async function openComplaintCounts(complaints: PeerRoutesClient, organizationIds: string[]): Promise<Record<string, number>> {
  if (organizationIds.length === 0) return {};
  const answer = await complaints.post<OpenComplaintCountsAnswer>(OPEN_COMPLAINT_COUNTS_PATH, { organizationIds } satisfies OpenComplaintCountsRequest);
  return answer.counts;
}
