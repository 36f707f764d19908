import DataLoader from 'dataloader';
import { badUserInput, notFound, type PeerClient } from '../../../shared/src';
import { isPrivateSecurityCompany, type MembershipFacts } from './membership-facts';

/*
 * The questions this subgraph asks the membership subgraph directly: the facts of given organizations
 * (batched per request), and every private security company. The client is built once per process at
 * set-up (context.ts, `connectPeers`) and reaches requests through the services.
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
export async function allOrganizations<T>(peer: PeerClient, query: string): Promise<T[]> {
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
