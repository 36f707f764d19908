import path from 'node:path';
import { z } from 'zod';
import type { LogLevel } from './logger';

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
}

export interface AuthConfig {
  /** HS256 secret for bearer tokens; absent when a JWKS URL is used. */
  jwtSecret?: string;
  /** Identity provider's public keys (production). */
  jwksUrl?: string;
}

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
  logLevel: LogLevel;
  logFile?: string;
  /** The environment it was read from, for settings of one subgraph only (parsed by that subgraph). */
  env: Readonly<Record<string, string | undefined>>;
}

export const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const environment = z.enum(['development', 'test', 'production']).default('development');
const logLevel = z.enum(['debug', 'info', 'warn', 'error', 'silent']);
const milliseconds = (fallback: number) => z.coerce.number().int().min(1).max(3_600_000).default(fallback);

/** The HTTP server settings every process reads (gateway and subgraphs alike). */
export const httpEnvironment = z.object({
  HEADERS_TIMEOUT_MS: milliseconds(10_000),
  REQUEST_TIMEOUT_MS: milliseconds(30_000),
  KEEP_ALIVE_TIMEOUT_MS: milliseconds(65_000),
  SHUTDOWN_GRACE_MS: milliseconds(10_000),
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
  };
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
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  GATEWAY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  INTROSPECTION: flag.optional(),
  CACHE_MAX_AGE: z.coerce.number().int().min(0).max(86_400).default(60),
  LOG_LEVEL: logLevel.default('info'),
  LOG_FILE: z.string().optional(),
}).extend(httpEnvironment.shape);

/** Parses `env` with `schema`, turning every problem into one readable message. */
export function parseEnvironment<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, service: string): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(`${service}: invalid configuration\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Production refuses the development token secret: it is public, in this repository. */
export function authConfig(
  env: { NODE_ENV: Environment; AUTH_JWT_SECRET?: string; AUTH_JWKS_URL?: string },
  service: string,
): AuthConfig {
  if (env.NODE_ENV === 'production') {
    if (!env.AUTH_JWKS_URL && (!env.AUTH_JWT_SECRET || env.AUTH_JWT_SECRET === DEVELOPMENT_JWT_SECRET)) {
      throw new ConfigError(
        `${service}: production needs AUTH_JWKS_URL or an AUTH_JWT_SECRET of its own; the development secret is refused`,
      );
    }
  }
  if (env.AUTH_JWKS_URL) return { jwksUrl: env.AUTH_JWKS_URL };
  return { jwtSecret: env.AUTH_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET };
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
    logLevel: parsed.LOG_LEVEL,
    logFile: parsed.LOG_FILE,
    env: { ...env },
  };
}
