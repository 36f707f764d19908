import { AsyncLocalStorage } from 'node:async_hooks';
import type { CachePolicy } from '@apollo/cache-control-types';
import { randomUUID } from 'node:crypto';
import type { Viewer } from './auth';
import type { Database } from './database';
import type { Logger } from './logger';

/** What every resolver receives, built afresh for each request. */
export interface RequestContext<Loaders = unknown, Services = unknown> {
  viewer: Viewer;
  /** Follows the request from the gateway into each subgraph (header `x-request-id`). */
  requestId: string;
  /** DataLoaders of this request only. */
  loaders: Loaders;
  logger: Logger;
  /** The caller's `Accept-Language` header (forwarded by the gateway), for messages worded in the caller's language. */
  acceptLanguage?: string;
  /** The subgraph's own database. */
  database: Database;
  /** What the subgraph's `setup` prepared once at start (e.g. signing keys). */
  services: Services;
  /**
   * The cache policy of this request's answer (cache-policy.ts): what resolvers learn as they run (a
   * restricted field was read, the answer is the viewer's own) restricts it.
   */
  cachePolicy?: CachePolicy;
}

export const REQUEST_ID_HEADER = 'x-request-id';
/** Apollo's client identification, which the gateway passes on to subgraphs. */
export const CLIENT_NAME_HEADER = 'apollographql-client-name';
export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';

/** A client-supplied request id is kept only when it is short and plain, so it is safe to log. */
export function acceptableRequestId(value: string | undefined): string | undefined {
  return value && /^[A-Za-z0-9._:-]{1,100}$/.test(value) ? value : undefined;
}

/** The name an application gives itself (`apollographql-client-name`), kept only when short and plain. */
export function acceptableClientName(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && /^[\w .:@/+-]{1,100}$/.test(value) ? value : undefined;
}

/**
 * Who is calling, for every log line of a request: the API client the token was issued to, the
 * partner organization it acts for, and the name the application gives itself
 * (`apollographql-client-name`, kept when short and plain).
 */
export function callerFields(
  viewer: Viewer,
  clientName: string | string[] | undefined,
): { clientId?: string; clientName?: string; partnerOrganizationId?: string } {
  const name = acceptableClientName(clientName);
  return {
    ...(viewer.clientId ? { clientId: viewer.clientId } : {}),
    ...(name ? { clientName: name } : {}),
    ...(viewer.partnerOrganizationId ? { partnerOrganizationId: viewer.partnerOrganizationId } : {}),
  };
}

/*
 * Background work (a scheduled job, or a peer route serving another subgraph's job) is followed through its
 * awaits by an AsyncLocalStorage, so its statements are counted apart from requests' and its calls to peers
 * carry its id. Requests are not: an enabled AsyncLocalStorage makes Node run hooks on every promise of the
 * process, which cost a subgraph about a sixth of its CPU per directory request (the side-by-side bench). So the
 * storage is enabled only while some background work runs, and a request passes its id on explicitly (the
 * context's `requestId`, `PeerClient.forRequest`).
 */
const backgroundScope = new AsyncLocalStorage<{ requestId: string }>();
/** Background runs in progress: the storage is disabled when the last one ends. */
let backgroundRuns = 0;

function inBackgroundScope<T>(requestId: string, work: () => T): T {
  backgroundRuns += 1;
  const ended = () => {
    backgroundRuns -= 1;
    // Turns the promise hooks off again; work a run started and left running loses its background mark.
    if (backgroundRuns === 0) backgroundScope.disable();
  };
  let result: T;
  try {
    result = backgroundScope.run({ requestId }, work);
  } catch (error) {
    ended();
    throw error;
  }
  if (result instanceof Promise) return result.finally(ended) as T;
  ended();
  return result;
}

/** Request ids of background work start with this, in every subgraph its calls reach. */
const BACKGROUND_REQUEST_ID = 'background:';

/**
 * Runs `work` as part of the request `requestId` (already checked): as background work when the id says so (a
 * peer route serving another subgraph's job), otherwise as it is.
 */
export function runInRequestScope<T>(requestId: string, work: () => T): T {
  if (isBackgroundRequestId(requestId)) return inBackgroundScope(requestId, work);
  // While background work runs, a request's work is kept out of its scope, whatever context it starts from.
  return backgroundRuns > 0 ? backgroundScope.exit(work) : work();
}

/** Whether a request id names background work (a job's, or a peer call a job made). */
export function isBackgroundRequestId(requestId: string): boolean {
  return requestId.startsWith(BACKGROUND_REQUEST_ID);
}

/** The id of the background work running now, if any (a request passes its own id on explicitly). */
export function currentRequestId(): string | undefined {
  return backgroundScope.getStore()?.requestId;
}

/**
 * Runs work no request asked for (a scheduled job, an outbox poll) under a request id of its own, marked as
 * background. Its calls to other subgraphs carry that id, so the statements they cause there are counted
 * apart from requests' as well (tests count a request's statements while jobs run beside it).
 */
export function runInBackground<T>(work: () => Promise<T>): Promise<T> {
  return inBackgroundScope(`${BACKGROUND_REQUEST_ID}${randomUUID()}`, work);
}

/** Whether the work running now is background work, here or in the subgraph that called this one. */
export function inBackground(): boolean {
  return currentRequestId()?.startsWith(BACKGROUND_REQUEST_ID) ?? false;
}
