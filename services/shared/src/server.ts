import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import underPressure from '@fastify/under-pressure';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  type onRequestHookHandler,
  type preHandlerHookHandler,
} from 'fastify';
import type { HttpSettings } from './config';
import { acceptableRequestId, isBackgroundRequestId, REQUEST_ID_HEADER, runInRequestScope } from './context';
import { ErrorCode } from './errors';
import type { Logger } from './logger';

/** The largest GraphQL request body; a route with other needs (an upload, say) sets its own limit. */
export const GRAPHQL_BODY_LIMIT = 1_000_000;

/** A GraphQL-shaped error body, for answers given before (or instead of) Apollo. */
export function errorBody(code: string, message: string): { errors: { message: string; extensions: { code: string } }[] } {
  return { errors: [{ message, extensions: { code } }] };
}

/** Fastify's own refusals of a request, in words a client can act on (never internals). */
const REQUEST_REFUSALS: Record<string, { status: number; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, message: 'Request body too large' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, message: 'Body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, message: 'Body is empty' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, message: 'Send GraphQL requests as application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, message: 'Content-Length does not match the body' },
};

/**
 * Routes a process serves besides GraphQL (health, JWKS). They are answered without the gateway
 * secret, so they must serve only what is public.
 */
export type Routes = (app: FastifyInstance) => void | Promise<void>;

export interface GraphQLServerOptions<C extends BaseContext> {
  logger: Logger;
  apollo: ApolloServer<C>;
  /** Builds the context of one GraphQL request. */
  context(request: FastifyRequest, reply: FastifyReply): Promise<C>;
  http: HttpSettings;
  /**
   * Every body this process parses comes from a holder of its gateway secret (the secret is checked before any
   * body is read, and every route taking a body is gated): the gateway, which refuses a client's body holding
   * `__proto__` or `constructor.prototype`, or a peer subgraph. Such bodies are parsed plainly, without Fastify's
   * scan for those keys (a regular-expression pass over every body, a measurable share of a subgraph's work).
   */
  trustedCallersOnly?: boolean;
  /**
   * This process faces the graph's clients (the gateway): a request id of theirs that claims to be background
   * work (`background:...`, context.ts) is replaced, so a client cannot have its work counted as a job's or
   * switch on the storage that follows background work.
   */
  facesClients?: boolean;
  /** Whether `X-Forwarded-For` is believed for the client address (gateway behind a proxy only). */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Registers what the process serves besides GraphQL (health, JWKS, CORS, limits), before the GraphQL routes. */
  setup?(app: FastifyInstance): Promise<void> | void;
  /**
   * Hooks of the GraphQL routes only: `onRequest` runs before the body is read (the gateway-secret
   * gate), `preHandler` once it is parsed (limits that need the operation).
   */
  graphqlHooks?: {
    onRequest?: onRequestHookHandler[];
    preHandler?: preHandlerHookHandler[];
    /** Sees each complete answer Apollo gives, with its status and headers set (the gateway's edge cache keeps some). */
    onAnswer?(request: FastifyRequest, reply: FastifyReply, body: string): void;
  };
}

/**
 * The HTTP server of every process (gateway and subgraphs): Fastify with Apollo's integration on
 * `/graphql` and `/` (where Sandbox lives), JSON errors, request ids, header and request timeouts,
 * keep-alive longer than the gateway's reuse window, load shedding, and a graceful close.
 */
export async function createGraphQLServer<C extends BaseContext>(options: GraphQLServerOptions<C>): Promise<FastifyInstance> {
  const { http, logger } = options;
  const app = Fastify({
    logger: false,
    bodyLimit: GRAPHQL_BODY_LIMIT,
    onProtoPoisoning: options.trustedCallersOnly ? 'ignore' : 'error',
    onConstructorPoisoning: options.trustedCallersOnly ? 'ignore' : 'error',
    trustProxy: options.trustProxy ?? false,
    // A client-supplied request id is kept when it is short and plain, so it is safe to log.
    genReqId: (req) => {
      const given = acceptableRequestId(req.headers[REQUEST_ID_HEADER] as string | undefined);
      return given && !(options.facesClients && isBackgroundRequestId(given)) ? given : randomUUID();
    },
    requestIdHeader: false,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    requestTimeout: http.requestTimeoutMs,
    // Node checks the header and request timeouts on this interval (30 s by default: too coarse to cut a trickle).
    http: { headersTimeout: http.headersTimeoutMs, connectionsCheckingInterval: Math.min(1000, http.headersTimeoutMs) },
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // The router's own refusals (a path segment longer than it matches, a malformed escape) in the project's format.
    frameworkErrors: (error, request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (reply as FastifyReply)
        .code(tooLong ? 414 : 400)
        .header(REQUEST_ID_HEADER, request.id)
        .send(errorBody('BAD_REQUEST', tooLong ? 'URL too long' : 'The URL is not valid'));
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    const refusal = error.code ? REQUEST_REFUSALS[error.code] : undefined;
    if (refusal) return reply.code(refusal.status).send(errorBody('BAD_REQUEST', refusal.message));
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send(errorBody('BAD_REQUEST', 'Bad request'));
    logger.error('unexpected error', { requestId: request.id, error: error.message, stack: error.stack });
    return reply.code(500).send(errorBody('INTERNAL_SERVER_ERROR', 'Internal server error'));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('NOT_FOUND', 'Not found')));

  // Every route's handler runs as part of its request, so the request id follows the work into DataLoader
  // batches, calls to other subgraphs and the statement counter (a peer route serving a background job's
  // call is then counted as background work). Registered before any route, so it wraps them all.
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function (this: FastifyInstance, request, reply) {
      return runInRequestScope(request.id, () => handler.call(this, request, reply));
    };
  });

  // Sheds load with a coded 503 rather than letting every request wait on a saturated event loop.
  await app.register(underPressure, {
    maxEventLoopDelay: http.maxEventLoopDelayMs,
    retryAfter: 5,
    pressureHandler: (_request, reply) => {
      void reply
        .code(503)
        .header('retry-after', '5')
        .send(errorBody(ErrorCode.Unavailable, 'The service is overloaded; try again shortly'));
    },
  });

  await options.setup?.(app);

  const apolloHandler = fastifyApolloHandler(options.apollo, { context: (request, reply) => options.context(request, reply) });
  for (const url of ['/graphql', '/']) {
    app.route({
      method: ['GET', 'POST'],
      url,
      onRequest: options.graphqlHooks?.onRequest,
      preHandler: options.graphqlHooks?.preHandler,
      handler: async function (request, reply) {
        const body = await apolloHandler.call(this, request as never, reply as never);
        if (typeof body === 'string') options.graphqlHooks?.onAnswer?.(request, reply, body);
        return body;
      },
    });
  }
  return app;
}

/**
 * Listens on `port` (0 picks a free one) and resolves the URL of its `/graphql` at the address actually bound.
 * A wildcard bind is advertised as the IPv4 loopback it certainly covers: `localhost` may resolve to ::1 first,
 * where an IPv4 wildcard does not listen.
 */
export async function listenOn(app: FastifyInstance, port: number, host = '0.0.0.0'): Promise<{ url: string; port: number }> {
  await app.listen({ port, host });
  const bound = app.server.address() as AddressInfo;
  const wildcard = bound.address === '0.0.0.0' || bound.address === '::';
  const address = wildcard ? '127.0.0.1' : bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return { url: `http://${address}:${bound.port}/graphql`, port: bound.port };
}

/**
 * Stops taking new requests (503 on kept-alive connections, idle ones closed), lets requests in
 * flight finish within `graceMs`, then cuts whatever is left. Says whether it had to cut, so the stop
 * is logged with it (tests read that, rather than timing the stop on a busy machine).
 */
export async function closeGracefully(app: FastifyInstance, graceMs: number): Promise<{ graceExceeded: boolean }> {
  let graceExceeded = false;
  const cut = setTimeout(() => {
    graceExceeded = true;
    app.server.closeAllConnections();
  }, graceMs);
  cut.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
  return { graceExceeded };
}
