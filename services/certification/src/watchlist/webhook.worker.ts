import { In } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { scheduleJob, type Database, type Logger, type ScheduledJob } from '../../../shared/src';
import { StandingChange, Watchlist } from './watchlist.entity';
import { changeId } from './watchlist.service';
import { callWebhook, failureClass, type AddressPolicy } from './webhook-address';
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
  /** Calls in flight at once, all partner organizations together (a partner's first call may go beyond: see Calls). */
  concurrency: number;
  /** Calls in flight at once for one partner organization: its share. */
  partnerConcurrency: number;
}

/** Due deliveries read at a time, and readings per run: bounded SQL per run whatever the backlog. */
const BATCH = 20;
const ROUNDS = 5;
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

/**
 * The calls this worker has in flight, per partner organization. A partner may have `partnerConcurrency` calls in
 * flight, and the pool holds `concurrency`, except that a partner with none in flight may always start one: so
 * however many receivers of other partners hang, a partner's next due delivery is started at the next run.
 */
export class Calls {
  private readonly perPartner = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  readonly stopping = new AbortController();
  total = 0;

  constructor(private readonly options: Pick<WebhookWorkerOptions, 'concurrency' | 'partnerConcurrency'>) {}

  mayStart(partner: string): boolean {
    const held = this.perPartner.get(partner) ?? 0;
    return held === 0 || (held < this.options.partnerConcurrency && this.total < this.options.concurrency);
  }

  /** Partners that may not start a call now: left out of the next reading of due deliveries. */
  busyPartners(): string[] {
    return [...this.perPartner.keys()].filter((partner) => !this.mayStart(partner));
  }

  /** Counts the call from now (before its records are read), runs it, and calls `ended` once it has ended. */
  start(partner: string, call: () => Promise<void>, ended: () => void): void {
    this.perPartner.set(partner, (this.perPartner.get(partner) ?? 0) + 1);
    this.total++;
    const running: Promise<void> = call().finally(() => {
      const left = (this.perPartner.get(partner) ?? 1) - 1;
      if (left) this.perPartner.set(partner, left);
      else this.perPartner.delete(partner);
      this.total--;
      this.running.delete(running);
      ended();
    });
    this.running.add(running);
  }

  /** Cuts the calls in flight short and waits until each has put its delivery back. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all([...this.running]);
  }
}

async function deliver(options: WebhookWorkerOptions, delivery: WebhookDelivery, watchlist: Watchlist | undefined, change: StandingChange | undefined, signal: AbortSignal) {
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
      signal,
    });
    error = answer.status >= 200 && answer.status < 300 ? null : `The endpoint answered ${answer.status}`;
  } catch (failure) {
    if (signal.aborted) {
      // Cut by the worker stopping: due again at once, for the next worker, and not counted as an attempt.
      await manager.update(WebhookDelivery, { id: delivery.id, status: WebhookDeliveryStatus.PENDING }, { nextAttemptAt: iso(Date.now()) });
      return;
    }
    error = failureClass(failure);
    // The partner sees the class of failure; the Secretariat's log keeps what the connection said.
    options.logger.warn('webhook call failed', {
      deliveryId: delivery.id,
      watchlistId: watchlist.id,
      partnerOrganizationId: watchlist.partnerOrganizationId,
      failure: error,
      detail: (failure instanceof Error ? failure.message : String(failure)).slice(0, 500),
      code: (failure as { code?: unknown } | null)?.code,
    });
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

/**
 * One run: starts the due deliveries that free places allow, oldest first, leaving out the partner organizations
 * that have their share in flight, and answers when it wants to run next. It waits for no call: each call, when it
 * ends, wakes the worker, so a free place takes the next due delivery at once (no batch waits for its slowest).
 */
export async function deliverDue(options: WebhookWorkerOptions, calls: Calls, wake: () => void): Promise<number> {
  const manager = options.database.dataSource.manager;
  for (let round = 0; round < ROUNDS; round++) {
    const busy = calls.busyPartners();
    const query = manager
      .createQueryBuilder(WebhookDelivery, 'delivery')
      .leftJoin(Watchlist, 'watchlist', 'watchlist.id = delivery.watchlist_id')
      .addSelect('watchlist.partner_organization_id', 'partner')
      .where('delivery.status = :status', { status: WebhookDeliveryStatus.PENDING })
      .orderBy('delivery.next_attempt_at', 'ASC')
      .limit(BATCH);
    if (busy.length) query.andWhere("COALESCE(watchlist.partner_organization_id, '') NOT IN (:...busy)", { busy });
    const { entities, raw } = await query.getRawAndEntities<{ partner: string | null }>();
    const now = Date.now();
    // Each call waits for the records of this round's deliveries, read once for all of them below.
    let settle!: (records: Promise<[Watchlist[], StandingChange[]]>) => void;
    const loaded = new Promise<[Watchlist[], StandingChange[]]>((resolve) => (settle = resolve));
    const started: WebhookDelivery[] = [];
    try {
      for (const [i, delivery] of entities.entries()) {
        if (Date.parse(delivery.nextAttemptAt) > now) break;
        const partner = raw[i].partner ?? '';
        if (!calls.mayStart(partner) || !(await claim(options.database, delivery, options.leaseMs))) continue;
        started.push(delivery);
        calls.start(partner, async () => {
          try {
            const [watchlists, changes] = await loaded;
            const watchlist = watchlists.find((w) => w.id === delivery.watchlistId);
            const change = changes.find((c) => c.position === delivery.changePosition);
            await deliver(options, delivery, watchlist, change, calls.stopping.signal);
          } catch (error) {
            options.logger.warn('webhook delivery not recorded; it is tried again after its lease', {
              deliveryId: delivery.id, error: error instanceof Error ? error.message : 'unknown',
            });
          }
        }, wake);
      }
    } finally {
      // Settled whatever happened, so that no started call waits forever.
      settle(
        started.length
          ? Promise.all([
              manager.findBy(Watchlist, { id: In([...new Set(started.map((d) => d.watchlistId))]) }),
              manager.findBy(StandingChange, { position: In(started.map((d) => d.changePosition)) }),
            ])
          : Promise.resolve([[], []]),
      );
    }
    await loaded;
    const later = entities.find((d) => Date.parse(d.nextAttemptAt) > now);
    if (later || entities.length < BATCH) {
      return Math.min(later ? Date.parse(later.nextAttemptAt) : Number.POSITIVE_INFINITY, now + options.pollMs);
    }
    // The whole reading was due: read again, the partners that became busy left out.
  }
  return Date.now();
}

/** The delivery worker, beside the subgraph whose outbox it follows. Stopping it cuts the calls in flight short. */
export function startWebhookWorker(options: WebhookWorkerOptions): ScheduledJob {
  const calls = new Calls(options);
  const job: ScheduledJob = scheduleJob({
    name: 'webhook-delivery',
    logger: options.logger,
    retryMs: Math.max(options.pollMs, 1000),
    alive: () => options.database.dataSource.isInitialized,
    run: () => deliverDue(options, calls, () => job.wake(Date.now())),
  });
  return {
    wake: (at) => job.wake(at),
    stop: async () => {
      await job.stop();
      await calls.stop();
    },
  };
}
