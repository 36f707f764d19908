import DataLoader from 'dataloader';
import { badUserInput, notFound, type PeerClient, type PeerRoutesClient } from '../../../shared/src';
import { OUTBOX_PATH, type MembershipOutboxChange, type MembershipOutboxPage } from '../../../membership/src/peer-routes';
import { isPrivateSecurityCompany, type MembershipFacts } from './membership-facts';

/*
 * The questions this subgraph asks the membership subgraph directly: the facts of given organizations
 * (batched per request), every private security company, the companies the monitoring priorities rank,
 * and the membership outbox (the standing tracker). The client is built once per process at set-up
 * (subgraph.ts, `connectPeers`) and reaches requests and jobs through the services.
 */

const FACTS =
  'id name pillar headquartersCountry membershipStatus membershipCategory certificationDeadline ' +
  'statusHistory { status category effectiveFrom }';

const ENTITIES = /* GraphQL */ `
  query CertificationAsksMembership($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Organization { ${FACTS} } }
  }
`;

const COMPANIES = /* GraphQL */ `
  query CertificationListsCompanies($after: String) {
    organizations(filter: { pillar: PRIVATE_SECURITY_COMPANY }, first: 100, after: $after) {
      edges { node { ${FACTS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** Per request: the membership facts of many organizations in one call to the membership subgraph. */
export function membershipLoader(peer: PeerClient): DataLoader<string, MembershipFacts | null> {
  return new DataLoader<string, MembershipFacts | null>(async (ids) => {
    const data = await peer.query<{ _entities: (MembershipFacts | null)[] }>(ENTITIES, {
      representations: ids.map((id) => ({ __typename: 'Organization', id })),
    });
    return ids.map((id, i) => (data._entities[i]?.id === id ? data._entities[i] : null));
  });
}

/**
 * Every organization an `organizations(…, after: $after)` query of the membership subgraph lists, page
 * after page (one call per page).
 */
async function allOrganizations<T>(peer: PeerClient, query: string): Promise<T[]> {
  const organizations: T[] = [];
  let after: string | null = null;
  for (;;) {
    const data: {
      organizations: { edges: { node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    } = await peer.query(query, { after });
    organizations.push(...data.organizations.edges.map((edge) => edge.node));
    if (!data.organizations.pageInfo.hasNextPage) return organizations;
    after = data.organizations.pageInfo.endCursor;
  }
}

/** Every private security company the membership subgraph knows, in pages of 100 (one call per page). */
export function listCompanies(peer: PeerClient): Promise<MembershipFacts[]> {
  return allOrganizations<MembershipFacts>(peer, COMPANIES);
}

/** What a ranking needs of a member or affiliate company from the membership subgraph (public fields). */
export interface PriorityCompany {
  id: string;
  name: string;
  certificationDeadline: string | null;
  countriesOfOperation: string[];
  regionsOfOperation: string[];
}

const RANKED_COMPANIES = /* GraphQL */ `
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
  return allOrganizations<PriorityCompany>(peer, RANKED_COMPANIES);
}

/** The membership outbox after a position (its gated route, with its secret): who changed, a page at a time. */
export async function membershipOutboxAfter(membership: PeerRoutesClient, after: number): Promise<MembershipOutboxChange[]> {
  // A page of up to 500 entries: more time than a request's peer call.
  const page = await membership.get<MembershipOutboxPage>(`${OUTBOX_PATH}?after=${after}`, { timeoutMs: 10_000 });
  return page.entries;
}

/** The facts of an organization that must be a private security company: NOT_FOUND or BAD_USER_INPUT otherwise. */
export async function requireCompany(
  loader: DataLoader<string, MembershipFacts | null>,
  id: string,
  field = 'organizationId',
): Promise<MembershipFacts> {
  const facts = await loader.load(id);
  if (!facts) throw notFound('Organization', id);
  if (!isPrivateSecurityCompany(facts)) {
    throw badUserInput(`${facts.name} is not a private security company`, field);
  }
  return facts;
}
