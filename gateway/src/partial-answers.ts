import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../../services/shared/src';
import type { GatewayContext, Outage } from './subgraph-source';

export const UNAVAILABLE_CODE = ErrorCode.Unavailable;
const MESSAGE = 'This part of the answer is temporarily unavailable; try again shortly';
/** One error per missing field and item, up to this many; a list of 1,000 items gets a summary after. */
const MAX_ERRORS = 100;

type Json = null | string | number | boolean | Json[] | { [key: string]: Json };

/**
 * The errors for the parts of an answer that failed subgraphs would have filled: one per missing
 * field of each object, with its full path (list items with their index). Where the object itself
 * is missing (null propagated up), the error is at the deepest path that exists.
 */
export function outageErrors(outages: readonly Outage[], data: Json | undefined): GraphQLFormattedError[] {
  const paths = new Map<string, (string | number)[]>();
  const add = (path: (string | number)[]) => paths.set(JSON.stringify(path), path);
  for (const outage of outages) {
    const walk = (value: Json | undefined, rest: (string | number)[], at: (string | number)[]) => {
      if (value === null || value === undefined) {
        add(at);
        return;
      }
      if (rest.length === 0) {
        if (Array.isArray(value)) {
          value.forEach((item, i) => walk(item, rest, [...at, i]));
          return;
        }
        if (typeof value !== 'object') return;
        const missing = outage.fields.filter((field) => field in value && value[field] === null);
        if (missing.length === 0 && !outage.fields.some((field) => field in value)) add(at);
        for (const field of missing) add([...at, field]);
        return;
      }
      const [head, ...tail] = rest;
      if (head === '@' || Array.isArray(value)) {
        if (!Array.isArray(value)) return;
        value.forEach((item, i) => walk(item, head === '@' ? tail : rest, [...at, i]));
        return;
      }
      if (typeof value !== 'object') return;
      if (!(String(head) in value)) return;
      walk(value[String(head)], tail, [...at, head]);
    };
    if (outage.path.length === 0 && (data === null || data === undefined)) {
      for (const field of outage.fields) add([field]);
    } else {
      walk(data ?? null, outage.path, []);
    }
  }
  const all = [...paths.values()].filter((path) => path.length > 0);
  const errors: GraphQLFormattedError[] = all
    .slice(0, MAX_ERRORS)
    .map((path) => ({ message: MESSAGE, path, extensions: { code: UNAVAILABLE_CODE } }));
  if (all.length > MAX_ERRORS) {
    errors.push({ message: `${MESSAGE} (and ${all.length - MAX_ERRORS} more parts)`, extensions: { code: UNAVAILABLE_CODE } });
  }
  if (errors.length === 0) errors.push({ message: MESSAGE, extensions: { code: UNAVAILABLE_CODE } });
  return errors;
}

/**
 * Turns the outages the subgraph sources recorded into errors with paths (Apollo Gateway reports a
 * failed fetch without one), logs which subgraph failed, and keeps such an answer out of every cache.
 */
export function partialAnswersPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, overallCachePolicy }) {
          const outages = contextValue.outages;
          if (!outages?.length || response.body.kind !== 'single') return;
          overallCachePolicy.restrict({ maxAge: 0 });
          for (const { subgraph, reason, path } of outages) {
            contextValue.logger.warn('answered without a subgraph', { subgraph, reason, path: path.join('.') });
          }
          const result = response.body.singleResult;
          result.errors = [...(result.errors ?? []), ...outageErrors(outages, result.data as Json | undefined)];
        },
      };
    },
  };
}
