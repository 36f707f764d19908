import { forbidden, isSecretariat, notFound, ownsRecord, unauthenticated, type Viewer } from '../../../shared/src';
import type { CertificationLoaders } from '../context';
import { isActiveCivilSocietyMember } from '../membership/membership-facts';
import type { RiskReport } from './risk.entity';

/** The reporter and the Secretariat read a report; to anyone else (the companies it names included) it does not exist. */
export function mayReadReport(viewer: Viewer, report: RiskReport): boolean {
  return isSecretariat(viewer) || ownsRecord(viewer, report.reporterOrganizationId);
}

export async function visibleReport(loaders: CertificationLoaders, viewer: Viewer, id: string): Promise<RiskReport> {
  const report = await loaders.riskReport.load(id);
  if (!report || !mayReadReport(viewer, report)) throw notFound('Risk report', id);
  return report;
}

/**
 * Who may submit: the Secretariat, or a member token of an active civil society member (asked of the membership
 * subgraph). Returns the reporting organization's id, null for the Secretariat.
 */
export async function requireReporter(loaders: CertificationLoaders, viewer: Viewer): Promise<string | null> {
  if (viewer.role === 'secretariat') return null;
  if (viewer.role === 'public') throw unauthenticated('Sign in as a civil society member to submit a risk report');
  if (viewer.role !== 'member' || !viewer.organizationId) throw forbidden('Only civil society members and the Secretariat submit risk reports');
  const facts = await loaders.membership.load(viewer.organizationId);
  if (!isActiveCivilSocietyMember(facts)) {
    throw forbidden('Only active members of the civil society pillar submit risk reports');
  }
  return viewer.organizationId;
}
