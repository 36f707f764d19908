import type { SubgraphDefinition } from '../../shared/src';
import { Certification, CertificationBody, CertificationStatusEntry } from './certification/certification.entity';
import { CertificationResolver } from './certification/certification.resolver';
import { certificationSettings } from './config';
import { CertificationInitial1764547200000 } from './migrations/1764547200000-certification-initial';
import { Finding, FindingStatusEntry, MonitoringActivity } from './monitoring/monitoring.entity';
import { FindingResolver, MonitoringActivityResolver } from './monitoring/monitoring.resolver';
import { Organization, organizationReference } from './organization/organization.entity';
import { createCertificationLoaders, type CertificationLoaders } from './organization/organization.loaders';
import { OrganizationCertificationResolver } from './organization/organization.resolver';
import { loadCertificationSampleData } from './sample-data';
import { SelfAssessmentRecord } from './self-assessment/self-assessment.entity';
import { SelfAssessmentResolver } from './self-assessment/self-assessment.resolver';

/** The certification and monitoring subgraph: certificates, monitoring, findings, self-assessments; extends `Organization`. */
export const certificationSubgraph: SubgraphDefinition<CertificationLoaders> = {
  name: 'certification',
  resolvers: [
    OrganizationCertificationResolver,
    CertificationResolver,
    MonitoringActivityResolver,
    FindingResolver,
    SelfAssessmentResolver,
  ],
  orphanedTypes: [Organization],
  entities: [
    CertificationBody,
    Certification,
    CertificationStatusEntry,
    MonitoringActivity,
    Finding,
    FindingStatusEntry,
    SelfAssessmentRecord,
  ],
  migrations: [CertificationInitial1764547200000],
  createLoaders: createCertificationLoaders,
  checkConfig: (config) => {
    certificationSettings(config);
  },
  referenceResolvers: {
    Organization: (reference) => organizationReference(reference.id),
  },
  loadSampleData: loadCertificationSampleData,
};
