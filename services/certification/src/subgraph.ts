import { createPeerClient, loadSigningKeys, reportYear, type SubgraphConfig, type SubgraphDefinition } from '../../shared/src';
// What this subgraph adds to `Organization`, imported in the order its fields are listed in the schema (type-graphql
// lists them as their modules load).
import { CertificationOrganizationFields } from './certification/certification.organization.resolver';
import { MonitoringOrganizationFields } from './monitoring/monitoring.organization.resolver';
import { SelfAssessmentOrganizationFields } from './self-assessment/self-assessment.organization.resolver';
import { ApplicationOrganizationFields } from './application/application.organization.resolver';
import { SurveillanceOrganizationFields } from './surveillance/surveillance.organization.resolver';
import { RiskOrganizationFields } from './risk/risk.organization.resolver';
import { FieldVisitOrganizationFields } from './field-visit/field-visit.organization.resolver';
import { StandingOrganizationFields } from './standing/standing.organization.resolver';
import { CertificationApplication, CertificationApplicationEvent } from './application/application.entity';
import { ApplicationDocumentResolver, CertificationApplicationResolver } from './application/application.resolver';
import { CertificationReviewResolver } from './application/application-review.resolver';
import { Certification, CertificationBody, CertificationCountry, CertificationStatusEntry } from './certification/certification.entity';
import { CertificationBodyResolver, CertificationResolver } from './certification/certification.resolver';
import { certificationChangesRoutes } from './certification/certification-copies.routes';
import { certificationSettings } from './config';
import { DocumentChunk, DocumentContent, StoredDocument } from './document/document.entity';
import { documentRoutes } from './document/document.routes';
import {
  FieldVisitConsultation,
  FieldVisitContribution,
  FieldVisitNamedOrganization,
  FieldVisitRecord,
  FieldVisitSummary,
} from './field-visit/field-visit.entity';
import { FieldVisitContributionResolver, FieldVisitRecordResolver, MonitoringActivityFieldVisitResolver } from './field-visit/field-visit.resolver';
import { CertificationInitial1764547200000 } from './migrations/1764547200000-certification-initial';
import { CertificationApplications1796100000000 } from './migrations/1796100000000-certification-applications';
import { PublicFiguresIndexes1796200000001 } from './migrations/1796200000001-public-figures-indexes';
import { RiskReports1796400000000 } from './migrations/1796400000000-risk-reports';
import { Watchlists1796500000001 } from './migrations/1796500000001-watchlists';
import { SelfAssessmentCycles1796600000010 } from './migrations/1796600000010-self-assessment-cycles';
import { CorrectiveActionPlanRequired1796600000011 } from './migrations/1796600000011-corrective-action-plan-required';
import { FieldVisits1796700000002 } from './migrations/1796700000002-field-visits';
import { CertificationCountries1796900000000 } from './migrations/1796900000000-certification-countries';
import { ListOrderIndexes1796905000000 } from './migrations/1796905000000-list-order-indexes';
import { Finding, FindingStatusEntry, MonitoringActivity } from './monitoring/monitoring.entity';
import { FindingResolver, MonitoringActivityResolver } from './monitoring/monitoring.resolver';
import { Organization } from './organization/organization.entity';
import { createRequestLoaders, type CertificationLoaders, type CertificationPeers, type CertificationServices } from './context';
import { resolveOrganizationReference } from './organization/organization.resolver';
import { TransparencyCertificationResolver } from './public-figures/public-figures.resolver';
import { TransparencyReport } from './public-figures/public-figures.types';
import { MonitoringPriorityResolver } from './priorities/priorities.resolver';
import { CitedRiskReportResolver, MonitoringActivityRiskResolver, RiskAreaResolver, RiskLevelChangeResolver } from './risk/risk-area.resolver';
import { visibleReport } from './risk/risk.access';
import { MonitoringActivityRiskReport, RiskLevelEntry, RiskReport, RiskReportCompany, RiskReportReview } from './risk/risk.entity';
import { RiskReportResolver } from './risk/risk.resolver';
import { loadCertificationSampleData } from './sample-data';
import { SelfAssessmentCycle, SelfAssessmentCycleCompany, SelfAssessmentRecord } from './self-assessment/self-assessment.entity';
import { SelfAssessmentCycleResolver } from './self-assessment/self-assessment-cycle.resolver';
import { SelfAssessmentResolver } from './self-assessment/self-assessment.resolver';
import { SurveillanceReportRecord } from './surveillance/surveillance.entity';
import { SurveillanceReportResolver } from './surveillance/surveillance.resolver';
import { VerificationResultResolver } from './verification/verification.resolver';
import { resolveVerificationResult } from './verification/verification.rules';
import { VerificationResult } from './verification/verification.types';
import { CertificationOutboxEntry, OutboxCursor } from './outbox/outbox.entity';
import { startStandingTracker, trackOnce, type StandingTrackerOptions } from './watchlist/standing-tracker.job';
import { WebhookDelivery } from './watchlist/webhook.entity';
import { WatchlistWebhookResolver } from './watchlist/webhook.resolver';
import { queueDeliveries } from './watchlist/webhook.service';
import { startWebhookWorker } from './watchlist/webhook.worker';
import { StandingChange, StandingSnapshot, Watchlist, WatchlistEntry } from './watchlist/watchlist.entity';
import { StandingChangeResolver, WatchlistEntryResolver, WatchlistResolver } from './watchlist/watchlist.resolver';

/** The peers' clients, built once per process from the settings (config.ts). */
function connectPeers(config: SubgraphConfig): CertificationPeers {
  const settings = certificationSettings(config);
  return {
    membership: createPeerClient('membership', settings.membershipUrl, settings.membershipSecret),
    complaints: createPeerClient('complaints', settings.complaintsUrl, settings.complaintsSecret),
  };
}

/** What the standing tracker is started with here: its peers (built from `config` when absent) and loaders are composed. */
type StandingTrackerSetup = Omit<StandingTrackerOptions, 'peers' | 'createLoaders'> & { config: SubgraphConfig; peers?: CertificationPeers };

/** The tracker reads as the public does (peer calls carry no token): the request loaders, with the process's peers and settings. */
function standingTrackerOptions({ config, peers = connectPeers(config), ...options }: StandingTrackerSetup): StandingTrackerOptions {
  const settings = certificationSettings(config);
  const createLoaders = () => createRequestLoaders(options.database, { peers, settings });
  return { ...options, peers, createLoaders };
}

/** One pass of the standing tracker, outside its schedule (tests run it on the days they choose). */
export function trackStandingsOnce(setup: StandingTrackerSetup): Promise<boolean> {
  return trackOnce(standingTrackerOptions(setup));
}

/**
 * The certification and monitoring subgraph: certificates, applications for ICoCA certification and their
 * documents, surveillance follow-up, monitoring, findings, self-assessments; extends `Organization`.
 */
export const certificationSubgraph: SubgraphDefinition<CertificationLoaders, CertificationServices> = {
  name: 'certification',
  resolvers: [
    CertificationOrganizationFields,
    MonitoringOrganizationFields,
    SelfAssessmentOrganizationFields,
    ApplicationOrganizationFields,
    SurveillanceOrganizationFields,
    RiskOrganizationFields,
    FieldVisitOrganizationFields,
    StandingOrganizationFields,
    CertificationResolver,
    CertificationBodyResolver,
    MonitoringActivityResolver,
    FindingResolver,
    SelfAssessmentResolver,
    SelfAssessmentCycleResolver,
    VerificationResultResolver,
    TransparencyCertificationResolver,
    CertificationApplicationResolver,
    ApplicationDocumentResolver,
    CertificationReviewResolver,
    SurveillanceReportResolver,
    RiskReportResolver,
    RiskAreaResolver,
    CitedRiskReportResolver,
    RiskLevelChangeResolver,
    MonitoringActivityRiskResolver,
    FieldVisitRecordResolver,
    MonitoringActivityFieldVisitResolver,
    FieldVisitContributionResolver,
    MonitoringPriorityResolver,
    WatchlistResolver,
    WatchlistEntryResolver,
    StandingChangeResolver,
    WatchlistWebhookResolver,
  ],
  orphanedTypes: [Organization, VerificationResult, TransparencyReport],
  entities: [
    CertificationBody,
    Certification,
    CertificationCountry,
    CertificationStatusEntry,
    MonitoringActivity,
    Finding,
    FindingStatusEntry,
    SelfAssessmentRecord,
    SelfAssessmentCycle,
    SelfAssessmentCycleCompany,
    DocumentContent,
    DocumentChunk,
    StoredDocument,
    CertificationApplication,
    CertificationApplicationEvent,
    SurveillanceReportRecord,
    RiskReport,
    RiskReportCompany,
    RiskReportReview,
    RiskLevelEntry,
    MonitoringActivityRiskReport,
    FieldVisitRecord,
    FieldVisitConsultation,
    FieldVisitNamedOrganization,
    FieldVisitSummary,
    FieldVisitContribution,
    CertificationOutboxEntry,
    OutboxCursor,
    Watchlist,
    WatchlistEntry,
    StandingSnapshot,
    StandingChange,
    WebhookDelivery,
  ],
  migrations: [
    CertificationInitial1764547200000,
    CertificationApplications1796100000000,
    PublicFiguresIndexes1796200000001,
    RiskReports1796400000000,
    Watchlists1796500000001,
    SelfAssessmentCycles1796600000010,
    CorrectiveActionPlanRequired1796600000011,
    FieldVisits1796700000002,
    CertificationCountries1796900000000,
    ListOrderIndexes1796905000000,
  ],
  createLoaders: (database, _viewer, _config, services, requestId) => createRequestLoaders(database, services, requestId),
  checkConfig: (config) => {
    certificationSettings(config);
  },
  referenceResolvers: {
    // The representation carries the membership facts the gateway fetched for `@requires` fields.
    Organization: (reference) => resolveOrganizationReference(reference),
    VerificationResult: (reference) => resolveVerificationResult(reference),
    // A direct caller could name any year: checked here as by the complaints subgraph.
    // Its reporter and the Secretariat only, through `_entities` as through `riskReport`.
    RiskReport: (reference, context) => visibleReport(context.loaders, context.viewer, String(reference.id)),
    TransparencyReport: (reference) => Object.assign(new TransparencyReport(), { year: reportYear(Number(reference.year)) }),
  },
  setup: async ({ config, database, logger }) => {
    const receiptKeys = await loadSigningKeys({
      env: config.env,
      production: config.environment === 'production',
      dataDir: config.dataDir,
      logger,
      service: config.service,
    });
    const settings = certificationSettings(config);
    // The membership and complaints subgraphs' clients: one each for the process, handed to requests as services.
    const peers = connectPeers(config);
    // Changes of standing, signed, queued for webhooks in the same transaction; delivered beside.
    const tracker = startStandingTracker(
      standingTrackerOptions({ config, database, logger, peers, pollMs: settings.standingTrackerPollMs, onRecorded: queueDeliveries, receiptKeys }),
    );
    // Development and tests run receivers on this machine; production calls only public HTTPS addresses.
    const local = config.environment !== 'production';
    const webhooks = startWebhookWorker({
      database, logger, policy: { allowLoopback: local }, pollMs: settings.standingTrackerPollMs, ...settings.webhook,
    });
    return {
      services: { receiptKeys, answersOnlyTheGateway: Boolean(config.gatewaySecret), webhooksOverPlainHttp: local, peers, settings },
      // Public keys of the receipts; the gateway publishes them at the same path.
      routes: (app) => {
        app.get('/.well-known/jwks.json', async () => receiptKeys.jwks);
      },
      // Uploads and downloads of certification documents: through the gateway only, never public. The certificates
      // of organizations that changed, for the membership subgraph's directory copies (its gateway secret).
      gatedRoutes: async (app, viewerOf) => {
        await documentRoutes({ database, logger, peers, settings: settings.documents })(app, viewerOf);
        await certificationChangesRoutes(database)(app, viewerOf);
      },
      // Follows both outboxes and records changes of standing.
      stop: () => Promise.all([tracker.stop(), webhooks.stop()]).then(() => undefined),
    };
  },
  loadSampleData: loadCertificationSampleData,
};
