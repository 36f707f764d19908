import type { Database, PeerRoutesClient, RequestContext, SigningKeys } from '../../shared/src';
import { createApplicationLoaders } from './application/application.loaders';
import { createCertificationLoaders } from './certification/certification.loaders';
import type { CertificationSettings } from './config';
import { createDocumentLoaders } from './document/document.loaders';
import { createFieldVisitLoaders } from './field-visit/field-visit.loaders';
import { membershipLoader } from './membership/membership.peer';
import { createMonitoringLoaders } from './monitoring/monitoring.loaders';
import { createRiskLoaders } from './risk/risk.loaders';
import { createSelfAssessmentLoaders } from './self-assessment/self-assessment.loaders';
import { createSurveillanceLoaders } from './surveillance/surveillance.loaders';

/*
 * What a resolver of the certification subgraph receives: the process's services, prepared once at set-up
 * (subgraph.ts), and this request's loaders. Each concept's loaders live beside it (`<concept>/<concept>.loaders.ts`);
 * they are composed here.
 */

/** The other subgraphs this one asks (reads only). */
export interface CertificationPeers {
  /** Membership facts, company lists and the membership outbox (the standing tracker): membership/membership.peer.ts. */
  membership: PeerRoutesClient;
  /** Open complaints per company, for monitoring priorities: complaints/complaints.peer.ts. */
  complaints: PeerRoutesClient;
}

/** What the certification subgraph prepares once at start and every request shares. */
export interface CertificationServices {
  /** The receipt signing keys (verification/receipt.ts). */
  receiptKeys: SigningKeys;
  /** True when a gateway secret is required: receipts are signed only then, for the graph's clients. */
  answersOnlyTheGateway: boolean;
  /** Development and tests call webhook receivers on this machine over plain HTTP; production does not. */
  webhooksOverPlainHttp: boolean;
  peers: CertificationPeers;
  /** The subgraph's own settings, read once at start (config.ts). */
  settings: CertificationSettings;
}

/**
 * Per-request loaders of the certification subgraph: one statement per kind of record, whatever the list length.
 * Every concept's loaders side by side, their names saying whose records they load.
 */
export function createRequestLoaders(
  database: Database,
  { peers, settings }: Pick<CertificationServices, 'peers' | 'settings'>,
  /** The request the loaders serve (their calls to membership carry it); none for a background job. */
  requestId?: string,
) {
  const membership = peers.membership.forRequest(requestId);
  return {
    /** Public facts from the membership subgraph, one HTTP call per batch. */
    membership: membershipLoader(membership),
    ...createCertificationLoaders(database),
    ...createMonitoringLoaders(database),
    ...createSelfAssessmentLoaders(database, membership),
    ...createDocumentLoaders(database),
    ...createApplicationLoaders(database),
    ...createSurveillanceLoaders(database, settings.surveillanceGraceDays),
    ...createRiskLoaders(database),
    ...createFieldVisitLoaders(database),
  };
}

export type CertificationLoaders = ReturnType<typeof createRequestLoaders>;
export type CertificationContext = RequestContext<CertificationLoaders, CertificationServices>;
