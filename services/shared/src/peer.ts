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
