import path from 'node:path';
import { z } from 'zod';
import type { LogLevel } from './logger';

/** The roles of the access model (docs/access.md): no token means `public`. */
export type Role = 'public' | 'partner' | 'member' | 'secretariat';
export const ROLES: readonly Role[] = ['public', 'partner', 'member', 'secretariat'];

/** Accepted only outside production; production refuses to start with it. */
export const DEVELOPMENT_JWT_SECRET = 'icoca-graph-development-secret-do-not-use-in-production';
export const TOKEN_ISSUER = 'icoca-graph';

/** Thrown when the environment is invalid; `main` prints the message and exits. */
export class ConfigError extends Error {}

export type Environment = 'development' | 'test' | 'production';
export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'mysql'; url: string };

/** Timeouts and shutdown of every process's HTTP server (see `services/shared/src/server.ts`). */
export interface HttpSettings {
  /** A client must send all request headers within this time, or its connection is dropped. */
  headersTimeoutMs: number;
  /** A client must send the whole request (headers and body) within this time: a trickled body is cut. */
  requestTimeoutMs: number;
  /**
   * How long an idle keep-alive connection stays open. Longer than the gateway's reuse window for its
   * connections to subgraphs, so the server never closes a connection the gateway is about to reuse.
   */
  keepAliveTimeoutMs: number;
  /** On SIGTERM, requests in flight get this long to finish before connections are cut. */
  shutdownGraceMs: number;
  /** Event-loop delay past which requests get 503 instead of waiting (0: never shed). */
  maxEventLoopDelayMs: number;
}

/** How every process checks a token's claims, whichever keys sign it. */
export interface TokenRules {
  issuer: string;
  audience: string;
  /** Dotted path to the claim holding the caller's roles (a string or a list), e.g. `realm_access.roles`. */
  roleClaim: string;
  /** The identity provider's role names, mapped to the graph's roles. */
  roleMap: Readonly<Record<string, Role>>;
  /** Dotted path to the claim naming a member's organization, or the partner organization a partner acts for. */
  organizationClaim?: string;
  /** The longest lifetime (exp − iat) a token may have, in seconds. */
  maxLifetimeSeconds: number;
  /** Leeway for `exp` and `nbf` against clock skew, in seconds. */
  clockToleranceSeconds: number;
  /**
   * Tokens this process has verified, kept by their whole text until their `exp` so that a token seen again
   * costs a look-up instead of a signature check; the least recently used go first past this many (0: none kept).
   */
  verifiedTokenCacheEntries: number;
}

/**
 * Where the keys come from: development tokens signed with a shared HS256 secret (`npm run token`),
 * or an OpenID Connect provider's published keys (RS256, ES256, EdDSA... as its JWKS says).
 */
export type AuthConfig = TokenRules &
  (
    | { keys: 'development-secret'; secret: string }
    | {
        keys: 'provider';
        /** The provider's keys; found through OIDC discovery (`<issuer>/.well-known/openid-configuration`) when absent. */
        jwksUrl?: string;
        /** How long fetched keys are used before fetching again: a key the provider rotated out stops working after it. */
        keyCacheMs: number;
        /** An unknown `kid` refetches the keys at most this often. */
        keyCooldownMs: number;
      }
  );

/** What every subgraph process needs, parsed once at start-up. */
export interface SubgraphConfig {
  service: string;
  environment: Environment;
  port: number;
  database: DatabaseConfig;
  /** Folder for the embedded databases and development-only files (`DATA_DIR`). */
  dataDir: string;
  /** Load the fictional sample data into an empty database on start. */
  loadSampleData: boolean;
  auth: AuthConfig;
  /** When set, only requests carrying this value in `x-gateway-secret` are answered. */
  gatewaySecret?: string;
  introspection: boolean;
  http: HttpSettings;
  /** Public answers are cacheable for at most this many seconds (caps the schema's `@cacheControl` hints). */
  cacheMaxAge: number;
  metrics: MetricsSettings;
  logLevel: LogLevel;
  logFile?: string;
  /** The environment it was read from, for settings of one subgraph only (parsed by that subgraph). */
  env: Readonly<Record<string, string | undefined>>;
}

export const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const environment = z.enum(['development', 'test', 'production']).default('development');
const logLevel = z.enum(['debug', 'info', 'warn', 'error', 'silent']);
const milliseconds = (fallback: number) => z.coerce.number().int().min(1).max(3_600_000).default(fallback);

const claimPath = z
  .string()
  .regex(/^[^.\s]+(\.[^.\s]+)*$/, 'must be a claim name or a dotted path such as realm_access.roles');

/** How bearer tokens are verified, the same in every process (see `AuthConfig`). */
export const authEnvironment = z.object({
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_ISSUER: z.string().url().optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_ROLE_CLAIM: claimPath.optional(),
  AUTH_ROLE_MAP: z.string().optional(),
  AUTH_ORGANIZATION_CLAIM: claimPath.optional(),
  AUTH_MAX_TOKEN_LIFETIME: z.coerce.number().int().min(60).max(604_800).default(86_400),
  AUTH_CLOCK_TOLERANCE: z.coerce.number().int().min(0).max(300).default(30),
  AUTH_KEY_CACHE_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
  AUTH_KEY_COOLDOWN_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  AUTH_VERIFIED_TOKEN_CACHE: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
});

/** The HTTP server settings every process reads (gateway and subgraphs alike). */
export const httpEnvironment = z.object({
  HEADERS_TIMEOUT_MS: milliseconds(10_000),
  REQUEST_TIMEOUT_MS: milliseconds(30_000),
  KEEP_ALIVE_TIMEOUT_MS: milliseconds(65_000),
  SHUTDOWN_GRACE_MS: milliseconds(10_000),
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
});

/** Reads the HTTP settings; a request timeout shorter than the header timeout would cut healthy requests. */
export function httpSettings(env: z.infer<typeof httpEnvironment>, service: string): HttpSettings {
  if (env.REQUEST_TIMEOUT_MS < env.HEADERS_TIMEOUT_MS) {
    throw new ConfigError(`${service}: REQUEST_TIMEOUT_MS must not be shorter than HEADERS_TIMEOUT_MS`);
  }
  return {
    headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    maxEventLoopDelayMs: env.MAX_EVENT_LOOP_DELAY_MS,
  };
}

/** Prometheus metrics of a process (see `services/shared/src/metrics.ts`). */
export interface MetricsSettings {
  /** Port of the metrics listener (`/metrics`), apart from the GraphQL port; none when unset, a free one when 0. */
  port?: number;
  /** Operation names kept as label values; later names are counted together as `(other)`. */
  maxOperationNames: number;
  /** Client names (`apollographql-client-name`) kept as label values; later ones are counted as `(other)`. */
  maxClientNames: number;
}

/** The metrics settings every process reads. */
export const metricsEnvironment = z.object({
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_MAX_OPERATION_NAMES: z.coerce.number().int().min(1).max(10_000).default(100),
  METRICS_MAX_CLIENT_NAMES: z.coerce.number().int().min(1).max(1000).default(20),
});

export function metricsSettings(env: z.infer<typeof metricsEnvironment>): MetricsSettings {
  return { port: env.METRICS_PORT, maxOperationNames: env.METRICS_MAX_OPERATION_NAMES, maxClientNames: env.METRICS_MAX_CLIENT_NAMES };
}

/** Environment variables shared by every subgraph; a subgraph may extend this object. */
export const subgraphEnvironment = z.object({
  NODE_ENV: environment,
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^mysql:\/\/.+/, 'must be a mysql:// URL (leave it unset for the embedded SQLite database)')
    .optional(),
  DATA_DIR: z.string().min(1).default('data'),
  SAMPLE_DATA: flag.optional(),
  GATEWAY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  INTROSPECTION: flag.optional(),
  CACHE_MAX_AGE: z.coerce.number().int().min(0).max(86_400).default(60),
  LOG_LEVEL: logLevel.default('info'),
  LOG_FILE: z.string().optional(),
})
  .extend(httpEnvironment.shape)
  .extend(metricsEnvironment.shape)
  .extend(authEnvironment.shape);

/** Parses `env` with `schema`, turning every problem into one readable message. */
export function parseEnvironment<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, service: string): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(`${service}: invalid configuration\n${lines.join('\n')}`);
  }
  return result.data;
}

/** `icoca-secretariat=secretariat,icoca-partner=partner`: the provider's role names, mapped to the graph's roles. */
function roleMap(value: string, service: string): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, role, extra] = pair.split('=').map((p) => p.trim());
    if (!name || !role || extra !== undefined || !['partner', 'member', 'secretariat'].includes(role)) {
      throw new ConfigError(
        `${service}: AUTH_ROLE_MAP: "${pair}" must be <provider role>=<partner|member|secretariat>, e.g. icoca-partner=partner`,
      );
    }
    map[name] = role as Role;
  }
  if (Object.keys(map).length === 0) throw new ConfigError(`${service}: AUTH_ROLE_MAP maps no role`);
  return map;
}

/**
 * How tokens are verified. With AUTH_ISSUER, tokens come from an OpenID Connect provider (its keys by
 * discovery or AUTH_JWKS_URL); otherwise, outside production only, from `npm run token` (HS256 with
 * AUTH_JWT_SECRET, or the development secret). Production refuses the development path.
 */
export function authConfig(env: z.infer<typeof authEnvironment> & { NODE_ENV: Environment }, service: string): AuthConfig {
  const common = {
    maxLifetimeSeconds: env.AUTH_MAX_TOKEN_LIFETIME,
    clockToleranceSeconds: env.AUTH_CLOCK_TOLERANCE,
    verifiedTokenCacheEntries: env.AUTH_VERIFIED_TOKEN_CACHE,
  };
  if (env.AUTH_ISSUER || env.AUTH_JWKS_URL) {
    if (env.AUTH_JWT_SECRET) {
      throw new ConfigError(`${service}: AUTH_JWT_SECRET signs development tokens; it cannot be set with an identity provider (AUTH_ISSUER)`);
    }
    const missing = (['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_ROLE_CLAIM', 'AUTH_ROLE_MAP'] as const).filter((name) => !env[name]);
    if (missing.length) throw new ConfigError(`${service}: an identity provider needs ${missing.join(', ')} as well`);
    const roles = roleMap(env.AUTH_ROLE_MAP!, service);
    if (Object.values(roles).includes('member') && !env.AUTH_ORGANIZATION_CLAIM) {
      throw new ConfigError(`${service}: AUTH_ROLE_MAP grants the member role: AUTH_ORGANIZATION_CLAIM must name the claim of its organization`);
    }
    return {
      ...common,
      keys: 'provider',
      issuer: env.AUTH_ISSUER!,
      jwksUrl: env.AUTH_JWKS_URL,
      audience: env.AUTH_AUDIENCE!,
      roleClaim: env.AUTH_ROLE_CLAIM!,
      roleMap: roles,
      organizationClaim: env.AUTH_ORGANIZATION_CLAIM,
      keyCacheMs: env.AUTH_KEY_CACHE_MS,
      keyCooldownMs: env.AUTH_KEY_COOLDOWN_MS,
    };
  }
  if (env.NODE_ENV === 'production') {
    throw new ConfigError(
      `${service}: production needs an identity provider (AUTH_ISSUER, AUTH_AUDIENCE, AUTH_ROLE_CLAIM, AUTH_ROLE_MAP); ` +
        'development tokens (HS256, AUTH_JWT_SECRET) are refused',
    );
  }
  return {
    ...common,
    keys: 'development-secret',
    secret: env.AUTH_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    issuer: TOKEN_ISSUER,
    audience: TOKEN_ISSUER,
    roleClaim: 'role',
    roleMap: { public: 'public', partner: 'partner', member: 'member', secretariat: 'secretariat' },
    organizationClaim: 'organizationId',
  };
}

/** Reads the configuration of subgraph `service`, defaulting its port to `defaultPort`. */
export function loadSubgraphConfig(
  service: string,
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
): SubgraphConfig {
  const parsed = parseEnvironment(subgraphEnvironment, env, service);
  const production = parsed.NODE_ENV === 'production';
  if (production && !parsed.DATABASE_URL) {
    throw new ConfigError(`${service}: production needs DATABASE_URL (mysql://...); the embedded database is for development`);
  }
  if (production && !parsed.GATEWAY_SECRET) {
    throw new ConfigError(`${service}: production needs GATEWAY_SECRET so that only the gateway can call this subgraph`);
  }
  const database: DatabaseConfig = parsed.DATABASE_URL
    ? { kind: 'mysql', url: parsed.DATABASE_URL }
    : { kind: 'sqlite', file: path.resolve(parsed.DATA_DIR, `${service}.sqlite`) };
  return {
    service,
    environment: parsed.NODE_ENV,
    port: parsed.PORT ?? defaultPort,
    database,
    dataDir: path.resolve(parsed.DATA_DIR),
    loadSampleData: parsed.SAMPLE_DATA ?? (!production && database.kind === 'sqlite'),
    auth: authConfig(parsed, service),
    gatewaySecret: parsed.GATEWAY_SECRET,
    introspection: parsed.INTROSPECTION ?? !production,
    http: httpSettings(parsed, service),
    cacheMaxAge: parsed.CACHE_MAX_AGE,
    metrics: metricsSettings(parsed),
    logLevel: parsed.LOG_LEVEL,
    logFile: parsed.LOG_FILE,
    env: { ...env },
  };
}
