import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { writerKey, type InvalidationChannel, type Invalidations } from './cache-invalidations';
import type { CacheTags } from './cache-tags';
import type { SharedAnswers } from './shared-answers';
import type { GatewayContext } from './subgraph-source';

interface AnswerCacheOptions {
  cacheTags: CacheTags;
  invalidations: Invalidations;
  /** Where a mutation's invalidations go: this gateway, and the others through Redis when there is one. */
  invalidationsOut: InvalidationChannel;
  /** Apollo's response cache of public answers, or undefined when RESPONSE_CACHE is off. */
  publicAnswers: KeyValueCache<string> | undefined;
  /** Which signed-in callers get the public's answer to an operation. */
  sharedAnswers: SharedAnswers;
}

/**
 * The Apollo side of caching public answers: what a query shows is noted (for the edge cache too), and a
 * mutation field that committed makes stale, before its answer leaves, the cached answers that show what
 * it changed: on this gateway, and on the others through Redis when rate limits use it (else they keep
 * theirs up to max-age). Behind the edge cache, Apollo's response cache serves the same public answers to
 * POST requests, and to signed-in callers too when the operation gives them the public's answer
 * (shared-answers.ts) and they changed nothing within the max-age (their own writes are always seen, on
 * every replica). Answers sent to a signed-in caller are never kept on the way (CDN, browser): `no-store`.
 */
export function answerCachePlugins({ cacheTags, invalidations, invalidationsOut, publicAnswers, sharedAnswers }: AnswerCacheOptions): ApolloServerPlugin<GatewayContext>[] {
  return [
    {
      async requestDidStart({ contextValue }) {
        return {
          async didResolveOperation({ document, operation }) {
            if (operation?.operation !== 'query') return;
            contextValue.cacheNote.tags = cacheTags.ofDocument(document);
            contextValue.cacheNote.snapshot = invalidations.snapshot();
          },
          async willSendResponse({ operation, document, response }) {
            // Apollo's cache-control plugin, after this one, keeps an uncacheable header it finds.
            if (contextValue.authorization) response.http.headers.set('cache-control', 'no-store');
            if (operation?.operation === 'mutation' && document && response.body.kind === 'single') {
              const { data, errors } = response.body.singleResult;
              await Promise.all([
                invalidationsOut.invalidate(cacheTags.changedBy(document, operation, data, errors)),
                contextValue.authorization ? invalidationsOut.noteWriter(writerKey(contextValue.viewer, contextValue.authorization)) : undefined,
              ]);
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
            shouldReadFromCache: async ({ contextValue, document }) =>
              !contextValue.authorization ||
              (document !== undefined &&
                sharedAnswers.mayShare(document, contextValue.viewer) &&
                !(await invalidationsOut.wroteRecently(writerKey(contextValue.viewer, contextValue.authorization)))),
            // An answer read with a token is kept only when public: every field the public's (the subgraphs' hints say so),
            // and, besides, only for an operation the list says gives this caller the public's answer.
            shouldWriteToCache: async ({ contextValue, document }) =>
              contextValue.outages.length === 0 &&
              (!contextValue.authorization || (document !== undefined && sharedAnswers.mayShare(document, contextValue.viewer))),
          }),
        ]
      : []),
  ];
}
