import { randomBytes, randomUUID } from 'node:crypto';
import { In, IsNull, Not, type EntityManager } from 'typeorm';
import {
  badUserInput,
  checkExpectedVersion,
  nowTimestamp,
  paginate,
  updateVersioned,
  type Database,
  type PageRequest,
  type Viewer,
} from '../../../shared/src';
import type { PartnerLimits } from '../config';
import { StandingChange, Watchlist, WatchlistEntry } from './watchlist.entity';
import { ownWatchlist } from './watchlist.service';
import { WebhookDelivery, WebhookDeliveryStatus } from './webhook.entity';
import { webhookUrl } from './webhook.rules';
import { WebhookDeliveryConnection } from './webhook.types';

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Changes the watchlist only if it is still at the version the partner read (CONFLICT otherwise). */
function update(database: Database, watchlist: Watchlist, expectedVersion: number, set: Partial<Watchlist>): Promise<Watchlist> {
  checkExpectedVersion(watchlist, 'Watchlist', expectedVersion);
  return updateVersioned(database.dataSource.manager, Watchlist, watchlist, set, 'Watchlist');
}

/**
 * Sets (or with null removes) the watchlist's endpoint. A first endpoint gets a secret, answered once; a new
 * endpoint keeps the secret (rotate it separately) and clears the failing mark. A watchlist that had none gets one
 * only within the partner organization's allowance (PARTNER_MAX_WEBHOOKS).
 */
export async function setWebhook(
  database: Database,
  viewer: Viewer,
  id: string,
  url: string | null,
  expectedVersion: number,
  allowPlainHttp: boolean,
  limits: PartnerLimits,
): Promise<{ watchlist: Watchlist; secret: string | null }> {
  const watchlist = await ownWatchlist(database, viewer, id);
  const checked = url == null ? null : webhookUrl(url, allowPlainHttp);
  if (checked && !watchlist.webhookUrl) {
    // Counted, not locked: requests racing each other may pass the cap by their number, never by more.
    const held = await database.dataSource.manager.countBy(Watchlist, { partnerOrganizationId: watchlist.partnerOrganizationId, webhookUrl: Not(IsNull()) });
    if (held >= limits.webhooks) {
      throw badUserInput(`A partner organization has at most ${limits.webhooks} webhooks: remove one from another watchlist first`, 'webhookUrl');
    }
  }
  const secret = checked && !watchlist.webhookSecret ? newWebhookSecret() : null;
  const updated = await update(database, watchlist, expectedVersion, {
    webhookUrl: checked,
    webhookSecret: checked ? (secret ?? watchlist.webhookSecret) : null,
    webhookFailingSince: null,
  });
  return { watchlist: updated, secret };
}

/** A new secret for the watchlist's webhook, answered once; calls from now on are signed with it. */
export async function rotateWebhookSecret(database: Database, viewer: Viewer, id: string, expectedVersion: number) {
  const watchlist = await ownWatchlist(database, viewer, id);
  if (!watchlist.webhookUrl) throw badUserInput('The watchlist has no webhook: set webhookUrl first', 'id');
  const secret = newWebhookSecret();
  return { watchlist: await update(database, watchlist, expectedVersion, { webhookSecret: secret }), secret };
}

/**
 * Queues each recorded change for every watchlist with a webhook that follows the organization, inside the
 * transaction that records the changes: a change is queued exactly once, or not recorded at all.
 */
export async function queueDeliveries(manager: EntityManager, recorded: StandingChange[]): Promise<void> {
  if (!recorded.length) return;
  const organizations = [...new Set(recorded.map((c) => c.organizationId))];
  const followers = await manager
    .createQueryBuilder(WatchlistEntry, 'entry')
    .innerJoin(Watchlist, 'watchlist', 'watchlist.id = entry.watchlist_id')
    .select(['entry.watchlist_id AS watchlistId', 'entry.organization_id AS organizationId'])
    .where({ organizationId: In(organizations) })
    .andWhere('watchlist.webhook_url IS NOT NULL')
    .getRawMany<{ watchlistId: string; organizationId: string }>();
  const now = nowTimestamp();
  const deliveries = recorded.flatMap((change) =>
    followers
      .filter((f) => f.organizationId === change.organizationId)
      .map((f) => ({
        id: randomUUID(),
        watchlistId: f.watchlistId,
        changePosition: change.position,
        status: WebhookDeliveryStatus.PENDING,
        attempts: 0,
        lastError: null,
        createdAt: now,
        lastAttemptAt: null,
        nextAttemptAt: now,
        deliveredAt: null,
      })),
  );
  for (let i = 0; i < deliveries.length; i += 200) await manager.insert(WebhookDelivery, deliveries.slice(i, i + 200));
}

/** The watchlist's deliveries, newest change first. */
export function deliveriesOf(database: Database, watchlistId: string, args: PageRequest) {
  const query = database.dataSource.manager
    .createQueryBuilder(WebhookDelivery, 'delivery')
    .where('delivery.watchlist_id = :watchlistId', { watchlistId });
  return paginate(WebhookDeliveryConnection, query, [{ column: 'delivery.change_position', value: (d) => d.changePosition, descending: true, numeric: true }], args);
}

