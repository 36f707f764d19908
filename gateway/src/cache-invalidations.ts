import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../../services/shared/src';
import { EVERYTHING } from './cache-tags';

const CHANNEL = 'icoca-graph-cache-invalidations';
/** A mutation's answer waits this long at most for Redis to take its invalidation; past it, other replicas keep theirs up to max-age. */
const PUBLISH_TIMEOUT_MS = 1000;

/**
 * When each cache tag was last made stale, on one counter: an answer computed from a snapshot of
 * the counter is fresh while none of its tags moved past the snapshot. Both caches use it, so an
 * answer read while a change commits is never kept as if it were newer than the change.
 */
export class Invalidations {
  private counter = 0;
  private readonly last = new Map<string, number>();

  /** Taken before an answer is computed. */
  snapshot(): number {
    return this.counter;
  }

  /** The last invalidation of any of `tags` (0 when none); part of the key of Apollo's response cache. */
  latest(tags: readonly string[]): number {
    let latest = this.last.get(EVERYTHING) ?? 0;
    for (const tag of tags) latest = Math.max(latest, this.last.get(tag) ?? 0);
    return latest;
  }

  /** Whether an answer with `tags` computed from `snapshot` is still fresh. */
  fresh(tags: readonly string[], snapshot: number): boolean {
    return this.latest(tags) <= snapshot;
  }

  invalidate(tags: readonly string[]): void {
    if (tags.length === 0) return;
    this.counter += 1;
    for (const tag of tags) this.last.set(tag, this.counter);
  }
}

/** Invalidations shared by the gateway replicas: what one makes stale, the others drop when the message arrives. */
export interface InvalidationChannel {
  /** Makes `tags` stale here and, with Redis, on every replica. */
  invalidate(tags: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Without a Redis URL, invalidations stay in this process. With one, they go out on a Redis channel
 * before the mutation's answer leaves: Redis has written the message to every replica's connection
 * before it confirms, so the caller's next read, on any replica, arrives after it (each replica applies
 * it when it reads it, tags checked against the schema). A Redis outage is logged: each replica then keeps its
 * copies up to their max-age, as without Redis, and drops them all once it is connected again.
 */
export async function invalidationChannel(
  invalidations: Invalidations,
  redisUrl: string | undefined,
  isKnown: (tag: string) => boolean,
  logger: Logger,
): Promise<InvalidationChannel> {
  if (!redisUrl) {
    return { invalidate: async (tags) => invalidations.invalidate(tags), close: async () => undefined };
  }
  const replica = randomUUID();
  const options = { maxRetriesPerRequest: 1, connectTimeout: 2000, enableOfflineQueue: false };
  const publisher = new Redis(redisUrl, options);
  const subscriber = new Redis(redisUrl, { ...options, enableOfflineQueue: true });
  for (const connection of [publisher, subscriber]) {
    connection.on('error', (error: Error) => logger.warn('cache invalidation channel unreachable', { error: error.message }));
  }
  subscriber.on('message', (_channel: string, message: string) => {
    try {
      const parsed = JSON.parse(message) as { replica?: unknown; tags?: unknown };
      if (parsed.replica === replica || !Array.isArray(parsed.tags)) return;
      invalidations.invalidate(parsed.tags.filter((tag): tag is string => typeof tag === 'string' && isKnown(tag)));
    } catch {
      logger.warn('cache invalidation message ignored: not understood');
    }
  });
  const subscribe = () =>
    subscriber.subscribe(CHANNEL).catch((error: Error) => logger.warn('cache invalidation channel unreachable', { error: error.message }));
  // Messages sent while this replica was cut off are lost: on each (re)connection it drops all its copies.
  subscriber.on('ready', () => {
    invalidations.invalidate([EVERYTHING]);
    void subscribe();
  });
  await subscribe();
  return {
    invalidate: async (tags) => {
      invalidations.invalidate(tags);
      if (tags.length === 0) return;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          publisher.publish(CHANNEL, JSON.stringify({ replica, tags })),
          new Promise((_resolve, reject) => {
            timer = setTimeout(() => reject(new Error('timed out')), PUBLISH_TIMEOUT_MS);
          }),
        ]);
      } catch (error) {
        logger.warn('cache invalidation not sent to the other replicas', { error: (error as Error).message });
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      await Promise.all([publisher.quit().catch(() => undefined), subscriber.quit().catch(() => undefined)]);
    },
  };
}
