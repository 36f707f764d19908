import type { Database, RequestContext } from '../../shared/src';
import { createContactLoaders } from './contact/contact.loaders';
import { createMembershipStatusLoaders } from './membership-status/membership-status.loaders';
import { createOrganizationLoaders } from './organization/organization.loaders';

/*
 * What a resolver of the membership subgraph receives: this request's loaders, each concept's beside it
 * (<concept>/<concept>.loaders.ts) and bundled here. The membership subgraph asks no peer, so it has no
 * services. Every subgraph keeps its request context in its own context.ts.
 */

/** Per-request loaders of the membership subgraph: one statement per kind of record, whatever the list length. */
export function createRequestLoaders(database: Database) {
  return {
    ...createOrganizationLoaders(database),
    ...createMembershipStatusLoaders(database),
    ...createContactLoaders(database),
  };
}

export type MembershipLoaders = ReturnType<typeof createRequestLoaders>;
export type MembershipContext = RequestContext<MembershipLoaders>;
