import { MembershipCategory, MembershipStatus, Pillar } from '../../../shared/src';

/*
 * What this subgraph knows of an organization's membership, which the membership subgraph owns. Two
 * ways in, one shape:
 * - asked directly (membership.peer.ts): `MembershipFacts`, the peer's answer;
 * - brought along by the gateway for `@requires` fields: the same facts on the `Organization` stub
 *   (organization/organization.entity.ts, with their GraphQL type `MembershipStatusEntry`), optional there
 *   because only the gateway sends them.
 * The GraphQL vocabulary (pillar, status, category) and the descriptions of the dated history are the
 * membership subgraph's, declared once for every subgraph in services/shared/src/shared-types.ts, so the
 * composed graph has one of each.
 */

export { MembershipCategory, MembershipStatus, Pillar } from '../../../shared/src';

/** What this subgraph asks the membership subgraph about an organization (public fields), as it answers. */
export interface MembershipFacts {
  id: string;
  name: string;
  pillar: string;
  headquartersCountry: string;
  /** Today's status and category; null when not yet admitted. */
  membershipStatus: string | null;
  membershipCategory: string | null;
  /** A member company's certification deadline, if it has one. */
  certificationDeadline: string | null;
  /** Every change of membership, oldest first. */
  statusHistory: readonly MembershipFactsEntry[];
}

/** One dated entry of `MembershipFacts.statusHistory` (the plain shape of `MembershipStatusEntry`). */
export interface MembershipFactsEntry {
  status: string;
  category: string;
  effectiveFrom: string;
}

/** The dated part of the facts, on which standing and the self-assessment cycle rest (any past day can be answered). */
export type DatedMembershipFacts = Pick<MembershipFacts, 'pillar' | 'certificationDeadline' | 'statusHistory'>;

/** Whether the organization is a private security company (the only pillar certified and monitored here). */
export function isPrivateSecurityCompany(facts: { pillar?: string | null } | null | undefined): boolean {
  return facts?.pillar === Pillar.PRIVATE_SECURITY_COMPANY;
}

/**
 * Whether the organization is today an active member of the civil society pillar (category MEMBER): who sends
 * risk reports and field visit input. A civil society organization observing is of the OBSERVER pillar, not this one.
 */
export function isActiveCivilSocietyMember(facts: Pick<MembershipFacts, 'pillar' | 'membershipStatus' | 'membershipCategory'> | null | undefined): boolean {
  return (
    facts?.pillar === Pillar.CIVIL_SOCIETY &&
    facts.membershipStatus === MembershipStatus.ACTIVE &&
    facts.membershipCategory === MembershipCategory.MEMBER
  );
}
