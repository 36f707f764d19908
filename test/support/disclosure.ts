/**
 * A reader's attempts to work out withheld complaint counts from public answers, whatever produced them:
 * the yearly reports (`transparencyReport { complaints }`) and the companies' public totals
 * (`complaintStatistics { total asOf }`). Each attempt is arithmetic a reader can do with the numbers
 * shown: a total less the parts shown, bounds from "fewer than 5" and from the protection marks, the
 * difference of two figures (within a report, across years, across the two answers). `leaks` lists every
 * withheld value pinned to one number and every derived count of 1 to 4 complaints; a sound rule gives [].
 */

export interface PublicCell {
  value: number | null;
  fewerThan: number | null;
  withheld: boolean;
}

export interface PublicReport {
  year: number;
  received: number;
  allegingViolationOfTheCode: number | null;
  againstMembersAndAffiliates: number | null;
  threshold: number;
  byKind: { kind: string; count: PublicCell }[];
  byCodeSection: { section: string; count: PublicCell }[];
  byStatusAtYearEnd: { status: string; count: PublicCell }[];
  cumulative: { sinceYear: number | null; received: number; allegingViolationOfTheCode: number | null; againstMembersAndAffiliates: number | null };
}

export interface PublicCompanyTotal {
  id: string;
  total: PublicCell;
  asOf: string;
}

type Range = [number, number];

/** What a reader may assume of a cell: shown exactly, below the threshold, or (when marks are in use) at least it. */
function cellRange(cell: PublicCell, marked: boolean, threshold: number, total: number): Range {
  if (cell.value !== null && !cell.withheld) return [cell.value, cell.value];
  if (cell.fewerThan !== null) return [0, Math.min(cell.fewerThan - 1, total)];
  return marked ? [threshold, total] : [0, total];
}

/** Narrows the ranges of parts that add up to `total` until nothing moves; returns the narrowed ranges. */
function narrowSum(ranges: Range[], total: number): Range[] {
  const out = ranges.map((r) => [...r] as Range);
  for (let changed = true; changed; ) {
    changed = false;
    const low = out.reduce((s, r) => s + r[0], 0);
    const high = out.reduce((s, r) => s + r[1], 0);
    out.forEach((r, i) => {
      const lo = Math.max(r[0], total - (high - r[1]));
      const hi = Math.min(r[1], total - (low - r[0]));
      if (lo !== r[0] || hi !== r[1]) {
        out[i] = [lo, hi];
        changed = true;
      }
    });
  }
  return out;
}

/** A derived count of complaints that must not be a small one (0 or at least the threshold are fine). */
function small(count: number, threshold: number): boolean {
  return count > 0 && count < threshold;
}

/** The attempts within one report. */
function reportLeaks(report: PublicReport, leaks: string[]) {
  const t = report.threshold;
  const R = report.received;
  const at = `${report.year}`;
  // Breakdowns that add up to the total; INADMISSIBLE is also the total less those alleging a violation.
  for (const [name, cells] of [
    ['byKind', report.byKind.map((k) => [k.kind, k.count] as const)],
    ['byStatusAtYearEnd', report.byStatusAtYearEnd.map((s) => [s.status, s.count] as const)],
  ] as const) {
    const marked = cells.some(([, c]) => c.fewerThan !== null);
    const ranges = cells.map(([label, c]): Range => {
      const range = cellRange(c, marked, t, R);
      if (label === 'INADMISSIBLE' && report.allegingViolationOfTheCode !== null) {
        const inadmissible = R - report.allegingViolationOfTheCode;
        if (c.withheld) leaks.push(`${at} INADMISSIBLE = received − allegingViolationOfTheCode = ${inadmissible}`);
        if (small(inadmissible, t)) leaks.push(`${at} received − allegingViolationOfTheCode = ${inadmissible}`);
        return [inadmissible, inadmissible];
      }
      return range;
    });
    narrowSum(ranges, R).forEach(([lo, hi], i) => {
      if (cells[i][1].withheld && lo === hi) leaks.push(`${at} ${name} ${cells[i][0]} pinned to ${lo}`);
    });
  }
  if (report.againstMembersAndAffiliates !== null && small(R - report.againstMembersAndAffiliates, t)) {
    leaks.push(`${at} received − againstMembersAndAffiliates = ${R - report.againstMembersAndAffiliates}`);
  }
  // Sections overlap: F + G − both = R, so F = R − onlyG and both = F + G − R.
  const [F, G] = report.byCodeSection.map((s) => s.count);
  const marked = F.fewerThan !== null || G.fewerThan !== null;
  const fRange = cellRange(F, marked, t, R);
  const gRange = cellRange(G, marked, t, R);
  if (!F.withheld && small(R - F.value!, t)) leaks.push(`${at} complaints citing only section G = ${R - F.value!}`);
  if (!G.withheld && small(R - G.value!, t)) leaks.push(`${at} complaints citing only section F = ${R - G.value!}`);
  if (!F.withheld && !G.withheld && small(F.value! + G.value! - R, t)) leaks.push(`${at} complaints citing both sections = ${F.value! + G.value! - R}`);
  // Each section is at least the total less the other (every complaint cites one).
  const fLow = Math.max(fRange[0], R - gRange[1]);
  const gLow = Math.max(gRange[0], R - fRange[1]);
  if (F.withheld && fLow === Math.min(fRange[1], R)) leaks.push(`${at} section F pinned to ${fLow}`);
  if (G.withheld && gLow === Math.min(gRange[1], R)) leaks.push(`${at} section G pinned to ${gLow}`);
}

/** The attempts across years: a cumulative figure less an earlier one is the yearly figures between. */
function acrossYears(reports: PublicReport[], leaks: string[]) {
  const byYear = new Map(reports.map((r) => [r.year, r]));
  const since = reports.find((r) => r.cumulative.sinceYear !== null)?.cumulative.sinceYear ?? null;
  for (const field of ['againstMembersAndAffiliates', 'allegingViolationOfTheCode'] as const) {
    // Known cumulative values: 0 before the first complaint, and every report that shows its own.
    const known = new Map<number, number>();
    if (since !== null) known.set(since - 1, 0);
    for (const r of reports) if (r.cumulative[field] !== null) known.set(r.year, r.cumulative[field]!);
    const points = [...known.keys()].sort((a, b) => a - b);
    points.forEach((y1, i) => {
      for (const y2 of points.slice(i + 1)) {
        const difference = known.get(y2)! - known.get(y1)!;
        const window = Array.from({ length: y2 - y1 }, (_, k) => y1 + 1 + k);
        const yearly = window.map((y) => byYear.get(y)?.[field] ?? null);
        const withheld = window.filter((_, k) => yearly[k] === null);
        const shownSum = yearly.reduce<number>((sum, v) => sum + (v ?? 0), 0);
        if (field === 'againstMembersAndAffiliates' && withheld.length === 1) {
          leaks.push(`${field} of ${withheld[0]} = cumulative ${y2} − cumulative ${y1} − the years shown = ${difference - shownSum}`);
        }
        if (field === 'allegingViolationOfTheCode' && withheld.length === 0) {
          // The yearly figures less the cumulative difference: complaints of earlier years found inadmissible since.
          const late = shownSum - difference;
          if (small(late, reports[0].threshold)) leaks.push(`complaints found inadmissible from ${y1 + 1} to ${y2} among earlier years = ${late}`);
        }
      }
    });
  }
}

/**
 * The attempts across the two answers: the companies' public totals against the last report's
 * cumulative figure of complaints against members. Each company's count at the end of that year is its
 * public total plus fewer than the threshold (it would have moved otherwise), or fewer than the
 * threshold when withheld; `companies` are those a complaint can name.
 */
function acrossAnswers(last: PublicReport, companies: PublicCompanyTotal[], leaks: string[]) {
  const cumulative = last.cumulative.againstMembersAndAffiliates;
  if (cumulative === null) return;
  const t = last.threshold;
  const asOf = `${last.year}-12-31`;
  const relevant = companies.filter((c) => c.asOf <= asOf);
  const ranges = relevant.map((c): Range => [c.total.value ?? 0, (c.total.value ?? 0) + t - 1]);
  narrowSum(ranges, cumulative).forEach(([lo, hi], i) => {
    const company = relevant[i];
    if (lo === hi && lo !== company.total.value) leaks.push(`company ${company.id}: ${lo} complaints to ${asOf}, from the report's cumulative figure`);
  });
}

/** Every withheld value the public answers give away, and every derived count of 1 to 4 complaints. */
export function leaks(reports: PublicReport[], companies: PublicCompanyTotal[] = []): string[] {
  const found: string[] = [];
  for (const report of reports) reportLeaks(report, found);
  acrossYears(reports, found);
  const last = [...reports].sort((a, b) => b.year - a.year)[0];
  if (last && companies.length > 0) acrossAnswers(last, companies, found);
  return found;
}
