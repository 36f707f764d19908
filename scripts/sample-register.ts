import { sampleCertificationFile } from '../services/certification/src/sample-data';
import { sampleRegisterFile } from '../services/membership/src/sample-data';

/**
 * The fictional sample register as one import file: the membership subgraph's organizations with the
 * certification subgraph's certificates. The subgraphs load their sample data through the same checks
 * and writes as the import (monitoring, self-assessments, complaints and applications stay sample-only).
 */
export function sampleRegister(): { organizations: Record<string, unknown>[] } {
  const certifications = sampleCertificationFile();
  return {
    organizations: sampleRegisterFile().organizations.map((organization) => ({
      ...organization,
      ...(certifications[organization.id as string] ? { certifications: certifications[organization.id as string] } : {}),
    })),
  };
}
