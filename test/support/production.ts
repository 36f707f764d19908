/**
 * An identity provider's settings as production needs them (Keycloak-shaped), for tests that start or
 * configure a process in production mode without signing anyone in: nothing fetches the provider's
 * keys until a token arrives.
 */
export const PRODUCTION_IDENTITY = {
  AUTH_ISSUER: 'https://id.icoca.example/realms/icoca',
  AUTH_AUDIENCE: 'icoca-graph',
  AUTH_ROLE_CLAIM: 'realm_access.roles',
  AUTH_ROLE_MAP: 'icoca-secretariat=secretariat,icoca-member=member,icoca-partner=partner',
  AUTH_ORGANIZATION_CLAIM: 'organization_id',
} as const;
