import { ComplaintStatus } from '../complaint/complaint.enums';
import { isSettled, type StageDueAt } from '../complaint/complaint.rules';

/*
 * Stage deadlines: how long a complaint may wait in each open status before the Secretariat counts it as
 * overdue. Plain functions, so the rules test calls them without a database.
 *
 * Source. The Association's complaints procedure (Articles of Association, Art. 13, and the Board's
 * "Procedures for Article 13: Complaints Process") is summarized at https://icoca.ch/en/complaints (page
 * undated, read 6 December 2026): that page names the stages (receipt, assessment, the company's
 * grievance mechanism, the Association's good offices) but gives no number of days for any of them, and the
 * procedure's own text could not be read here. So every default below is the Secretariat's own target,
 * not the procedure's; set COMPLAINT_STAGE_TARGETS to the procedure's time frames once they are confirmed
 * (docs/rules.md, docs/operations.md).
 */

/** The statuses a complaint can wait in: every status but the settled ones. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = Object.values(ComplaintStatus).filter((status) => !isSettled(status));

/** Days a complaint may wait in each open status: the Secretariat's own targets, none from the procedure. */
export const DEFAULT_STAGE_TARGET_DAYS: Readonly<Record<string, number>> = {
  // Acknowledge the complaint and open its assessment within a week.
  [ComplaintStatus.RECEIVED]: 7,
  // Decide admissibility (or ask the complainant for more) within 30 days.
  [ComplaintStatus.UNDER_ASSESSMENT]: 30,
  // Each handling stage is reviewed with the parties at least every 90 days (60 for the Secretariat's own review).
  [ComplaintStatus.REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM]: 90,
  [ComplaintStatus.GOOD_OFFICES]: 90,
  [ComplaintStatus.UNDER_REVIEW]: 60,
  [ComplaintStatus.MONITORING_FOLLOW_UP]: 90,
};

/** Days per open status. */
export type StageTargets = Readonly<Record<string, number>>;

const DAY_MS = 86_400_000;
/** The longest target accepted: ten years, so a typo of extra digits is refused rather than silently "never due". */
const MAX_TARGET_DAYS = 3650;

/** `P14D` → 14, `P2W` → 14 (ISO 8601 durations in whole days or weeks); null for anything else. */
export function durationDays(value: string): number | null {
  const match = /^P(\d{1,5})([DW])$/.exec(value.trim().toUpperCase());
  if (!match) return null;
  const days = Number(match[1]) * (match[2] === 'W' ? 7 : 1);
  return days >= 1 && days <= MAX_TARGET_DAYS ? days : null;
}

/**
 * Reads `RECEIVED=P14D,UNDER_ASSESSMENT=P30D,...`: each open status at most once, each with a duration of
 * 1 day to 10 years; statuses left out keep their default. Throws an Error naming the first bad entry (the
 * settings turn it into a refusal to start).
 */
export function parseStageTargets(value: string | undefined): StageTargets {
  const targets: Record<string, number> = { ...DEFAULT_STAGE_TARGET_DAYS };
  if (value === undefined || value.trim() === '') return targets;
  const seen = new Set<string>();
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [status, duration, extra] = entry.split('=').map((part) => part.trim());
    if (!status || !duration || extra !== undefined) {
      throw new Error(`"${entry}" must be <status>=<duration>, e.g. UNDER_ASSESSMENT=P30D`);
    }
    const upper = status.toUpperCase();
    if (!OPEN_STATUSES.includes(upper as ComplaintStatus)) {
      const settled = (Object.values(ComplaintStatus) as string[]).includes(upper);
      throw new Error(
        settled
          ? `${upper} is settled and has no due date; targets are for ${OPEN_STATUSES.join(', ')}`
          : `"${status}" is not a status a complaint waits in; use one of ${OPEN_STATUSES.join(', ')}`,
      );
    }
    if (seen.has(upper)) throw new Error(`${upper} is given twice`);
    seen.add(upper);
    const days = durationDays(duration);
    if (days === null) {
      throw new Error(`${upper}=${duration}: the target must be a duration in days or weeks from P1D to P${MAX_TARGET_DAYS}D, e.g. P30D or P4W`);
    }
    targets[upper] = days;
  }
  return targets;
}

/** When a stage of `status` that began at `stageBeganAt` is due under `targets`; null once settled. */
export function stageDueAt(targets: StageTargets, status: ComplaintStatus, stageBeganAt: string): string | null {
  if (isSettled(status)) return null;
  const days = targets[status];
  if (days === undefined) return null;
  return new Date(Date.parse(stageBeganAt) + days * DAY_MS).toISOString();
}

/** `stageDueAt` bound to one set of targets: what filing and moving a complaint call. */
export function stageDueAtFor(targets: StageTargets): StageDueAt {
  return (status, stageBeganAt) => stageDueAt(targets, status, stageBeganAt);
}

/** Overdue: the stage's due date has passed at `now` (a settled complaint, with none, never is). */
export function isOverdue(dueAt: string | null, now: string): boolean {
  return dueAt !== null && dueAt < now;
}

/**
 * "Due this week" is the next 7 days, counted from the moment of asking (not the calendar week, which on a
 * Friday would leave only two days ahead): due before `now` + 7 days, overdue ones included.
 */
export const DUE_WINDOW_DAYS = 7;

/** The end of the "due this week" window for a question asked at `now`. */
export function dueWindowEnd(now: string): string {
  return new Date(Date.parse(now) + DUE_WINDOW_DAYS * DAY_MS).toISOString();
}
