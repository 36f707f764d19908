import cors from '@fastify/cors';
import type { FastifyPluginAsync } from 'fastify';
import type { CorsPolicy } from './config';

/** Headers a browser page may send: GraphQL's own, Apollo's client identification and CSRF headers, our request id. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'apollographql-client-name',
  'apollographql-client-version',
  'x-request-id',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  // The complaint form sends the complainant's receipt code with their evidence in this header.
  'x-receipt-code',
];
// A page that downloads a CSV export reads its file name and row limit (exports.ts).
const EXPOSED_HEADERS = ['retry-after', 'x-request-id', 'content-disposition', 'x-export-row-limit'];
const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

function allowsOrigin(policy: CorsPolicy, origin: string): boolean {
  return policy.kind === 'local-development' ? LOCAL_ORIGIN.test(origin) : policy.origins.includes(origin);
}

/**
 * Which browser pages may call the gateway (CORS_ORIGINS, or any local page in development), with which
 * headers. Separate because it is the gateway's policy towards browsers, the same for every route;
 * it installs `@fastify/cors` on the instance it is given, so it runs on the root instance.
 */
export const corsPolicy: FastifyPluginAsync<{ policy: CorsPolicy }> = async (app, { policy }) => {
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin === undefined || allowsOrigin(policy, origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
};
