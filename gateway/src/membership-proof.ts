import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLEnumType, type GraphQLSchema } from 'graphql';
import QRCode from 'qrcode';
import type { GraphQLError } from 'graphql';
import type { Counter } from 'prom-client';
import { CLIENT_NAME_HEADER, ErrorCode, isCalendarDate, REQUEST_ID_HEADER, type Logger, type TokenVerifier } from '../../services/shared/src';
import { refuse } from './file-routes';
import type { Bucket, RateLimiter } from './rate-limits';
import { renderProof, type ProofContent } from './proof-pdf';
import { proofPage, type ProofPageFacts } from './proof-page';

/*
 * A printable proof of membership, for a procurement officer's tender file: `GET /membership-proof` gives a PDF of
 * one verification (the answer, its signed receipt and a QR code), `GET /membership-proof/check` the page the QR
 * code opens (is the receipt genuine, what has changed since). Both ask the graph through the gateway's own GraphQL
 * route with the caller's Authorization, so the access rules, the query limits and the rate limits are those of any
 * GraphQL request: these routes add no way around them.
 *
 * A PDF costs about 0.1 s of CPU (its query, then about 50 ms to draw it), some thirty times a simple read: counted
 * as one read, one address could keep a core busy with proofs. So a proof also counts in a scarcer bucket (`proof` without a token,
 * RATE_LIMIT_PROOFS per address; the caller's own `authenticated` bucket with one), and each process draws only a few
 * at once, with a short queue behind them; beyond it the answer is 503 with Retry-After, before the graph is asked
 * anything. The check page is one read (a receipt's signature checked, the record's history: about 20 ms of CPU across
 * the graph, what the same query sent to /graphql costs) and an HTML string (a fifth of a millisecond): it counts as
 * the read it runs.
 */

/** Where the check page is served; the QR code points here unless MEMBERSHIP_PROOF_CHECK_URL names another page. */
export const CHECK_PATH = '/membership-proof/check';

/**
 * The largest QR code version a receipt goes into (at error correction M): version 25 is 117 modules, about half a
 * millimetre each on the 6 cm code printed, which phone cameras read from paper. A typical receipt (600 to 800
 * characters: version 20 to 22) fits; one with a very long name does not, and its code then holds the organization and `checkedAt`
 * only (the page says what changed, and checks the receipt once it is pasted there).
 */
export const MAX_QR_VERSION = 25;

const VERIFY = /* GraphQL */ `
  query MembershipProof($ids: [ID!], $asOf: Date) {
    verifyMembers(ids: $ids, asOf: $asOf) {
      matched
      matches {
        result {
          organizationId asOf organizationName organizationNameAsOf membershipStatus
          standing certificationStatus
          certificate { certificateNumber standard issuedOn expiresOn certificationBody { name } }
          receipt
        }
      }
    }
  }
`;

const CHECK = /* GraphQL */ `
  query MembershipProofCheck($receipt: String!, $withReceipt: Boolean!, $id: ID!, $since: DateTime!) {
    checkVerificationReceipt(receipt: $receipt) @include(if: $withReceipt) {
      genuine reason organizationId organizationName asOf standing certificateNumber certificateValidUntil checkedAt
    }
    organization(id: $id) {
      name standing membershipStatus certificationStatus
      statusHistory { status category effectiveFrom reason recordedAt }
      history(recordedAfter: $since) { kind before after effectiveFrom reason recordedAt }
      certifications { certificateNumber history { event status effectiveFrom reason recordedAt } }
    }
  }
`;

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** A refusal of the graph, given with the HTTP status its code calls for. */
const STATUS_OF: Record<string, number> = {
  [ErrorCode.BadUserInput]: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.RateLimited]: 429,
};

export interface MembershipProofOptions {
  /** The API schema: the words the PDF explains a standing with are its descriptions. */
  apiSchema: GraphQLSchema;
  /** MEMBERSHIP_PROOF_CHECK_URL: the page the QR code opens; the gateway's own check page when absent. */
  checkUrl?: string;
  /** MEMBERSHIP_PROOF_RENDERS and MEMBERSHIP_PROOF_QUEUE: proofs made at once by this process, and proofs waiting. */
  renders: { concurrent: number; queued: number };
  /** The gateway's rate limits (rate-limits.ts): a proof counts in the `proof` or `authenticated` bucket. */
  limit: RateLimiter;
  verifyToken: TokenVerifier;
  /** Counts the 429s by bucket, when the gateway has metrics. */
  refusals?: Counter<'bucket'>;
  logger: Logger;
}

/** How long a caller turned away by a full gate is asked to wait: a few proofs' time. */
const BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * A per-process gate on proofs: at most `concurrent` are made at once (asked of the graph, then drawn), at most
 * `queued` wait for a turn, in order; `enter` answers null beyond both, and the caller is turned away at once rather
 * than left waiting behind a burst. Per process, not shared through Redis: what it protects is this process's CPU.
 */
export function proofGate(concurrent: number, queued: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const leave = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return {
    /** Resolves with `leave` once the caller's turn has come (call it when done), or null when the gate is full. */
    enter(): Promise<(() => void) | null> {
      if (running < concurrent) {
        running += 1;
        return Promise.resolve(once(leave));
      }
      if (waiting.length >= queued) return Promise.resolve(null);
      // The turn passes straight to the next waiting caller: `running` stays as it is.
      return new Promise((resolve) => waiting.push(() => resolve(once(leave))));
    },
  };
}

function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      action();
    }
  };
}

/** Decodes a compact JWS's payload without checking it: only to know which organization and moment to show. */
function unverifiedPayload(receipt: string): { organizationId: string; checkedAt: string } | null {
  const parts = receipt.trim().split('.');
  if (parts.length !== 3 || receipt.length > 10_000) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof payload.organizationId !== 'string' || typeof payload.checkedAt !== 'string') return null;
    return { organizationId: payload.organizationId, checkedAt: payload.checkedAt };
  } catch {
    return null;
  }
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * The address the QR code holds: the check page with the receipt in it when the code stays small enough to scan
 * from paper (MAX_QR_VERSION), else with the organization and `checkedAt` only. The receipt goes in the query string,
 * not the fragment, so that the page is made by the gateway and needs no script: it states public facts (the
 * directory's) and carries no secret, so the access logs that keep it learn nothing they could not read in the graph.
 */
export function checkAddress(base: string, receipt: string, organizationId: string, checkedAt: string): { url: string; receiptInCode: boolean } {
  const withReceipt = new URL(base);
  withReceipt.searchParams.set('receipt', receipt);
  if (QRCode.create(withReceipt.toString(), { errorCorrectionLevel: 'M' }).version <= MAX_QR_VERSION) {
    return { url: withReceipt.toString(), receiptInCode: true };
  }
  const short = new URL(base);
  short.searchParams.set('organizationId', organizationId);
  short.searchParams.set('checkedAt', checkedAt);
  return { url: short.toString(), receiptInCode: false };
}

/**
 * `GET /membership-proof?organizationId=…&asOf=…` (the PDF) and `GET /membership-proof/check?receipt=…` (the page).
 * Bad input is refused as the file routes refuse it: a JSON body in the GraphQL error format, with a code.
 */
export const membershipProof: FastifyPluginAsync<MembershipProofOptions> = async (app, options) => {
  const standingWords = options.apiSchema.getType('Standing');
  const meaningOf = (standing: string) =>
    (standingWords instanceof GraphQLEnumType ? standingWords.getValue(standing)?.description : undefined) ?? standing;

  const gate = proofGate(options.renders.concurrent, options.renders.queued);

  app.get<{ Querystring: { organizationId?: string; asOf?: string } }>('/membership-proof', async (request, reply) => {
    const { organizationId, asOf } = request.query;
    if (typeof organizationId !== 'string' || !organizationId || organizationId.length > 100) {
      return refuse(reply, 400, ErrorCode.BadUserInput, 'Give the organization\'s id as organizationId');
    }
    if (asOf !== undefined && (typeof asOf !== 'string' || !isCalendarDate(asOf))) {
      return refuse(reply, 400, ErrorCode.BadUserInput, 'asOf must be a calendar date written YYYY-MM-DD');
    }
    // The scarce bucket first (the read the proof runs counts in the caller's usual one), then a turn at the gate.
    let viewer;
    try {
      viewer = await options.verifyToken(request.headers.authorization, options.logger.child({ requestId: request.id }));
    } catch (error) {
      return refuse(reply, 401, ErrorCode.Unauthenticated, (error as GraphQLError).message);
    }
    const bucket: Bucket = viewer.role === 'public' ? 'proof' : 'authenticated';
    const refused = await options.limit(request, viewer, bucket);
    if (refused) {
      options.refusals?.inc({ bucket });
      reply.header('retry-after', String(refused.retryAfterSeconds));
      return refuse(reply, 429, ErrorCode.RateLimited, `Too many proofs; try again in ${refused.retryAfterSeconds} s`);
    }
    const leave = await gate.enter();
    if (!leave) {
      reply.header('retry-after', String(BUSY_RETRY_AFTER_SECONDS));
      return refuse(reply, 503, ErrorCode.Unavailable, `Too many proofs are being made right now; try again in ${BUSY_RETRY_AFTER_SECONDS} s`);
    }
    try {
      return await makeProof(request, reply, organizationId, asOf);
    } finally {
      leave();
    }
  });

  async function makeProof(request: FastifyRequest, reply: FastifyReply, organizationId: string, asOf: string | undefined) {
    const answer = await askGraph<{ verifyMembers: VerifyAnswer[] | null }>(app, request, VERIFY, { ids: [organizationId], asOf: asOf ?? null });
    if (!answer.ok) return relayRefusal(reply, answer);
    const result = answer.data.verifyMembers?.[0]?.matches[0]?.result;
    if (!answer.data.verifyMembers?.[0]?.matched || !result) return refuse(reply, 404, ErrorCode.NotFound, 'Organization not found');
    if (!result.receipt || !result.standing) {
      // A part of the graph did not answer (the error names it): no proof without its receipt.
      return refuse(reply, 503, ErrorCode.Unavailable, 'The proof cannot be made right now; try again shortly');
    }
    const checkedAt = unverifiedPayload(result.receipt)?.checkedAt ?? '';
    const base = options.checkUrl ?? `${request.protocol}://${request.host}${CHECK_PATH}`;
    const address = checkAddress(base, result.receipt, result.organizationId, checkedAt);
    const content: ProofContent = {
      organizationId: result.organizationId,
      organizationName: result.organizationName,
      organizationNameAsOf: result.organizationNameAsOf,
      asOf: result.asOf,
      standing: { value: result.standing, meaning: meaningOf(result.standing) },
      membershipStatus: result.membershipStatus,
      certificationStatus: result.certificationStatus,
      certificate: result.certificate && {
        number: result.certificate.certificateNumber,
        standard: result.certificate.standard,
        body: result.certificate.certificationBody?.name ?? null,
        validFrom: result.certificate.issuedOn,
        validUntil: result.certificate.expiresOn,
      },
      checkedAt,
      receipt: result.receipt,
      checkUrl: address.url,
      receiptInCode: address.receiptInCode,
    };
    const pdf = await renderProof(content);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="icoca-membership-proof-${result.asOf}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  }

  app.get<{ Querystring: { receipt?: string; organizationId?: string; checkedAt?: string } }>(CHECK_PATH, async (request, reply) => {
    const { receipt, organizationId, checkedAt } = request.query;
    let about: { organizationId: string; checkedAt: string } | null;
    if (typeof receipt === 'string' && receipt.trim()) {
      about = unverifiedPayload(receipt);
      if (!about) return refuse(reply, 400, ErrorCode.BadUserInput, 'receipt is not a verification receipt (a compact JWS: three base64url parts)');
    } else if (typeof organizationId === 'string' && organizationId && organizationId.length <= 100 && typeof checkedAt === 'string') {
      about = { organizationId, checkedAt };
    } else {
      return refuse(reply, 400, ErrorCode.BadUserInput, 'Give a receipt, or an organizationId and the checkedAt of its receipt');
    }
    if (!TIMESTAMP.test(about.checkedAt) || Number.isNaN(Date.parse(about.checkedAt))) {
      return refuse(reply, 400, ErrorCode.BadUserInput, 'checkedAt must be an instant such as 2026-03-01T10:00:00.000Z');
    }
    const withReceipt = typeof receipt === 'string' && receipt.trim() !== '';
    const answer = await askGraph<ProofPageFacts>(app, request, CHECK, {
      receipt: withReceipt ? receipt.trim() : '',
      withReceipt,
      id: about.organizationId,
      since: about.checkedAt,
    });
    if (!answer.ok) return relayRefusal(reply, answer);
    if (answer.partial && (!answer.data.organization || (withReceipt && !answer.data.checkVerificationReceipt))) {
      // A subgraph did not answer: the page would say "not genuine" or "not in the register" wrongly.
      return refuse(reply, 503, ErrorCode.Unavailable, 'The receipt cannot be checked right now; try again shortly');
    }
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
      .header('x-content-type-options', 'nosniff')
      .send(proofPage({ facts: answer.data, checkedAt: about.checkedAt, organizationId: about.organizationId, receiptGiven: withReceipt }));
  });
};

interface VerifyAnswer {
  matched: boolean;
  matches: {
    result: {
      organizationId: string;
      asOf: string;
      organizationName: string;
      organizationNameAsOf: string;
      membershipStatus: string | null;
      standing: string | null;
      certificationStatus: string | null;
      certificate: { certificateNumber: string; standard: string; issuedOn: string; expiresOn: string; certificationBody: { name: string } | null } | null;
      receipt: string | null;
    };
  }[];
}

type Asked<T> = { ok: true; data: T; partial: boolean } | { ok: false; status: number; code: string; message: string; retryAfter?: string };

/**
 * Sends one operation through the gateway's own GraphQL route (Fastify's inject: the same hooks, limits and plugins
 * as a client's request), as the caller: its Authorization, its address and forwarded-for chain, its client name.
 */
async function askGraph<T>(app: FastifyInstance, request: FastifyRequest, query: string, variables: Record<string, unknown>): Promise<Asked<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', [REQUEST_ID_HEADER]: request.id };
  for (const name of ['authorization', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', CLIENT_NAME_HEADER]) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const response = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers,
    remoteAddress: request.socket.remoteAddress,
    payload: JSON.stringify({ query, variables }),
  });
  let body: GraphQLAnswer<T>;
  try {
    body = response.json<GraphQLAnswer<T>>();
  } catch {
    return { ok: false, status: 503, code: ErrorCode.Unavailable, message: 'The graph did not answer; try again shortly' };
  }
  const error = body.errors?.[0];
  if (body.data && (!error || response.statusCode === 200)) {
    // A partial answer (a subgraph down) still has data: the caller of askGraph sees what is missing.
    const refusal = body.errors?.find((e) => e.extensions?.code && e.extensions.code in STATUS_OF);
    if (!refusal) return { ok: true, data: body.data, partial: Boolean(body.errors?.length) };
  }
  const code = error?.extensions?.code ?? ErrorCode.Unavailable;
  return {
    ok: false,
    status: STATUS_OF[code] ?? (response.statusCode >= 400 ? response.statusCode : 503),
    code,
    message: error?.message ?? 'The graph did not answer; try again shortly',
    retryAfter: typeof response.headers['retry-after'] === 'string' ? response.headers['retry-after'] : undefined,
  };
}

function relayRefusal(reply: FastifyReply, refusal: Extract<Asked<unknown>, { ok: false }>) {
  if (refusal.retryAfter) reply.header('retry-after', refusal.retryAfter);
  return refuse(reply, refusal.status, refusal.code, refusal.message);
}
