import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { today } from '../../../shared/src';
import { Organization, organizationReference } from '../organization/organization.entity';
import type { CertificationContext } from '../context';
import { currentFacts } from './standing-tracker.service';
import { StandingChange, Watchlist, WatchlistEntry } from './watchlist.entity';
import {
  addToWatchlist,
  changeId,
  createWatchlist,
  deleteWatchlist,
  listWatchlists,
  ownWatchlist,
  removeFromWatchlist,
  renameWatchlist,
  standingChanges,
  watchlistEntries,
} from './watchlist.service';
import { CurrentStanding, StandingChangeConnection } from './watchlist.types';

const ORGANIZATION_IDS = { description: 'Ids of organizations (as `Organization.id`), at most 1,000.' };
const EXPECTED_VERSION = { description: 'The watchlist version this change is based on; CONFLICT if it changed since.' };

/** Watchlists of partner organizations: only the partner organization that owns one sees it. */
@Resolver(() => Watchlist)
export class WatchlistResolver {
  @Query(() => [Watchlist], { nullable: true, description: 'The watchlists of the partner organization the token acts for.' })
  watchlists(@Ctx() { database, viewer }: CertificationContext) {
    return listWatchlists(database, viewer);
  }

  @Query(() => Watchlist, { nullable: true, description: 'One of the partner organization\'s watchlists; NOT_FOUND for anyone else\'s.' })
  watchlist(@Arg('id', () => ID, { description: 'The watchlist\'s id.' }) id: string, @Ctx() { database, viewer }: CertificationContext) {
    return ownWatchlist(database, viewer, id);
  }

  @Mutation(() => Watchlist, {
    description: 'Creates an empty watchlist owned by the partner organization; BAD_USER_INPUT once it holds as many as it may.',
  })
  createWatchlist(@Arg('name', { description: 'A name for the list, up to 200 characters.' }) name: string, @Ctx() { database, viewer, services }: CertificationContext) {
    return createWatchlist(database, viewer, name, services.settings.partnerLimits);
  }

  @Mutation(() => Watchlist, { description: 'Renames a watchlist.' })
  renameWatchlist(
    @Arg('id', () => ID, { description: 'The watchlist\'s id.' }) id: string,
    @Arg('name', { description: 'The new name, up to 200 characters.' }) name: string,
    @Arg('expectedVersion', () => Int, EXPECTED_VERSION) expectedVersion: number,
    @Ctx() { database, viewer }: CertificationContext,
  ) {
    return renameWatchlist(database, viewer, id, name, expectedVersion);
  }

  @Mutation(() => ID, { description: 'Deletes a watchlist and its entries; answers its id. The recorded changes stay.' })
  deleteWatchlist(
    @Arg('id', () => ID, { description: 'The watchlist\'s id.' }) id: string,
    @Arg('expectedVersion', () => Int, EXPECTED_VERSION) expectedVersion: number,
    @Ctx() { database, viewer }: CertificationContext,
  ) {
    return deleteWatchlist(database, viewer, id, expectedVersion);
  }

  @Mutation(() => Watchlist, { description: 'Adds organizations to a watchlist (at most 1,000 on it); those already on it stay.' })
  addToWatchlist(
    @Arg('id', () => ID, { description: 'The watchlist\'s id.' }) id: string,
    @Arg('organizationIds', () => [ID], ORGANIZATION_IDS) organizationIds: string[],
    @Arg('expectedVersion', () => Int, EXPECTED_VERSION) expectedVersion: number,
    @Ctx() { database, viewer, loaders }: CertificationContext,
  ) {
    return addToWatchlist(database, loaders, viewer, id, organizationIds, expectedVersion, today());
  }

  @Mutation(() => Watchlist, { description: 'Removes organizations from a watchlist.' })
  removeFromWatchlist(
    @Arg('id', () => ID, { description: 'The watchlist\'s id.' }) id: string,
    @Arg('organizationIds', () => [ID], ORGANIZATION_IDS) organizationIds: string[],
    @Arg('expectedVersion', () => Int, EXPECTED_VERSION) expectedVersion: number,
    @Ctx() { database, viewer }: CertificationContext,
  ) {
    return removeFromWatchlist(database, viewer, id, organizationIds, expectedVersion);
  }

  @FieldResolver(() => [WatchlistEntry], { description: 'The organizations on the list, each with its standing today.' })
  entries(@Root() watchlist: Watchlist, @Ctx() { database }: CertificationContext) {
    return watchlistEntries(database, watchlist.id);
  }

  @Query(() => StandingChangeConnection, {
    nullable: true,
    description:
      'The feed of recorded changes, oldest first, after `since`: those of a watchlist\'s organizations (the partner ' +
      'that owns it), or of every organization (the Secretariat, leaving `watchlistId` out). Poll it with the last `endCursor`. ' +
      'A feed read by position: it only goes forwards (no `last`/`before`), since what came before `since` was read already.',
  })
  standingChanges(
    @Arg('since', () => String, { nullable: true, description: 'The `endCursor` of the last page read; from the start when left out.' }) since: string | null,
    @Arg('watchlistId', () => ID, { nullable: true, description: 'Only the changes of this watchlist\'s organizations.' }) watchlistId: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Ctx() { database, viewer }: CertificationContext,
  ) {
    return standingChanges(database, viewer, { since, watchlistId, first });
  }
}

/** An entry's organization and its standing today, read in batches for the whole list. */
@Resolver(() => WatchlistEntry)
export class WatchlistEntryResolver {
  @FieldResolver(() => Organization, { description: 'The organization followed.' })
  organization(@Root() entry: WatchlistEntry) {
    return organizationReference(entry.organizationId);
  }

  @FieldResolver(() => CurrentStanding, { nullable: true, description: 'Its standing today; null if the organization is no longer known.' })
  async current(@Root() entry: WatchlistEntry, @Ctx() { loaders }: CertificationContext) {
    return (await currentFacts(loaders, [entry.organizationId], today())).get(entry.organizationId) ?? null;
  }
}

/** A change's organization, for its other fields. */
@Resolver(() => StandingChange)
export class StandingChangeResolver {
  @FieldResolver(() => Organization, { description: 'The organization that changed.' })
  organization(@Root() change: StandingChange) {
    return organizationReference(change.organizationId);
  }

  @FieldResolver(() => String, { description: 'Opaque id of the change: receivers of webhooks deduplicate by it.' })
  id(@Root() change: StandingChange) {
    return changeId(change);
  }
}
