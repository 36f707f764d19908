import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../gateway/src/config';
import { ConfigError, DEVELOPMENT_JWT_SECRET, loadSubgraphConfig } from '../services/shared/src';

const strongSecret = 'a-production-secret-that-is-long-enough-1234';
/** A gateway's production environment with every secret it needs. */
const productionGateway = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: strongSecret,
  MEMBERSHIP_GATEWAY_SECRET: 'gateway-secret-for-membership',
  CERTIFICATION_GATEWAY_SECRET: 'gateway-secret-for-certification',
  COMPLAINTS_GATEWAY_SECRET: 'gateway-secret-for-complaints',
};

describe('configuration from the environment', () => {
  it('defaults to the embedded database with sample data and the development token secret', () => {
    const config = loadSubgraphConfig('membership', 4001, { DATA_DIR: '/tmp/icoca-data' });
    expect(config).toMatchObject({
      environment: 'development',
      port: 4001,
      database: { kind: 'sqlite', file: '/tmp/icoca-data/membership.sqlite' },
      loadSampleData: true,
      auth: { jwtSecret: DEVELOPMENT_JWT_SECRET },
      introspection: true,
    });
    expect(loadSubgraphConfig('membership', 4001, { DATABASE_URL: 'mysql://u:p@db:3306/membership' })).toMatchObject({
      database: { kind: 'mysql', url: 'mysql://u:p@db:3306/membership' },
      loadSampleData: false,
    });
  });

  it('names every invalid variable in one clear message', () => {
    expect(() => loadSubgraphConfig('membership', 4001, { PORT: 'eighty', DATABASE_URL: 'postgres://x', LOG_LEVEL: 'loud' })).toThrow(
      ConfigError,
    );
    try {
      loadSubgraphConfig('membership', 4001, { PORT: 'eighty', DATABASE_URL: 'postgres://x' });
    } catch (error) {
      expect((error as Error).message).toMatch(/membership: invalid configuration/);
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL: must be a mysql:\/\/ URL/);
    }
  });

  it('refuses to start a production subgraph with development secrets or without MySQL and a gateway secret', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'mysql://u:p@db:3306/membership',
      AUTH_JWT_SECRET: strongSecret,
      GATEWAY_SECRET: 'gateway-secret-for-membership',
    };
    expect(loadSubgraphConfig('membership', 4001, production)).toMatchObject({ introspection: false, loadSampleData: false });
    expect(() => loadSubgraphConfig('membership', 4001, { ...production, AUTH_JWT_SECRET: undefined })).toThrow(
      /development secret is refused/,
    );
    expect(() => loadSubgraphConfig('membership', 4001, { ...production, AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(
      /development secret is refused/,
    );
    expect(() => loadSubgraphConfig('membership', 4001, { ...production, DATABASE_URL: undefined })).toThrow(/DATABASE_URL/);
    expect(() => loadSubgraphConfig('membership', 4001, { ...production, GATEWAY_SECRET: undefined })).toThrow(/GATEWAY_SECRET/);
    expect(
      loadSubgraphConfig('membership', 4001, {
        ...production,
        AUTH_JWT_SECRET: undefined,
        AUTH_JWKS_URL: 'https://id.example/.well-known/jwks.json',
      }).auth,
    ).toEqual({ jwksUrl: 'https://id.example/.well-known/jwks.json' });
  });

  it('refuses a production gateway without each subgraph\'s secret, and turns introspection off there', () => {
    const production = productionGateway;
    expect(loadGatewayConfig(production)).toMatchObject({ introspection: false, port: 4000 });
    expect(loadGatewayConfig({ ...production, INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(() => loadGatewayConfig({ ...production, COMPLAINTS_GATEWAY_SECRET: undefined })).toThrow(/COMPLAINTS_GATEWAY_SECRET/);
    expect(() => loadGatewayConfig({ ...production, AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(/development secret/);
    expect(loadGatewayConfig({}).introspection).toBe(true);
  });
});

describe('the gateway\'s edge settings', () => {
  const production = productionGateway;

  it('answers any local origin in development, only the listed ones in production (none when none is listed)', () => {
    expect(loadGatewayConfig({}).cors).toEqual({ kind: 'local-development' });
    expect(loadGatewayConfig(production).cors).toEqual({ kind: 'listed', origins: [] });
    expect(loadGatewayConfig({ ...production, CORS_ORIGINS: 'https://portal.icoca.example, https://app.example:8443' }).cors).toEqual({
      kind: 'listed',
      origins: ['https://portal.icoca.example', 'https://app.example:8443'],
    });
    expect(() => loadGatewayConfig({ ...production, CORS_ORIGINS: 'https://portal.icoca.example/path' })).toThrow(/CORS_ORIGINS.*not an origin/);
  });

  it('believes X-Forwarded-For only when TRUST_PROXY says so, and reads the rate limits', () => {
    expect(loadGatewayConfig({}).trustProxy).toBe(false);
    expect(loadGatewayConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadGatewayConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.2' }).trustProxy).toEqual(['10.0.0.1', '10.0.0.2']);
    const twoHops = loadGatewayConfig({ TRUST_PROXY: '2' }).trustProxy as (address: string, hop: number) => boolean;
    expect([twoHops('x', 0), twoHops('x', 1), twoHops('x', 2)]).toEqual([true, true, false]);
    expect(loadGatewayConfig({}).rateLimits).toEqual({ publicMutations: 10, publicReads: 600, authenticated: 3000, windowMs: 60_000, redisUrl: undefined });
    expect(() => loadGatewayConfig({ RATE_LIMIT_REDIS_URL: 'localhost:6379' })).toThrow(/RATE_LIMIT_REDIS_URL/);
  });

  it('refuses a request timeout shorter than the header timeout', () => {
    expect(() => loadGatewayConfig({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' })).toThrow(/REQUEST_TIMEOUT_MS/);
    expect(loadGatewayConfig({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 65_000, shutdownGraceMs: 10_000 });
  });
});
