import { badUserInput, isCalendarDate } from '../../../shared/src';
import { RiskReportStatus } from './risk.enums';
import type { RiskLevelEntry } from './risk.entity';

/** The period observed: two days, in order, not in the future. */
export function checkObservedPeriod(from: string, until: string, today: string): void {
  if (!isCalendarDate(from)) throw badUserInput('observedFrom must be a date (YYYY-MM-DD)', 'input.observedFrom');
  if (!isCalendarDate(until)) throw badUserInput('observedUntil must be a date (YYYY-MM-DD)', 'input.observedUntil');
  if (until < from) throw badUserInput('observedUntil cannot be before observedFrom', 'input.observedUntil');
  if (until > today) throw badUserInput('observedUntil cannot be in the future', 'input.observedUntil');
}

/** Who may withdraw: the reporter, while the report is not already withdrawn. */
export function checkWithdrawable(status: RiskReportStatus): void {
  if (status === RiskReportStatus.WITHDRAWN) throw badUserInput('The report is already withdrawn', 'id');
}

/** The Secretariat reviews a report once, while it is submitted. */
export function checkReviewable(status: RiskReportStatus): void {
  if (status !== RiskReportStatus.SUBMITTED) {
    throw badUserInput(`Only a submitted report can be reviewed; this one is ${status}`, 'id');
  }
}

/** The entry of one area in force on `date` (entries of that area, any order): the latest effective by then. */
export function levelOn<E extends Pick<RiskLevelEntry, 'effectiveFrom'>>(entries: readonly E[], date: string): E | null {
  let found: E | null = null;
  for (const entry of entries) {
    if (entry.effectiveFrom <= date && (!found || entry.effectiveFrom > found.effectiveFrom)) found = entry;
  }
  return found;
}

/** Groups level entries by area (a country code or a region code), oldest first. */
export function byArea<E extends Pick<RiskLevelEntry, 'area' | 'effectiveFrom'>>(entries: readonly E[]): Map<string, E[]> {
  const areas = new Map<string, E[]>();
  for (const entry of [...entries].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))) {
    const list = areas.get(entry.area) ?? [];
    list.push(entry);
    areas.set(entry.area, list);
  }
  return areas;
}
