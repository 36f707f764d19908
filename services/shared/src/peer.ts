import { GraphQLError } from 'graphql';
import { currentRequestId, GATEWAY_SECRET_HEADER, REQUEST_ID_HEADER } from './context';
import { ErrorCode } from './errors';

/**
 * Asks another subgraph directly, for the rare rule that needs its data at write time (e.g. "is this
 * organization a member?"). Reads only; the graph's clients still go through the gateway.
 */
export interface PeerClient {
  query<T>(query: string, variables?: Record<string, unknown>, requestId?: string): Promise<T>;
}

export function createPeerClient(name: string, url: string, secret: string | undefined): PeerClient {
  return {
    async query<T>(query: string, variables?: Record<string, unknown>, requestId = currentRequestId()): Promise<T> {
      let body: { data?: T; errors?: { message: string }[] };
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(secret ? { [GATEWAY_SECRET_HEADER]: secret } : {}),
            ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
          },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(5000),
        });
        body = (await response.json()) as typeof body;
      } catch {
        body = { errors: [{ message: 'unreachable' }] };
      }
      if (!body.data || body.errors?.length) {
        // Not the caller's fault: a plain error, masked as INTERNAL_SERVER_ERROR and logged.
        throw new GraphQLError(`The ${name} subgraph could not answer`, {
          extensions: { code: ErrorCode.Internal, cause: body.errors?.map((e) => e.message) },
        });
      }
      return body.data;
    },
  };
}

/**
 * The complaints subgraph's peer route: open complaints per company, for the certification subgraph's monitoring
 * priorities. Gated by the complaints subgraph's gateway secret; never part of the public graph.
 */
export const OPEN_COMPLAINT_COUNTS_PATH = '/peer/open-complaint-counts';

/** POSTs JSON to a gated peer route of another subgraph (`url` is that subgraph's GraphQL URL; `path` is on its origin). */
export async function postToPeer<T>(name: string, url: string, secret: string | undefined, path: string, body: unknown): Promise<T> {
  const requestId = currentRequestId();
  try {
    const response = await fetch(new URL(path, url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret ? { [GATEWAY_SECRET_HEADER]: secret } : {}),
        ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    if (response.ok) return (await response.json()) as T;
  } catch {
    // reported below, as for any peer that cannot answer
  }
  throw new GraphQLError(`The ${name} subgraph could not answer`, { extensions: { code: ErrorCode.Internal } });
}
