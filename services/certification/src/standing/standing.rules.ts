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

export enum Standing {
  CERTIFIED_MEMBER = 'CERTIFIED_MEMBER',
  MEMBER_PENDING_CERTIFICATION = 'MEMBER_PENDING_CERTIFICATION',
  CERTIFICATION_OVERDUE = 'CERTIFICATION_OVERDUE',
  AFFILIATE = 'AFFILIATE',
  MEMBER = 'MEMBER',
  OBSERVER = 'OBSERVER',
  SUSPENDED = 'SUSPENDED',
  NOT_A_MEMBER = 'NOT_A_MEMBER',
}

/** What a procurement officer reads in Sandbox for each value. */
export const STANDING_DESCRIPTIONS: Record<Standing, string> = {
  CERTIFIED_MEMBER:
    'A company that is an ICoCA member in good standing and holds a valid ICoCA certification: its policies and ' +
    'systems were independently audited against the Code, and the Association monitors it.',
  MEMBER_PENDING_CERTIFICATION:
    'A company that is an ICoCA member in good standing but not yet certified, and still within the time the ' +
    'Association gives new members to become certified (its certification deadline).',
  CERTIFICATION_OVERDUE:
    'A company that is an ICoCA member but has not become certified by its deadline: a warning sign; ask the ' +
    'Association before relying on it.',
  AFFILIATE:
    'A company that is an ICoCA affiliate: not certified, but it completed the Association\'s self-assessment and ' +
    'remains monitored and subject to complaints. Not the same assurance as a certified member.',
  MEMBER:
    'A State, an intergovernmental organization or a civil society organization that is a member of the ' +
    'Association in good standing.',
  OBSERVER:
    'An observer in good standing: a person or entity admitted beside the three pillars (an academic, a ' +
    'certification body, a State or a civil society organization observing...) that takes part in the ' +
    'Association\'s work without voting rights. Observers provide no security services and are not certified.',
  SUSPENDED:
    'Membership is suspended by the Association (for example after a pattern of non-compliance): not in good ' +
    'standing on that date.',
  NOT_A_MEMBER:
    'Not a member on that date: not yet admitted, or its membership ended (terminated or withdrawn).',
};

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
