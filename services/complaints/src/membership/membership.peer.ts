import type { PeerClient } from '../../../shared/src';
import { mayBeComplainedAbout, type MembershipRecord } from '../complaint/complaint.rules';

/*
 * The question this subgraph asks the membership subgraph directly: may these companies be complained
 * about? The client is built once per process at set-up (subgraph.ts, `connectPeers`) and reaches filing
 * and the company-check rounds through the services.
 */

const ENTITIES_QUERY = /* GraphQL */ `
  query ComplaintCompany($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Organization { id pillar statusHistory { category } } }
  }
`;

/**
 * Asks the membership subgraph, in one call, which of `companyIds` are companies that are or were
 * members or affiliates. Through `_entities`, which answers null for an unknown id (the `organization`
 * query answers an error). Throws when membership cannot be asked: unreachable, timeout, an HTTP
 * error or a GraphQL error, or an answer that does not fit the question.
 */
export async function companiesQualify(
  membership: PeerClient,
  companyIds: readonly string[],
  requestId?: string,
): Promise<Map<string, boolean>> {
  const data = await membership.query<{ _entities?: (MembershipRecord | null)[] }>(
    ENTITIES_QUERY,
    { representations: companyIds.map((id) => ({ __typename: 'Organization', id })) },
    requestId,
  );
  const answers = data._entities;
  if (!Array.isArray(answers) || answers.length !== companyIds.length) {
    throw new Error('The membership subgraph answered a different number of organizations than asked');
  }
  return new Map(companyIds.map((id, i) => [id, mayBeComplainedAbout(answers[i] ?? null)]));
}
