/** Self-assessment cycles as plain functions of dated membership facts, cycle dates and submissions. */
import { badUserInput } from '../../../shared/src';
import { MembershipCategory, MembershipStatus, type MembershipFactsEntry } from '../membership/membership-facts';
import { membershipEntryOn } from '../standing/standing.rules';
import { SelfAssessmentStatus } from './self-assessment.entity';

/**
 * The dates of the cycles recorded before cycles had dates of their own: the year's self-assessment was
 * asked of the companies of 1 January and due on 31 December. The migration and the sample use them.
 */
export function calendarYearCycle(year: number): { sentOn: string; dueOn: string } {
  return { sentOn: `${year}-01-01`, dueOn: `${year}-12-31` };
}

/**
 * Whether a cycle sent on `sentOn` covers a company: it was a member or affiliate company (active or
 * suspended) that day. A company joining after the questionnaire went out answers the next cycle.
 */
export function coveredByCycle(isCompany: boolean, history: readonly MembershipFactsEntry[], sentOn: string): boolean {
  if (!isCompany) return false;
  const entry = membershipEntryOn(history, sentOn);
  return !!entry && maySubmitSelfAssessment(isCompany, entry);
}

/**
 * Whether a cycle covers a company: the companies the Secretariat listed when it opened the cycle, or by
 * default those the cycle's `sentOn` makes members or affiliates (`coveredByCycle`).
 */
export function cycleCovers(
  cycle: { sentOn: string },
  listed: ReadonlySet<string> | null,
  company: { id: string; isCompany: boolean; history: readonly MembershipFactsEntry[] },
): boolean {
  return listed ? listed.has(company.id) : coveredByCycle(company.isCompany, company.history, cycle.sentOn);
}

/** Whether a company may submit now: a member or affiliate company, active or suspended. */
export function maySubmitSelfAssessment(
  isCompany: boolean,
  membership: { status: string | null; category: string | null },
): boolean {
  return (
    isCompany &&
    (membership.status === MembershipStatus.ACTIVE || membership.status === MembershipStatus.SUSPENDED) &&
    (membership.category === MembershipCategory.MEMBER || membership.category === MembershipCategory.AFFILIATE)
  );
}

/**
 * Whether a cycle takes answers on `day`: from the day it is sent. A late answer is still taken (the
 * Secretariat chases overdue companies for it); a cycle not yet sent takes none.
 */
export function cycleOpenOn(cycle: { sentOn: string }, day: string): boolean {
  return day >= cycle.sentOn;
}

/** BAD_USER_INPUT unless a new cycle's dates make sense: a year 2000 to 2100, sent before it is due. */
export function checkCycleDates(year: number, sentOn: string, dueOn: string): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badUserInput('year must be 2000 to 2100', 'year');
  if (dueOn <= sentOn) throw badUserInput('dueOn must come after sentOn', 'dueOn');
}

/** The status of a company's self-assessment in a cycle due on `dueOn`, on `date`, given its submission (if any). */
export function selfAssessmentStatusOn(
  dueOn: string,
  submission: { status: SelfAssessmentStatus } | null,
  date: string,
): SelfAssessmentStatus {
  if (submission) return submission.status;
  return date > dueOn ? SelfAssessmentStatus.OVERDUE : SelfAssessmentStatus.DUE;
}

/** A company's entries among `cycles` (each with its listed companies, if any): those that cover it and those it answered anyway. */
export function companyCycles<C extends { year: number; sentOn: string }>(
  company: { id: string; isCompany: boolean; history: readonly MembershipFactsEntry[] },
  submittedYears: readonly number[],
  cycles: readonly { cycle: C; listed: ReadonlySet<string> | null }[],
): C[] {
  return cycles
    .filter(({ cycle, listed }) => cycleCovers(cycle, listed, company) || submittedYears.includes(cycle.year))
    .map(({ cycle }) => cycle);
}
