import path from 'node:path';
import { z } from 'zod';
import {
  authConfig,
  authEnvironment,
  ConfigError,
  flag,
  httpEnvironment,
  httpSettings,
  metricsEnvironment,
  metricsSettings,
  parseEnvironment,
  type AuthConfig,
  type Environment,
  type HttpSettings,
  type LogLevel,
  type MetricsSettings,
} from '../../services/shared/src';
import { EDGE_CACHE_DEFAULTS, type EdgeCacheLimits } from './edge-cache';
import { EXPORT_ROW_LIMITS_DEFAULTS, type ExportRowLimits } from './exports';

/** The subgraphs the gateway knows how to reach and authenticate to. */
export const SUBGRAPH_NAMES = ['membership', 'certification', 'complaints'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const perMinute = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000_000).default(fallback);
const secret = z.string().min(16, 'must be at least 16 characters').optional();

const gatewayEnvironment = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  SUPERGRAPH_FILE: z.string().default('schema/supergraph.graphql'),
  MEMBERSHIP_URL: z.string().url().optional(),
  CERTIFICATION_URL: z.string().url().optional(),
  COMPLAINTS_URL: z.string().url().optional(),
  MEMBERSHIP_GATEWAY_SECRET: secret,
  CERTIFICATION_GATEWAY_SECRET: secret,
  COMPLAINTS_GATEWAY_SECRET: secret,
  INTROSPECTION: flag.optional(),
  CORS_ORIGINS: z.string().optional(),
  TRUST_PROXY: z.string().optional(),
  RATE_LIMIT_PUBLIC_MUTATIONS: perMinute(10),
  RATE_LIMIT_PUBLIC_READS: perMinute(600),
  RATE_LIMIT_AUTHENTICATED: perMinute(3000),
  RATE_LIMIT_PROOFS: perMinute(10),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  RATE_LIMIT_REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL').optional(),
  RESPONSE_CACHE: flag.default(true),
  EDGE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(10_000_000).default(EDGE_CACHE_DEFAULTS.maxEntries),
  EDGE_CACHE_MAX_BYTES: z.coerce.number().int().min(64 * 1024).max(64 * 1024 * 1024 * 1024).default(EDGE_CACHE_DEFAULTS.maxBytes),
  OPERATION_MAX_COST: z.coerce.number().int().min(100).max(10_000_000).default(50_000),
  EXPORT_ANONYMOUS_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(EXPORT_ROW_LIMITS_DEFAULTS.anonymous),
  EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(EXPORT_ROW_LIMITS_DEFAULTS.signedIn),
  EXPORT_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  SUBGRAPH_KEEP_ALIVE_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  // At least 1: @apollo/gateway reads 0 as "its default".
  GATEWAY_QUERY_PLAN_CACHE_MIB: z.coerce.number().int().min(1).max(4096).default(16),
  GATEWAY_DOCUMENT_CACHE_MIB: z.coerce.number().int().min(1).max(4096).default(16),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  LOG_FILE: z.string().optional(),
  MEMBERSHIP_PROOF_CHECK_URL: z.string().url().regex(/^https?:\/\//, 'must be an http:// or https:// URL').optional(),
  MEMBERSHIP_PROOF_RENDERS: z.coerce.number().int().min(1).max(64).default(2),
  MEMBERSHIP_PROOF_QUEUE: z.coerce.number().int().min(0).max(1000).default(8),
})
  .extend(httpEnvironment.shape)
  .extend(metricsEnvironment.shape)
  .extend(authEnvironment.shape);

/** Which browser origins may call the graph: any local one in development, the listed ones in production. */
export type CorsPolicy = { kind: 'local-development' } | { kind: 'listed'; origins: string[] };

/** How many requests a client may make per window; see `gateway/src/rate-limits.ts`. */
export interface RateLimitSettings {
  /** Anonymous mutations (filing a complaint, applying, a message with a receipt code), per client address. */
  publicMutations: number;
  /** Anonymous queries, per client address. */
  publicReads: number;
  /** Callers with a token, per client id (or subject). */
  authenticated: number;
  /** Anonymous printable proofs of membership, per client address, besides the read each runs (rate-limits.ts). */
  proofs: number;
  windowMs: number;
  /** Counters shared by every gateway replica; per process when absent. */
  redisUrl?: string;
}

/** The gateway's configuration, parsed once at start-up. */
export interface GatewayConfig {
  environment: Environment;
  port: number;
  supergraphFile: string;
  /** Where each subgraph is, when not where the supergraph file says (containers, tests). */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** The secret each subgraph expects in `x-gateway-secret`. */
  subgraphSecrets: Partial<Record<SubgraphName, string>>;
  auth: AuthConfig;
  introspection: boolean;
  cors: CorsPolicy;
  /** Fastify's `trustProxy`: whether `X-Forwarded-For` names the client (behind a proxy only). */
  trustProxy: boolean | string[] | ((address: string, hop: number) => boolean);
  rateLimits: RateLimitSettings;
  /** Keep public answers in memory for their max-age (never answers to requests with a token). */
  responseCache: boolean;
  /** The most the edge cache holds: entries, and bytes with keys, answers and overhead counted (see `gateway/src/edge-cache.ts`). */
  edgeCache: EdgeCacheLimits;
  /** The most an operation may cost, lists counted by their size (see `gateway/src/operation-cost.ts`). */
  operationMaxCost: number;
  /** The most rows a CSV export holds, without a token and with one (see `gateway/src/exports.ts`). */
  exportMaxRows: ExportRowLimits;
  /** Rows an export asks for per GraphQL request (each counts against the caller's rate limit). */
  exportPageSize: number;
  subgraphTimeoutMs: number;
  subgraphKeepAliveMs: number;
  /**
   * Room for query plans, in MiB as @apollo/gateway counts them (the JSON size of each plan): an operation is
   * planned once, then found here until the least recently used plans make way (see docs/operations.md).
   */
  queryPlanCacheMiB: number;
  /** Room for parsed and validated client documents (Apollo Server's document store), counted the same way. */
  documentCacheMiB: number;
  http: HttpSettings;
  metrics: MetricsSettings;
  logLevel: LogLevel;
  logFile?: string;
  /** The page a printed proof's QR code opens (membership-proof.ts); the gateway's own `/membership-proof/check` when absent. */
  membershipProofCheckUrl?: string;
  /** Proofs drawn at once by this process, and proofs waiting for their turn; beyond both, 503 (membership-proof.ts). */
  membershipProofRenders: { concurrent: number; queued: number };
}

function origin(value: string): string {
  try {
    const url = new URL(value);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '')) return url.origin;
  } catch {
    // fall through
  }
  throw new ConfigError(`gateway: CORS_ORIGINS: "${value}" is not an origin (scheme://host[:port], no path)`);
}

/** `TRUST_PROXY`: true/false, a number of proxy hops, or a comma-separated list of proxy addresses. */
function trustProxy(value: string | undefined): GatewayConfig['trustProxy'] {
  if (!value || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = parseEnvironment(gatewayEnvironment, env, 'gateway');
  const production = parsed.NODE_ENV === 'production';
  const subgraphUrls: GatewayConfig['subgraphUrls'] = {};
  const subgraphSecrets: GatewayConfig['subgraphSecrets'] = {};
  for (const name of SUBGRAPH_NAMES) {
    const prefix = name.toUpperCase() as Uppercase<SubgraphName>;
    const url = parsed[`${prefix}_URL`];
    const subgraphSecret = parsed[`${prefix}_GATEWAY_SECRET`];
    if (url) subgraphUrls[name] = url;
    if (subgraphSecret) subgraphSecrets[name] = subgraphSecret;
    if (production && !subgraphSecret) {
      throw new ConfigError(`gateway: production needs ${prefix}_GATEWAY_SECRET, the secret the ${name} subgraph expects`);
    }
  }
  const listed = parsed.CORS_ORIGINS?.split(',').map((v) => v.trim()).filter(Boolean).map(origin);
  return {
    environment: parsed.NODE_ENV,
    port: parsed.PORT,
    supergraphFile: path.resolve(parsed.SUPERGRAPH_FILE),
    subgraphUrls,
    subgraphSecrets,
    auth: authConfig(parsed, 'gateway'),
    introspection: parsed.INTROSPECTION ?? !production,
    // Production answers only listed origins (none: no browser at all); development any local one unless a list is given.
    cors: production || listed?.length ? { kind: 'listed', origins: listed ?? [] } : { kind: 'local-development' },
    trustProxy: trustProxy(parsed.TRUST_PROXY),
    rateLimits: {
      publicMutations: parsed.RATE_LIMIT_PUBLIC_MUTATIONS,
      publicReads: parsed.RATE_LIMIT_PUBLIC_READS,
      authenticated: parsed.RATE_LIMIT_AUTHENTICATED,
      proofs: parsed.RATE_LIMIT_PROOFS,
      windowMs: parsed.RATE_LIMIT_WINDOW_MS,
      redisUrl: parsed.RATE_LIMIT_REDIS_URL,
    },
    responseCache: parsed.RESPONSE_CACHE,
    edgeCache: { maxEntries: parsed.EDGE_CACHE_MAX_ENTRIES, maxBytes: parsed.EDGE_CACHE_MAX_BYTES },
    operationMaxCost: parsed.OPERATION_MAX_COST,
    exportMaxRows: { anonymous: parsed.EXPORT_ANONYMOUS_MAX_ROWS, signedIn: parsed.EXPORT_MAX_ROWS },
    exportPageSize: parsed.EXPORT_PAGE_SIZE,
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
    subgraphKeepAliveMs: parsed.SUBGRAPH_KEEP_ALIVE_MS,
    queryPlanCacheMiB: parsed.GATEWAY_QUERY_PLAN_CACHE_MIB,
    documentCacheMiB: parsed.GATEWAY_DOCUMENT_CACHE_MIB,
    http: httpSettings(parsed, 'gateway'),
    metrics: metricsSettings(parsed),
    logLevel: parsed.LOG_LEVEL,
    logFile: parsed.LOG_FILE,
    membershipProofCheckUrl: parsed.MEMBERSHIP_PROOF_CHECK_URL,
    membershipProofRenders: { concurrent: parsed.MEMBERSHIP_PROOF_RENDERS, queued: parsed.MEMBERSHIP_PROOF_QUEUE },
  };
}
