/**
 * An identity provider's settings as production needs them (Keycloak-shaped), for tests that start or
 * configure a process in production mode without signing anyone in: nothing fetches the provider's
 * keys until a token arrives.
 */
/**
 * The malware scanner production's complaints subgraph requires (clamd, for complainants' evidence): its
 * address only; nothing connects to it until evidence arrives.
 */
export const PRODUCTION_SCANNER = { CLAMAV_URL: 'tcp://clamav:3310' } as const;

export const PRODUCTION_IDENTITY = {
  AUTH_ISSUER: 'https://id.icoca.example/realms/icoca',
  AUTH_AUDIENCE: 'icoca-graph',
  AUTH_ROLE_CLAIM: 'realm_access.roles',
  AUTH_ROLE_MAP: 'icoca-secretariat=secretariat,icoca-member=member,icoca-partner=partner',
  AUTH_ORGANIZATION_CLAIM: 'organization_id',
} as const;
