import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { ApolloGateway } from '@apollo/gateway';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import compress from '@fastify/compress';
import type { FastifyRequest } from 'fastify';
import {
  closeGracefully,
  createGraphQLServer,
  createLogger,
  callerFields,
  CLIENT_NAME_HEADER,
  createTokenVerifier,
  listenOn,
  ProcessMetrics,
  serveMetrics,
  type Routes,
  type Viewer,
} from '../../services/shared/src';
import type { GatewayConfig, SubgraphName } from './config';
import { documents } from './documents';
import { evidence } from './evidence';
import { exportRoutes } from './exports';
import { answerCachePlugins } from './answer-cache';
import { createApollo } from './apollo';
import { corsPolicy } from './cors';
import { CacheTags } from './cache-tags';
import { invalidationChannel, Invalidations } from './cache-invalidations';
import { EdgeCache, type AnswerNote, type EdgeCacheStats } from './edge-cache';
import { edgeCache } from './edge-cache.plugin';
import { health } from './health';
import { jwks } from './jwks';
import { limits, type LimitsOptions } from './limits';
import { membershipProof } from './membership-proof';
import { createRateLimiter } from './rate-limits';
import { SharedAnswers } from './shared-answers';
import { subgraphFetcher, subgraphFetchMetrics, SubgraphSource, type GatewayContext } from './subgraph-source';

export type { GatewayContext } from './subgraph-source';

/** The subgraphs named in a supergraph file, with the URL each was composed with. */
function subgraphsOf(supergraphSdl: string): { name: string; url: string }[] {
  const found: { name: string; url: string }[] = [];
  const pattern = /@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g;
  for (const match of supergraphSdl.matchAll(pattern)) found.push({ name: match[1], url: match[2] });
  return found;
}

export interface RunningGateway {
  url: string;
  port: number;
  /** Where Prometheus scrapes the gateway, when METRICS_PORT is set. */
  metricsUrl?: string;
  /** The edge cache's own accounting (undefined when RESPONSE_CACHE is off). */
  edgeCacheStats(): EdgeCacheStats | undefined;
  stop(): Promise<void>;
}

type RequestWithViewer = FastifyRequest & { viewer?: Viewer; cacheNote?: AnswerNote };

/**
 * Starts the gateway on the committed supergraph file (never runtime introspection: replicas must agree),
 * with CORS, rate limits, query limits, HTTP caching of public answers, Sandbox in development and a
 * `/health` that says whether each subgraph answers.
 */
export async function startGateway(config: GatewayConfig, extraRoutes?: Routes): Promise<RunningGateway> {
  const logger = createLogger({ service: 'gateway', level: config.logLevel, file: config.logFile });
  const supergraphSdl = readFileSync(config.supergraphFile, 'utf8');
  const subgraphs = subgraphsOf(supergraphSdl).map(({ name, url }) => ({
    name,
    url: config.subgraphUrls[name as SubgraphName] ?? url,
  }));
  const metrics = config.metrics.port === undefined ? undefined : new ProcessMetrics('gateway', config.metrics);
  const fetchMetrics = metrics && subgraphFetchMetrics(metrics);
  const rateLimitRefusals = metrics?.counter(
    'gateway_rate_limit_refusals_total',
    'Requests refused with 429 by the rate limits, by bucket (public-mutation, public-read, proof, authenticated).',
    ['bucket'],
  );
  const clients = new Map(
    subgraphs.map(({ name }) => [
      name,
      subgraphFetcher(name, { timeoutMs: config.subgraphTimeoutMs, keepAliveMs: config.subgraphKeepAliveMs }, logger, fetchMetrics),
    ]),
  );
  // @apollo/gateway reports anonymous usage to Apollo unless told not to (and probes cloud metadata
  // servers to describe the host): the Association's graph reports nothing to third parties unless its
  // operator sets APOLLO_TELEMETRY_DISABLED=false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl,
    experimental_approximateQueryPlanStoreMiB: config.queryPlanCacheMiB,
    buildService: ({ name, url }) =>
      new SubgraphSource(
        name,
        config.subgraphUrls[name as SubgraphName] ?? (url as string),
        config.subgraphSecrets[name as SubgraphName],
        clients.get(name)!.fetcher,
      ),
  });
  const persistedQueries = new InMemoryLRUCache<string>({ maxSize: 16 * 1024 * 1024 });
  const publicAnswers = config.responseCache ? new InMemoryLRUCache<string>({ maxSize: 64 * 1024 * 1024 }) : undefined;
  // Cached answers are tagged with what they show; a mutation makes stale only what it changed (cache-tags.ts).
  const apiSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const cacheTags = new CacheTags(apiSchema);
  const invalidations = new Invalidations();
  const invalidationsOut = await invalidationChannel(invalidations, config.rateLimits.redisUrl, (tag) => cacheTags.isKnown(tag), logger);
  const edgeAnswers = config.responseCache ? new EdgeCache(invalidations, config.edgeCache) : undefined;
  const apollo = createApollo({
    gateway,
    config,
    logger,
    metrics,
    persistedQueries,
    cachePlugins: answerCachePlugins({ cacheTags, invalidations, invalidationsOut, publicAnswers, sharedAnswers: new SharedAnswers(apiSchema) }),
  });
  await apollo.start();
  const verifyToken = createTokenVerifier(config.auth, logger);
  const certification = subgraphs.find((s) => s.name === 'certification');
  const complaints = subgraphs.find((s) => s.name === 'complaints');
  // Filled in by the limits and the edge cache during `setup`, before the GraphQL routes are made.
  const graphqlHooks: LimitsOptions['graphqlHooks'] = {};
  let limiter: Awaited<ReturnType<typeof createRateLimiter>> | undefined;
  let stopping = false;

  const server = await createGraphQLServer<GatewayContext>({
    logger,
    apollo,
    http: config.http,
    trustProxy: config.trustProxy,
    facesClients: true,
    context: async (request) => {
      const viewer = (request as RequestWithViewer).viewer ?? (await verifyToken(request.headers.authorization));
      const caller = callerFields(viewer, request.headers[CLIENT_NAME_HEADER]);
      return {
        viewer,
        authorization: request.headers.authorization,
        clientName: caller.clientName,
        acceptLanguage: typeof request.headers['accept-language'] === 'string' ? request.headers['accept-language'] : undefined,
        requestId: request.id,
        logger: logger.child({ requestId: request.id, ...caller }),
        outages: [],
        cacheNote: ((request as RequestWithViewer).cacheNote = {}),
      };
    },
    setup: async (app) => {
      // CORS, the limits and the edge cache act on the root instance (every route's CORS, the GraphQL routes'
      // hooks, the request's viewer), so they are called on it, limits first; the routes besides GraphQL are
      // registered, each in a scope of its own.
      await corsPolicy(app, { policy: config.cors });
      // Large answers (a hundred verifications with receipts) shrink several times; small ones are sent as they are.
      await app.register(compress, { global: true, threshold: 2048, encodings: ['br', 'gzip'], brotliOptions: { params: { 1: 4 } } });
      limiter = await createRateLimiter(app, config.rateLimits, logger);
      const limit = limiter.limit;
      await limits(app, {
        graphqlHooks,
        limit,
        persistedQueries,
        apiSchema,
        maxCost: config.operationMaxCost,
        verifyToken,
        logger,
        refusals: rateLimitRefusals,
      });
      if (edgeAnswers) await edgeCache(app, { graphqlHooks, cache: edgeAnswers });
      await app.register(health, { subgraphs, ready: () => Boolean(gateway.schema) && !stopping });
      await app.register(jwks, { signerUrl: certification?.url });
      // File routes (documents; complainants' evidence): streamed to their subgraph, alike (file-routes.ts).
      const fileRelay = { verifyToken, logger, timeoutMs: Math.max(config.subgraphTimeoutMs, config.http.requestTimeoutMs), limit };
      if (certification) {
        await app.register(documents, { ...fileRelay, certificationUrl: certification.url, secret: config.subgraphSecrets.certification });
      }
      if (complaints) {
        await app.register(evidence, { ...fileRelay, complaintsUrl: complaints.url, secret: config.subgraphSecrets.complaints });
      }
      // CSV exports run their GraphQL operations through the GraphQL route above, limits and all (exports.ts).
      await app.register(exportRoutes, { verifyToken, logger, maxRows: config.exportMaxRows, pageSize: config.exportPageSize });
      // The printable proof of membership and the page its QR code opens: asked through the GraphQL route itself;
      // a proof, costly to draw, counts in a scarcer bucket too and waits for a turn (membership-proof.ts).
      await app.register(membershipProof, {
        apiSchema,
        checkUrl: config.membershipProofCheckUrl,
        renders: config.membershipProofRenders,
        limit,
        verifyToken,
        refusals: rateLimitRefusals,
        logger,
      });
      await extraRoutes?.(app);
    },
    graphqlHooks,
  });
  const metricsServer = metrics ? await serveMetrics(metrics, config.metrics.port!, logger) : undefined;
  const { url, port } = await listenOn(server, config.port).catch(async (error: unknown) => {
    await metricsServer?.close();
    await invalidationsOut.close();
    throw error;
  });
  logger.info('gateway listening', {
    url,
    metricsUrl: metricsServer?.url,
    subgraphs,
    corsOrigins: config.cors.kind === 'listed' ? config.cors.origins : 'any http://localhost and http://127.0.0.1 origin (development)',
    rateLimits: { ...config.rateLimits, redisUrl: config.rateLimits.redisUrl ? 'set' : undefined },
  });
  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    metricsUrl: metricsServer?.url,
    edgeCacheStats: () => edgeAnswers?.stats(),
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        const { graceExceeded } = await closeGracefully(server, config.http.shutdownGraceMs);
        await apollo.stop();
        await limiter?.close();
        await invalidationsOut.close();
        await metricsServer?.close();
        await Promise.all([...clients.values()].map((client) => client.close()));
        logger.info('gateway stopped', { graceExceeded });
      })()),
  };
}
