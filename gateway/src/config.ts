import path from 'node:path';
import { z } from 'zod';
import {
  authConfig,
  ConfigError,
  parseEnvironment,
  type AuthConfig,
  type Environment,
  type LogLevel,
} from '../../services/shared/src';

/** The subgraphs the gateway knows how to reach and authenticate to. */
export const SUBGRAPH_NAMES = ['membership', 'certification', 'complaints'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
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
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  INTROSPECTION: flag.optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  LOG_FILE: z.string().optional(),
});

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
  logLevel: LogLevel;
  logFile?: string;
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
  return {
    environment: parsed.NODE_ENV,
    port: parsed.PORT,
    supergraphFile: path.resolve(parsed.SUPERGRAPH_FILE),
    subgraphUrls,
    subgraphSecrets,
    auth: authConfig(parsed, 'gateway'),
    introspection: parsed.INTROSPECTION ?? !production,
    logLevel: parsed.LOG_LEVEL,
    logFile: parsed.LOG_FILE,
  };
}
