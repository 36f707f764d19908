import { describe, expect, it } from 'vitest';
import {
  cumulativePartStates,
  protectCells,
  protectSections,
  protectYear,
  releasedTotal,
  type CellState,
  type YearCounts,
} from '../services/complaints/src/disclosure/disclosure.rules';
import { leaks, type PublicCell, type PublicReport } from './support/disclosure';

/** A complaint as the report counts it: its year, kind, status at the end of its year, sections, company check. */
interface Case {
  year: number;
  kind: number;
  status: number;
  sections: 'F' | 'G' | 'FG';
  check: 'PASSED' | 'PENDING';
  /** The year it was found inadmissible (its own year when `status` is INADMISSIBLE), if ever. */
  inadmissibleYear: number | null;
}

const KINDS = ['HARM_TO_COMPLAINANT', 'HARM_TO_REPRESENTED_PERSON', 'VIOLATION_REPORT'];
const STATUSES = ['RECEIVED', 'UNDER_ASSESSMENT', 'INADMISSIBLE', 'REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM', 'GOOD_OFFICES',
  'UNDER_REVIEW', 'MONITORING_FOLLOW_UP', 'RESOLVED', 'CLOSED'];
const INADMISSIBLE = 2;

const cell = (count: number, state: CellState): PublicCell => ({
  value: state === 'SHOWN' ? count : null,
  fewerThan: state === 'BELOW_THRESHOLD' ? 5 : null,
  withheld: state !== 'SHOWN',
});

function yearCounts(cases: Case[], year: number, all: Case[]): YearCounts {
  const of = cases.filter((c) => c.year === year);
  return {
    received: of.length,
    statuses: STATUSES.map((_, i) => of.filter((c) => c.status === i).length),
    inadmissibleIndex: INADMISSIBLE,
    against: of.filter((c) => c.check === 'PASSED').length,
    pending: of.filter((c) => c.check === 'PENDING').length,
    foundInadmissibleLate: all.filter((c) => c.year < year && c.inadmissibleYear === year).length,
  };
}

/** The public report of `year` built from the rules alone, as the service builds it from the database. */
function publicReport(all: Case[], year: number): PublicReport {
  const first = Math.min(...all.map((c) => c.year));
  const counts = yearCounts(all, year, all);
  const states = protectYear(counts);
  const of = all.filter((c) => c.year === year);
  const kinds = KINDS.map((_, i) => of.filter((c) => c.kind === i).length);
  const sections: [number, number] = [of.filter((c) => c.sections.includes('F')).length, of.filter((c) => c.sections.includes('G')).length];
  const sectionStates = protectSections(sections, of.length);
  const years = Array.from({ length: year - first + 1 }, (_, k) => yearCounts(all, first + k, all));
  const cumulative = cumulativePartStates(years);
  const upTo = all.filter((c) => c.year <= year);
  return {
    year,
    received: of.length,
    allegingViolationOfTheCode: states.alleging === 'SHOWN' ? of.length - counts.statuses[INADMISSIBLE] : null,
    againstMembersAndAffiliates: states.against === 'SHOWN' ? counts.against : null,
    threshold: 5,
    byKind: kinds.map((count, i) => ({ kind: KINDS[i], count: cell(count, protectCells(kinds)[i]) })),
    byCodeSection: ['CONDUCT_OF_PERSONNEL', 'MANAGEMENT_AND_GOVERNANCE'].map((section, i) => ({ section, count: cell(sections[i], sectionStates[i]) })),
    byStatusAtYearEnd: STATUSES.map((status, i) => ({ status, count: cell(counts.statuses[i], states.statuses[i]) })),
    cumulative: {
      sinceYear: first <= year ? first : null,
      received: upTo.length,
      allegingViolationOfTheCode:
        cumulative.alleging === 'SHOWN' ? upTo.filter((c) => c.inadmissibleYear === null || c.inadmissibleYear > year).length : null,
      againstMembersAndAffiliates: cumulative.against === 'SHOWN' ? upTo.filter((c) => c.check === 'PASSED').length : null,
    },
  };
}

/** `n` complaints of `year`, each described by `make(i)`. */
const many = (n: number, year: number, make: (i: number) => Partial<Case> = () => ({})): Case[] =>
  Array.from({ length: n }, (_, i) => ({ year, kind: 0, status: 0, sections: 'F', check: 'PASSED', inadmissibleYear: null, ...make(i) }));

describe('disclosure control of the yearly report', () => {
  it('withholds the complaints alleging a violation when the total less them gives a withheld INADMISSIBLE count (16 − 14 = 2)', () => {
    const cases = [
      ...many(14, 2026, (i) => ({ status: i < 7 ? 0 : 7, kind: i % 2 === 0 ? 0 : 2 })),
      ...many(2, 2026, () => ({ status: INADMISSIBLE, inadmissibleYear: 2026 })),
    ];
    const report = publicReport(cases, 2026);
    expect(report.allegingViolationOfTheCode).toBeNull();
    expect(report.byStatusAtYearEnd[INADMISSIBLE].count).toEqual({ value: null, fewerThan: 5, withheld: true });
    expect(leaks([report])).toEqual([]);
    // What the report published before: alleging shown, so 16 − 14 gives the withheld cell.
    expect(leaks([{ ...report, allegingViolationOfTheCode: 14 }])).toEqual(expect.arrayContaining([
      '2026 INADMISSIBLE = received − allegingViolationOfTheCode = 2',
      '2026 received − allegingViolationOfTheCode = 2',
    ]));
  });

  it('shows the two sections only when those citing only the other, and those citing both, are not a small number', () => {
    expect(protectSections([10, 6], 16)).toEqual(['SHOWN', 'SHOWN']);
    // Showing 12 of 16 would tell that 4 cite only the other section.
    expect(protectSections([12, 6], 16)).toEqual(['WITHHELD_TO_PROTECT_OTHERS', 'SHOWN']);
    // Showing both would tell that 2 cite both: the smaller is withheld.
    expect(protectSections([12, 10], 20)).toEqual(['SHOWN', 'WITHHELD_TO_PROTECT_OTHERS']);
    expect(protectSections([16, 2], 16)).toEqual(['SHOWN', 'BELOW_THRESHOLD']);
    expect(protectSections([4, 4], 8)).toEqual(['WITHHELD_TO_PROTECT_OTHERS', 'WITHHELD_TO_PROTECT_OTHERS']);
  });

  it('withholds the figure against members while a company check is pending, and shows it when it is the whole total', () => {
    const counts = (against: number, pending: number): YearCounts => ({
      received: 12, statuses: [12, 0, 0, 0, 0, 0, 0, 0, 0], inadmissibleIndex: INADMISSIBLE, against, pending, foundInadmissibleLate: 0,
    });
    expect(protectYear(counts(12, 0)).against).toBe('SHOWN');
    expect(protectYear(counts(11, 1)).against).toBe('WITHHELD_TO_PROTECT_OTHERS');
    expect(protectYear(counts(7, 0)).against).toBe('SHOWN');
    expect(protectYear(counts(9, 0)).against).toBe('WITHHELD_TO_PROTECT_OTHERS');
  });

  it('shows a cumulative figure only when every year shows its own, so that no difference of two gives a withheld year', () => {
    const cases = [...many(9, 2024), ...many(3, 2024, () => ({ check: 'PENDING' })), ...many(8, 2025), ...many(6, 2026)];
    const reports = [2024, 2025, 2026].map((year) => publicReport(cases, year));
    expect(reports.map((r) => r.againstMembersAndAffiliates)).toEqual([null, 8, 6]);
    expect(reports.map((r) => r.cumulative.againstMembersAndAffiliates)).toEqual([null, null, null]);
    expect(leaks(reports)).toEqual([]);
    // Published as before (cumulative always exact), 2024's withheld figure is the difference.
    const before = reports.map((r, i) => ({ ...r, cumulative: { ...r.cumulative, againstMembersAndAffiliates: [9, 17, 23][i] } }));
    expect(leaks(before)).toContain('againstMembersAndAffiliates of 2024 = cumulative 2024 − cumulative 2023 − the years shown = 9');
  });

  it('leaves no withheld count to be worked out on many random years of complaints', () => {
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    let shown = 0;
    for (let run = 0; run < 300; run += 1) {
      const cases: Case[] = [];
      for (let year = 2020; year <= 2024; year += 1) {
        const n = Math.floor(random() * (random() < 0.4 ? 8 : 40));
        for (let i = 0; i < n; i += 1) {
          const status = random() < 0.3 ? INADMISSIBLE : pick([0, 0, 1, 3, 4, 7, 8]);
          const late = status !== INADMISSIBLE && random() < 0.1 ? year + 1 + Math.floor(random() * 2) : null;
          cases.push({
            year,
            kind: pick([0, 0, 0, 1, 2, 2]),
            status,
            sections: pick(['F', 'F', 'G', 'FG'] as const),
            check: random() < 0.05 ? 'PENDING' : 'PASSED',
            inadmissibleYear: status === INADMISSIBLE ? year : late,
          });
        }
      }
      if (cases.length === 0) continue;
      const reports = [2020, 2021, 2022, 2023, 2024].map((year) => publicReport(cases, year));
      expect(leaks(reports), JSON.stringify(reports.map((r) => r.received))).toEqual([]);
      shown += reports.filter((r) => r.allegingViolationOfTheCode !== null).length;
    }
    // The rule still publishes: most years of many complaints show their figures.
    expect(shown).toBeGreaterThan(300);
  });
});

describe('disclosure control of a company\'s public total', () => {
  it('counts ended years only and moves in steps of at least 5', () => {
    expect(releasedTotal([{ year: 2026, count: 9 }], 2025)).toEqual({ value: null, asOfYear: 2025, state: 'BELOW_THRESHOLD' });
    expect(releasedTotal([{ year: 2024, count: 3 }, { year: 2025, count: 4 }], 2025)).toEqual({ value: 7, asOfYear: 2025, state: 'SHOWN' });
    expect(releasedTotal([{ year: 2024, count: 7 }, { year: 2025, count: 1 }], 2025)).toEqual({ value: 7, asOfYear: 2024, state: 'SHOWN' });
  });

  it('never changes by fewer than 5, from one day to the next or one year to the next, on many random histories', () => {
    let seed = 3;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let run = 0; run < 500; run += 1) {
      const years = Array.from({ length: 8 }, (_, k) => ({ year: 2018 + k, count: Math.floor(random() * (random() < 0.5 ? 3 : 9)) }));
      let previous = releasedTotal(years, 2017);
      for (let last = 2018; last <= 2026; last += 1) {
        const now = releasedTotal(years, last);
        // One more complaint in a year that has not ended changes nothing.
        const withOneMore = years.map((y) => (y.year === last + 1 ? { ...y, count: y.count + 1 } : y));
        expect(releasedTotal(withOneMore, last)).toEqual(now);
        if (now.value !== previous.value) {
          expect((now.value ?? 0) - (previous.value ?? 0)).toBeGreaterThanOrEqual(5);
          expect(now.value).not.toBeNull();
        }
        previous = now;
      }
    }
  });
});
