/**
 * Calendar dates as the graph writes them: `YYYY-MM-DD` text in UTC, with no time of day. Such text sorts
 * in date order, so callers compare dates with `<` and `>`; this module holds the arithmetic.
 */

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written `YYYY-MM-DD` (2026-02-30 is refused). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The day `today()` last gave, and the span of time it stays true: it is asked per field of every row. */
let todayCached = { day: '', from: 0, until: 0 };

/** Today's date in UTC, `YYYY-MM-DD`. */
export function today(): string {
  const now = Date.now();
  // A clock set back (a test's fake time) falls outside the span as surely as midnight does.
  if (now < todayCached.from || now >= todayCached.until) {
    const from = Math.floor(now / DAY_MS) * DAY_MS;
    todayCached = { day: new Date(from).toISOString().slice(0, 10), from, until: from + DAY_MS };
  }
  return todayCached.day;
}

/** `date` moved by `days` days (negative for earlier), across months, leap days and years. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The day before `date`. */
export function dayBefore(date: string): string {
  return addDays(date, -1);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * `date` moved by whole years, as text: 2024-02-29 + 1 year gives 2025-02-29, which is no calendar day but
 * sorts after 2025-02-28 and before 2025-03-01, so a limit "within N years" compares as the rules expect.
 * For a calendar day, use `anniversary`.
 */
export function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

/** The `years`-th anniversary of `date`, a calendar day: a 29 February falls on 28 February in other years. */
export function anniversary(date: string, years: number): string {
  const moved = addYears(date, years);
  return isCalendarDate(moved) ? moved : `${moved.slice(0, 8)}28`;
}
