import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { InvalidationChannel, Invalidations } from './cache-invalidations';
import type { CacheTags } from './cache-tags';
import type { GatewayContext } from './subgraph-source';

interface AnswerCacheOptions {
  cacheTags: CacheTags;
  invalidations: Invalidations;
  /** Where a mutation's invalidations go: this gateway, and the others through Redis when there is one. */
  invalidationsOut: InvalidationChannel;
  /** Apollo's response cache of public answers, or undefined when RESPONSE_CACHE is off. */
  publicAnswers: KeyValueCache<string> | undefined;
}

/**
 * The Apollo side of caching public answers: what a query shows is noted (for the edge cache too), an
 * answer read with a token is never cached, here or on the way (CDN, browser), and a mutation field that
 * committed makes stale, before its answer leaves, the cached answers that show what it changed: on this
 * gateway, and on the others through Redis when rate limits use it (else they keep theirs up to max-age).
 * Behind the edge cache, Apollo's response cache serves the same public answers to POST requests.
 */
export function answerCachePlugins({ cacheTags, invalidations, invalidationsOut, publicAnswers }: AnswerCacheOptions): ApolloServerPlugin<GatewayContext>[] {
  return [
    {
      async requestDidStart({ contextValue }) {
        return {
          async didResolveOperation({ document, operation }) {
            if (operation?.operation !== 'query') return;
            contextValue.cacheNote.tags = cacheTags.ofDocument(document);
            contextValue.cacheNote.snapshot = invalidations.snapshot();
          },
          async willSendResponse({ overallCachePolicy, operation, document, response }) {
            if (contextValue.authorization) overallCachePolicy.restrict({ maxAge: 0 });
            if (operation?.operation === 'mutation' && document && response.body.kind === 'single') {
              const { data, errors } = response.body.singleResult;
              await invalidationsOut.invalidate(cacheTags.changedBy(document, operation, data, errors));
            }
          },
        };
      },
    },
    ...(publicAnswers
      ? [
          responseCachePlugin<GatewayContext>({
            cache: publicAnswers,
            sessionId: async () => null,
            // An answer stored before a change to what it shows is no longer found.
            extraCacheKeyData: async ({ contextValue }) => invalidations.latest(contextValue.cacheNote.tags ?? []),
            shouldReadFromCache: async ({ contextValue }) => !contextValue.authorization,
            shouldWriteToCache: async ({ contextValue }) => !contextValue.authorization && contextValue.outages.length === 0,
          }),
        ]
      : []),
  ];
}
