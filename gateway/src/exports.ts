import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import {
  CLIENT_NAME_HEADER,
  csvWriter,
  errorBody,
  ErrorCode,
  REQUEST_ID_HEADER,
  type Logger,
  type TokenVerifier,
  type Viewer,
} from '../../services/shared/src';

/*
 * CSV exports: the directory, a partner's watchlist, a verification batch. Each runs the GraphQL operation a
 * client would send, through this gateway's own GraphQL route (an internal request, `inject`) with the
 * caller's token and address: the limits (document cost, token, rate limit by bucket), the edge cache and
 * every subgraph's access rules are exactly the GraphQL ones, and each page counts against the caller's
 * rate limit as the same GraphQL request would. Rows are written as pages come, never the whole list held.
 */

/** How many rows an export may hold: without a token (so it is no cheaper way to make the graph work), and with one. */
export interface ExportRowLimits {
  anonymous: number;
  signedIn: number;
}

/** The defaults of EXPORT_ANONYMOUS_MAX_ROWS and EXPORT_MAX_ROWS. */
export const EXPORT_ROW_LIMITS_DEFAULTS: ExportRowLimits = { anonymous: 500, signedIn: 10_000 };

export interface ExportRouteOptions {
  verifyToken: TokenVerifier;
  logger: Logger;
  maxRows: ExportRowLimits;
  /** Rows asked for per GraphQL request (at most 100, the largest page of a connection). */
  pageSize: number;
}

const DIRECTORY = /* GraphQL */ `
  query DirectoryExport($filter: OrganizationFilter, $orderBy: OrganizationOrder, $first: Int, $after: String) {
    organizations(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      edges {
        node {
          id name pillar observerKind governmentKind headquartersCountry countriesOfOperation website
          membershipCategory membershipStatus memberSince certificationDeadline standing certificationStatus
          currentCertification { standardName certificateNumber expiresOn }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** The directory's columns: the organization, then its standing and the certificate that standing rests on. */
export const DIRECTORY_COLUMNS = [
  'id',
  'name',
  'pillar',
  'observerKind',
  'governmentKind',
  'headquartersCountry',
  'countriesOfOperation',
  'website',
  'membershipCategory',
  'membershipStatus',
  'memberSince',
  'certificationDeadline',
  'standing',
  'certificationStatus',
  'certificateStandard',
  'certificateNumber',
  'certificateExpiresOn',
] as const;

const WATCHLIST = /* GraphQL */ `
  query WatchlistExport($id: ID!) {
    watchlist(id: $id) {
      id name
      entries {
        organizationId addedAt
        organization { name pillar headquartersCountry currentCertification { standardName certificateNumber expiresOn } }
        current { standing membershipStatus certificationStatus }
      }
    }
  }
`;

export const WATCHLIST_COLUMNS = [
  'organizationId',
  'name',
  'pillar',
  'headquartersCountry',
  'standing',
  'membershipStatus',
  'certificationStatus',
  'certificateStandard',
  'certificateNumber',
  'certificateExpiresOn',
  'addedAt',
] as const;

const VERIFICATION = /* GraphQL */ `
  query VerificationExport($names: [String!], $ids: [ID!], $asOf: Date) {
    verifyMembers(names: $names, ids: $ids, asOf: $asOf) {
      query queryKind asOf matched ambiguous
      matches {
        matchedName matchedNameKind exactMatch
        result {
          organizationId organizationName organizationNameAsOf pillar membershipStatus membershipCategory
          standing certificationStatus certificate { standardName certificateNumber expiresOn } receipt
        }
      }
    }
  }
`;

export const VERIFICATION_COLUMNS = [
  'query',
  'queryKind',
  'asOf',
  'matched',
  'ambiguous',
  'exactMatch',
  'matchedName',
  'matchedNameKind',
  'organizationId',
  'organizationName',
  'organizationNameAsOf',
  'pillar',
  'membershipStatus',
  'membershipCategory',
  'standing',
  'certificationStatus',
  'certificateStandard',
  'certificateNumber',
  'certificateExpiresOn',
  'receipt',
] as const;

/** The HTTP status of a refusal given as a GraphQL error (the GraphQL route answers most of them with 200). */
const STATUS_OF_CODE: Record<string, number> = {
  [ErrorCode.BadUserInput]: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  GRAPHQL_PARSE_FAILED: 400,
  BAD_REQUEST: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.Unavailable]: 503,
  [ErrorCode.Internal]: 500,
};

type Row = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers, read by the field names of the operations above
type Json = Record<string, any>;

/** An answer of the GraphQL route that is not a whole answer: its status and body, relayed as they are. */
class Refused extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly retryAfter?: string,
  ) {
    super(`export refused (${status})`);
  }
}

/** The day in UTC, for file names. */
const today = () => new Date().toISOString().slice(0, 10);

/** A file name part made of plain characters only (it goes into a header). */
const plain = (text: string) => text.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);

/**
 * `GET /exports/directory.csv?filter=<OrganizationFilter as JSON>`, `GET /exports/watchlists/:id.csv` (partners)
 * and `POST /exports/verifications.csv` (`{ "names": [...], "ids": [...], "asOf": "YYYY-MM-DD" }`), each answered
 * as `text/csv; charset=utf-8` with a UTF-8 byte-order mark, as an attachment. A refusal is the GraphQL error
 * in JSON with its HTTP status; an export that fails once rows were sent is cut off (the download fails)
 * rather than ending as if it were whole.
 */
export const exportRoutes: FastifyPluginAsync<ExportRouteOptions> = async (app, { verifyToken, logger, maxRows, pageSize }) => {
  /** Runs one operation through the gateway's GraphQL route as the caller; the whole answer's `data`, or Refused. */
  async function run(request: FastifyRequest, query: string, operationName: string, variables: Json, method: 'GET' | 'POST'): Promise<Json> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      // The GraphQL route's CSRF rule for GET (and the edge cache's condition): this request is no form post.
      'apollo-require-preflight': 'true',
      [REQUEST_ID_HEADER]: request.id,
    };
    for (const name of ['authorization', CLIENT_NAME_HEADER, 'accept-language']) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const params = { query, operationName, variables: JSON.stringify(variables) };
    const response = await (app as FastifyInstance).inject({
      method,
      url: method === 'GET' ? `/graphql?${new URLSearchParams(params)}` : '/graphql',
      headers,
      // The caller's address: anonymous callers are counted by it.
      remoteAddress: request.ip,
      ...(method === 'POST' ? { payload: JSON.stringify({ query, operationName, variables }) } : {}),
    });
    let body: Json;
    try {
      body = response.json();
    } catch {
      throw new Refused(502, errorBody(ErrorCode.Internal, 'The export could not be made'));
    }
    const retryAfter = response.headers['retry-after'] as string | undefined;
    if (response.statusCode !== 200) throw new Refused(response.statusCode, body, retryAfter);
    const errors = body.errors as GraphQLError[] | undefined;
    if (errors?.length) {
      // A partial answer (a subgraph out) would be a file with holes: refused whole.
      const code = String(errors[0].extensions?.code ?? '');
      throw new Refused(STATUS_OF_CODE[code] ?? 502, { errors }, retryAfter);
    }
    return body.data as Json;
  }

  /** The caller's role, or null once a 401 was sent for a token that does not verify. */
  async function roleOf(request: FastifyRequest, reply: FastifyReply): Promise<Viewer['role'] | null> {
    try {
      return (await verifyToken(request.headers.authorization, logger.child({ requestId: request.id }))).role;
    } catch (error) {
      await refuse(reply, 401, errorBody(ErrorCode.Unauthenticated, (error as GraphQLError).message));
      return null;
    }
  }

  function refuse(reply: FastifyReply, status: number, body: unknown, retryAfter?: string) {
    if (retryAfter) reply.header('retry-after', retryAfter);
    return reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(body);
  }

  /**
   * Sends the pages `rows` yields as CSV: the headers once the first page came (so that a refusal of the first
   * request is still an HTTP error with its JSON body), then each page as it comes, the next asked for only once
   * the client has taken the last (backpressure).
   */
  async function sendCsv(
    request: FastifyRequest,
    reply: FastifyReply,
    filename: string,
    columns: readonly string[],
    rows: () => AsyncGenerator<Row[]>,
    limit?: number,
  ) {
    const pages = rows();
    let firstPage: IteratorResult<Row[]>;
    try {
      firstPage = await pages.next();
    } catch (error) {
      if (error instanceof Refused) return refuse(reply, error.status, error.body, error.retryAfter);
      throw error;
    }
    async function* all(): AsyncGenerator<Row> {
      let page = firstPage;
      try {
        while (!page.done) {
          yield* page.value;
          page = await pages.next();
        }
      } catch (error) {
        logger.warn('export cut off', { requestId: request.id, filename, error: (error as Error).message });
        throw error;
      }
    }
    const csv = csvWriter(columns);
    const source = Readable.from(all());
    // The status (200) may be on its way already: the connection is closed mid-file, so the download fails.
    source.on('error', () => {
      reply.raw.destroy();
      csv.destroy();
    });
    // A client that went away asks for no more pages.
    csv.on('close', () => source.destroy());
    source.pipe(csv);
    reply
      .code(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff');
    if (limit !== undefined) reply.header('x-export-row-limit', String(limit));
    return reply.send(csv);
  }

  app.get<{ Querystring: { filter?: string; orderBy?: string } }>('/exports/directory.csv', async (request, reply) => {
    // The order's name goes through as the GraphQL variable (the graph refuses one it does not know); left out, the graph's default.
    const order = request.query.orderBy !== undefined ? { orderBy: request.query.orderBy } : {};
    let filter: unknown = null;
    if (request.query.filter !== undefined) {
      try {
        filter = JSON.parse(request.query.filter);
      } catch {
        filter = undefined;
      }
      if (!filter || typeof filter !== 'object' || Array.isArray(filter)) {
        return refuse(reply, 400, errorBody(ErrorCode.BadUserInput, 'filter must be an OrganizationFilter written as a JSON object'));
      }
    }
    const role = await roleOf(request, reply);
    if (!role) return reply;
    const signedIn = role !== 'public';
    const limit = signedIn ? maxRows.signedIn : maxRows.anonymous;
    async function* pages(): AsyncGenerator<Row[]> {
      let after: string | null = null;
      let written = 0;
      for (;;) {
        const first = Math.min(pageSize, limit - written);
        // Anonymous pages go as GET, the edge cache's kind: the same filter's pages are kept until the register changes.
        const data = await run(request, DIRECTORY, 'DirectoryExport', { filter, ...order, first, after }, signedIn ? 'POST' : 'GET');
        const connection = data.organizations as { edges: { node: Json }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        yield connection.edges.map(({ node }) => directoryRow(node));
        written += connection.edges.length;
        if (!connection.pageInfo.hasNextPage) return;
        if (written >= limit) {
          yield [{ id: truncatedNote(limit, signedIn) }];
          return;
        }
        after = connection.pageInfo.endCursor;
      }
    }
    return sendCsv(request, reply, `icoca-directory-${today()}.csv`, DIRECTORY_COLUMNS, pages, limit);
  });

  app.get<{ Params: { file: string } }>('/exports/watchlists/:file', async (request, reply) => {
    if (!request.params.file.endsWith('.csv')) return refuse(reply, 404, errorBody(ErrorCode.NotFound, 'Not found'));
    const role = await roleOf(request, reply);
    if (!role) return reply;
    if (role === 'public') return refuse(reply, 401, errorBody(ErrorCode.Unauthenticated, 'Sign in as a partner to export a watchlist'));
    if (role !== 'partner') return refuse(reply, 403, errorBody(ErrorCode.Forbidden, 'Only the partner that keeps a watchlist may export it'));
    const id = request.params.file.slice(0, -'.csv'.length);
    async function* pages(): AsyncGenerator<Row[]> {
      const data = await run(request, WATCHLIST, 'WatchlistExport', { id }, 'POST');
      if (!data.watchlist) throw new Refused(404, errorBody(ErrorCode.NotFound, 'Watchlist not found'));
      yield (data.watchlist.entries as Json[]).map(watchlistRow);
    }
    return sendCsv(request, reply, `icoca-watchlist-${plain(id)}-${today()}.csv`, WATCHLIST_COLUMNS, pages);
  });

  app.post<{ Body: unknown }>('/exports/verifications.csv', async (request, reply) => {
    const body = request.body;
    const allowed = new Set(['names', 'ids', 'asOf']);
    if (!body || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).some((key) => !allowed.has(key))) {
      return refuse(
        reply,
        400,
        errorBody(ErrorCode.BadUserInput, 'Send a JSON object with `names` and/or `ids` (lists) and optionally `asOf` (YYYY-MM-DD)'),
      );
    }
    const asOf = (body as { asOf?: unknown }).asOf;
    async function* pages(): AsyncGenerator<Row[]> {
      const data = await run(request, VERIFICATION, 'VerificationExport', body as Json, 'POST');
      yield (data.verifyMembers as Json[]).flatMap(verificationRows);
    }
    const day = typeof asOf === 'string' ? plain(asOf) : today();
    return sendCsv(request, reply, `icoca-verification-${day}.csv`, VERIFICATION_COLUMNS, pages);
  });
};

/** The last row of an export the row limit cut short (its first cell; it starts with `#`, never a formula). */
export function truncatedNote(limit: number, signedIn: boolean): string {
  return signedIn
    ? `# Stopped at ${limit} rows, the most an export holds: narrow the filter for the rest`
    : `# Stopped at ${limit} rows, the most an export without a token holds: narrow the filter, or sign in, for the rest`;
}

function directoryRow(node: Json): Row {
  const certificate = node.currentCertification as Json | null;
  return {
    id: node.id,
    name: node.name,
    pillar: node.pillar,
    observerKind: node.observerKind,
    governmentKind: node.governmentKind,
    headquartersCountry: node.headquartersCountry,
    countriesOfOperation: (node.countriesOfOperation as string[]).join(' '),
    website: node.website,
    membershipCategory: node.membershipCategory,
    membershipStatus: node.membershipStatus,
    memberSince: node.memberSince,
    certificationDeadline: node.certificationDeadline,
    standing: node.standing,
    certificationStatus: node.certificationStatus,
    certificateStandard: certificate?.standardName,
    certificateNumber: certificate?.certificateNumber,
    certificateExpiresOn: certificate?.expiresOn,
  };
}

function watchlistRow(entry: Json): Row {
  const certificate = entry.organization.currentCertification as Json | null;
  return {
    organizationId: entry.organizationId,
    name: entry.organization.name,
    pillar: entry.organization.pillar,
    headquartersCountry: entry.organization.headquartersCountry,
    standing: entry.current?.standing,
    membershipStatus: entry.current?.membershipStatus,
    certificationStatus: entry.current?.certificationStatus,
    certificateStandard: certificate?.standardName,
    certificateNumber: certificate?.certificateNumber,
    certificateExpiresOn: certificate?.expiresOn,
    addedAt: entry.addedAt,
  };
}

/** One row per match of a name or id asked; one row saying `matched: false` for one that matched nothing. */
function verificationRows(verification: Json): Row[] {
  const asked = {
    query: verification.query,
    queryKind: verification.queryKind,
    asOf: verification.asOf,
    matched: verification.matched,
    ambiguous: verification.ambiguous,
  };
  const matches = verification.matches as Json[];
  if (matches.length === 0) return [asked];
  return matches.map((match) => {
    const result = match.result as Json;
    const certificate = result.certificate as Json | null;
    return {
      ...asked,
      exactMatch: match.exactMatch,
      matchedName: match.matchedName,
      matchedNameKind: match.matchedNameKind,
      organizationId: result.organizationId,
      organizationName: result.organizationName,
      organizationNameAsOf: result.organizationNameAsOf,
      pillar: result.pillar,
      membershipStatus: result.membershipStatus,
      membershipCategory: result.membershipCategory,
      standing: result.standing,
      certificationStatus: result.certificationStatus,
      certificateStandard: certificate?.standardName,
      certificateNumber: certificate?.certificateNumber,
      certificateExpiresOn: certificate?.expiresOn,
      receipt: result.receipt,
    };
  });
}
