import type { MembershipCategory, PeerClient, Pillar } from '../../../shared/src';

/*
 * The question this subgraph asks the membership subgraph directly: what are these companies' pillar and
 * membership history? Whether that lets them be complained about is a rule of complaints
 * (complaint/complaint.rules.ts, `mayBeComplainedAbout`). The client is built once per process at set-up
 * (subgraph.ts, `connectPeers`) and reaches filing and the company-check rounds through the services.
 */

/**
 * What the complaints subgraph asks the membership subgraph about a company: its own, smaller reading of
 * the membership facts, since no subgraph imports another's types.
 */
export interface MembershipRecord {
  /** The value of a `Pillar`, as the peer's JSON answer carries it. */
  pillar: `${Pillar}`;
  statusHistory: { category: `${MembershipCategory}` }[];
}

const ENTITIES_QUERY = /* GraphQL */ `
  query ComplaintCompany($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Organization { id pillar statusHistory { category } } }
  }
`;

/**
 * Asks the membership subgraph, in one call, for the membership record of each of `companyIds` (null for
 * an unknown id). Through `_entities`, which answers null for an unknown id (the `organization` query
 * answers an error). Throws when membership cannot be asked: unreachable, timeout, an HTTP error or a
 * GraphQL error, or an answer that does not fit the question.
 */
export async function membershipRecords(
  membership: PeerClient,
  companyIds: readonly string[],
  requestId?: string,
): Promise<Map<string, MembershipRecord | null>> {
  const data = await membership.query<{ _entities?: (MembershipRecord | null)[] }>(
    ENTITIES_QUERY,
    { representations: companyIds.map((id) => ({ __typename: 'Organization', id })) },
    requestId,
  );
  const answers = data._entities;
  if (!Array.isArray(answers) || answers.length !== companyIds.length) {
    throw new Error('The membership subgraph answered a different number of organizations than asked');
  }
  return new Map(companyIds.map((id, i) => [id, answers[i] ?? null]));
}
