import { Standing, STANDING_DESCRIPTIONS } from '../../../shared/src';
import {
  isPrivateSecurityCompany,
  MembershipCategory,
  MembershipStatus,
  type DatedMembershipFacts,
  type MembershipFactsEntry,
} from '../membership/membership-facts';

/**
 * Standing: membership (owned by the membership subgraph) and certification (owned here) combined into
 * the one answer a partner needs. Pure functions of dated facts, so any past date can be answered; the
 * one derivation that reads them for an organization is `standingOfOrganization` (standing.service.ts).
 */

// Declared once for every subgraph that reads or filters by it (services/shared/src/shared-types.ts).
export { Standing, STANDING_DESCRIPTIONS };

/** The membership facts on one date, as the membership subgraph states them. */
export interface MembershipOnDate {
  isCompany: boolean;
  /** ACTIVE, SUSPENDED, TERMINATED, WITHDRAWN; null when not yet admitted. */
  status: string | null;
  /** MEMBER, AFFILIATE, OBSERVER; null when not yet admitted. */
  category: string | null;
  /** The member company's certification deadline, if it has one. */
  certificationDeadline: string | null;
}

/** Standing on `date`, given the membership on that date and whether a certification was in force. */
export function standingOn(membership: MembershipOnDate, certified: boolean, date: string): Standing {
  if (membership.status === MembershipStatus.SUSPENDED) return Standing.SUSPENDED;
  if (membership.status !== MembershipStatus.ACTIVE) return Standing.NOT_A_MEMBER;
  if (!membership.isCompany) {
    return membership.category === MembershipCategory.OBSERVER ? Standing.OBSERVER : Standing.MEMBER;
  }
  if (membership.category === MembershipCategory.AFFILIATE) return Standing.AFFILIATE;
  if (membership.category !== MembershipCategory.MEMBER) return Standing.NOT_A_MEMBER;
  if (certified) return Standing.CERTIFIED_MEMBER;
  if (membership.certificationDeadline && date > membership.certificationDeadline) return Standing.CERTIFICATION_OVERDUE;
  return Standing.MEMBER_PENDING_CERTIFICATION;
}

/** The entry in force on `date`: the last one effective on or before it (the history is in order). */
export function membershipEntryOn(history: readonly MembershipFactsEntry[], date: string): MembershipFactsEntry | null {
  let found: MembershipFactsEntry | null = null;
  for (const entry of history) if (entry.effectiveFrom <= date) found = entry;
  return found;
}

/** The membership facts on `date`, from the dated history: what `standingOn` needs. */
export function membershipOn(membership: DatedMembershipFacts, date: string): MembershipOnDate {
  const entry = membershipEntryOn(membership.statusHistory, date);
  return {
    isCompany: isPrivateSecurityCompany(membership),
    status: entry?.status ?? null,
    category: entry?.category ?? null,
    certificationDeadline: membership.certificationDeadline,
  };
}
