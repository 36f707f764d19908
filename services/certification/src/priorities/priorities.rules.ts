import { daysBetween } from '../../../shared/src';
import { RISK_LEVEL_POINTS, type RiskLevelValue } from '../risk/risk.enums';
import { PriorityFactorKind, type PriorityWeights } from './priorities.weights';

/** A field visit older than this many years (or none at all) counts as this many. */
export const FIELD_VISIT_YEARS_CAP = 5;

/** Everything known of one company for the day asked, gathered in a bounded number of statements and calls. */
export interface PriorityFacts {
  /** Level of each country of operation that has one on the day (country → level). */
  countryLevels: [string, RiskLevelValue][];
  /** Level of each region of operation that has one on the day. */
  regionLevels: [string, RiskLevelValue][];
  openComplaints: number;
  overdueSurveillanceReports: number;
  openFindings: number;
  overdueFindings: number;
  certified: boolean;
  suspended: boolean;
  deadlinePassed: boolean;
  lastFieldVisitOn: string | null;
  namedInRiskReports: number;
}

export interface ScoredFactor {
  factor: PriorityFactorKind;
  value: number;
  weight: number;
  contribution: number;
  detail: string | null;
}

const round = (n: number) => Math.round(n * 100) / 100;

const levelsDetail = (levels: [string, RiskLevelValue][]) => (levels.length ? levels.map(([a, l]) => `${a}: ${l}`).join(', ') : null);
const points = (levels: [string, RiskLevelValue][]) => levels.reduce((sum, [, level]) => sum + RISK_LEVEL_POINTS[level], 0);

/** Every factor with its value, weight and contribution, and their sum: the score. */
export function scoreCompany(facts: PriorityFacts, weights: PriorityWeights, day: string): { score: number; factors: ScoredFactor[] } {
  const years = facts.lastFieldVisitOn
    ? Math.min(FIELD_VISIT_YEARS_CAP, round(daysBetween(facts.lastFieldVisitOn, day) / 365.25))
    : FIELD_VISIT_YEARS_CAP;
  const values: [PriorityFactorKind, number, string | null][] = [
    [PriorityFactorKind.COUNTRY_RISK, points(facts.countryLevels), levelsDetail(facts.countryLevels)],
    [PriorityFactorKind.REGION_RISK, points(facts.regionLevels), levelsDetail(facts.regionLevels)],
    [PriorityFactorKind.OPEN_COMPLAINTS, facts.openComplaints, null],
    [PriorityFactorKind.OVERDUE_SURVEILLANCE_REPORTS, facts.overdueSurveillanceReports, null],
    [PriorityFactorKind.OPEN_FINDINGS, facts.openFindings, null],
    [PriorityFactorKind.OVERDUE_FINDINGS, facts.overdueFindings, null],
    [PriorityFactorKind.NOT_CERTIFIED, facts.certified ? 0 : 1, null],
    [PriorityFactorKind.CERTIFICATION_OVERDUE, !facts.certified && facts.deadlinePassed ? 1 : 0, null],
    [PriorityFactorKind.CERTIFICATION_SUSPENDED, facts.suspended ? 1 : 0, null],
    [PriorityFactorKind.YEARS_SINCE_FIELD_VISIT, years, facts.lastFieldVisitOn ? `last field visit completed on ${facts.lastFieldVisitOn}` : 'no field visit'],
    [PriorityFactorKind.NAMED_IN_RISK_REPORTS, facts.namedInRiskReports, null],
  ];
  const factors = values.map(([factor, value, detail]) => ({
    factor,
    value,
    weight: weights[factor],
    contribution: round(value * weights[factor]),
    detail,
  }));
  return { score: round(factors.reduce((sum, f) => sum + f.contribution, 0)), factors };
}

/** Highest score first, then organization id: a total order, so cursors over it are stable for a day. */
export function byPriority(a: { score: number; organizationId: string }, b: { score: number; organizationId: string }): number {
  return b.score - a.score || (a.organizationId < b.organizationId ? -1 : a.organizationId > b.organizationId ? 1 : 0);
}
