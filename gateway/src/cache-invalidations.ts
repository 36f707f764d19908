import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { PUBLIC_MAX_AGE, type Logger, type Viewer } from '../../services/shared/src';
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
  /** Notes that `writer` (writerKey) just changed something: for the longest max-age it reads nothing cached, on any replica. */
  noteWriter(writer: string): Promise<void>;
  /** Whether `writer` changed something within the longest max-age (true when that cannot be known: Redis unreachable). */
  wroteRecently(writer: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * How long a writer reads nothing cached: the longest any answer is kept (PUBLIC_MAX_AGE caps every
 * hint), so every cached copy it could meet afterwards was computed after its change.
 */
const WRITER_FRESH_READS_MS = PUBLIC_MAX_AGE * 1000;
const WRITER_KEY_PREFIX = 'icoca-graph:recent-writer:';

/** A caller, as the own-writes rule knows it: the person (subject) and client, else the token itself; hashed, as it goes to Redis. */
export function writerKey(viewer: Viewer, authorization: string | undefined): string {
  const who = viewer.subject ? `subject:${viewer.subject}\u0000${viewer.clientId ?? ''}` : `token:${authorization ?? ''}`;
  return createHash('sha256').update(who).digest('base64url');
}

/** Writers of the last max-age in this process (without Redis, the only record; with it, a shortcut). */
class LocalWriters {
  private readonly until = new Map<string, number>();

  note(writer: string): void {
    const now = Date.now();
    // Oldest first (Map order): drop those whose time is up before adding.
    for (const [key, ends] of this.until) {
      if (ends > now) break;
      this.until.delete(key);
    }
    this.until.delete(writer);
    this.until.set(writer, now + WRITER_FRESH_READS_MS);
  }

  wrote(writer: string): boolean {
    return (this.until.get(writer) ?? 0) > Date.now();
  }
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
  const writers = new LocalWriters();
  if (!redisUrl) {
    return {
      invalidate: async (tags) => invalidations.invalidate(tags),
      noteWriter: async (writer) => writers.note(writer),
      wroteRecently: async (writer) => writers.wrote(writer),
      close: async () => undefined,
    };
  }
  const replica = randomUUID();
  // A Redis that accepts connections but stops answering must not hold up mutations and signed-in reads.
  const options = { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 1000, enableOfflineQueue: false };
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
    // In Redis, so that the writer's next read on another replica knows too (a key read is ordered after
    // the write that set it, unlike a channel message); unreachable Redis: fresh reads for everyone signed in.
    noteWriter: async (writer) => {
      writers.note(writer);
      await publisher.set(`${WRITER_KEY_PREFIX}${writer}`, '1', 'PX', WRITER_FRESH_READS_MS).catch((error: Error) => {
        logger.warn('own-writes record not sent to Redis', { error: error.message });
      });
    },
    wroteRecently: async (writer) => {
      if (writers.wrote(writer)) return true;
      try {
        return (await publisher.exists(`${WRITER_KEY_PREFIX}${writer}`)) === 1;
      } catch {
        return true;
      }
    },
    close: async () => {
      await Promise.all([publisher.quit().catch(() => undefined), subscriber.quit().catch(() => undefined)]);
    },
  };
}
