/**
 * Disclosure control of every public figure about complaints: the yearly report and the statistics of
 * each company. One rule, as plain functions:
 *  - no public count describes fewer than 5 complaints (the threshold): such a count is withheld;
 *  - no withheld count can be worked out from what is shown beside it: where a total and its parts meet,
 *    more counts are withheld (the next smallest first) until every withheld count keeps at least two
 *    possible values;
 *  - no withheld count can be worked out from the same figure on another day: the yearly report of a
 *    year is public only once the year has ended (its counts no longer move), and a company's public
 *    total counts ended years only and moves only in steps of at least the threshold.
 * The Secretariat sees the exact counts; what the public sees is decided here alone.
 */

/** Counts below this are withheld from the public. */
export const DISCLOSURE_THRESHOLD = 5;

/** How one count is published. */
export type CellState = 'SHOWN' | 'BELOW_THRESHOLD' | 'WITHHELD_TO_PROTECT_OTHERS';

/** A count's state when it stands alone: shown from the threshold on. */
function aloneState(count: number, threshold = DISCLOSURE_THRESHOLD): CellState {
  return count < threshold ? 'BELOW_THRESHOLD' : 'SHOWN';
}

/** A withheld count's state: below the threshold, or withheld although not below it. */
function withheldState(count: number, threshold: number): CellState {
  return count < threshold ? 'BELOW_THRESHOLD' : 'WITHHELD_TO_PROTECT_OTHERS';
}

/**
 * The range a reader can narrow a withheld cell to, knowing the total (the sum of the cells), the cells
 * shown and, for each withheld cell, whether it is marked below the threshold (0 to threshold − 1) or
 * not (from the threshold on).
 */
export function derivableRange(counts: readonly number[], states: readonly CellState[], index: number, threshold = DISCLOSURE_THRESHOLD) {
  const total = counts.reduce((sum, c) => sum + c, 0);
  const withheldSum = total - counts.reduce((sum, c, i) => (states[i] === 'SHOWN' ? sum + c : sum), 0);
  const bounds = (i: number): [number, number] =>
    states[i] === 'BELOW_THRESHOLD' ? [0, threshold - 1] : [threshold, Number.POSITIVE_INFINITY];
  let othersLow = 0;
  let othersHigh = 0;
  states.forEach((state, i) => {
    if (i === index || state === 'SHOWN') return;
    const [low, high] = bounds(i);
    othersLow += low;
    othersHigh += high;
  });
  const [low, high] = bounds(index);
  return { min: Math.max(low, withheldSum - othersHigh), max: Math.min(high, withheldSum - othersLow) };
}

/** True when some withheld cell can be pinned to one value. */
function anyDerivable(counts: readonly number[], states: readonly CellState[], threshold: number): boolean {
  return states.some((state, i) => {
    if (state === 'SHOWN') return false;
    const { min, max } = derivableRange(counts, states, i, threshold);
    return min === max;
  });
}

/**
 * Which cells of a breakdown (counts that add up to a published total) to show. Cells below the
 * threshold are withheld; then, while some withheld cell could be worked out, the smallest cell still
 * shown (and not `fixed`) is withheld too. `fixed` gives cells whose state is already decided elsewhere
 * (a cell another public figure reveals). A total of 0 shows its cells (0 points at no one).
 */
export function protectCells(
  counts: readonly number[],
  threshold = DISCLOSURE_THRESHOLD,
  fixed: readonly (CellState | undefined)[] = [],
): CellState[] {
  if (counts.every((c) => c === 0)) return counts.map(() => 'SHOWN');
  const states: CellState[] = counts.map((c, i) => fixed[i] ?? aloneState(c, threshold));
  while (anyDerivable(counts, states, threshold)) {
    const next = states
      .map((state, i) => ({ state, i, count: counts[i] }))
      .filter((cell) => cell.state === 'SHOWN' && fixed[cell.i] === undefined)
      .sort((a, b) => a.count - b.count || a.i - b.i)[0];
    if (!next) break;
    states[next.i] = withheldState(next.count, threshold);
  }
  // Everything withheld and the marks alone still pin a cell (two parts of 4 in a total of 8): drop the marks.
  if (anyDerivable(counts, states, threshold)) {
    return states.map((state, i) => (state === 'SHOWN' && fixed[i] !== undefined ? state : 'WITHHELD_TO_PROTECT_OTHERS'));
  }
  return states;
}

/** True when some withheld cell can still be pinned (for callers that fixed some cells). */
function leavesDerivable(counts: readonly number[], states: readonly CellState[], threshold = DISCLOSURE_THRESHOLD): boolean {
  if (counts.every((c) => c === 0)) return false;
  return anyDerivable(counts, states, threshold);
}

/**
 * A part of a published total whose other part is not published (the complaints against members, and so,
 * by difference, the others): shown only when both parts could be, or when the part is the whole total
 * (the other part is 0, which points at no one).
 */
function protectPart(part: number, total: number, threshold = DISCLOSURE_THRESHOLD): CellState {
  if (part === total && total >= threshold) return 'SHOWN';
  return protectCells([part, total - part], threshold)[0];
}

/**
 * The two sections of the Code (a complaint cites one or both): complaints citing section F, citing G,
 * of `total`. Showing F tells those citing only G (total − F), and showing both tells those citing
 * both (F + G − total): a section is shown only at the threshold or more with its complement at the
 * threshold or more (or 0), and when both would be, the overlap too (or 0); else the smaller is withheld.
 */
export function protectSections(
  [first, second]: readonly [number, number],
  total: number,
  threshold = DISCLOSURE_THRESHOLD,
): [CellState, CellState] {
  if (total === 0) return ['SHOWN', 'SHOWN'];
  const safe = (count: number) => count === 0 || count >= threshold;
  const mayShow = (count: number) => count >= threshold && safe(total - count);
  const states: [CellState, CellState] = [
    mayShow(first) ? 'SHOWN' : withheldState(first, threshold),
    mayShow(second) ? 'SHOWN' : withheldState(second, threshold),
  ];
  if (states[0] === 'SHOWN' && states[1] === 'SHOWN' && !safe(first + second - total)) {
    states[second < first ? 1 : 0] = 'WITHHELD_TO_PROTECT_OTHERS';
  }
  // Both below and the total needs them both near the threshold (4 and 4 of 8): drop the marks.
  if (states.every((state) => state === 'BELOW_THRESHOLD') && total >= 2 * (threshold - 1)) {
    return ['WITHHELD_TO_PROTECT_OTHERS', 'WITHHELD_TO_PROTECT_OTHERS'];
  }
  return states;
}

/** How many complaints of one year (of filing) a running total adds. */
export interface YearCount {
  year: number;
  count: number;
}

/**
 * A running total published once a year, as a company's public total: the count at the end of the last
 * year it moved by at least the threshold, up to `lastEndedYear`. Reading it on two days then tells
 * nothing smaller than the threshold (no step below it, no single complaint, no year of fewer than 5).
 * `value` is null while the count has never reached the threshold (`asOfYear` is then `lastEndedYear`).
 */
export function releasedTotal(
  years: readonly YearCount[],
  lastEndedYear: number,
  threshold = DISCLOSURE_THRESHOLD,
): { value: number | null; asOfYear: number; state: CellState } {
  let released = 0;
  let releasedYear: number | null = null;
  let running = 0;
  for (const { year, count } of [...years].filter((y) => y.year <= lastEndedYear).sort((a, b) => a.year - b.year)) {
    running += count;
    if (running - released >= threshold) {
      released = running;
      releasedYear = year;
    }
  }
  return releasedYear === null
    ? { value: null, asOfYear: lastEndedYear, state: 'BELOW_THRESHOLD' }
    : { value: released, asOfYear: releasedYear, state: 'SHOWN' };
}

/** One year's complaints as the yearly report counts them, each at the end of that year. */
export interface YearCounts {
  received: number;
  /** Per status at the end of the year, in a fixed order; `inadmissibleIndex` is INADMISSIBLE's place. */
  statuses: readonly number[];
  inadmissibleIndex: number;
  /** Against a company confirmed as a member or affiliate. */
  against: number;
  /** Whose company check has not answered yet: `against` may still grow. */
  pending: number;
  /** Complaints of earlier years found inadmissible in this year (the cumulative figures count them). */
  foundInadmissibleLate: number;
}

/**
 * A year's statuses at year end and the two parts of its total: alleging a violation (the total less
 * the INADMISSIBLE status, so shown only when that status is), and against members and affiliates
 * (shown only when the others could be too, and never while a company check is pending, so that a
 * published figure does not move).
 */
export function protectYear(year: YearCounts, threshold = DISCLOSURE_THRESHOLD) {
  const inadmissible = year.statuses[year.inadmissibleIndex];
  const alleging = protectPart(year.received - inadmissible, year.received, threshold);
  const statuses = protectStatuses(year.statuses, year.inadmissibleIndex, alleging, threshold);
  return {
    statuses: statuses.states,
    alleging: statuses.alleging,
    against: year.pending > 0 ? withheldState(year.against, threshold) : protectPart(year.against, year.received, threshold),
  };
}

/**
 * The cumulative parts (alleging, against) of the report of the last of `years` (every year from the
 * first complaint on): shown only when that part was shown in every year's report, so that a
 * cumulative figure never tells more than the yearly ones (the difference of two years' cumulative
 * figures is the later year's figure). The cumulative alleging figure also moves by the complaints of
 * earlier years found inadmissible in a year: shown only while each year's such count is 0 or at least
 * the threshold.
 */
export function cumulativePartStates(years: readonly YearCounts[], threshold = DISCLOSURE_THRESHOLD) {
  const states = years.map((year) => protectYear(year, threshold));
  const shownIf = (condition: boolean): CellState => (condition ? 'SHOWN' : 'WITHHELD_TO_PROTECT_OTHERS');
  return {
    alleging: shownIf(
      states.every((s) => s.alleging === 'SHOWN') &&
        years.every((y) => y.foundInadmissibleLate === 0 || y.foundInadmissibleLate >= threshold),
    ),
    against: shownIf(states.every((s) => s.against === 'SHOWN')),
  };
}

/**
 * The statuses at year end, one of which (`inadmissibleIndex`) the total less the complaints alleging
 * a violation reveals when that figure is shown. When protecting the other statuses needs the
 * inadmissible cell withheld, the alleging figure is withheld with it.
 */
function protectStatuses(
  counts: readonly number[],
  inadmissibleIndex: number,
  alleging: CellState,
  threshold = DISCLOSURE_THRESHOLD,
): { states: CellState[]; alleging: CellState } {
  const count = counts[inadmissibleIndex];
  if (alleging === 'SHOWN') {
    const fixed: (CellState | undefined)[] = [];
    fixed[inadmissibleIndex] = 'SHOWN';
    const states = protectCells(counts, threshold, fixed);
    if (!leavesDerivable(counts, states, threshold)) return { states, alleging };
  }
  const fixed: (CellState | undefined)[] = [];
  fixed[inadmissibleIndex] = counts.every((c) => c === 0) ? 'SHOWN' : withheldState(count, threshold);
  const states = protectCells(counts, threshold, fixed);
  const withheld = states[inadmissibleIndex] !== 'SHOWN';
  return { states, alleging: withheld && alleging === 'SHOWN' ? 'WITHHELD_TO_PROTECT_OTHERS' : alleging };
}
