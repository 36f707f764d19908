import { createPeerClient, reportYear, type SubgraphConfig, type SubgraphDefinition } from '../../shared/src';
import { ComplaintFormOptionsResolver } from './catalogue/catalogue.resolver';
import { complaintFormOptions } from './catalogue/catalogue.service';
import { ComplaintFormOptions } from './catalogue/catalogue.types';
import {
  Complaint,
  ComplaintAllegation,
  ComplaintEvent,
  ComplaintInternalNote,
  ComplaintMessage,
  ComplaintReferenceCounter,
} from './complaint/complaint.entity';
import { startCompanyChecks } from './complaint/company-check.worker';
import {
  createRequestLoaders,
  type ComplaintsLoaders,
  type ComplaintsPeers,
  type ComplaintsServices,
} from './context';
import {
  ComplaintAllegationResolver,
  ComplaintInternalNoteResolver,
  ComplaintMessageResolver,
  ComplaintResolver,
} from './complaint/complaint.resolver';
// After complaint.resolver: type-graphql lists root fields in the order their resolvers were declared.
import { ComplaintFollowUpResolver } from './complaint/complaint-follow-up.resolver';
import { ComplaintOrganizationFields } from './complaint/complaint.organization.resolver';
import { loadComplaintsConfig } from './config';
import { createFieldCipher } from './protection/crypto';
import { ComplaintsInitial1764547200000 } from './migrations/1764547200000-complaints-initial';
import { ComplaintsCompanyCheck1795910400000 } from './migrations/1795910400000-complaints-company-check';
import { ComplaintsTextInAnyScript1796200000000 } from './migrations/1796200000000-complaints-text-in-any-script';
import { ComplaintsInternalNotes1796400000000 } from './migrations/1796400000000-complaints-internal-notes';
import { ComplaintsCasework1796800000000 } from './migrations/1796800000000-complaints-casework';
import { ComplaintsCaseList1796800000100 } from './migrations/1796800000100-complaints-case-list';
import { Organization, organizationReference } from './organization/organization.entity';
import { openComplaintRoutes } from './complaint/open-complaints.routes';
import { loadComplaintsSampleData } from './sample-data';
import { transparencyReport, TransparencyReportResolver } from './public-figures/public-figures.resolver';

/** The peers' clients, built once per process from the settings (config.ts). */
function connectPeers(config: SubgraphConfig): ComplaintsPeers {
  const settings = loadComplaintsConfig(config);
  return { membership: createPeerClient('membership', settings.membershipUrl, settings.membershipSecret) };
}

/** The complaints subgraph: complaints against member companies, their process, and `Organization`'s complaints. */
export const complaintsSubgraph: SubgraphDefinition<ComplaintsLoaders, ComplaintsServices> = {
  name: 'complaints',
  resolvers: [
    ComplaintResolver,
    ComplaintFollowUpResolver,
    ComplaintMessageResolver,
    ComplaintInternalNoteResolver,
    ComplaintAllegationResolver,
    ComplaintOrganizationFields,
    ComplaintFormOptionsResolver,
    TransparencyReportResolver,
  ],
  orphanedTypes: [Organization, ComplaintFormOptions],
  entities: [
    Complaint,
    ComplaintAllegation,
    ComplaintEvent,
    ComplaintMessage,
    ComplaintInternalNote,
    ComplaintReferenceCounter,
  ],
  migrations: [
    ComplaintsInitial1764547200000,
    ComplaintsCompanyCheck1795910400000,
    ComplaintsTextInAnyScript1796200000000,
    ComplaintsInternalNotes1796400000000,
    ComplaintsCasework1796800000000,
    ComplaintsCaseList1796800000100,
  ],
  createLoaders: createRequestLoaders,
  checkConfig: (config) => {
    loadComplaintsConfig(config);
  },
  // Sample data is loaded here rather than in `loadSampleData`: its complainants are encrypted with the configured key.
  setup: async ({ config, database, logger }) => {
    const settings = loadComplaintsConfig(config);
    if (settings.developmentKey) {
      logger.warn('COMPLAINANT_DATA_KEY is not set: complainant data is encrypted with the public development key');
    }
    const cipher = createFieldCipher(settings.complainantDataKey);
    if (config.loadSampleData) await loadComplaintsSampleData(database, cipher);
    const peers = connectPeers(config);
    // Complaints filed while membership could not be asked: their company checks, retried in this process.
    const companyChecks = startCompanyChecks(database, peers.membership, settings.companyCheckIntervalMs, logger);
    return {
      services: { cipher, peers, companyChecks },
      stop: () => companyChecks.stop(),
      // Open complaints per company, for the certification subgraph's monitoring priorities.
      gatedRoutes: openComplaintRoutes(database, logger),
    };
  },
  referenceResolvers: {
    Organization: (reference) => organizationReference(reference.id),
    ComplaintFormOptions: (reference) => complaintFormOptions(String(reference.language)),
    TransparencyReport: (reference, { viewer }) => transparencyReport(reportYear(Number(reference.year)), viewer),
  },
};
