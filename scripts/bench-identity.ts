import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

/**
 * The benchmark's identity provider, in-process: one RS256 key with a `kid`, its public half served as a
 * key set, and tokens shaped as production's provider issues them (Keycloak-style role claim). Every
 * process verifies them as in production, keys fetched from the key set and cached by jose, so the
 * figures with a token are those a partner gets, not those of the development HS256 tokens.
 */
export const BENCH_ISSUER = 'https://id.bench.example/realms/icoca';
export const BENCH_AUDIENCE = 'icoca-graph';
/** The organization a benchmark partner acts for: the sample data's partner (it holds watchlists). */
export const BENCH_PARTNER_ORGANIZATION = 'partner-ministry';
const KEY_ID = 'bench-rs256-1';

export interface BenchIdentity {
  jwksUrl: string;
  /** The AUTH_* variables every process (gateway and subgraphs) gets. */
  settings: Record<string, string>;
  /** A fresh partner token (RS256, `kid`, iss/aud/sub/azp, iat, exp in 15 minutes). */
  partnerToken(): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchIdentity(port = 4199): Promise<BenchIdentity> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' };
  const body = JSON.stringify({ keys: [publicJwk] });
  const server: Server = createServer((request, response) => {
    if (request.url === '/jwks.json') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  return {
    jwksUrl,
    settings: {
      AUTH_ISSUER: BENCH_ISSUER,
      AUTH_AUDIENCE: BENCH_AUDIENCE,
      AUTH_JWKS_URL: jwksUrl,
      AUTH_ROLE_CLAIM: 'realm_access.roles',
      AUTH_ROLE_MAP: 'icoca-partner=partner,icoca-member=member,icoca-secretariat=secretariat',
      AUTH_ORGANIZATION_CLAIM: 'organization_id',
    },
    partnerToken: () => sign(privateKey),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function sign(key: CryptoKey): Promise<string> {
  return new SignJWT({ azp: 'bench-procurement-office', realm_access: { roles: ['icoca-partner'] }, organization_id: BENCH_PARTNER_ORGANIZATION })
    .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
    .setIssuer(BENCH_ISSUER)
    .setAudience(BENCH_AUDIENCE)
    .setSubject('service-account-bench-procurement-office')
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(key);
}
