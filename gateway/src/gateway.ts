import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import {
  acceptableRequestId,
  closeServer,
  currentRequestId,
  createErrorFormatter,
  createHttpServer,
  createLogger,
  createTokenVerifier,
  GATEWAY_SECRET_HEADER,
  listen,
  REQUEST_ID_HEADER,
  requestLogPlugin,
  sendJson,
  type Logger,
  type Route,
  type Viewer,
} from '../../services/shared/src';
import type { GatewayConfig, SubgraphName } from './config';

/** What the gateway keeps per request: enough to forward identity and trace the request. */
export interface GatewayContext {
  viewer: Viewer;
  authorization?: string;
  requestId: string;
  logger: Logger;
}

/** Forwards the caller's token, the request id and this subgraph's shared secret to a subgraph. */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string | undefined,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    if ('requestId' in context && context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if ('authorization' in context && context.authorization) headers.set('authorization', context.authorization);
    if (this.secret) headers.set(GATEWAY_SECRET_HEADER, this.secret);
  }

  /**
   * A subgraph answers some refusals with an HTTP error status (400 for a malformed variable, 401 for a
   * bad token); pass its first coded error on to the client instead of a bare "400: Bad Request".
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = (await this.parseBody(response)) as { errors?: { message?: string; extensions?: { code?: unknown } }[] };
    const first = typeof body === 'object' ? body?.errors?.[0] : undefined;
    if (first?.message && typeof first.extensions?.code === 'string') {
      return new GraphQLError(first.message, { extensions: { code: first.extensions.code } });
    }
    return new GraphQLError(`The subgraph answered HTTP ${response.status}`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
}

/** The subgraphs named in a supergraph file, with the URL each was composed with. */
export function subgraphsOf(supergraphSdl: string): { name: string; url: string }[] {
  const found: { name: string; url: string }[] = [];
  const pattern = /@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g;
  for (const match of supergraphSdl.matchAll(pattern)) found.push({ name: match[1], url: match[2] });
  return found;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts the gateway on the committed supergraph file (never runtime introspection: replicas must agree),
 * with query limits, Sandbox in development and a `/health` that says whether each subgraph answers.
 */
export async function startGateway(config: GatewayConfig, extraRoutes: Route[] = []): Promise<RunningGateway> {
  const logger = createLogger({ service: 'gateway', level: config.logLevel, file: config.logFile });
  const supergraphSdl = readFileSync(config.supergraphFile, 'utf8');
  const subgraphs = subgraphsOf(supergraphSdl).map(({ name, url }) => ({
    name,
    url: config.subgraphUrls[name as SubgraphName] ?? url,
  }));
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new ForwardingDataSource(
        config.subgraphUrls[name as SubgraphName] ?? (url as string),
        config.subgraphSecrets[name as SubgraphName],
      ),
  });
  const production = config.environment === 'production';
  // Limits are counted here, where client operations arrive (type-graphql's complexity does not survive federation).
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 20 },
    maxTokens: { n: 5000 },
    maxDirectives: { n: 20 },
    costLimit: { maxCost: 20000 },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules: armor.validationRules,
    formatError: createErrorFormatter(logger),
    plugins: [
      ...(armor.plugins as ApolloServerPlugin<GatewayContext>[]),
      requestLogPlugin() as unknown as ApolloServerPlugin<GatewayContext>,
      production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  });
  await apollo.start();
  const verifyToken = createTokenVerifier(config.auth);
  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    const requestId = currentRequestId() ?? acceptableRequestId(req.headers[REQUEST_ID_HEADER] as string | undefined) ?? randomUUID();
    // Checked here too, so a bad token is refused before any subgraph is asked.
    const viewer = await verifyToken(req.headers.authorization);
    return { viewer, authorization: req.headers.authorization, requestId, logger: logger.child({ requestId }) };
  };
  // Public: says whether each subgraph answers, never where it is (internal host names stay internal).
  const health: Route = async (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/health')) return false;
    const results = await Promise.all(
      subgraphs.map(async ({ name, url }) => {
        try {
          const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) });
          return [name, { reachable: response.ok }] as const;
        } catch {
          return [name, { reachable: false }] as const;
        }
      }),
    );
    const allReachable = results.every(([, result]) => result.reachable);
    sendJson(res, allReachable ? 200 : 503, {
      status: allReachable ? 'ok' : 'degraded',
      subgraphs: Object.fromEntries(results),
    });
    return true;
  };
  // The receipt signer (certification subgraph) holds the keys; the gateway publishes their public halves.
  let jwksCache: { body: unknown; until: number } | undefined;
  const jwks: Route = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.url !== '/.well-known/jwks.json') return false;
    const signer = subgraphs.find((s) => s.name === 'certification');
    if (!jwksCache || jwksCache.until < Date.now()) {
      try {
        if (!signer) throw new Error('no signer');
        const response = await fetch(new URL('/.well-known/jwks.json', signer.url), { signal: AbortSignal.timeout(2000) });
        if (!response.ok) throw new Error(`status ${response.status}`);
        jwksCache = { body: await response.json(), until: Date.now() + 60_000 };
      } catch {
        sendJson(res, 503, { error: 'the signing keys are not available right now' });
        return true;
      }
    }
    res.setHeader('cache-control', 'public, max-age=60');
    sendJson(res, 200, jwksCache.body);
    return true;
  };
  const server = createHttpServer(apollo, context, [health, jwks, ...extraRoutes]);
  const { url, port } = await listen(server, config.port);
  logger.info('gateway listening', { url, subgraphs });
  return {
    url,
    port,
    stop: async () => {
      await closeServer(server);
      await apollo.stop();
      logger.info('gateway stopped');
    },
  };
}
