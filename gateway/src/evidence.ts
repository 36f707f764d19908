import type { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import { request as send } from 'undici';
import {
  CLIENT_NAME_HEADER,
  discardBody,
  ErrorCode,
  GATEWAY_SECRET_HEADER,
  REQUEST_ID_HEADER,
  type Logger,
  type TokenVerifier,
  type Viewer,
} from '../../services/shared/src';
import { limited, refuse, TooLarge } from './documents';
import type { RateLimiter } from './rate-limits';

/** The largest evidence upload body: a file of 10 MiB, the message it comes with and the envelope (the complaints subgraph's limit too). */
export const EVIDENCE_BODY_LIMIT = 10 * 1024 * 1024 + 64 * 1024;

/** A refused upload's body is read out up to this much before the answer; past it the connection is closed. */
const REFUSED_BODY_READ_LIMIT = 2 * EVIDENCE_BODY_LIMIT;

/** The complainant's receipt code travels in this header, never in the URL (which access logs keep). */
const RECEIPT_CODE_HEADER = 'x-receipt-code';

const EVIDENCE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'cache-control', 'x-content-type-options', 'retry-after'];

export interface EvidenceRouteOptions {
  /** The complaints subgraph's GraphQL URL; evidence lives beside it at `/complaints/evidence`. */
  complaintsUrl: string;
  secret?: string;
  verifyToken: TokenVerifier;
  logger: Logger;
  timeoutMs: number;
  limit: RateLimiter;
}

/**
 * `POST /complaints/evidence` (a complainant's upload, with the receipt code, no account) and
 * `GET /complaints/evidence/:id` (with a token or the receipt code): the gateway checks the token and the
 * rate limit (an upload counts as a public mutation, as filing does), bounds the body, and streams it to the
 * complaints subgraph, which decides who may see what. Bodies are streamed, never parsed here.
 */
export const evidence: FastifyPluginAsync<EvidenceRouteOptions> = async (app, options) => {
  const target = (path: string) => new URL(path, options.complaintsUrl);
  const headersFor = (request: FastifyRequest): Record<string, string> => {
    const code = request.headers[RECEIPT_CODE_HEADER];
    return {
      [REQUEST_ID_HEADER]: request.id,
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
      ...(typeof code === 'string' ? { [RECEIPT_CODE_HEADER]: code } : {}),
      ...(typeof request.headers[CLIENT_NAME_HEADER] === 'string' ? { [CLIENT_NAME_HEADER]: request.headers[CLIENT_NAME_HEADER] } : {}),
      ...(options.secret ? { [GATEWAY_SECRET_HEADER]: options.secret } : {}),
    };
  };

  async function viewerOf(request: FastifyRequest, reply: FastifyReply, upload: boolean): Promise<Viewer | null> {
    let viewer: Viewer;
    try {
      viewer = await options.verifyToken(request.headers.authorization, options.logger.child({ requestId: request.id }));
    } catch (error) {
      await refuse(reply, 401, ErrorCode.Unauthenticated, (error as GraphQLError).message);
      return null;
    }
    const bucket = viewer.role !== 'public' ? 'authenticated' : upload ? 'public-mutation' : 'public-read';
    const refused = await options.limit(request, viewer, bucket);
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

  app.addContentTypeParser('multipart/form-data', (_request, payload, done) => done(null, payload));
  const readOutRefused = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!(await discardBody(request.raw, REFUSED_BODY_READ_LIMIT))) reply.header('connection', 'close');
    return payload;
  };
  const tooLarge = (reply: FastifyReply) => refuse(reply, 413, 'BAD_REQUEST', `Request body too large: at most ${EVIDENCE_BODY_LIMIT} bytes`);

  app.post('/complaints/evidence', { bodyLimit: EVIDENCE_BODY_LIMIT, onSend: readOutRefused }, async (request, reply) => {
    const viewer = await viewerOf(request, reply, true);
    if (!viewer) return reply;
    if (typeof request.headers[RECEIPT_CODE_HEADER] !== 'string') {
      return refuse(reply, 401, ErrorCode.Unauthenticated, `Send the complaint's receipt code in the ${RECEIPT_CODE_HEADER} header`);
    }
    if (Number(request.headers['content-length'] ?? 0) > EVIDENCE_BODY_LIMIT) return tooLarge(reply);
    const body = (request.body as Readable).pipe(limited(EVIDENCE_BODY_LIMIT));
    try {
      const response = await send(target('/complaints/evidence'), {
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
      options.logger.warn('evidence upload not forwarded', { requestId: request.id, error: (error as Error).message });
      return refuse(reply, 503, ErrorCode.Unavailable, 'Evidence cannot be received right now; try again shortly');
    }
  });

  app.get<{ Params: { id: string } }>('/complaints/evidence/:id', async (request, reply) => {
    const viewer = await viewerOf(request, reply, false);
    if (!viewer) return reply;
    if (!EVIDENCE_ID.test(request.params.id)) return refuse(reply, 404, ErrorCode.NotFound, 'Evidence not found');
    try {
      const response = await send(target(`/complaints/evidence/${request.params.id.toLowerCase()}`), {
        method: 'GET',
        headers: headersFor(request),
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      return await relay(reply, response);
    } catch (error) {
      options.logger.warn('evidence download not forwarded', { requestId: request.id, error: (error as Error).message });
      return refuse(reply, 503, ErrorCode.Unavailable, 'Evidence cannot be read right now; try again shortly');
    }
  });
};
