import { Organization, organizationReference } from './organization.entity';

/**
 * `__resolveReference` of `Organization`: the stub, with the membership facts the gateway fetched for the
 * `@requires` fields when the representation carries them. The fields this subgraph adds to an organization
 * live with the concept that owns their data (`<concept>/<concept>.organization.resolver.ts`).
 */
export function resolveOrganizationReference(reference: Record<string, unknown>): Organization {
  return Object.assign(organizationReference(String(reference.id)), reference);
}
