import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { Logger, Viewer } from '../../services/shared/src';
import type { RateLimitSettings } from './config';

/**
 * The kinds of caller the gateway counts separately. `proof` counts anonymous printable proofs of membership
 * (membership-proof.ts): each costs the gateway about 0.1 s of CPU (its query and its drawing), some thirty times a
 * simple read, so besides the read it runs it counts in a scarce bucket of its own. Not in `public-mutation`: that one is what a person has for
 * filing a complaint or an application, which a procurement officer printing proofs must not use up, nor the reverse.
 */
export type Bucket = 'public-mutation' | 'public-read' | 'proof' | 'authenticated';

/** Which bucket a request counts against: anonymous mutations are the scarce ones (each stores something). */
export function bucketOf(viewer: Viewer, operationType: string | null): Bucket {
  if (viewer.role !== 'public') return 'authenticated';
  return operationType === 'mutation' ? 'public-mutation' : 'public-read';
}

/** Counts a request and says how long to wait when it is over its limit; null when it may go on. */
export type RateLimiter = (request: FastifyRequest, viewer: Viewer, bucket: Bucket) => Promise<{ retryAfterSeconds: number } | null>;

/**
 * Registers `@fastify/rate-limit` and builds one limiter per bucket: anonymous callers are counted
 * per client address (from `X-Forwarded-For` only when TRUST_PROXY says so), authenticated ones per
 * API client id, else per subject. With RATE_LIMIT_REDIS_URL every replica shares the counters.
 */
export async function createRateLimiter(
  app: FastifyInstance,
  settings: RateLimitSettings,
  logger: Logger,
): Promise<{ limit: RateLimiter; close(): Promise<void> }> {
  const redis = settings.redisUrl
    ? new Redis(settings.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false })
    : undefined;
  redis?.on('error', (error: Error) => logger.warn('rate-limit store unreachable', { error: error.message }));
  await app.register(rateLimit, {
    global: false,
    timeWindow: settings.windowMs,
    ...(redis ? { redis, nameSpace: 'icoca-graph-rate-limit:' } : {}),
    // A store outage must not stop people filing complaints: requests pass, and the log says why.
    skipOnError: true,
  });
  const keyed = (prefix: string, key: (request: FastifyRequest) => string) => (request: FastifyRequest) => `${prefix}:${key(request)}`;
  const byAddress = (request: FastifyRequest) => request.ip;
  const byClient = (request: FastifyRequest) => {
    const viewer = (request as FastifyRequest & { viewer?: Viewer }).viewer;
    return viewer?.clientId ? `client:${viewer.clientId}` : `subject:${viewer?.subject ?? 'unknown'}`;
  };
  const limiters = {
    'public-mutation': app.createRateLimit({ max: settings.publicMutations, keyGenerator: keyed('public-mutation', byAddress) }),
    'public-read': app.createRateLimit({ max: settings.publicReads, keyGenerator: keyed('public-read', byAddress) }),
    proof: app.createRateLimit({ max: settings.proofs, keyGenerator: keyed('proof', byAddress) }),
    authenticated: app.createRateLimit({ max: settings.authenticated, keyGenerator: keyed('authenticated', byClient) }),
  } satisfies Record<Bucket, unknown>;
  return {
    limit: async (request, viewer, bucket) => {
      (request as FastifyRequest & { viewer?: Viewer }).viewer = viewer;
      const result = await limiters[bucket](request);
      if (result.isAllowed || !result.isExceeded) return null;
      return { retryAfterSeconds: Math.max(1, result.ttlInSeconds) };
    },
    close: async () => {
      if (redis) await redis.quit().catch(() => undefined);
    },
  };
}
