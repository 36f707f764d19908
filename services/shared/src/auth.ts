import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { AuthChecker } from 'type-graphql';
import { TOKEN_ISSUER, type AuthConfig } from './config';
import { forbidden, unauthenticated } from './errors';

/** The roles of the access model (see DESIGN.md): no token means `public`. */
export type Role = 'public' | 'partner' | 'member' | 'secretariat';
export const ROLES: readonly Role[] = ['public', 'partner', 'member', 'secretariat'];

/** Who is asking: read from the bearer token, once per request. */
export interface Viewer {
  role: Role;
  /** For a member: the organization the token speaks for. */
  organizationId?: string;
  /** Who the token was issued to (a staff member's id), kept in audit trails. */
  subject?: string;
  /** The API client the token was issued to (`azp` or `client_id`), when it says: the unit of rate limits and logs. */
  clientId?: string;
}

export const PUBLIC_VIEWER: Viewer = Object.freeze({ role: 'public' });

/**
 * Rules for `@Authorized(...)`. A field lists the rules any one of which grants access:
 * SECRETARIAT, PARTNER (partners and the Secretariat), OWN_ORGANIZATION (a member token of the
 * organization that owns the parent object, see `ownerOrganizationId`).
 */
export const Access = {
  Secretariat: 'SECRETARIAT',
  Partner: 'PARTNER',
  OwnOrganization: 'OWN_ORGANIZATION',
} as const;

/** A parent object exposes the organization it belongs to, for OWN_ORGANIZATION checks. */
export interface OwnedByOrganization {
  readonly ownerOrganizationId: string;
}

export function ownsRecord(viewer: Viewer, organizationId: string | null | undefined): boolean {
  return viewer.role === 'member' && !!viewer.organizationId && viewer.organizationId === organizationId;
}

export function isSecretariat(viewer: Viewer): boolean {
  return viewer.role === 'secretariat';
}

/** Throws unless the viewer is the Secretariat: the public is asked to sign in, others are refused. */
export function requireSecretariat(viewer: Viewer): void {
  if (viewer.role === 'secretariat') return;
  throw viewer.role === 'public' ? unauthenticated() : forbidden('Only the Secretariat may do this');
}

/** type-graphql auth checker: throws the coded error itself so that clients get UNAUTHENTICATED or FORBIDDEN. */
export const authChecker: AuthChecker<{ viewer: Viewer }> = ({ root, context, info }, rules) => {
  // A restricted field is never cacheable, whoever reads it.
  maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: 0 });
  const { viewer } = context;
  const granted = rules.some((rule) => {
    switch (rule) {
      case Access.Secretariat:
        return viewer.role === 'secretariat';
      case Access.Partner:
        return viewer.role === 'partner' || viewer.role === 'secretariat';
      case Access.OwnOrganization:
        return ownsRecord(viewer, (root as Partial<OwnedByOrganization> | undefined)?.ownerOrganizationId);
      default:
        return false;
    }
  });
  if (granted) return true;
  throw viewer.role === 'public' ? unauthenticated() : forbidden();
};

export type TokenVerifier = (authorization: string | undefined) => Promise<Viewer>;

/** Verifies `Authorization: Bearer <jwt>`; no header is the public viewer, a bad token is UNAUTHENTICATED (401). */
export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const key = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl))
    : new TextEncoder().encode(config.jwtSecret ?? '');
  return async (authorization) => {
    if (!authorization) return PUBLIC_VIEWER;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"', 401);
    let payload: JWTPayload;
    try {
      const verified = await jwtVerify(match[1], key as Parameters<typeof jwtVerify>[1], {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_ISSUER,
      });
      payload = verified.payload;
    } catch {
      throw unauthenticated('The token is invalid or has expired', 401);
    }
    const role = payload.role;
    if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
      throw unauthenticated('The token names no known role', 401);
    }
    const organizationId = typeof payload.organizationId === 'string' ? payload.organizationId : undefined;
    if (role === 'member' && !organizationId) {
      throw unauthenticated('A member token must name its organization', 401);
    }
    const clientId = [payload.azp, payload.client_id].find((v): v is string => typeof v === 'string' && v.length > 0);
    return { role: role as Role, organizationId, subject: payload.sub, clientId };
  };
}

/** Signs a token the development stack accepts (HS256 with the configured secret). */
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
