import type { Database, PeerClient, RequestContext } from '../../shared/src';
import type { FieldCipher } from './protection/crypto';
import type { CompanyChecks } from './complaint/company-check.worker';
import type { Notices } from './notification/notification.worker';
import { createComplaintLoaders } from './complaint/complaint.loaders';
import type { StageDueAt } from './complaint/complaint.rules';
import { createCaseOfficerLoaders } from './case-officer/case-officer.loaders';
import { createEvidenceLoaders } from './evidence/evidence.loaders';
import type { EvidenceScans } from './evidence/evidence.worker';

/*
 * What a resolver of the complaints subgraph receives: the process's services, prepared once at set-up
 * (subgraph.ts: the field cipher, the membership peer, the company-check worker, the notice rounds), and this request's
 * loaders. Every subgraph keeps its request context in its own context.ts.
 */

/** The other subgraphs this one asks (reads only). */
export interface ComplaintsPeers {
  /** Whether a complaint's company is or was a member company (membership/membership.peer.ts). */
  membership: PeerClient;
}

/** What the complaints subgraph prepares once at start and every request shares. */
export interface ComplaintsServices {
  cipher: FieldCipher;
  peers: ComplaintsPeers;
  companyChecks: CompanyChecks;
  /** When a stage is due, from the configured targets (COMPLAINT_STAGE_TARGETS). */
  stageDueAt: StageDueAt;
  /** The e-mail notice rounds: woken when a notice is queued. */
  notices: Notices;
  /** Complainants' evidence: whether a scanner is configured (CLAMAV_URL), and its scan rounds when it is. */
  evidence: { scannerConfigured: boolean; scans: EvidenceScans | null };
}

/** Per-request loaders of the complaints subgraph, one set per concept (complaint/complaint.loaders.ts). */
export function createRequestLoaders(database: Database) {
  return {
    ...createComplaintLoaders(database),
    ...createCaseOfficerLoaders(database),
    ...createEvidenceLoaders(database),
  };
}

export type ComplaintsLoaders = ReturnType<typeof createRequestLoaders>;
export type ComplaintsContext = RequestContext<ComplaintsLoaders, ComplaintsServices>;
