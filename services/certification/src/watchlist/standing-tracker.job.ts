import type { EntityManager } from 'typeorm';
import {
  scheduleJob,
  today,
  type Database,
  type Logger,
  type PeerRoutesClient,
  type ScheduledJob,
  type SubgraphConfig,
} from '../../../shared/src';
import { certificationSettings } from '../config';
import { connectPeers, createRequestLoaders, type CertificationPeers } from '../context';
import { certificationOutboxAfter, moveCursor, readCursor, settledPosition, type OutboxChange } from '../outbox/outbox.service';
import { OUTBOX_PATH, type MembershipOutboxPage } from '../../../membership/src/peer-routes';
import { trackStandings, trackTimeBasedChanges, type ReceiptSigner } from './standing-tracker.service';
import type { StandingChange } from './watchlist.entity';

const PAGE = 500;

/** Reads the membership subgraph's outbox after a position (its gated `/outbox` route, with its secret). */
async function membershipOutboxAfter(membership: PeerRoutesClient, after: number): Promise<OutboxChange[]> {
  // A page of up to 500 entries: more time than a request's peer call.
  const page = await membership.get<MembershipOutboxPage>(`${OUTBOX_PATH}?after=${after}`, { timeoutMs: 10_000 });
  return page.entries;
}

/** The latest effective day per organization among outbox entries. */
function byOrganization(entries: OutboxChange[]): Map<string, string> {
  const changes = new Map<string, string>();
  for (const entry of entries) {
    const known = changes.get(entry.organizationId);
    if (!known || entry.effectiveFrom > known) changes.set(entry.organizationId, entry.effectiveFrom);
  }
  return changes;
}

export interface StandingTrackerOptions {
  config: SubgraphConfig;
  database: Database;
  logger: Logger;
  /** The peers' clients built at set-up; built from `config` when absent (a test's single pass). */
  peers?: CertificationPeers;
  /** Between polls of the outboxes. */
  pollMs: number;
  /** The day the daily check runs for; today unless a test controls it. */
  clock?: () => string;
  /** Also in the transaction that records changes (webhook deliveries). */
  onRecorded?: (manager: EntityManager, recorded: StandingChange[]) => Promise<void>;
  /** Signs the receipt each change carries. */
  receipt?: ReceiptSigner;
}

/**
 * One pass: both outboxes after their cursors, then the changes due to the passage of time. Each page is
 * recorded with its cursor move in one transaction, so a crash repeats a page (harmless: nothing differs
 * the second time) and never skips one. Answers whether more is waiting.
 */
export async function trackOnce(options: StandingTrackerOptions): Promise<boolean> {
  const { config, database, onRecorded, receipt } = options;
  const date = (options.clock ?? today)();
  const peers = options.peers ?? connectPeers(config);
  const loaders = () => createRequestLoaders(database, { peers, settings: certificationSettings(config) });
  let more = false;
  const sources: [string, (after: number) => Promise<OutboxChange[]>][] = [
    ['membership', (after) => membershipOutboxAfter(peers.membership, after)],
    ['certification', (after) => certificationOutboxAfter(database, after, PAGE)],
  ];
  for (const [source, read] of sources) {
    const after = await readCursor(database, source);
    const entries = await read(after);
    if (!entries.length) continue;
    const last = settledPosition(entries, after);
    if (entries.length >= PAGE && last > after) more = true;
    await trackStandings(database, loaders(), byOrganization(entries), date, async (manager, recorded) => {
      await onRecorded?.(manager, recorded);
      if (last > after) await moveCursor(manager, source, last);
    }, receipt);
  }
  const timeBased = await trackTimeBasedChanges(database, loaders(), date, onRecorded, receipt);
  return more || timeBased.length >= PAGE;
}

/** The tracker as a background job of the certification subgraph: polls the outboxes, checks dates daily. */
export function startStandingTracker(options: StandingTrackerOptions): ScheduledJob {
  return scheduleJob({
    name: 'standing-tracker',
    logger: options.logger,
    retryMs: Math.max(options.pollMs, 1000),
    alive: () => options.database.dataSource.isInitialized,
    run: async () => ((await trackOnce(options)) ? Date.now() : Date.now() + options.pollMs),
  });
}
