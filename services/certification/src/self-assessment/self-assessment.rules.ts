/** The annual self-assessment cycle as plain functions of dated membership facts and submissions. */
import { membershipEntryOn, type MembershipHistoryFacts } from '../standing/standing.rules';
import { SelfAssessmentStatus } from './self-assessment.entity';

/** The self-assessment of year Y is due by 31 December of Y. */
export function selfAssessmentDueOn(year: number): string {
  return `${year}-12-31`;
}

/**
 * Whether a company must submit a self-assessment for `year`: it was a member or affiliate company (active
 * or suspended) on 1 January of that year. A company joining during a year starts with the next one.
 */
export function selfAssessmentRequired(isCompany: boolean, history: readonly MembershipHistoryFacts[], year: number): boolean {
  if (!isCompany) return false;
  const entry = membershipEntryOn(history, `${year}-01-01`);
  return (
    !!entry &&
    (entry.status === 'ACTIVE' || entry.status === 'SUSPENDED') &&
    (entry.category === 'MEMBER' || entry.category === 'AFFILIATE')
  );
}

/** Whether a company may submit now: a member or affiliate company, active or suspended. */
export function maySubmitSelfAssessment(
  isCompany: boolean,
  membership: { status: string | null; category: string | null },
): boolean {
  return (
    isCompany &&
    (membership.status === 'ACTIVE' || membership.status === 'SUSPENDED') &&
    (membership.category === 'MEMBER' || membership.category === 'AFFILIATE')
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
  history: readonly MembershipHistoryFacts[],
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
