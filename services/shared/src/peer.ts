import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { ConfigError, parseEnvironment, type SubgraphConfig } from './config';
import { currentRequestId, GATEWAY_SECRET_HEADER, REQUEST_ID_HEADER } from './context';
import { ErrorCode } from './errors';

/*
 * Peers: a subgraph asking another directly, for the rare rule that needs its data (e.g. "is this
 * organization a member?"). Reads only; the graph's clients still go through the gateway. Every
 * subgraph reads a peer's settings with `peerSettings` and builds its client with `createPeerClient`,
 * once per process at set-up (the client holds no per-request state), and hands it to its resolvers
 * through the context's `services`.
 */

/** The subgraphs, and where each listens in development (their default ports). */
export const DEVELOPMENT_SUBGRAPH_URLS = {
  membership: 'http://localhost:4001/graphql',
  certification: 'http://localhost:4002/graphql',
  complaints: 'http://localhost:4003/graphql',
} as const;
export type PeerName = keyof typeof DEVELOPMENT_SUBGRAPH_URLS;

/** Where a peer answers and the secret it expects from its callers (its own GATEWAY_SECRET). */
export interface PeerSettings {
  url: string;
  secret?: string;
}

const secret = z.string().min(16, 'must be at least 16 characters').optional();

/**
 * Reads `<PEER>_URL` and `<PEER>_GATEWAY_SECRET`, the same way in every subgraph. Production names every peer
 * explicitly: a subgraph that falls back to `localhost` there would ask whatever answers on that port, without
 * the secret a real peer requires, so a missing address or secret stops the start with the names of what is
 * missing. Development falls back to the peer's default local address.
 */
export function peerSettings(config: SubgraphConfig, peer: PeerName): PeerSettings {
  const prefix = peer.toUpperCase();
  const urlName = `${prefix}_URL`;
  const secretName = `${prefix}_GATEWAY_SECRET`;
  const env = parseEnvironment(
    z.object({ [urlName]: z.string().url().optional(), [secretName]: secret }),
    config.env as NodeJS.ProcessEnv,
    config.service,
  ) as Record<string, string | undefined>;
  if (config.environment === 'production') {
    const missing = [urlName, secretName].filter((name) => !env[name]);
    if (missing.length > 0) {
      throw new ConfigError(`${config.service}: production needs ${missing.join(' and ')} to ask the ${peer} subgraph`);
    }
  }
  return { url: env[urlName] ?? DEVELOPMENT_SUBGRAPH_URLS[peer], secret: env[secretName] };
}

/** Asks a peer's GraphQL endpoint. */
export interface PeerClient {
  query<T>(query: string, variables?: Record<string, unknown>, requestId?: string): Promise<T>;
}

/** A peer client that also calls the peer's gated HTTP routes (JSON in and out, on the GraphQL URL's origin). */
export interface PeerRoutesClient extends PeerClient {
  /** For a request's rule: an error masked as INTERNAL_SERVER_ERROR when the peer cannot answer. */
  post<T>(path: string, body: unknown): Promise<T>;
  /**
   * For a background job (no request waits): a plain error saying what the peer answered, for the job's
   * log. `timeoutMs` longer than a request's when the job reads pages.
   */
  get<T>(path: string, options?: { timeoutMs?: number }): Promise<T>;
  /**
   * The same client for one request: its calls carry `requestId`, so the peer's log lines join the request's
   * (a request's id is passed on explicitly, see context.ts). Undefined: the background work running now, if any.
   */
  forRequest(requestId: string | undefined): PeerRoutesClient;
}

const PEER_TIMEOUT_MS = 5000;

/** The headers every call to a peer carries: its secret, and the request it serves (for the logs). */
function peerHeaders(secret: string | undefined, requestId: string | undefined): Record<string, string> {
  return {
    ...(secret ? { [GATEWAY_SECRET_HEADER]: secret } : {}),
    ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
  };
}

/** One POST to a peer, with its secret and the request id; null when it cannot be reached or answers no JSON. */
async function postJson(target: string | URL, secret: string | undefined, body: unknown, requestId: string | undefined) {
  try {
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...peerHeaders(secret, requestId) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(PEER_TIMEOUT_MS),
    });
    return { ok: response.ok, body: (await response.json()) as unknown };
  } catch {
    return null;
  }
}

/** Not the caller's fault: a plain error, masked as INTERNAL_SERVER_ERROR and logged. */
function couldNotAnswer(name: string, cause?: string[]): GraphQLError {
  return new GraphQLError(`The ${name} subgraph could not answer`, {
    extensions: { code: ErrorCode.Internal, ...(cause ? { cause } : {}) },
  });
}

/** The one way to build a peer's client: `name` for messages, `url` its GraphQL URL, `secret` its GATEWAY_SECRET. */
export function createPeerClient(name: string, url: string, secret: string | undefined, boundRequestId?: string): PeerRoutesClient {
  const currentId = () => boundRequestId ?? currentRequestId();
  return {
    forRequest: (requestId) => createPeerClient(name, url, secret, requestId),
    async query<T>(query: string, variables?: Record<string, unknown>, requestId = currentId()): Promise<T> {
      const answer = await postJson(url, secret, { query, variables }, requestId);
      const body = (answer?.body ?? { errors: [{ message: 'unreachable' }] }) as { data?: T; errors?: { message: string }[] };
      if (!body.data || body.errors?.length) throw couldNotAnswer(name, body.errors?.map((e) => e.message));
      return body.data;
    },
    async post<T>(path: string, body: unknown): Promise<T> {
      const answer = await postJson(new URL(path, url), secret, body, currentId());
      if (!answer?.ok) throw couldNotAnswer(name);
      return answer.body as T;
    },
    async get<T>(path: string, options: { timeoutMs?: number } = {}): Promise<T> {
      const response = await fetch(new URL(path, url), {
        headers: peerHeaders(secret, currentId()),
        signal: AbortSignal.timeout(options.timeoutMs ?? PEER_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`the ${name} subgraph answered ${response.status} at ${path}: ${(await response.text()).slice(0, 200)}`);
      return (await response.json()) as T;
    },
  };
}
