import type { Database, RequestContext } from '../../shared/src';
import type { MembershipSettings } from './config';
import { createContactLoaders } from './contact/contact.loaders';
import { createMembershipStatusLoaders } from './membership-status/membership-status.loaders';
import { createMontreuxDocumentLoaders } from './montreux-document/montreux-document.loaders';
import { createOrganizationLoaders } from './organization/organization.loaders';

/*
 * What a resolver of the membership subgraph receives: this request's loaders, each concept's beside it
 * (<concept>/<concept>.loaders.ts) and bundled here. No request of the membership subgraph asks a peer (its
 * one peer client, certification's, belongs to the copy job started in subgraph.ts), so its services are its
 * settings, parsed at start. Every subgraph keeps its request context in
 * its own context.ts.
 */

/** Per-request loaders of the membership subgraph: one statement per kind of record, whatever the list length. */
export function createRequestLoaders(database: Database) {
  return {
    ...createOrganizationLoaders(database),
    ...createMembershipStatusLoaders(database),
    ...createContactLoaders(database),
    ...createMontreuxDocumentLoaders(database),
  };
}

export type MembershipLoaders = ReturnType<typeof createRequestLoaders>;
/** What the subgraph prepares once at start. */
export interface MembershipServices {
  settings: MembershipSettings;
}
export type MembershipContext = RequestContext<MembershipLoaders, MembershipServices>;
