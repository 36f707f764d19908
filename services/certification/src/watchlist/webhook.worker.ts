import { In, LessThanOrEqual } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { scheduleJob, type Database, type Logger, type ScheduledJob } from '../../../shared/src';
import { StandingChange, Watchlist } from './watchlist.entity';
import { changeId } from './watchlist.service';
import { callWebhook, type AddressPolicy } from './webhook-address';
import { WebhookDelivery, WebhookDeliveryStatus } from './webhook.entity';

export interface WebhookWorkerOptions {
  database: Database;
  logger: Logger;
  policy: AddressPolicy;
  /** Every call ends within this time. */
  timeoutMs: number;
  /** The first pause after a failure; it doubles with each attempt (at most 2 hours). */
  retryBaseMs: number;
  /** After this long without success a delivery is given up and the webhook marked failing (24 hours). */
  giveUpMs: number;
  /** A delivery claimed by a worker is left alone this long: a worker killed mid-call only delays it. */
  leaseMs: number;
  pollMs: number;
}

const BATCH = 20;
const MAX_PAUSE_MS = 2 * 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The body of a call: the change as the feed shows it, and the verification receipt of the new standing. */
export function webhookBody(delivery: WebhookDelivery, change: StandingChange): string {
  return JSON.stringify({
    type: 'standing.changed',
    timestamp: change.knownAt,
    data: {
      id: changeId(change),
      watchlistId: delivery.watchlistId,
      organizationId: change.organizationId,
      organizationName: change.organizationName,
      previousStanding: change.previousStanding,
      standing: change.standing,
      previousMembershipStatus: change.previousMembershipStatus,
      membershipStatus: change.membershipStatus,
      previousCertificationStatus: change.previousCertificationStatus,
      certificationStatus: change.certificationStatus,
      effectiveOn: change.effectiveOn,
      knownAt: change.knownAt,
      receipt: change.receipt,
    },
  });
}

/** Claims a due delivery for this worker: only one worker wins it (the lease is a conditional update). */
async function claim(database: Database, delivery: WebhookDelivery, leaseMs: number): Promise<boolean> {
  const result = await database.dataSource.manager
    .createQueryBuilder()
    .update(WebhookDelivery)
    .set({ nextAttemptAt: iso(Date.now() + leaseMs) })
    .where('id = :id AND status = :status AND next_attempt_at = :due', { id: delivery.id, status: WebhookDeliveryStatus.PENDING, due: delivery.nextAttemptAt })
    .execute();
  return result.affected === 1;
}

async function deliver(options: WebhookWorkerOptions, delivery: WebhookDelivery, watchlist: Watchlist | undefined, change: StandingChange | undefined) {
  const { database } = options;
  const manager = database.dataSource.manager;
  const attemptAt = Date.now();
  const attempts = delivery.attempts + 1;
  if (!watchlist?.webhookUrl || !watchlist.webhookSecret || !change) {
    await manager.update(WebhookDelivery, { id: delivery.id }, { status: WebhookDeliveryStatus.FAILED, lastError: 'The watchlist has no webhook any more' });
    return;
  }
  let error: string | null;
  try {
    const body = webhookBody(delivery, change);
    // The delivery's id is the message id: the same on every attempt, so receivers deduplicate by it.
    const signature = new Webhook(watchlist.webhookSecret).sign(delivery.id, new Date(attemptAt), body);
    const answer = await callWebhook({
      url: watchlist.webhookUrl,
      body,
      headers: { 'webhook-id': delivery.id, 'webhook-timestamp': String(Math.floor(attemptAt / 1000)), 'webhook-signature': signature },
      timeoutMs: options.timeoutMs,
      maxResponseBytes: 4096,
      policy: options.policy,
    });
    error = answer.status >= 200 && answer.status < 300 ? null : `The endpoint answered ${answer.status}`;
  } catch (failure) {
    error = (failure instanceof Error ? failure.message : 'The call failed').slice(0, 500);
  }
  if (!error) {
    await manager.update(WebhookDelivery, { id: delivery.id }, {
      status: WebhookDeliveryStatus.DELIVERED, attempts, lastError: null, lastAttemptAt: iso(attemptAt), deliveredAt: iso(Date.now()),
    });
    if (watchlist.webhookFailingSince) await manager.update(Watchlist, { id: watchlist.id }, { webhookFailingSince: null });
    return;
  }
  const givenUp = Date.now() - Date.parse(delivery.createdAt) >= options.giveUpMs;
  await manager.update(WebhookDelivery, { id: delivery.id }, {
    status: givenUp ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING,
    attempts,
    lastError: error,
    lastAttemptAt: iso(attemptAt),
    nextAttemptAt: iso(Date.now() + Math.min(options.retryBaseMs * 2 ** (attempts - 1), MAX_PAUSE_MS)),
  });
  if (givenUp && !watchlist.webhookFailingSince) {
    await manager.update(Watchlist, { id: watchlist.id }, { webhookFailingSince: iso(Date.now()) });
    options.logger.warn('webhook marked failing', { watchlistId: watchlist.id });
  }
}

/** One pass: the due deliveries, a batch at a time. Answers when it wants to run next. */
export async function deliverDue(options: WebhookWorkerOptions): Promise<number> {
  const manager = options.database.dataSource.manager;
  const due = await manager.find(WebhookDelivery, {
    where: { status: WebhookDeliveryStatus.PENDING, nextAttemptAt: LessThanOrEqual(iso(Date.now())) },
    order: { nextAttemptAt: 'ASC' },
    take: BATCH,
  });
  const claimed: WebhookDelivery[] = [];
  for (const delivery of due) if (await claim(options.database, delivery, options.leaseMs)) claimed.push(delivery);
  if (claimed.length) {
    const [watchlists, changes] = await Promise.all([
      manager.findBy(Watchlist, { id: In([...new Set(claimed.map((d) => d.watchlistId))]) }),
      manager.findBy(StandingChange, { position: In(claimed.map((d) => d.changePosition)) }),
    ]);
    await Promise.all(
      claimed.map((d) => deliver(options, d, watchlists.find((w) => w.id === d.watchlistId), changes.find((c) => c.position === d.changePosition))),
    );
  }
  if (due.length === BATCH) return Date.now();
  const next = await manager.findOne(WebhookDelivery, { where: { status: WebhookDeliveryStatus.PENDING }, order: { nextAttemptAt: 'ASC' } });
  return Math.min(next ? Date.parse(next.nextAttemptAt) : Number.POSITIVE_INFINITY, Date.now() + options.pollMs);
}

/** The delivery worker, beside the subgraph whose outbox it follows. */
export function startWebhookWorker(options: WebhookWorkerOptions): ScheduledJob {
  return scheduleJob({
    name: 'webhook-delivery',
    logger: options.logger,
    retryMs: Math.max(options.pollMs, 1000),
    alive: () => options.database.dataSource.isInitialized,
    run: () => deliverDue(options),
  });
}
