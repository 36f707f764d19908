import { forbidden, isSecretariat, notFound, ownsRecord, unauthenticated, type Viewer } from '../../../shared/src';
import type { CertificationLoaders } from '../context';
import { isActiveCivilSocietyMember } from '../membership/membership-facts';
import type { FieldVisitContribution } from './field-visit.entity';

/** The member that sent an input and the Secretariat read it; to anyone else (the company visited included) it does not exist. */
export function mayReadContribution(viewer: Viewer, contribution: FieldVisitContribution): boolean {
  return isSecretariat(viewer) || ownsRecord(viewer, contribution.contributorOrganizationId);
}

export async function visibleContribution(loaders: CertificationLoaders, viewer: Viewer, id: string): Promise<FieldVisitContribution> {
  const contribution = await loaders.fieldVisitContribution.load(id);
  if (!contribution || !mayReadContribution(viewer, contribution)) throw notFound('Field visit input', id);
  return contribution;
}

/** Who may send input: a member token of an active civil society member (asked of the membership subgraph). Returns its id. */
export async function requireCivilSocietyMember(loaders: CertificationLoaders, viewer: Viewer): Promise<string> {
  if (viewer.role === 'public') throw unauthenticated('Sign in as a civil society member to send input for a field visit');
  if (viewer.role !== 'member' || !viewer.organizationId) throw forbidden('Only civil society members send input for field visits');
  const facts = await loaders.membership.load(viewer.organizationId);
  if (!isActiveCivilSocietyMember(facts)) {
    throw forbidden('Only active members of the civil society pillar send input for field visits');
  }
  return viewer.organizationId;
}
