import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import {
  badUserInput,
  checkExpectedVersion,
  conflict,
  decodeCursor,
  encodeCursor,
  forbidden,
  isSecretariat,
  notFound,
  nowTimestamp,
  PageInfo,
  pageSize,
  text,
  unauthenticated,
  writeVersioned,
  type Database,
  type Viewer,
} from '../../../shared/src';
import type { CertificationLoaders } from '../context';
import type { PartnerLimits } from '../config';
import { baseline } from './standing-tracker.service';
import { WebhookDelivery } from './webhook.entity';
import { StandingChange, Watchlist, WatchlistEntry } from './watchlist.entity';
import { StandingChangeConnection } from './watchlist.types';

/** A watchlist holds at most this many organizations. */
export const MAX_WATCHLIST_ENTRIES = 1000;

/** The partner organization a token acts for: watchlists belong to it. Others are refused, the public asked to sign in. */
export function partnerOrganizationOf(viewer: Viewer): string {
  if (viewer.role === 'public') throw unauthenticated();
  if (viewer.role !== 'partner' || !viewer.partnerOrganizationId) {
    throw forbidden('Watchlists belong to partner organizations: use a partner token that names one');
  }
  return viewer.partnerOrganizationId;
}

/** The partner's own watchlist; NOT_FOUND for anyone else's, so that others' lists do not leak. */
export async function ownWatchlist(database: Database, viewer: Viewer, id: string): Promise<Watchlist> {
  const partner = partnerOrganizationOf(viewer);
  const watchlist = await database.dataSource.manager.findOneBy(Watchlist, { id });
  if (!watchlist || watchlist.partnerOrganizationId !== partner) throw notFound('Watchlist', id);
  return watchlist;
}

export function listWatchlists(database: Database, viewer: Viewer): Promise<Watchlist[]> {
  return database.dataSource.manager.find(Watchlist, {
    where: { partnerOrganizationId: partnerOrganizationOf(viewer) },
    order: { id: 'ASC' },
  });
}

/** Creates a watchlist, up to the partner organization's allowance (PARTNER_MAX_WATCHLISTS). */
export async function createWatchlist(database: Database, viewer: Viewer, name: string, limits: PartnerLimits): Promise<Watchlist> {
  const partner = partnerOrganizationOf(viewer);
  const checked = text(name, 'name', { max: 200 });
  const manager = database.dataSource.manager;
  // Counted, not locked: requests racing each other may pass the cap by their number, never by more.
  if ((await manager.countBy(Watchlist, { partnerOrganizationId: partner })) >= limits.watchlists) {
    throw badUserInput(`A partner organization holds at most ${limits.watchlists} watchlists: delete one first`);
  }
  const watchlist = Object.assign(new Watchlist(), {
    id: randomUUID(),
    partnerOrganizationId: partner,
    name: checked,
    version: 1,
    createdAt: nowTimestamp(),
  });
  await manager.insert(Watchlist, watchlist);
  return watchlist;
}

/** Every change is conditional on the version the partner read: CONFLICT when someone changed the list since. */
async function bumpVersion(
  database: Database,
  watchlist: Watchlist,
  expectedVersion: number,
  set: Partial<Watchlist> = {},
  work?: (manager: EntityManager) => Promise<unknown>,
): Promise<void> {
  checkExpectedVersion(watchlist, 'Watchlist', expectedVersion);
  return database.transaction(async (manager) => {
    await writeVersioned(manager, Watchlist, watchlist, set, 'Watchlist');
    await work?.(manager);
  });
}

export async function renameWatchlist(database: Database, viewer: Viewer, id: string, name: string, expectedVersion: number) {
  const watchlist = await ownWatchlist(database, viewer, id);
  const checked = text(name, 'name', { max: 200 });
  await bumpVersion(database, watchlist, expectedVersion, { name: checked });
  return database.dataSource.manager.findOneByOrFail(Watchlist, { id });
}

export async function deleteWatchlist(database: Database, viewer: Viewer, id: string, expectedVersion: number): Promise<string> {
  const watchlist = await ownWatchlist(database, viewer, id);
  checkExpectedVersion(watchlist, 'Watchlist', expectedVersion);
  await database.transaction(async (manager) => {
    // A delete, not an update: guarded by the version in its WHERE (updateVersioned is for updates).
    const result = await manager.delete(Watchlist, { id, version: expectedVersion });
    if (result.affected !== 1) throw conflict(`Watchlist ${id} was changed by someone else meanwhile; reload it`);
    await manager.delete(WatchlistEntry, { watchlistId: id });
    // Its deliveries go with it: calls not yet made are not made.
    await manager.delete(WebhookDelivery, { watchlistId: id });
  });
  return id;
}

function organizationIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids.map((id) => id.trim()))];
  if (!unique.length) throw badUserInput('organizationIds must name at least one organization', 'organizationIds');
  if (unique.length > MAX_WATCHLIST_ENTRIES) {
    throw badUserInput(`A watchlist holds at most ${MAX_WATCHLIST_ENTRIES} organizations`, 'organizationIds');
  }
  return unique;
}

/** Adds organizations (known to the membership subgraph), up to the cap; those already on the list are kept as they are. */
export async function addToWatchlist(
  database: Database,
  loaders: CertificationLoaders,
  viewer: Viewer,
  id: string,
  ids: readonly string[],
  expectedVersion: number,
  date: string,
): Promise<Watchlist> {
  const watchlist = await ownWatchlist(database, viewer, id);
  const wanted = organizationIds(ids);
  const known = await loaders.membership.loadMany(wanted);
  const unknown = wanted.filter((_, i) => !known[i] || known[i] instanceof Error);
  if (unknown.length) throw badUserInput(`No organization has the id ${unknown.slice(0, 5).join(', ')}`, 'organizationIds');
  const manager = database.dataSource.manager;
  const present = await manager.find(WatchlistEntry, { where: { watchlistId: id }, select: { organizationId: true } });
  const already = new Set(present.map((e) => e.organizationId));
  const added = wanted.filter((o) => !already.has(o));
  if (already.size + added.length > MAX_WATCHLIST_ENTRIES) {
    throw badUserInput(`A watchlist holds at most ${MAX_WATCHLIST_ENTRIES} organizations (it has ${already.size})`, 'organizationIds');
  }
  await baseline(database, loaders, added, date);
  const addedAt = nowTimestamp();
  await bumpVersion(database, watchlist, expectedVersion, {}, async (inTransaction) => {
    for (let i = 0; i < added.length; i += 200) {
      await inTransaction.insert(WatchlistEntry, added.slice(i, i + 200).map((organizationId) => ({ watchlistId: id, organizationId, addedAt })));
    }
  });
  return manager.findOneByOrFail(Watchlist, { id });
}

export async function removeFromWatchlist(database: Database, viewer: Viewer, id: string, ids: readonly string[], expectedVersion: number) {
  const watchlist = await ownWatchlist(database, viewer, id);
  const removed = organizationIds(ids);
  await bumpVersion(database, watchlist, expectedVersion, {}, (inTransaction) =>
    inTransaction.delete(WatchlistEntry, { watchlistId: id, organizationId: In(removed) }),
  );
  return database.dataSource.manager.findOneByOrFail(Watchlist, { id });
}

export function watchlistEntries(database: Database, watchlistId: string): Promise<WatchlistEntry[]> {
  return database.dataSource.manager.find(WatchlistEntry, { where: { watchlistId }, order: { organizationId: 'ASC' } });
}

/**
 * The feed: changes after `since` (a cursor from an earlier page), oldest first, of the organizations on the
 * watchlist; the Secretariat may read every organization's changes by leaving the watchlist out.
 */
/** The feed as a page: cursors are change positions; at the end, the cursor read stays the one to poll with. */
export async function standingChanges(
  database: Database,
  viewer: Viewer,
  args: { watchlistId?: string | null; since?: string | null; first?: number | null },
) {
  const { changes, hasNextPage, count } = await readChanges(database, viewer, args);
  const endCursor = changes.length ? changeCursor(changes[changes.length - 1]) : args.since ?? null;
  const edges = changes.map((node) => ({ cursor: changeCursor(node), node }));
  // A feed read by position only goes forwards: what came before `since` was read already.
  return Object.assign(new StandingChangeConnection(), {
    edges,
    pageInfo: Object.assign(new PageInfo(), { hasNextPage, hasPreviousPage: Boolean(args.since), startCursor: edges[0]?.cursor ?? null, endCursor }),
    countAll: count,
  });
}

async function readChanges(
  database: Database,
  viewer: Viewer,
  args: { watchlistId?: string | null; since?: string | null; first?: number | null },
): Promise<{ changes: StandingChange[]; hasNextPage: boolean; count: () => Promise<number> }> {
  const size = pageSize(args.first);
  let after = 0;
  if (args.since) {
    try {
      after = Number(decodeCursor(args.since, ['number'])[0]);
    } catch {
      throw badUserInput('since is not a cursor returned by standingChanges', 'since');
    }
  }
  const query = database.dataSource.manager
    .createQueryBuilder(StandingChange, 'change')
    .where('change.position > :after', { after })
    .orderBy('change.position', 'ASC')
    .take(size + 1);
  if (args.watchlistId) {
    const watchlist = await ownWatchlist(database, viewer, args.watchlistId);
    query.andWhere('change.organization_id IN (SELECT entry.organization_id FROM watchlist_entry entry WHERE entry.watchlist_id = :id)', {
      id: watchlist.id,
    });
  } else if (!isSecretariat(viewer)) {
    partnerOrganizationOf(viewer);
    throw badUserInput('watchlistId is required: a partner reads the changes of its own watchlists', 'watchlistId');
  }
  const rows = await query.getMany();
  // Counted only when a client asks for totalCount: the changes after `since`.
  const count = () => query.clone().take(undefined).orderBy().getCount();
  return { changes: rows.slice(0, size), hasNextPage: rows.length > size, count };
}

/** A change's stable id: webhook receivers deduplicate by it. */
export function changeId(change: StandingChange): string {
  return `standing-change-${change.position}`;
}

export function changeCursor(change: StandingChange): string {
  return encodeCursor([change.position]);
}
