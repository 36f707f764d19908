import { Transform, type Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import type { RateLimiter } from './rate-limits';
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

/** The largest upload body, the document and its multipart envelope (the GraphQL routes keep their 1 MB). */
export const DOCUMENT_BODY_LIMIT = 25 * 1024 * 1024;

/**
 * A refused upload's body is read out up to this much before the answer, so the client (still sending)
 * receives it; past it the connection is closed instead.
 */
export const REFUSED_BODY_READ_LIMIT = 2 * DOCUMENT_BODY_LIMIT;

/** Documents are named by UUIDs: anything else is not proxied (`..` would reach another route of the subgraph). */
const DOCUMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Headers of the certification subgraph's answer a client gets as they are. */
const PASSED_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'cache-control',
  'x-content-type-options',
  'x-document-sha256',
  'retry-after',
];

export interface DocumentRouteOptions {
  /** The certification subgraph's GraphQL URL; documents live beside it at `/documents`. */
  certificationUrl: string;
  /** The secret the certification subgraph expects from the gateway. */
  secret?: string;
  verifyToken: TokenVerifier;
  logger: Logger;
  /** The longest an upload or download may take end to end. */
  timeoutMs: number;
  /** The gateway's rate limits: documents count like any other request of the caller. */
  limit: RateLimiter;
}

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

/**
 * `POST /documents` (multipart upload) and `GET /documents/:id` (download): the gateway checks the token,
 * then streams the body to the certification subgraph, with the caller's token, the request id and the
 * gateway secret, and streams the answer back. The subgraph decides who may see which document and logs it.
 * Separate, and registered in a scope of its own, because its bodies are streamed, not parsed: its
 * multipart parser must not reach the GraphQL routes.
 */
export const documents: FastifyPluginAsync<DocumentRouteOptions> = async (app, options) => {
  const target = (path: string) => new URL(path, options.certificationUrl);
  const headersFor = (request: FastifyRequest): Record<string, string> => ({
    [REQUEST_ID_HEADER]: request.id,
    ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
    ...(typeof request.headers[CLIENT_NAME_HEADER] === 'string' ? { [CLIENT_NAME_HEADER]: request.headers[CLIENT_NAME_HEADER] } : {}),
    ...(options.secret ? { [GATEWAY_SECRET_HEADER]: options.secret } : {}),
  });

  /** The caller, counted against its rate limit; null when the answer (401, 429) was already given. */
  async function viewerOf(request: FastifyRequest, reply: FastifyReply): Promise<Viewer | null> {
    let viewer: Viewer;
    try {
      viewer = await options.verifyToken(request.headers.authorization, options.logger.child({ requestId: request.id }));
    } catch (error) {
      await refuse(reply, 401, ErrorCode.Unauthenticated, (error as GraphQLError).message);
      return null;
    }
    const refused = await options.limit(request, viewer, viewer.role === 'public' ? 'public-read' : 'authenticated');
    if (refused) {
      reply.header('retry-after', String(refused.retryAfterSeconds));
      await refuse(reply, 429, ErrorCode.RateLimited, `Too many requests; try again in ${refused.retryAfterSeconds} s`);
      return null;
    }
    return viewer;
  }

  async function relay(reply: FastifyReply, response: Awaited<ReturnType<typeof send>>) {
    reply.code(response.statusCode);
    for (const name of PASSED_HEADERS) {
      const value = response.headers[name];
      if (typeof value === 'string') reply.header(name, value);
    }
    return reply.send(response.body);
  }

  // The body is not parsed here: it goes to the subgraph as it arrives.
  app.addContentTypeParser('multipart/form-data', (_request, payload, done) => done(null, payload));

  // A refusal given before the body was read (or forwarded whole): what is left is read out first (up to a
  // bound), so the client, still sending, gets the answer and not a broken pipe; past the bound the
  // connection closes after the answer, so the rest is never read as the next request on it.
  const readOutRefused = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!(await discardBody(request.raw, REFUSED_BODY_READ_LIMIT))) reply.header('connection', 'close');
    return payload;
  };
  app.post('/documents', { bodyLimit: DOCUMENT_BODY_LIMIT, onSend: readOutRefused }, async (request, reply) => {
    const viewer = await viewerOf(request, reply);
    if (!viewer) return reply;
    if (viewer.role === 'public') return refuse(reply, 401, ErrorCode.Unauthenticated, 'Sign in to upload a document');
    if (viewer.role !== 'member' && viewer.role !== 'secretariat') {
      return refuse(reply, 403, ErrorCode.Forbidden, 'Only a member of the company or the Secretariat may upload its documents');
    }
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > DOCUMENT_BODY_LIMIT) {
      return refuse(reply, 413, 'BAD_REQUEST', `Request body too large: at most ${DOCUMENT_BODY_LIMIT} bytes`);
    }
    const body = (request.body as Readable).pipe(limited(DOCUMENT_BODY_LIMIT));
    try {
      const response = await send(target('/documents'), {
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
      if (error instanceof TooLarge || (error as { cause?: unknown }).cause instanceof TooLarge) {
        return refuse(reply, 413, 'BAD_REQUEST', `Request body too large: at most ${DOCUMENT_BODY_LIMIT} bytes`);
      }
      options.logger.warn('document upload not forwarded', { requestId: request.id, error: (error as Error).message });
      return refuse(reply, 503, ErrorCode.Unavailable, 'Documents cannot be stored right now; try again shortly');
    }
  });

  app.get<{ Params: { id: string } }>('/documents/:id', async (request, reply) => {
    const viewer = await viewerOf(request, reply);
    if (!viewer) return reply;
    if (viewer.role === 'public') return refuse(reply, 401, ErrorCode.Unauthenticated, 'Sign in to download a document');
    if (!DOCUMENT_ID.test(request.params.id)) return refuse(reply, 404, ErrorCode.NotFound, 'Document not found');
    try {
      const response = await send(target(`/documents/${request.params.id.toLowerCase()}`), {
        method: 'GET',
        headers: headersFor(request),
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      return await relay(reply, response);
    } catch (error) {
      options.logger.warn('document download not forwarded', { requestId: request.id, error: (error as Error).message });
      return refuse(reply, 503, ErrorCode.Unavailable, 'Documents cannot be read right now; try again shortly');
    }
  });
};
