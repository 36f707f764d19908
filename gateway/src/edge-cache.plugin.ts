import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { GraphQLServerOptions } from '../../services/shared/src';
import type { AnswerNote, EdgeCache } from './edge-cache';
import type { GatewayContext } from './subgraph-source';

interface EdgeCachePluginOptions {
  /** The GraphQL routes' hooks (read once `setup` is done): the cache answers after the limits, and sees Apollo's answers. */
  graphqlHooks: NonNullable<GraphQLServerOptions<GatewayContext>['graphqlHooks']>;
  cache: EdgeCache;
}

/** What a GraphQL request carries between the cache's two steps: its key, and what Apollo noted of its answer (the GraphQL context sets it). */
type CachedRequest = FastifyRequest & { edgeCacheKey?: string | null; cacheNote?: AnswerNote };

/**
 * Installs the edge cache (edge-cache.ts) on the GraphQL routes: a public GET that passed the limits is
 * answered from it before Apollo runs, and Apollo's public answers are kept in it. Separate because it
 * sits on both sides of Apollo, and because the limits still count a request it answers.
 */
export const edgeCache: FastifyPluginAsync<EdgeCachePluginOptions> = async (_app, { graphqlHooks, cache }) => {
  (graphqlHooks.preHandler ??= []).push(async (request, reply) => {
    const key = cache.keyOf(request);
    if (key && cache.answer(key, reply)) return reply;
    (request as CachedRequest).edgeCacheKey = key;
  });
  graphqlHooks.onAnswer = (request, reply, body) => {
    const key = (request as CachedRequest).edgeCacheKey;
    if (key) cache.keep(key, reply, body, (request as CachedRequest).cacheNote);
  };
};
