import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { Counter } from 'prom-client';
import { errorBody, ErrorCode, type GraphQLServerOptions, type Logger, type TokenVerifier, type Viewer } from '../../services/shared/src';
import { OperationChecker } from './operation-checks';
import { bucketOf, type RateLimiter } from './rate-limits';
import type { GatewayContext } from './subgraph-source';

export interface LimitsOptions {
  /** The GraphQL routes' hooks (read once `setup` is done): the limits' pre-handler joins them. */
  graphqlHooks: NonNullable<GraphQLServerOptions<GatewayContext>['graphqlHooks']>;
  /** The gateway's rate limits (rate-limits.ts), shared with the documents routes. */
  limit: RateLimiter;
  /** Apollo's APQ cache: a persisted query is checked like one sent whole. */
  persistedQueries: KeyValueCache<string>;
  /** The graph's API schema, which the cost walks through. */
  apiSchema: GraphQLSchema;
  /** The most an operation may cost (OPERATION_MAX_COST). */
  maxCost: number;
  verifyToken: TokenVerifier;
  logger: Logger;
  /** Counts the 429s by bucket, when the gateway has metrics. */
  refusals?: Counter<'bucket'>;
}

/**
 * What a GraphQL request must pass before Apollo sees it: the document's size, nesting and cost with its
 * variables (operation-checks.ts, operation-cost.ts), the caller's token, then the caller's rate limit for
 * the kind of operation it is. Separate because these refusals (400, 401, 429) are the gateway's own,
 * given before anything is planned, and the caller it verifies is the one the GraphQL context reuses.
 */
export const limits: FastifyPluginAsync<LimitsOptions> = async (app, options) => {
  const { graphqlHooks, limit, logger, verifyToken, refusals } = options;
  const operations = new OperationChecker(options.persistedQueries, options.apiSchema, options.maxCost);
  app.decorateRequest('viewer', undefined);
  (graphqlHooks.preHandler ??= []).push(async (request, reply) => {
    const checked = await operations.check(request.body, request.method, request.query as Record<string, unknown>);
    if ('refusal' in checked) {
      return reply.code(checked.refusal.status).send(errorBody(checked.refusal.code, checked.refusal.message));
    }
    let viewer: Viewer;
    try {
      viewer = await verifyToken(request.headers.authorization, logger.child({ requestId: request.id }));
    } catch (error) {
      const { code, http } = (error as GraphQLError).extensions as { code?: string; http?: { status?: number } };
      return reply.code(http?.status ?? 401).send(errorBody(code ?? ErrorCode.Unauthenticated, (error as GraphQLError).message));
    }
    (request as FastifyRequest & { viewer?: Viewer }).viewer = viewer;
    const bucket = bucketOf(viewer, checked.operationType);
    const refused = await limit(request, viewer, bucket);
    if (refused) {
      refusals?.inc({ bucket });
      return reply
        .code(429)
        .header('retry-after', String(refused.retryAfterSeconds))
        .send(errorBody(ErrorCode.RateLimited, `Too many requests; try again in ${refused.retryAfterSeconds} s`));
    }
  });
};
