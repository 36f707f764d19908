import type { CachePolicy } from '@apollo/cache-control-types';
import type { AuthChecker } from 'type-graphql';
import type { Role } from './config';
import { forbidden, unauthenticated } from './errors';

/** Who is asking: read from the bearer token, once per request. */
export interface Viewer {
  role: Role;
  /** For a member: the organization the token speaks for. */
  organizationId?: string;
  /** Who the token was issued to (a staff member's id), kept in audit trails. */
  subject?: string;
  /** The API client the token was issued to (`azp` or `client_id`), when it says: the unit of rate limits and logs. */
  clientId?: string;
  /** For a partner: the partner organization it acts for, which owns what the partner keeps (its watchlists). */
  partnerOrganizationId?: string;
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
export const authChecker: AuthChecker<{ viewer: Viewer; cachePolicy?: CachePolicy }> = ({ root, context }, rules) => {
  // A restricted field is never cacheable, whoever reads it.
  context.cachePolicy?.restrict({ maxAge: 0 });
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

