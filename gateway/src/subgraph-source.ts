import type { AnswerNote } from './edge-cache';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher, FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError, Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { Counter, Histogram } from 'prom-client';
import { Agent, request } from 'undici';
import {
  CLIENT_NAME_HEADER,
  GATEWAY_SECRET_HEADER,
  REQUEST_ID_HEADER,
  type Logger,
  type ProcessMetrics,
  type Viewer,
} from '../../services/shared/src';

/** A part of an answer a subgraph could not give: where it would have gone, and which fields. */
export interface Outage {
  subgraph: string;
  /** Path in the client's answer where the fetch's objects sit (`@` for every item of a list). */
  path: (string | number)[];
  /** Response keys the fetch would have filled on each of those objects. */
  fields: string[];
  /** Why, for the logs only. */
  reason: string;
}

/** What the gateway keeps per request: enough to forward identity, trace the request and report outages. */
export interface GatewayContext {
  viewer: Viewer;
  authorization?: string;
  /** The calling application's name (`apollographql-client-name`), passed on for the subgraphs' logs. */
  clientName?: string;
  /** The caller's `Accept-Language`, passed on so that the complaints subgraph can word its errors for the person filing. */
  acceptLanguage?: string;
  requestId: string;
  logger: Logger;
  /** Subgraph fetches that failed in this request; the partial-answers plugin turns them into errors with paths. */
  outages: Outage[];
  /** What the caches need to know of this request's answer (its tags, the invalidation counter before it ran). */
  cacheNote: AnswerNote;
}

/** The subgraph did not answer (unreachable, timed out, reset, 5xx): the part it owns is missing, the rest stands. */
class SubgraphUnavailable extends Error {}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string } })?.cause;
  return cause?.code ?? (error as { code?: string })?.code;
}

/** Only queries are retried: the gateway's subgraph operations start with their operation type. */
function isQuery(body: unknown): boolean {
  return typeof body === 'string' && !/^\{"query":"\s*mutation\b/.test(body);
}

export interface SubgraphFetchSettings {
  /** A subgraph call gives up after this long. */
  timeoutMs: number;
  /**
   * How long an idle connection to a subgraph is reused. Shorter than the subgraphs' own keep-alive,
   * so a subgraph never closes a connection the gateway is about to send on.
   */
  keepAliveMs: number;
}

/** Latency of every subgraph fetch by outcome, and the failed ones by reason (timeout, unreachable, http_5xx, refused). */
export interface SubgraphFetchMetrics {
  duration: Histogram<'subgraph' | 'outcome'>;
  errors: Counter<'subgraph' | 'reason'>;
}

/** The subgraph-fetch metrics of the gateway's registry. */
export function subgraphFetchMetrics(metrics: ProcessMetrics): SubgraphFetchMetrics {
  return {
    duration: metrics.histogram(
      'gateway_subgraph_fetch_duration_seconds',
      'Time of each fetch from a subgraph, by subgraph and outcome (ok, http_5xx, refused, timeout, unreachable).',
      ['subgraph', 'outcome'],
    ),
    errors: metrics.counter('gateway_subgraph_fetch_errors_total', 'Subgraph fetches that failed, by subgraph and reason.', ['subgraph', 'reason']),
  };
}

/** A subgraph's answer, read whole (answers are small JSON documents), as Apollo's data source reads it. */
class SubgraphResponse implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly ok: boolean;
  readonly statusText = '';
  readonly headers: FetcherHeaders;

  constructor(
    readonly url: string,
    readonly status: number,
    headers: Record<string, string | string[] | undefined>,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    const map = new Map<string, string>();
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) map.set(name, Array.isArray(value) ? value.join(', ') : value);
    this.headers = {
      get: (name) => map.get(name.toLowerCase()) ?? null,
      has: (name) => map.has(name.toLowerCase()),
      append: (name, value) => void map.set(name.toLowerCase(), value),
      set: (name, value) => void map.set(name.toLowerCase(), value),
      delete: (name) => void map.delete(name.toLowerCase()),
      entries: () => map.entries(),
      keys: () => map.keys(),
      values: () => map.values(),
      [Symbol.iterator]: () => map.entries(),
    };
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new TextEncoder().encode(this.body).buffer as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return this;
  }
}

/**
 * The gateway's HTTP client for subgraphs: undici's plain request API (the fetch API costs several
 * times as much per call), keep-alive connections, a deadline per call, and one retry of a query whose
 * reused connection was reset under it (a mutation is never sent twice). It asks for no compression
 * (unlike fetch, `request` sends no accept-encoding) and subgraphs never compress: between processes
 * that sit side by side, compressing each answer costs more CPU than the bytes it saves.
 */
export function subgraphFetcher(
  name: string,
  settings: SubgraphFetchSettings,
  logger: Logger,
  metrics?: SubgraphFetchMetrics,
): { fetcher: Fetcher; close(): Promise<void> } {
  const agent = new Agent({
    keepAliveTimeout: settings.keepAliveMs,
    keepAliveMaxTimeout: settings.keepAliveMs,
    connections: 64,
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
  });
  const record = (since: number, outcome: string) => {
    metrics?.duration.observe({ subgraph: name, outcome }, (performance.now() - since) / 1000);
    if (outcome !== 'ok') metrics?.errors.inc({ subgraph: name, reason: outcome });
  };
  const fetcher = async (url: string, init?: Parameters<Fetcher>[1]): Promise<FetcherResponse> => {
    const since = performance.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await request(url, {
          method: (init?.method ?? 'POST') as 'POST',
          headers: init?.headers,
          body: init?.body,
          dispatcher: agent,
        });
        const answer = new SubgraphResponse(url, response.statusCode, response.headers, await response.body.text());
        record(since, response.statusCode >= 500 ? 'http_5xx' : response.statusCode === 403 ? 'refused' : 'ok');
        return answer;
      } catch (error) {
        const code = causeCode(error);
        if (code && TIMEOUT_CODES.has(code)) {
          record(since, 'timeout');
          throw new SubgraphUnavailable(`timed out after ${settings.timeoutMs} ms`);
        }
        if (attempt === 1 && code && RESET_CODES.has(code) && isQuery(init?.body)) {
          logger.info('subgraph connection reset; retrying the query once', { requestId: requestIdOf(init?.headers), subgraph: name, code });
          continue;
        }
        record(since, 'unreachable');
        throw new SubgraphUnavailable(code ?? 'unreachable');
      }
    }
  };
  return { fetcher: fetcher as Fetcher, close: () => agent.close() };
}

/** The response keys a subgraph operation fills: the entity fields of an `_entities` fetch, else its root fields. */
export function fetchedFields(document: DocumentNode | undefined): string[] {
  const operation = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [];
  const keysOf = (set: SelectionSetNode | undefined): string[] =>
    (set?.selections ?? []).flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === '__typename' ? [] : [(selection.alias ?? selection.name).value];
      if (selection.kind === Kind.INLINE_FRAGMENT) return keysOf(selection.selectionSet);
      return [];
    });
  const [first] = operation.selectionSet.selections;
  if (first?.kind === Kind.FIELD && first.name.value === '_entities') return [...new Set(keysOf(first.selectionSet))];
  return [...new Set(keysOf(operation.selectionSet))];
}

/**
 * A subgraph as the gateway calls it: forwards the caller's token, the request id, the caller's Accept-Language and this subgraph's
 * shared secret. When the subgraph cannot answer, the fetch contributes nothing and is recorded as an
 * outage, so the rest of the answer stands and the missing part is reported where it belongs.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly secret: string | undefined,
    fetcher: Fetcher,
  ) {
    super({ url, fetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    if ('requestId' in context && context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if ('authorization' in context && context.authorization) headers.set('authorization', context.authorization);
    if ('clientName' in context && context.clientName) headers.set(CLIENT_NAME_HEADER, context.clientName);
    if ('acceptLanguage' in context && context.acceptLanguage) headers.set('accept-language', context.acceptLanguage.slice(0, 200));
    if (this.secret) headers.set(GATEWAY_SECRET_HEADER, this.secret);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      // Only a client's operation has a place in an answer (health checks and schema loads have none).
      if (!(error instanceof SubgraphUnavailable) || !('incomingRequestContext' in options)) throw error;
      options.context.logger?.warn('subgraph unavailable', { subgraph: this.subgraph, reason: error.message });
      options.context.outages?.push({
        subgraph: this.subgraph,
        path: [...(options.pathInIncomingRequest ?? [])],
        fields: fetchedFields(options.document ?? (options.request.query ? parse(options.request.query) : undefined)),
        reason: error.message,
      });
      return { data: null };
    }
  }

  /**
   * A subgraph refuses some requests with an HTTP error status (400 for a malformed variable, 401 for
   * a bad token): its first coded error goes on to the client. A 5xx, or a refusal of the gateway
   * itself (a wrong secret), means this part of the graph is unavailable.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = (await this.parseBody(response).catch(() => null)) as {
      errors?: { message?: string; extensions?: { code?: unknown } }[];
    } | null;
    const first = typeof body === 'object' ? body?.errors?.[0] : undefined;
    if (response.status < 500 && response.status !== 403 && first?.message && typeof first.extensions?.code === 'string') {
      return new GraphQLError(first.message, { extensions: { code: first.extensions.code } });
    }
    throw new SubgraphUnavailable(`HTTP ${response.status}`);
  }
}

/** The request id the gateway passes on to a subgraph, read back from the call's headers (for the log). */
function requestIdOf(headers: unknown): string | undefined {
  // Apollo's data source hands its fetcher the headers as a plain object, their names in lower case.
  return (headers as Record<string, string | undefined> | undefined)?.[REQUEST_ID_HEADER];
}
