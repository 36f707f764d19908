import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from './logger';

/** The `extensions.code` values clients can rely on. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Forbidden: 'FORBIDDEN',
  Unauthenticated: 'UNAUTHENTICATED',
  Conflict: 'CONFLICT',
  /** Too many requests from this client: wait for `Retry-After` seconds. */
  RateLimited: 'RATE_LIMITED',
  /** A part of the graph (or the whole service) is temporarily unavailable: try again shortly. */
  Unavailable: 'SERVICE_UNAVAILABLE',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;

/** Codes produced by GraphQL itself or Apollo for a malformed request; safe to show as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);
/** Refusals that, by the project's rule, change nothing: bad input, missing, not allowed, stale, over a limit. */
export const REFUSALS_THAT_CHANGE_NOTHING: ReadonlySet<string> = new Set<string>([
  ErrorCode.BadUserInput,
  ErrorCode.NotFound,
  ErrorCode.Forbidden,
  ErrorCode.Unauthenticated,
  ErrorCode.Conflict,
  ErrorCode.RateLimited,
]);
// INTERNAL_SERVER_ERROR is not among them: its message may carry SQL or a stack, so it is always masked.
const PUBLIC_CODES = new Set<string>([
  ...REFUSALS_THAT_CHANGE_NOTHING,
  ErrorCode.Unavailable,
  ...REQUEST_ERROR_CODES,
]);

/** Input that breaks a rule: the message says which rule, `field` names the input when known. */
export function badUserInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, ...(field ? { field } : {}) } });
}

/** Something that does not exist, or that the viewer may not know exists. */
export function notFound(what: string, id?: string): GraphQLError {
  return new GraphQLError(id ? `${what} ${id} was not found` : `${what} was not found`, {
    extensions: { code: ErrorCode.NotFound },
  });
}

export function forbidden(message = 'You are not allowed to do this'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });
}

/** `httpStatus` is set only where the whole request is refused (a bad token), not for one field. */
export function unauthenticated(message = 'Sign in to do this', httpStatus?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.Unauthenticated, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
  });
}

/** Someone else changed the record first (optimistic locking): reload and try again. */
export function conflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Conflict } });
}

/**
 * Apollo `formatError`: known codes pass with their message; anything else (a bug, a database error
 * with SQL in it) becomes a bare INTERNAL_SERVER_ERROR, logged here with the request id so the
 * operator can find it while the client learns nothing about the internals.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      const { field } = formatted.extensions ?? {};
      return {
        message: formatted.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code, ...(field ? { field } : {}) },
      };
    }
    const original = unwrapResolverError(error);
    logger.error('unexpected error', {
      error: original instanceof Error ? original.message : String(original),
      stack: original instanceof Error ? original.stack : undefined,
      path: formatted.path,
    });
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.Internal },
    };
  };
}
