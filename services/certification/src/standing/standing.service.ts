import { badUserInput } from '../../../shared/src';
import { certificationInForce, type CertificatesOfOrganizations } from '../certification/certification-in-force';
import { CertificationStatus } from '../certification/certification.entity';
import type { DatedMembershipFacts } from '../membership/membership-facts';
import type { Organization } from '../organization/organization.entity';
import { membershipOn, standingOn } from './standing.rules';

/**
 * An organization's standing on `date`, from its dated membership facts and the certification in force that
 * day (read through the loaders). The one derivation: `Organization.standing`, `VerificationResult.standing`
 * and its receipt, and the standing tracker all ask it. Returns what it rests on as well, for receipts.
 * `membership` may be a promise, so that it is fetched while the certificates are read.
 */
export async function standingOfOrganization(
  loaders: CertificatesOfOrganizations,
  organizationId: string,
  membership: DatedMembershipFacts | Promise<DatedMembershipFacts>,
  date: string,
) {
  // Facts the gateway brought along are at hand: only facts fetched from membership are awaited beside the certificates.
  const [facts, certification] =
    membership instanceof Promise
      ? await Promise.all([membership, certificationInForce(loaders, organizationId, date)])
      : [membership, await certificationInForce(loaders, organizationId, date)];
  const onDate = membershipOn(facts, date);
  const standing = standingOn(onDate, certification.status === CertificationStatus.CERTIFIED, date);
  return { standing, membership: onDate, certification };
}

/**
 * The membership facts the gateway brought along (`@requires`) on the `Organization` stub. Only a caller
 * bypassing the gateway omits them; it learns nothing.
 */
export function requiredMembershipFacts(organization: Organization): DatedMembershipFacts {
  if (!organization.pillar || !organization.statusHistory) {
    throw badUserInput('The membership facts this field requires were not provided');
  }
  return {
    pillar: organization.pillar,
    certificationDeadline: organization.certificationDeadline ?? null,
    statusHistory: organization.statusHistory,
  };
}
