import { Transform, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import { request as send } from 'undici';
import {
  CLIENT_NAME_HEADER,
  discardBody,
  errorBody,
  ErrorCode,
  GATEWAY_SECRET_HEADER,
  REQUEST_ID_HEADER,
  type Logger,
  type TokenVerifier,
  type Viewer,
} from '../../services/shared/src';
import type { Bucket, RateLimiter } from './rate-limits';

/*
 * The gateway's side of a file route (documents, complainants' evidence): one mechanism, so that both check
 * tokens and rate limits, bound and stream bodies, and relay the subgraph's answers alike. What differs (the
 * path, the limit, who may upload, the words of the refusals) is said by each route's options.
 */

/** Files are named by UUIDs: anything else is not proxied (`..` would reach another route of the subgraph). */
const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A streamed body went past its limit. */
export class TooLarge extends Error {}

/** Passes the bytes on, and fails once more than `limit` went through (a body without Content-Length). */
export function limited(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > limit ? new TooLarge() : null, chunk);
    },
  });
}

/** The gateway's own refusal of an upload or download, in the GraphQL error format. */
export function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).header('cache-control', 'no-store').send(errorBody(code, message));
}

/** A refusal the route gives before anything is forwarded. */
export interface FileRefusal {
  status: number;
  code: string;
  message: string;
}

/** What the gateway needs to reach a subgraph and judge a caller: the same for every file route. */
export interface FileRelayOptions {
  /** The subgraph's GraphQL URL; its files live beside it. */
  subgraphUrl: string;
  /** The secret the subgraph expects from the gateway. */
  secret?: string;
  verifyToken: TokenVerifier;
  logger: Logger;
  /** The longest an upload or download may take end to end. */
  timeoutMs: number;
  /** The gateway's rate limits: files count like any other request of the caller. */
  limit: RateLimiter;
}

/** What one file route is: where, how large, who, and in which words. */
export interface FileRouteOptions extends FileRelayOptions {
  /** `POST <path>` uploads, `GET <path>/:id` downloads (the same path on the subgraph). */
  path: string;
  /** The largest upload body, the file and its multipart envelope (the GraphQL routes keep their 1 MB). */
  bodyLimit: number;
  /** Headers of the subgraph's answer a client gets as they are. */
  passedHeaders: readonly string[];
  /** Request headers passed on to the subgraph beside the token, the request id and the client name. */
  forwardedHeaders?: readonly string[];
  /** The rate-limit bucket a caller's upload or download counts in. */
  bucket(viewer: Viewer, upload: boolean): Bucket;
  /** Who may upload (checked before the body is read): a refusal, or null. */
  mayUpload(request: FastifyRequest, viewer: Viewer): FileRefusal | null;
  /** Who may ask for a download at all (the subgraph decides which file): a refusal, or null. */
  mayDownload?(viewer: Viewer): FileRefusal | null;
  /** The word for a file in log lines (`document`, `evidence`). */
  logName: string;
  /** The messages of the gateway's own refusals. */
  messages: { notFound: string; uploadUnavailable: string; downloadUnavailable: string };
}

/**
 * Registers `POST <path>` and `GET <path>/:id` in `app`, which must be a scope of their own: bodies are
 * streamed, not parsed, and the multipart parser must not reach the GraphQL routes. The gateway checks the
 * token and the rate limit, bounds the body, and streams it to the subgraph with the caller's token, the
 * request id and the gateway secret, then streams the answer back; the subgraph decides who may see what.
 */
export async function fileRoutes(app: FastifyInstance, options: FileRouteOptions) {
  const target = (path: string) => new URL(path, options.subgraphUrl);
  const headersFor = (request: FastifyRequest): Record<string, string> => {
    const forwarded: Record<string, string> = {};
    for (const name of options.forwardedHeaders ?? []) {
      const value = request.headers[name];
      if (typeof value === 'string') forwarded[name] = value;
    }
    return {
      [REQUEST_ID_HEADER]: request.id,
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
      ...forwarded,
      ...(typeof request.headers[CLIENT_NAME_HEADER] === 'string' ? { [CLIENT_NAME_HEADER]: request.headers[CLIENT_NAME_HEADER] } : {}),
      ...(options.secret ? { [GATEWAY_SECRET_HEADER]: options.secret } : {}),
    };
  };

  /** The caller, counted against its rate limit; null when the answer (401, 429) was already given. */
  async function viewerOf(request: FastifyRequest, reply: FastifyReply, upload: boolean): Promise<Viewer | null> {
    let viewer: Viewer;
    try {
      viewer = await options.verifyToken(request.headers.authorization, options.logger.child({ requestId: request.id }));
    } catch (error) {
      await refuse(reply, 401, ErrorCode.Unauthenticated, (error as GraphQLError).message);
      return null;
    }
    const refused = await options.limit(request, viewer, options.bucket(viewer, upload));
    if (refused) {
      reply.header('retry-after', String(refused.retryAfterSeconds));
      await refuse(reply, 429, ErrorCode.RateLimited, `Too many requests; try again in ${refused.retryAfterSeconds} s`);
      return null;
    }
    return viewer;
  }

  async function relay(reply: FastifyReply, response: Awaited<ReturnType<typeof send>>) {
    reply.code(response.statusCode);
    for (const name of options.passedHeaders) {
      const value = response.headers[name];
      if (typeof value === 'string') reply.header(name, value);
    }
    return reply.send(response.body);
  }

  // The body is not parsed here: it goes to the subgraph as it arrives.
  app.addContentTypeParser('multipart/form-data', (_request, payload, done) => done(null, payload));

  // A refusal given before the body was read (or forwarded whole): what is left is read out first (up to twice
  // the limit), so the client, still sending, gets the answer and not a broken pipe; past the bound the
  // connection closes after the answer, so the rest is never read as the next request on it.
  const refusedBodyReadLimit = 2 * options.bodyLimit;
  const readOutRefused = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!(await discardBody(request.raw, refusedBodyReadLimit))) reply.header('connection', 'close');
    return payload;
  };
  const tooLarge = (reply: FastifyReply) => refuse(reply, 413, 'BAD_REQUEST', `Request body too large: at most ${options.bodyLimit} bytes`);

  app.post(options.path, { bodyLimit: options.bodyLimit, onSend: readOutRefused }, async (request, reply) => {
    const viewer = await viewerOf(request, reply, true);
    if (!viewer) return reply;
    const refusal = options.mayUpload(request, viewer);
    if (refusal) return refuse(reply, refusal.status, refusal.code, refusal.message);
    if (Number(request.headers['content-length'] ?? 0) > options.bodyLimit) return tooLarge(reply);
    const body = (request.body as Readable).pipe(limited(options.bodyLimit));
    try {
      const response = await send(target(options.path), {
        method: 'POST',
        headers: {
          ...headersFor(request),
          'content-type': String(request.headers['content-type']),
          ...(request.headers['content-length'] ? { 'content-length': String(request.headers['content-length']) } : {}),
        },
        body,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      return await relay(reply, response);
    } catch (error) {
      if (error instanceof TooLarge || (error as { cause?: unknown }).cause instanceof TooLarge) return tooLarge(reply);
      options.logger.warn(`${options.logName} upload not forwarded`, { requestId: request.id, error: (error as Error).message });
      return refuse(reply, 503, ErrorCode.Unavailable, options.messages.uploadUnavailable);
    }
  });

  app.get<{ Params: { id: string } }>(`${options.path}/:id`, async (request, reply) => {
    const viewer = await viewerOf(request, reply, false);
    if (!viewer) return reply;
    const refusal = options.mayDownload?.(viewer);
    if (refusal) return refuse(reply, refusal.status, refusal.code, refusal.message);
    if (!FILE_ID.test(request.params.id)) return refuse(reply, 404, ErrorCode.NotFound, options.messages.notFound);
    try {
      const response = await send(target(`${options.path}/${request.params.id.toLowerCase()}`), {
        method: 'GET',
        headers: headersFor(request),
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      return await relay(reply, response);
    } catch (error) {
      options.logger.warn(`${options.logName} download not forwarded`, { requestId: request.id, error: (error as Error).message });
      return refuse(reply, 503, ErrorCode.Unavailable, options.messages.downloadUnavailable);
    }
  });
}
