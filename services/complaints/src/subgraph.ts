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
import { ComplaintOrganizationFields, ComplaintStatisticsFields } from './complaint/complaint.organization.resolver';
import { CaseOfficerFields } from './case-officer/case-officer.resolver';
import { ComplaintAssignment } from './case-officer/case-officer.entity';
import { StageDeadlineFields } from './stage-deadline/stage-deadline.resolver';
import { stageDueAtFor } from './stage-deadline/stage-deadline.rules';
import { loadComplaintsConfig } from './config';
import { createFieldCipher } from './protection/crypto';
import { ComplaintsInitial1764547200000 } from './migrations/1764547200000-complaints-initial';
import { ComplaintsCompanyCheck1795910400000 } from './migrations/1795910400000-complaints-company-check';
import { ComplaintsTextInAnyScript1796200000000 } from './migrations/1796200000000-complaints-text-in-any-script';
import { ComplaintsInternalNotes1796400000000 } from './migrations/1796400000000-complaints-internal-notes';
import { ComplaintsCasework1796800000000 } from './migrations/1796800000000-complaints-casework';
import { ComplaintsCaseOfficersAndDeadlines1796800000200 } from './migrations/1796800000200-complaints-case-officers-and-deadlines';
import { ComplaintsNotices1796800000400 } from './migrations/1796800000400-complaints-notices';
import { ComplaintsStatisticsIndex1796900000000 } from './migrations/1796900000000-complaints-statistics-index';
import { ComplaintNotice } from './notification/notification.entity';
import { createMailer } from './notification/notification.mailer';
import { startNotices } from './notification/notification.worker';
import { noticeSubjects } from './complaint/complaint.service';
import { ComplaintsEvidence1796800000300 } from './migrations/1796800000300-complaints-evidence';
import { ComplaintEvidence } from './evidence/evidence.entity';
import {
  ComplaintEvidenceFields,
  ComplaintEvidenceResolver,
  ComplaintFollowUpEvidenceFields,
  ComplaintMessageEvidenceFields,
} from './evidence/evidence.resolver';
import { evidenceRoutes } from './evidence/evidence.routes';
import { startEvidenceScans } from './evidence/evidence.worker';
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
    CaseOfficerFields,
    StageDeadlineFields,
    ComplaintOrganizationFields,
    ComplaintStatisticsFields,
    ComplaintFormOptionsResolver,
    TransparencyReportResolver,
    ComplaintEvidenceFields,
    ComplaintFollowUpEvidenceFields,
    ComplaintMessageEvidenceFields,
    ComplaintEvidenceResolver,
  ],
  orphanedTypes: [Organization, ComplaintFormOptions],
  entities: [
    Complaint,
    ComplaintAllegation,
    ComplaintEvent,
    ComplaintMessage,
    ComplaintInternalNote,
    ComplaintReferenceCounter,
    ComplaintAssignment,
    ComplaintNotice,
    ComplaintEvidence,
  ],
  migrations: [
    ComplaintsInitial1764547200000,
    ComplaintsCompanyCheck1795910400000,
    ComplaintsTextInAnyScript1796200000000,
    ComplaintsInternalNotes1796400000000,
    ComplaintsCasework1796800000000,
    ComplaintsCaseList1796800000100,
    ComplaintsCaseOfficersAndDeadlines1796800000200,
    ComplaintsEvidence1796800000300,
    ComplaintsNotices1796800000400,
    ComplaintsStatisticsIndex1796900000000,
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
    const stageDueAt = stageDueAtFor(settings.stageTargets);
    if (config.loadSampleData) await loadComplaintsSampleData(database, cipher, stageDueAt);
    const peers = connectPeers(config);
    // Complaints filed while membership could not be asked: their company checks, retried in this process.
    const companyChecks = startCompanyChecks(database, peers.membership, settings.companyCheckIntervalMs, logger);
    const notices = startNotices(
      database,
      {
        mailer: settings.notices.smtpUrl ? createMailer(settings.notices.smtpUrl, settings.notices.from as string) : null,
        secretariatInbox: settings.notices.secretariatInbox,
        caseworkUrl: settings.notices.caseworkUrl,
        followUpUrl: settings.notices.followUpUrl,
        retryMs: settings.notices.retryMs,
      },
      (ids) => noticeSubjects(database, cipher, ids),
      logger,
    );
    if (!settings.notices.smtpUrl) {
      // Loud in production, where nobody may be watching the case list: complaints are filed, nobody is told.
      const log = config.environment === 'production' ? logger.error : logger.warn;
      log.call(logger, 'SMTP_URL is not set: e-mail notices (new complaints, messages, replies waiting) are not sent, only logged');
    }
    const { clamav } = settings.evidence;
    if (!clamav) logger.warn('CLAMAV_URL is not set: complainants\' evidence is stored NOT_SCANNED for malware (development only)');
    // Evidence is scanned after it is stored, and again in rounds while clamd cannot be asked.
    const scans = clamav
      ? startEvidenceScans(database, cipher, clamav, { retryMs: settings.evidence.scanRetryMs, timeoutMs: settings.evidence.scanTimeoutMs }, logger)
      : null;
    const openComplaints = openComplaintRoutes(database, logger);
    // An upload may come with a new message, whose notice is queued with it.
    const stored = () => {
      scans?.wake();
      notices.wake();
    };
    const evidence = evidenceRoutes({ database, cipher, logger, settings: settings.evidence, stored });
    return {
      services: { cipher, peers, companyChecks, stageDueAt, notices, evidence: { scannerConfigured: clamav !== null, scans } },
      stop: async () => {
        await companyChecks.stop();
        await notices.stop();
        await scans?.stop();
      },
      gatedRoutes: async (app, viewerOf) => {
        // Open complaints per company, for the certification subgraph's monitoring priorities.
        await openComplaints(app, viewerOf);
        // Complainants' evidence: uploads with the receipt code, downloads (through the gateway only).
        await evidence(app, viewerOf);
      },
    };
  },
  referenceResolvers: {
    Organization: (reference) => organizationReference(reference.id),
    ComplaintFormOptions: (reference) => complaintFormOptions(String(reference.language)),
    TransparencyReport: (reference, { viewer }) => transparencyReport(reportYear(Number(reference.year)), viewer),
  },
};
