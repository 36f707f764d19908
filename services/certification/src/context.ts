import DataLoader from 'dataloader';
import { In } from 'typeorm';
import {
  createPeerClient,
  listLoader,
  recordLoader,
  today,
  type Database,
  type PeerRoutesClient,
  type RequestContext,
  type SigningKeys,
  type SubgraphConfig,
  type Viewer,
} from '../../shared/src';
import { Certification, CertificationBody, CertificationStatusEntry } from './certification/certification.entity';
import { Finding, FindingStatusEntry, MonitoringActivity } from './monitoring/monitoring.entity';
import { SelfAssessmentRecord } from './self-assessment/self-assessment.entity';
import { CertificationApplication, CertificationApplicationEvent } from './application/application.entity';
import { certificationSettings, type CertificationSettings } from './config';
import { StoredDocument } from './document/document.entity';
import type { SurveillanceReport } from './surveillance/surveillance.entity';
import { surveillanceReportsByOrganization } from './surveillance/surveillance.service';
import { createRiskLoaders } from './risk/risk.loaders';
import { membershipLoader } from './membership/membership.peer';

/*
 * What a resolver of the certification subgraph receives: the process's services, prepared once at set-up
 * (subgraph.ts), and this request's loaders. Loaders of one concept may live beside it (risk/risk.loaders.ts);
 * they are bundled here.
 */

/** The other subgraphs this one asks (reads only). */
export interface CertificationPeers {
  /** Membership facts, company lists and the membership outbox (the standing tracker): membership/membership.peer.ts. */
  membership: PeerRoutesClient;
  /** Open complaints per company, for monitoring priorities: complaints/complaints.peer.ts. */
  complaints: PeerRoutesClient;
}

/** The peers' clients, built once per process from the settings (config.ts). */
export function connectPeers(config: SubgraphConfig): CertificationPeers {
  const settings = certificationSettings(config);
  return {
    membership: createPeerClient('membership', settings.membershipUrl, settings.membershipSecret),
    complaints: createPeerClient('complaints', settings.complaintsUrl, settings.complaintsSecret),
  };
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

/** Per-request loaders of the certification subgraph: one statement per kind of record, whatever the list length. */
export function createCertificationLoaders(
  database: Database,
  _viewer: Viewer,
  _config: SubgraphConfig,
  { peers, settings }: Pick<CertificationServices, 'peers' | 'settings'>,
) {
  const manager = database.dataSource.manager;
  return {
    /** Public facts from the membership subgraph, one HTTP call per batch. */
    membership: membershipLoader(peers.membership),
    certification: recordLoader<string, Certification>(
      (ids) => manager.findBy(Certification, { id: In([...ids]) }),
      (c) => c.id,
    ),
    certificationsByOrganization: listLoader<string, Certification>(
      (ids) =>
        manager.find(Certification, { where: { organizationId: In([...ids]) }, order: { issuedOn: 'DESC', id: 'ASC' } }),
      (c) => c.organizationId,
    ),
    certificationHistoryByOrganization: listLoader<string, CertificationStatusEntry>(
      (ids) =>
        manager.find(CertificationStatusEntry, {
          where: { organizationId: In([...ids]) },
          order: { certificationId: 'ASC', sequence: 'ASC' },
        }),
      (e) => e.organizationId,
    ),
    certificationHistory: listLoader<string, CertificationStatusEntry>(
      (ids) =>
        manager.find(CertificationStatusEntry, { where: { certificationId: In([...ids]) }, order: { sequence: 'ASC' } }),
      (e) => e.certificationId,
    ),
    certificationBody: recordLoader<string, CertificationBody>(
      (ids) => manager.findBy(CertificationBody, { id: In([...ids]) }),
      (b) => b.id,
    ),
    activity: recordLoader<string, MonitoringActivity>(
      (ids) => manager.findBy(MonitoringActivity, { id: In([...ids]) }),
      (a) => a.id,
    ),
    activitiesByOrganization: listLoader<string, MonitoringActivity>(
      (ids) =>
        manager.find(MonitoringActivity, {
          where: { organizationId: In([...ids]) },
          order: { plannedStartOn: 'DESC', id: 'DESC' },
        }),
      (a) => a.organizationId,
    ),
    finding: recordLoader<string, Finding>(
      (ids) => manager.findBy(Finding, { id: In([...ids]) }),
      (f) => f.id,
    ),
    findingsByOrganization: listLoader<string, Finding>(
      (ids) => manager.find(Finding, { where: { organizationId: In([...ids]) }, order: { dueOn: 'ASC', id: 'ASC' } }),
      (f) => f.organizationId,
    ),
    findingsByActivity: listLoader<string, Finding>(
      (ids) => manager.find(Finding, { where: { activityId: In([...ids]) }, order: { dueOn: 'ASC', id: 'ASC' } }),
      (f) => f.activityId,
    ),
    findingHistory: listLoader<string, FindingStatusEntry>(
      (ids) => manager.find(FindingStatusEntry, { where: { findingId: In([...ids]) }, order: { sequence: 'ASC' } }),
      (e) => e.findingId,
    ),
    selfAssessmentsByOrganization: listLoader<string, SelfAssessmentRecord>(
      (ids) =>
        manager.find(SelfAssessmentRecord, { where: { organizationId: In([...ids]) }, order: { year: 'ASC' } }),
      (s) => s.organizationId,
    ),
    document: recordLoader<string, StoredDocument>(
      (ids) => manager.findBy(StoredDocument, { id: In([...ids]) }),
      (d) => d.id,
    ),
    application: recordLoader<string, CertificationApplication>(
      (ids) => manager.findBy(CertificationApplication, { id: In([...ids]) }),
      (a) => a.id,
    ),
    applicationsByOrganization: listLoader<string, CertificationApplication>(
      (ids) =>
        manager.find(CertificationApplication, { where: { organizationId: In([...ids]) }, order: { createdAt: 'DESC', id: 'DESC' } }),
      (a) => a.organizationId,
    ),
    applicationHistory: listLoader<string, CertificationApplicationEvent>(
      (ids) => manager.find(CertificationApplicationEvent, { where: { applicationId: In([...ids]) }, order: { sequence: 'ASC' } }),
      (e) => e.applicationId,
    ),
    /** Surveillance reports of the organizations' certificates as they stand today: three statements per batch. */
    surveillanceReports: new DataLoader<string, SurveillanceReport[]>(async (ids) => {
      const byOrganization = await surveillanceReportsByOrganization(database, ids, today(), settings.surveillanceGraceDays);
      return ids.map((id) => byOrganization.get(id) ?? []);
    }),
    /** Risk reports of civil society (risk/). */
    risk: createRiskLoaders(database),
  };
}

export type CertificationLoaders = ReturnType<typeof createCertificationLoaders>;
export type CertificationContext = RequestContext<CertificationLoaders, CertificationServices>;
