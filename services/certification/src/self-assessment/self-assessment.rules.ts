/** The annual self-assessment cycle as plain functions of dated membership facts and submissions. */
import { MembershipCategory, MembershipStatus, type MembershipFactsEntry } from '../membership/membership-facts';
import { membershipEntryOn } from '../standing/standing.rules';
import { SelfAssessmentStatus } from './self-assessment.entity';

/** The self-assessment of year Y is due by 31 December of Y. */
export function selfAssessmentDueOn(year: number): string {
  return `${year}-12-31`;
}

/**
 * Whether a company must submit a self-assessment for `year`: it was a member or affiliate company (active
 * or suspended) on 1 January of that year. A company joining during a year starts with the next one.
 */
export function selfAssessmentRequired(isCompany: boolean, history: readonly MembershipFactsEntry[], year: number): boolean {
  if (!isCompany) return false;
  const entry = membershipEntryOn(history, `${year}-01-01`);
  return !!entry && maySubmitSelfAssessment(isCompany, entry);
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

/** The status of a year's self-assessment on `date`, given the submission (if any). */
export function selfAssessmentStatusOn(
  year: number,
  submission: { status: SelfAssessmentStatus } | null,
  date: string,
): SelfAssessmentStatus {
  if (submission) return submission.status;
  return date > selfAssessmentDueOn(year) ? SelfAssessmentStatus.OVERDUE : SelfAssessmentStatus.DUE;
}

/** The years of a company's cycle from `fromYear` to `toYear`: those required and those submitted anyway. */
export function cycleYears(
  isCompany: boolean,
  history: readonly MembershipFactsEntry[],
  submittedYears: readonly number[],
  fromYear: number,
  toYear: number,
): number[] {
  const years: number[] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    if (selfAssessmentRequired(isCompany, history, year) || submittedYears.includes(year)) years.push(year);
  }
  return years;
}
