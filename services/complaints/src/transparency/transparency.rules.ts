/**
 * Small-cell protection of the public complaint figures, as plain functions. A count below the
 * threshold could point at a complainant, so it is withheld; and since the total is published, more
 * cells are withheld (the next smallest first) until no withheld count can be worked out from the
 * total and the counts shown.
 */

/** Counts below this are withheld from every breakdown of complaints. */
export const SUPPRESSION_THRESHOLD = 5;

/** How one cell of a breakdown is published. */
export type CellState = 'SHOWN' | 'BELOW_THRESHOLD' | 'WITHHELD_TO_PROTECT_OTHERS';

/**
 * The range a reader can narrow a withheld cell to, knowing the total, the cells shown and, for each
 * withheld cell, whether it is below the threshold (0 to threshold − 1) or withheld to protect another
 * (at least the threshold).
 */
export function derivableRange(counts: readonly number[], states: readonly CellState[], index: number, threshold = SUPPRESSION_THRESHOLD) {
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
 * shown is withheld too. When every cell is withheld, only the total remains (a total of 0, say, still
 * tells that every cell is 0: it points at no one).
 */
export function protectCells(counts: readonly number[], threshold = SUPPRESSION_THRESHOLD): CellState[] {
  const states: CellState[] = counts.map((c) => (c < threshold ? 'BELOW_THRESHOLD' : 'SHOWN'));
  while (anyDerivable(counts, states, threshold)) {
    const next = states
      .map((state, i) => ({ state, i, count: counts[i] }))
      .filter((cell) => cell.state === 'SHOWN')
      .sort((a, b) => a.count - b.count || a.i - b.i)[0];
    if (!next) break;
    states[next.i] = 'WITHHELD_TO_PROTECT_OTHERS';
  }
  return states;
}
