import { badUserInput, MembershipCategory, MembershipStatus, ObserverKind, Pillar } from '../../../shared/src';
import { CertificationDeadlineRule } from '../organization/organization.entity';

/** Which status may follow which. Terminated and withdrawn are final: coming back means applying again. */
const NEXT_STATUSES: Record<MembershipStatus, readonly MembershipStatus[]> = {
  [MembershipStatus.ACTIVE]: [MembershipStatus.SUSPENDED, MembershipStatus.TERMINATED, MembershipStatus.WITHDRAWN],
  [MembershipStatus.SUSPENDED]: [MembershipStatus.ACTIVE, MembershipStatus.TERMINATED, MembershipStatus.WITHDRAWN],
  [MembershipStatus.TERMINATED]: [],
  [MembershipStatus.WITHDRAWN]: [],
};

/** Why `category` is not open to an organization of `pillar`, or null when it is. */
export function categoryRefusal(pillar: Pillar, category: MembershipCategory): string | null {
  if (category === MembershipCategory.AFFILIATE && pillar !== Pillar.PRIVATE_SECURITY_COMPANY) {
    return 'Only private security companies can be affiliates';
  }
  if (category === MembershipCategory.OBSERVER && pillar === Pillar.PRIVATE_SECURITY_COMPANY) {
    return 'A company providing security services cannot be an observer';
  }
  // Observers are admitted in addition to the three pillars: a State or a CSO observing is of the OBSERVER pillar.
  if (category === MembershipCategory.OBSERVER && pillar !== Pillar.OBSERVER) {
    return 'Observers are admitted beside the three pillars: use the pillar OBSERVER with an observerKind';
  }
  if (pillar === Pillar.OBSERVER && category !== MembershipCategory.OBSERVER) {
    return 'A person or entity of the OBSERVER pillar can only be an observer';
  }
  return null;
}

/** Why `observerKind` does not fit `pillar`, or null when it does: observers have a kind, nobody else has one. */
export function observerKindRefusal(pillar: Pillar, observerKind: ObserverKind | null | undefined): string | null {
  if (pillar === Pillar.OBSERVER && !observerKind) return 'An observer needs its observerKind';
  if (pillar !== Pillar.OBSERVER && observerKind) return 'Only the OBSERVER pillar has an observerKind';
  return null;
}

/**
 * The kind an observer is counted under: its own, or for an organization of a pillar that was once an
 * observer (its history says so) the kind that names that pillar.
 */
export function observerKindOf(pillar: Pillar, observerKind: ObserverKind | null): ObserverKind {
  if (observerKind) return observerKind;
  if (pillar === Pillar.GOVERNMENT) return ObserverKind.GOVERNMENT;
  if (pillar === Pillar.CIVIL_SOCIETY) return ObserverKind.CIVIL_SOCIETY;
  return ObserverKind.OTHER;
}

export interface MembershipState {
  status: MembershipStatus;
  category: MembershipCategory;
}

/**
 * Checks a change of status (and possibly category) and throws BAD_USER_INPUT when the Association's
 * rules do not allow it. An active organization may keep its status only to change category
 * (a member company becoming an affiliate after missing its deadline, say).
 */
export function checkMembershipChange(pillar: Pillar, from: MembershipState, to: MembershipState): void {
  const refusal = categoryRefusal(pillar, to.category);
  if (refusal) throw badUserInput(refusal, 'category');
  if (from.status === to.status) {
    if (from.status === MembershipStatus.ACTIVE && from.category !== to.category) return;
    throw badUserInput(`The organization is already ${from.status.toLowerCase()}`, 'status');
  }
  if (!NEXT_STATUSES[from.status].includes(to.status)) {
    throw badUserInput(
      `A ${from.status.toLowerCase()} organization cannot become ${to.status.toLowerCase()}` +
        (NEXT_STATUSES[from.status].length === 0 ? ': this status is final; a new application is needed' : ''),
      'status',
    );
  }
  if (from.category !== to.category && to.status !== MembershipStatus.ACTIVE) {
    throw badUserInput('The category can change only while the organization is active', 'category');
  }
}

/**
 * A termination names its main ground (`reasonCode`); other changes do not: the Association's texts give
 * grounds for terminations only. BAD_USER_INPUT on `field` otherwise.
 */
export function checkReasonCode(status: MembershipStatus, reasonCode: string | null | undefined, field = 'reasonCode'): void {
  if (status === MembershipStatus.TERMINATED && !reasonCode) {
    throw badUserInput('A termination needs its reason code (TerminationReason; OTHER when none fits)', field);
  }
  if (status !== MembershipStatus.TERMINATED && reasonCode) {
    throw badUserInput('A reason code is recorded for terminations only', field);
  }
}

/**
 * How "31 December of the third calendar year from joining" is counted (CERTIFICATION_DEADLINE_FIRST_YEAR):
 * `YEAR_AFTER_JOINING` counts the year after joining as the first (joined in 2025: 31 December 2028), the
 * default; `YEAR_OF_JOINING` counts the year of joining as the first (joined in 2025: 31 December 2027).
 */
export enum DeadlineFirstYear {
  YEAR_AFTER_JOINING = 'YEAR_AFTER_JOINING',
  YEAR_OF_JOINING = 'YEAR_OF_JOINING',
}

export interface CertificationDeadline {
  deadline: string;
  rule: CertificationDeadlineRule;
}

/**
 * A company admitted as a member must be ICoCA-certified by 31 December of the third calendar year
 * from joining (current rule), counted as `firstYear` says. Other pillars and categories have no deadline.
 */
export function certificationDeadlineFor(
  pillar: Pillar,
  category: MembershipCategory,
  joinedOn: string,
  firstYear: DeadlineFirstYear = DeadlineFirstYear.YEAR_AFTER_JOINING,
): CertificationDeadline | null {
  if (pillar !== Pillar.PRIVATE_SECURITY_COMPANY || category !== MembershipCategory.MEMBER) return null;
  const third = Number(joinedOn.slice(0, 4)) + (firstYear === DeadlineFirstYear.YEAR_OF_JOINING ? 2 : 3);
  return { deadline: `${third}-12-31`, rule: CertificationDeadlineRule.END_OF_THIRD_CALENDAR_YEAR };
}

/** The entry in force on `date` (the last one effective on or before it), or null before the first one. */
export function entryOn<E extends { effectiveFrom: string; sequence: number }>(history: readonly E[], date: string): E | null {
  let found: E | null = null;
  for (const entry of history) {
    if (entry.effectiveFrom <= date && (!found || entry.sequence > found.sequence)) found = entry;
  }
  return found;
}
