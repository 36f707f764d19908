import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { GraphQLError } from 'graphql';
import { PUBLIC_VIEWER, type Viewer } from './auth';
import { TOKEN_ISSUER, type AuthConfig, type Role } from './config';
import { ErrorCode, unauthenticated } from './errors';
import type { Logger } from './logger';

/** Checks an Authorization header; refusals are logged to `log` (the request's logger) when given. */
export type TokenVerifier = (authorization: string | undefined, log?: Logger) => Promise<Viewer>;

/** A reason a token was refused, for the logs (never the token itself). */
class Refused extends Error {}

/** The provider's keys could not be fetched (unreachable, connection reset...): the token may well be good. */
class KeysUnavailable extends Error {}

/** jose's own errors say what is wrong with a token or a key set; any other error on the way to the keys is the fetch. */
function keysUnavailable(error: unknown): never {
  if (error instanceof joseErrors.JOSEError) throw error;
  throw new KeysUnavailable((error as Error)?.message ?? String(error));
}

/** The value at a dotted claim path (`realm_access.roles`), or undefined. */
export function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Most rights first: a token that maps to several roles acts with the broadest. */
const PRECEDENCE: Role[] = ['secretariat', 'member', 'partner', 'public'];

/** The algorithms the published keys can verify; anything else is refused before a key is looked for. */
export function algorithmsOf(keys: readonly JWK[]): string[] {
  const algorithms = new Set<string>();
  for (const key of keys) {
    if (key.use && key.use !== 'sig') continue;
    if (typeof key.alg === 'string') algorithms.add(key.alg);
    else if (key.kty === 'RSA') algorithms.add('RS256');
    else if (key.kty === 'EC') algorithms.add({ 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[key.crv ?? ''] ?? 'ES256');
    else if (key.kty === 'OKP' && (key.crv === 'Ed25519' || key.crv === 'Ed448')) algorithms.add('EdDSA');
  }
  return [...algorithms];
}

interface KeySource {
  key: Uint8Array | JWTVerifyGetKey;
  algorithms(): Promise<string[]>;
}

/**
 * The provider's keys: found through OIDC discovery unless AUTH_JWKS_URL names them, kept for
 * `keyCacheMs` (a key the provider rotated out stops working then), fetched again at most every
 * `keyCooldownMs` when a token names a key not yet known (a rotation needs no restart).
 */
function providerKeys(config: Extract<AuthConfig, { keys: 'provider' }>): KeySource {
  let keySet: ReturnType<typeof createRemoteJWKSet> | undefined;
  let discovering: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const discover = async () => {
    let jwksUrl = config.jwksUrl;
    if (!jwksUrl) {
      const url = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`OIDC discovery answered HTTP ${response.status}`);
      const document = (await response.json()) as { issuer?: string; jwks_uri?: string };
      if (document.issuer !== config.issuer) throw new Error(`OIDC discovery names issuer ${document.issuer}, not AUTH_ISSUER`);
      if (!document.jwks_uri) throw new Error('OIDC discovery names no jwks_uri');
      jwksUrl = document.jwks_uri;
    }
    return createRemoteJWKSet(new URL(jwksUrl), { cacheMaxAge: config.keyCacheMs, cooldownDuration: config.keyCooldownMs });
  };
  const keys = async () => {
    if (keySet) return keySet;
    discovering ??= discover().finally(() => (discovering = undefined));
    keySet = await discovering;
    return keySet;
  };
  // A failed fetch surfaces from Node's fetch as a TypeError ("fetch failed"), which must not read as a malformed token.
  return {
    key: async (header, token) => {
      try {
        return await (await keys())(header, token);
      } catch (error) {
        return keysUnavailable(error);
      }
    },
    algorithms: async () => {
      try {
        const set = await keys();
        if (!set.fresh) await set.reload();
        return algorithmsOf(set.jwks()?.keys ?? []);
      } catch (error) {
        return keysUnavailable(error);
      }
    },
  };
}

/** A token accepted before: its viewer, until when, and whether it was used since eviction last passed. */
interface Verified {
  viewer: Viewer;
  expiresAtMs: number;
  /** Used since eviction last passed over it. */
  used: boolean;
}

/**
 * Tokens this process has already accepted, by their whole text (two tokens of one subject are two
 * entries: each carries its own role and organization). An entry is good until its token's `exp` and
 * never later, so the clock tolerance only ever applies to a full verification. Past `maxEntries`, the
 * least recently used entry goes, as CLOCK approximates it: a hit only marks its entry, and eviction
 * passes over marked entries from the oldest, unmarking and moving each to the back, until it finds
 * one that was not used since. (Moving every hit to the back of a Map costs about 10 µs at a few
 * thousand entries, as much as the rest of a cached check.) Refused tokens are never kept: each refusal
 * is checked, and logged, again.
 */
class VerifiedTokens {
  /** Oldest first (a Map iterates in insertion order). */
  private readonly entries = new Map<string, Verified>();

  constructor(private readonly maxEntries: number) {}

  /** The viewer of a token accepted before and not yet expired. */
  get(token: string): Viewer | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (Date.now() >= entry.expiresAtMs) {
      this.entries.delete(token);
      return undefined;
    }
    entry.used = true;
    return entry.viewer;
  }

  /**
   * Keeps the viewer of a token just accepted, unless it is already past its `exp` (accepted within the
   * clock tolerance) or before its `nbf` (accepted within the tolerance too): such a token is verified
   * in full each time, so the cache never says yes where the rules alone would hesitate.
   */
  keep(token: string, viewer: Viewer, payload: JWTPayload): void {
    if (this.maxEntries === 0 || typeof payload.exp !== 'number') return;
    const now = Date.now();
    const expiresAtMs = payload.exp * 1000;
    if (expiresAtMs <= now || (typeof payload.nbf === 'number' && payload.nbf * 1000 > now)) return;
    this.entries.delete(token);
    while (this.entries.size >= this.maxEntries) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Verified];
      this.entries.delete(oldest);
      if (entry.used && entry.expiresAtMs > now) {
        entry.used = false;
        this.entries.set(oldest, entry);
      }
    }
    this.entries.set(token, { viewer, expiresAtMs, used: false });
  }
}

/**
 * Verifies `Authorization: Bearer <jwt>` strictly: issuer and audience, `exp` required and a lifetime
 * no longer than allowed, `nbf` honoured (with a small clock tolerance), the algorithm one the keys
 * publish (HS256 only for development tokens). No header is the public viewer. Every refusal is
 * UNAUTHENTICATED (HTTP 401), and the log says why without the token; keys that cannot be fetched are
 * SERVICE_UNAVAILABLE (503): the token may well be good. A token accepted once is then found in
 * `VerifiedTokens` until its `exp` (one signature check per token and process, not per request): a key
 * the provider stops publishing leaves the tokens it signed, already seen, good until they expire.
 */
export function createTokenVerifier(config: AuthConfig, logger?: Logger): TokenVerifier {
  const verified = new VerifiedTokens(config.verifiedTokenCacheEntries);
  const source: KeySource =
    config.keys === 'development-secret'
      ? { key: new TextEncoder().encode(config.secret), algorithms: async () => ['HS256'] }
      : providerKeys(config);
  return async (authorization, log = logger) => {
    const refuse = (reason: string, message = 'The token is invalid or has expired'): never => {
      log?.warn('token refused', { reason });
      throw unauthenticated(message, 401);
    };
    if (!authorization) return PUBLIC_VIEWER;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) return refuse('not a bearer token', 'The Authorization header must be "Bearer <token>"');
    const token = match[1];
    const known = verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      const algorithms = await source.algorithms();
      const alg = decodeProtectedHeader(token).alg;
      if (!alg || !algorithms.includes(alg)) throw new Refused(`algorithm ${alg ?? 'none'} is not one the keys publish (${algorithms.join(', ')})`);
      ({ payload } = await jwtVerify(token, source.key as Parameters<typeof jwtVerify>[1], {
        issuer: config.issuer,
        audience: config.audience,
        algorithms,
        requiredClaims: ['exp'],
        clockTolerance: config.clockToleranceSeconds,
      }));
    } catch (error) {
      const unavailable = (message: string | undefined): never => {
        log?.error('the identity provider\'s keys cannot be fetched', { error: message });
        throw new GraphQLError('Tokens cannot be checked right now; try again shortly', {
          extensions: { code: ErrorCode.Unavailable, http: { status: 503 } },
        });
      };
      if (error instanceof Refused) return refuse(error.message);
      if (error instanceof KeysUnavailable) return unavailable(error.message);
      if (error instanceof joseErrors.JOSEError) {
        if (error instanceof joseErrors.JWKSTimeout || error.code === 'ERR_JOSE_GENERIC') return unavailable(error.message);
        return refuse(`${error.code}: ${error.message}`);
      }
      if (error instanceof TypeError || error instanceof SyntaxError) return refuse('not a JWT');
      return unavailable((error as Error)?.message);
    }
    const lifetime = (payload.exp as number) - (typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000));
    if (lifetime > config.maxLifetimeSeconds) return refuse(`lifetime ${lifetime} s is longer than ${config.maxLifetimeSeconds} s`);
    const claimed = claimAt(payload, config.roleClaim);
    const names = (Array.isArray(claimed) ? claimed : [claimed]).filter((v): v is string => typeof v === 'string');
    const granted = names.map((name) => config.roleMap[name]).filter(Boolean);
    const role = PRECEDENCE.find((r) => granted.includes(r));
    if (!role) return refuse(`claim ${config.roleClaim} grants no role of this graph`, 'The token names no known role');
    const organization = config.organizationClaim ? claimAt(payload, config.organizationClaim) : undefined;
    const organizationId = typeof organization === 'string' && organization.length > 0 ? organization : undefined;
    if (role === 'member' && !organizationId) {
      return refuse(`member token without ${config.organizationClaim}`, 'A member token must name its organization');
    }
    const clientId = [payload.azp, payload.client_id].find((v): v is string => typeof v === 'string' && v.length > 0);
    // Kept only now, past every rule (lifetime, role, organization): a cached token is one that passed them all.
    // Frozen: one object now serves every request that carries this token.
    const viewer: Viewer = Object.freeze({
      role,
      subject: payload.sub,
      clientId,
      ...(role === 'member' ? { organizationId } : {}),
      ...(role === 'partner' && organizationId ? { partnerOrganizationId: organizationId } : {}),
    });
    verified.keep(token, viewer, payload);
    return viewer;
  };
}

/** Signs a token the development stack accepts (HS256 with the configured secret): `npm run token`, the tests. */
export async function issueToken(
  secret: string,
  claims: { role: Role; organizationId?: string; subject?: string; clientId?: string },
  expiresIn: string | number = '12h',
): Promise<string> {
  return new SignJWT({
    role: claims.role,
    ...(claims.organizationId ? { organizationId: claims.organizationId } : {}),
    ...(claims.clientId ? { client_id: claims.clientId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_ISSUER)
    .setSubject(claims.subject ?? `${claims.role}-dev`)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
