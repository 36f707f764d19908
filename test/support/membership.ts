import { SAMPLE_ORGANIZATION_ID } from '../../services/shared/src/sample-organizations';

/** Stable ids of sample organizations the tests refer to (see services/shared/src/sample-organizations.ts). */
export const ORG = SAMPLE_ORGANIZATION_ID;

export const APPLICATION_FIELDS = /* GraphQL */ `
  id organizationName pillar requestedCategory headquartersCountry countriesOfOperation website
  codeImplementationPlan contactName contactEmail status submittedAt decidedAt decisionNote version
  organization { id name membershipStatus membershipCategory memberSince certificationDeadline certificationDeadlineRule }
`;

export function applicationInput(overrides: Record<string, unknown> = {}) {
  return {
    organizationName: 'Tessellate Security Ltd',
    pillar: 'PRIVATE_SECURITY_COMPANY',
    requestedCategory: 'MEMBER',
    headquartersCountry: 'gb',
    countriesOfOperation: ['KE', 'ug'],
    website: 'https://tessellate.example',
    codeImplementationPlan: 'We vet, train and supervise our personnel; our grievance mechanism is open to all.',
    contactName: 'Ada Test',
    contactEmail: 'ada@tessellate.example',
    ...overrides,
  };
}
