import { timingSafeEqual } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  DirectiveLocation,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLInt,
  parse,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { authChecker, type Viewer } from './auth';
import { answerCachePolicyPlugin, restrictEntitiesByType } from './cache-policy';
import { ConfigError, type SubgraphConfig } from './config';
import { callerFields, CLIENT_NAME_HEADER, GATEWAY_SECRET_HEADER, type RequestContext } from './context';
import { openDatabase, type Database } from './database';
import { guardEntities } from './entities';
import { createErrorFormatter } from './errors';
import { closeGracefully, createGraphQLServer, errorBody, listenOn, type Routes } from './server';
import { createLogger, type Logger } from './logger';
import { ProcessMetrics, serveMetrics } from './metrics';
import { createTokenVerifier } from './tokens';
import { shutdownTracing } from './tracing';
import {
  answersAsPublic,
  markViewersOwnAnswer,
  MARKS_VIEWER_DEPENDENCE,
  VIEWER_DEPENDENT_ENTITIES,
  VIEWER_DEPENDENT_FIELDS,
  type ViewerDependence,
} from './viewer-dependent';
import { CalendarDate, Timestamp } from './scalars';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = Function[];

/** Everything that makes one subgraph; the shared code does the rest the same way for all three. */
export interface SubgraphDefinition<Loaders, Services = unknown> {
  /** `membership`, `certification`, `complaints`: names the service, its database and its SDL file. */
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  /** Types reachable only through `_entities` (entity stubs extended here). */
  orphanedTypes?: ClassList;
  entities: ClassList;
  migrations: ClassList;
  /** Entity subscribers: writes that must follow another entity's writes whoever makes them. */
  subscribers?: ClassList;
  /**
   * Fresh DataLoaders (and any per-request helpers) for one request; `services` are what `setup` prepared;
   * `requestId` is the request's, for the calls its loaders make to peers.
   */
  createLoaders(database: Database, viewer: Viewer, config: SubgraphConfig, services: Services, requestId: string): Loaders;
  /**
   * Prepares, once at start, what requests share (e.g. signing keys) and extra HTTP routes (public:
   * answered without the gateway secret); throws ConfigError to refuse to start.
   */
  setup?(options: { config: SubgraphConfig; database: Database; logger: Logger }): Promise<{
    services: Services;
    routes?: Routes;
    /**
     * HTTP routes besides GraphQL that only the gateway may call (a document upload, say): the gateway
     * secret is checked before the body is read, as for GraphQL; `viewerOf` reads the caller's token.
     */
    gatedRoutes?: GatedRoutes;
    /** Ends what setup started (background jobs) before the database closes. */
    stop?(): Promise<void>;
  }>;
  /** Checks this subgraph's own settings in `config.env` at start-up; throws ConfigError to refuse to start. */
  checkConfig?(config: SubgraphConfig): void;
  /** `__resolveReference` per entity type this subgraph resolves: how `_entities` finds a record by key. */
  referenceResolvers: Record<string, (reference: Record<string, string>, context: RequestContext<Loaders, Services>) => unknown>;
  /** Fills an empty database with the fictional sample data. */
  loadSampleData?(database: Database): Promise<void>;
}

/** Registers routes that answer only requests carrying the gateway secret. */
export type GatedRoutes = (app: FastifyInstance, viewerOf: (request: FastifyRequest) => Promise<Viewer>) => void | Promise<void>;

/** Apollo's cache hints, declared in every subgraph so that public types can say how long they may be cached. */
const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  description: 'How long an answer holding this type or field may be cached, and by whom (Apollo cache hints).',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: {
    maxAge: { type: GraphQLInt, description: 'Seconds the answer may be cached.' },
    scope: {
      type: new GraphQLEnumType({
        name: 'CacheControlScope',
        description: 'Who may cache an answer.',
        // Part of each subgraph's cache hints only: clients of the graph never see it.
        extensions: { directives: { inaccessible: {} } },
        values: {
          PUBLIC: { description: 'Any cache, shared ones included (a CDN).' },
          PRIVATE: { description: 'Only the client\'s own cache.' },
        },
      }),
      description: 'Who may cache it.',
    },
    inheritMaxAge: { type: GraphQLBoolean, description: 'Take the hint of the parent field.' },
  },
});

/** Builds the federation schema from the type-graphql classes, and the SDL that is committed in `schema/`. */
export async function buildFederatedSchema<L, S>(definition: SubgraphDefinition<L, S>): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    authChecker,
    validate: false,
    directives: [cacheControlDirective],
    scalarsMap: [
      { type: Date, scalar: Timestamp },
    ],
  });
  // type-graphql keeps @key and friends on the AST nodes; print them, prefixed with the federation link.
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphqlSchema)}`);
  const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<RequestContext<L, S>>;
  for (const [typeName, resolveReference] of Object.entries(definition.referenceResolvers)) {
    const dependence = VIEWER_DEPENDENT_ENTITIES[typeName];
    resolvers[typeName] = {
      ...(resolvers[typeName] as object),
      __resolveReference: dependence ? markingViewerDependentReference(dependence, resolveReference as never) : resolveReference,
    } as never;
  }
  resolvers.Date = CalendarDate as never;
  resolvers.DateTime = Timestamp as never;
  const schema = buildSubgraphSchema([{ typeDefs, resolvers }]);
  for (const [coordinate, dependence] of Object.entries(VIEWER_DEPENDENT_FIELDS)) {
    const [typeName, fieldName] = coordinate.split('.');
    const type = schema.getType(typeName);
    const field = type && 'getFields' in type ? (type as GraphQLObjectType).getFields()[fieldName] : undefined;
    if (field?.resolve) field.resolve = markingViewerDependence(dependence, field.resolve as GraphQLFieldResolver<unknown, RequestContext>);
  }
  guardEntities(schema, typeDefs);
  restrictEntitiesByType(schema);
  return { schema, sdl: printSubgraphSchema(schema) };
}

/**
 * Wraps a resolver whose answer depends on the viewer (viewer-dependent.ts): a signed-in caller who would
 * not get the public's answer gets one marked as its own, so no shared cache keeps it.
 */
function markingViewerDependence(dependence: ViewerDependence, resolve: GraphQLFieldResolver<unknown, RequestContext>): GraphQLFieldResolver<unknown, RequestContext> {
  const marked: GraphQLFieldResolver<unknown, RequestContext> = (source, args, context, info) => {
    if (!answersAsPublic(dependence, context.viewer)) markViewersOwnAnswer(context.cachePolicy);
    return resolve(source, args, context, info);
  };
  return Object.assign(marked, { [MARKS_VIEWER_DEPENDENCE]: dependence });
}

/** The same for an entity found by key (`__resolveReference(reference, context, info)`). */
function markingViewerDependentReference(
  dependence: ViewerDependence,
  resolve: (reference: Record<string, string>, context: RequestContext, info: GraphQLResolveInfo) => unknown,
) {
  const marked = (reference: Record<string, string>, context: RequestContext, info: GraphQLResolveInfo) => {
    if (!answersAsPublic(dependence, context.viewer)) markViewersOwnAnswer(context.cachePolicy);
    return resolve(reference, context, info);
  };
  return Object.assign(marked, { [MARKS_VIEWER_DEPENDENCE]: dependence });
}

/** Logs one line per operation with its request id; never the variables (they may hold personal data). */
export function requestLogPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          contextValue.logger?.info('operation', {
            operationName: operationName ?? null,
            durationMs: Math.round(performance.now() - started),
            errors: errors?.length ?? 0,
            errorCodes: errors?.map((e) => e.extensions?.code).filter(Boolean),
          });
        },
      };
    },
  };
}

function secretsMatch(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A subgraph that is up: where it listens, its database, and how to stop it. */
export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  database: Database;
  logger: Logger;
  /** Where Prometheus scrapes this subgraph, when METRICS_PORT is set. */
  metricsUrl?: string;
  /** What setup prepared (the definition's `Services`), for in-process checks. */
  services: unknown;
  stop(): Promise<void>;
}

/** Opens the database (migrations, sample data on first start), builds the schema and listens. */
export async function startSubgraph<L, S>(definition: SubgraphDefinition<L, S>, config: SubgraphConfig): Promise<RunningSubgraph> {
  definition.checkConfig?.(config);
  const logger = createLogger({ service: definition.name, level: config.logLevel, file: config.logFile });
  const database = await openDatabase({
    config: config.database,
    entities: definition.entities,
    migrations: definition.migrations,
    subscribers: definition.subscribers,
    logger,
  });
  let prepared: { services: S; routes?: Routes; gatedRoutes?: GatedRoutes; stop?(): Promise<void> } = { services: undefined as S };
  try {
    if (config.loadSampleData && definition.loadSampleData) await definition.loadSampleData(database);
    if (definition.setup) prepared = await definition.setup({ config, database, logger });
  } catch (error) {
    await database.close();
    throw error;
  }
  const { schema } = await buildFederatedSchema(definition);
  const metrics = config.metrics.port === undefined ? undefined : new ProcessMetrics(definition.name, config.metrics);
  metrics?.watchDatabase(database);
  const apollo = new ApolloServer<RequestContext<L, S>>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // runProcess stops the process on signals; Apollo's own handlers would race it (in production only).
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(logger),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      // The policy is worked out per operation (cache-policy.ts): Apollo's own plugin would wrap every resolver.
      ApolloServerPluginCacheControlDisabled(),
      requestLogPlugin() as ApolloServerPlugin<RequestContext<L, S>>,
      answerCachePolicyPlugin(schema, config.cacheMaxAge) as ApolloServerPlugin<RequestContext<L, S>>,
      ...(metrics ? [metrics.plugin<RequestContext<L, S>>()] : []),
    ],
  });
  await apollo.start();
  const verifyToken = createTokenVerifier(config.auth, logger);
  // Only the gateway (and peers holding the secret) may ask; checked before the body is read.
  const secretGate = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!config.gatewaySecret) return;
    if (secretsMatch(request.headers[GATEWAY_SECRET_HEADER] as string | undefined, config.gatewaySecret)) return;
    return reply.code(403).send(errorBody('FORBIDDEN', 'This subgraph answers only the gateway'));
  };
  const server = await createGraphQLServer<RequestContext<L, S>>({
    logger,
    apollo,
    http: config.http,
    context: async (request) => {
      const viewer = await verifyToken(request.headers.authorization, logger.child({ requestId: request.id }));
      return {
        viewer,
        requestId: request.id,
        acceptLanguage: typeof request.headers['accept-language'] === 'string' ? request.headers['accept-language'] : undefined,
        logger: logger.child({ requestId: request.id, ...callerFields(viewer, request.headers[CLIENT_NAME_HEADER]) }),
        database,
        services: prepared.services,
        loaders: definition.createLoaders(database, viewer, config, prepared.services, request.id),
      };
    },
    setup: async (app) => {
      const databaseAnswers = () => database.dataSource.query('SELECT 1').then(() => true, () => false);
      // Liveness: the process runs (a restart would not help otherwise). Readiness: its database answers.
      app.get('/health/live', async () => ({ status: 'ok', service: definition.name }));
      app.get('/health/ready', async (_request, reply) =>
        (await databaseAnswers())
          ? { status: 'ready', service: definition.name }
          : reply.code(503).send({ status: 'unavailable', service: definition.name, database: 'unreachable' }),
      );
      // The summary kept for existing probes: the same question as readiness.
      app.get('/health', async (_request, reply) =>
        (await databaseAnswers())
          ? { status: 'ok', service: definition.name }
          : reply.code(503).send({ status: 'unavailable', service: definition.name }),
      );
      await prepared.routes?.(app);
      const gated = prepared.gatedRoutes;
      if (gated) {
        await app.register(async (scope) => {
          scope.addHook('onRequest', secretGate);
          await gated(scope, (request) => verifyToken(request.headers.authorization, logger.child({ requestId: request.id })));
        });
      }
    },
    graphqlHooks: { onRequest: [secretGate] },
    // With a gateway secret, no body reaches this subgraph but from the gateway or a peer (server.ts).
    trustedCallersOnly: Boolean(config.gatewaySecret),
  });
  let url: string;
  let port: number;
  let metricsServer: Awaited<ReturnType<typeof serveMetrics>> | undefined;
  try {
    if (metrics) metricsServer = await serveMetrics(metrics, config.metrics.port!, logger);
    ({ url, port } = await listenOn(server, config.port));
  } catch (error) {
    await metricsServer?.close();
    await apollo.stop();
    await database.close();
    throw error;
  }
  logger.info('subgraph listening', { url, database: config.database.kind, metricsUrl: metricsServer?.url });
  let stopped: Promise<void> | undefined;
  return {
    name: definition.name,
    url,
    port,
    database,
    logger,
    metricsUrl: metricsServer?.url,
    services: prepared.services,
    stop: () =>
      (stopped ??= (async () => {
        const { graceExceeded } = await closeGracefully(server, config.http.shutdownGraceMs);
        await apollo.stop();
        await prepared.stop?.();
        await metricsServer?.close();
        await database.close();
        logger.info('subgraph stopped', { graceExceeded });
      })()),
  };
}

/**
 * Entry point of a process (a subgraph or the gateway): starts it and stops it cleanly on SIGINT or
 * SIGTERM. The signal handlers are in place from the first moment, so a signal that arrives while the
 * process is still starting stops it as soon as it is up, instead of killing it half-way.
 */
export function runProcess(start: () => Promise<{ stop(): Promise<void> }>): void {
  const started = start();
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Exit once the last log lines have left (writes to a pipe are asynchronous).
    const exit = (code: number) => process.stdout.write('', () => process.exit(code));
    started
      .then((running) => running.stop())
      // The spans of the last requests leave before the process does.
      .then(() => shutdownTracing())
      .then(
        () => exit(0),
        () => exit(1),
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  started.catch((error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  });
}
