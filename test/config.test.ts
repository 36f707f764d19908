import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../gateway/src/config';
import { ConfigError, DEVELOPMENT_JWT_SECRET, loadSubgraphConfig } from '../services/shared/src';
import { PRODUCTION_IDENTITY } from './support/production';

const strongSecret = 'a-production-secret-that-is-long-enough-1234';
/** A gateway's production environment with every secret it needs. */
const productionGateway = {
  NODE_ENV: 'production',
  ...PRODUCTION_IDENTITY,
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
      auth: { keys: 'development-secret', secret: DEVELOPMENT_JWT_SECRET, issuer: 'icoca-graph', audience: 'icoca-graph' },
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

  it('refuses to start a production subgraph with development tokens or without MySQL and a gateway secret', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'mysql://u:p@db:3306/membership',
      ...PRODUCTION_IDENTITY,
      GATEWAY_SECRET: 'gateway-secret-for-membership',
    };
    expect(loadSubgraphConfig('membership', 4001, production)).toMatchObject({ introspection: false, loadSampleData: false });
    const withoutProvider = { ...production, AUTH_ISSUER: undefined, AUTH_AUDIENCE: undefined };
    for (const secret of [undefined, strongSecret, DEVELOPMENT_JWT_SECRET]) {
      expect(() => loadSubgraphConfig('membership', 4001, { ...withoutProvider, AUTH_JWT_SECRET: secret })).toThrow(
        /production needs an identity provider.*development tokens \(HS256, AUTH_JWT_SECRET\) are refused/,
      );
    }
    expect(() => loadSubgraphConfig('membership', 4001, { ...production, DATABASE_URL: undefined })).toThrow(/DATABASE_URL/);
    expect(() => loadSubgraphConfig('membership', 4001, { ...production, GATEWAY_SECRET: undefined })).toThrow(/GATEWAY_SECRET/);
  });

  it('reads an identity provider\'s settings, and names what is missing or malformed', () => {
    const auth = loadSubgraphConfig('membership', 4001, { ...PRODUCTION_IDENTITY, AUTH_JWKS_URL: 'https://id.icoca.example/certs' }).auth;
    expect(auth).toMatchObject({
      keys: 'provider',
      issuer: PRODUCTION_IDENTITY.AUTH_ISSUER,
      jwksUrl: 'https://id.icoca.example/certs',
      audience: 'icoca-graph',
      roleClaim: 'realm_access.roles',
      roleMap: { 'icoca-secretariat': 'secretariat', 'icoca-member': 'member', 'icoca-partner': 'partner' },
      organizationClaim: 'organization_id',
      maxLifetimeSeconds: 86_400,
      clockToleranceSeconds: 30,
      verifiedTokenCacheEntries: 10_000,
      keyCacheMs: 600_000,
    });
    expect(() => loadSubgraphConfig('membership', 4001, { ...PRODUCTION_IDENTITY, AUTH_AUDIENCE: undefined })).toThrow(/needs AUTH_AUDIENCE/);
    expect(() => loadSubgraphConfig('membership', 4001, { ...PRODUCTION_IDENTITY, AUTH_ROLE_MAP: 'icoca-admin=admin' })).toThrow(
      /AUTH_ROLE_MAP: "icoca-admin=admin" must be/,
    );
    expect(() => loadSubgraphConfig('membership', 4001, { ...PRODUCTION_IDENTITY, AUTH_ORGANIZATION_CLAIM: undefined })).toThrow(
      /AUTH_ORGANIZATION_CLAIM/,
    );
    expect(() => loadSubgraphConfig('membership', 4001, { ...PRODUCTION_IDENTITY, AUTH_ROLE_CLAIM: 'realm access..roles' })).toThrow(
      /AUTH_ROLE_CLAIM: must be a claim name or a dotted path/,
    );
    expect(() => loadSubgraphConfig('membership', 4001, { ...PRODUCTION_IDENTITY, AUTH_JWT_SECRET: strongSecret })).toThrow(
      /cannot be set with an identity provider/,
    );
  });

  it('refuses a production gateway without each subgraph\'s secret, and turns introspection off there', () => {
    const production = productionGateway;
    expect(loadGatewayConfig(production)).toMatchObject({ introspection: false, port: 4000 });
    expect(loadGatewayConfig({ ...production, INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(() => loadGatewayConfig({ ...production, COMPLAINTS_GATEWAY_SECRET: undefined })).toThrow(/COMPLAINTS_GATEWAY_SECRET/);
    expect(() => loadGatewayConfig({ ...production, AUTH_ISSUER: undefined, AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(
      /development tokens/,
    );
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
    expect(loadGatewayConfig({}).rateLimits).toEqual({ publicMutations: 10, publicReads: 600, authenticated: 3000, proofs: 10, windowMs: 60_000, redisUrl: undefined });
    expect(() => loadGatewayConfig({ RATE_LIMIT_REDIS_URL: 'localhost:6379' })).toThrow(/RATE_LIMIT_REDIS_URL/);
    expect(loadGatewayConfig({ RATE_LIMIT_PROOFS: '3' }).rateLimits.proofs).toBe(3);
    expect(() => loadGatewayConfig({ RATE_LIMIT_PROOFS: '0' })).toThrow(/RATE_LIMIT_PROOFS/);
  });

  it('makes two printable proofs at once per process, with eight waiting, unless told otherwise', () => {
    expect(loadGatewayConfig({}).membershipProofRenders).toEqual({ concurrent: 2, queued: 8 });
    expect(loadGatewayConfig({ MEMBERSHIP_PROOF_RENDERS: '4', MEMBERSHIP_PROOF_QUEUE: '0' }).membershipProofRenders).toEqual({ concurrent: 4, queued: 0 });
    expect(() => loadGatewayConfig({ MEMBERSHIP_PROOF_RENDERS: '0' })).toThrow(/MEMBERSHIP_PROOF_RENDERS/);
  });

  it('bounds the edge cache by entries and bytes, 10,000 and 32 MiB unless told otherwise', () => {
    expect(loadGatewayConfig({}).edgeCache).toEqual({ maxEntries: 10_000, maxBytes: 32 * 1024 * 1024 });
    expect(loadGatewayConfig({ EDGE_CACHE_MAX_ENTRIES: '500', EDGE_CACHE_MAX_BYTES: '1048576' }).edgeCache).toEqual({ maxEntries: 500, maxBytes: 1048576 });
    expect(() => loadGatewayConfig({ EDGE_CACHE_MAX_ENTRIES: '0' })).toThrow(/EDGE_CACHE_MAX_ENTRIES/);
    expect(() => loadGatewayConfig({ EDGE_CACHE_MAX_BYTES: 'lots' })).toThrow(/EDGE_CACHE_MAX_BYTES/);
  });

  it('gives query plans and parsed documents 16 MiB each unless told otherwise, and never 0 (Apollo\'s "default")', () => {
    expect(loadGatewayConfig({})).toMatchObject({ queryPlanCacheMiB: 16, documentCacheMiB: 16 });
    expect(loadGatewayConfig({ GATEWAY_QUERY_PLAN_CACHE_MIB: '64', GATEWAY_DOCUMENT_CACHE_MIB: '8' })).toMatchObject({
      queryPlanCacheMiB: 64,
      documentCacheMiB: 8,
    });
    expect(() => loadGatewayConfig({ GATEWAY_QUERY_PLAN_CACHE_MIB: '0' })).toThrow(/GATEWAY_QUERY_PLAN_CACHE_MIB/);
    expect(() => loadGatewayConfig({ GATEWAY_DOCUMENT_CACHE_MIB: 'big' })).toThrow(/GATEWAY_DOCUMENT_CACHE_MIB/);
  });

  it('refuses a request timeout shorter than the header timeout', () => {
    expect(() => loadGatewayConfig({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' })).toThrow(/REQUEST_TIMEOUT_MS/);
    expect(loadGatewayConfig({}).http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 65_000,
      shutdownGraceMs: 10_000,
      maxEventLoopDelayMs: 2_000,
    });
  });

  it('sheds load past 2 s of event-loop delay unless told otherwise (0: never)', () => {
    expect(loadGatewayConfig({ MAX_EVENT_LOOP_DELAY_MS: '0' }).http.maxEventLoopDelayMs).toBe(0);
    expect(() => loadGatewayConfig({ MAX_EVENT_LOOP_DELAY_MS: '-1' })).toThrow(/MAX_EVENT_LOOP_DELAY_MS/);
  });
});
