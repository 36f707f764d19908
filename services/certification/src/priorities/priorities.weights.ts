import { registerEnumType } from 'type-graphql';
import { ConfigError } from '../../../shared/src';

/** What a monitoring priority score adds up: each factor is shown with its value, weight and contribution. */
export enum PriorityFactorKind {
  COUNTRY_RISK = 'COUNTRY_RISK',
  REGION_RISK = 'REGION_RISK',
  OPEN_COMPLAINTS = 'OPEN_COMPLAINTS',
  OVERDUE_SURVEILLANCE_REPORTS = 'OVERDUE_SURVEILLANCE_REPORTS',
  OPEN_FINDINGS = 'OPEN_FINDINGS',
  OVERDUE_FINDINGS = 'OVERDUE_FINDINGS',
  NOT_CERTIFIED = 'NOT_CERTIFIED',
  CERTIFICATION_OVERDUE = 'CERTIFICATION_OVERDUE',
  CERTIFICATION_SUSPENDED = 'CERTIFICATION_SUSPENDED',
  YEARS_SINCE_FIELD_VISIT = 'YEARS_SINCE_FIELD_VISIT',
  NAMED_IN_RISK_REPORTS = 'NAMED_IN_RISK_REPORTS',
}
registerEnumType(PriorityFactorKind, {
  name: 'PriorityFactorKind',
  description: 'One factor of a monitoring priority score.',
  valuesConfig: {
    COUNTRY_RISK: {
      description: 'Risk levels of the countries the company operates in on the day: LOW 0, ELEVATED 1, HIGH 2, SEVERE 3 points each, summed.',
    },
    REGION_RISK: { description: 'Risk levels (same points) of its regions of operation that have a level of their own, summed.' },
    OPEN_COMPLAINTS: { description: 'Complaints against the company not yet resolved, closed or found inadmissible.' },
    OVERDUE_SURVEILLANCE_REPORTS: { description: 'Surveillance reports of its certificates that are overdue on the day.' },
    OPEN_FINDINGS: { description: 'Findings of monitoring not closed.' },
    OVERDUE_FINDINGS: { description: 'Findings not closed past their due date.' },
    NOT_CERTIFIED: { description: '1 when the company holds no active certificate on the day, 0 otherwise.' },
    CERTIFICATION_OVERDUE: { description: '1 when the company is not certified and its certification deadline has passed, 0 otherwise.' },
    CERTIFICATION_SUSPENDED: { description: '1 when its certification is suspended on the day, 0 otherwise.' },
    YEARS_SINCE_FIELD_VISIT: {
      description: 'Years since its last completed field visit, at most 5 (5 when it never had one).',
    },
    NAMED_IN_RISK_REPORTS: { description: 'Accepted risk reports of civil society that name the company.' },
  },
});

export type PriorityWeights = Readonly<Record<PriorityFactorKind, number>>;

/** The documented defaults (docs/domain.md, "The monitoring priority score"); MONITORING_PRIORITY_WEIGHTS overrides any. */
export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = {
  COUNTRY_RISK: 2,
  REGION_RISK: 3,
  OPEN_COMPLAINTS: 3,
  OVERDUE_SURVEILLANCE_REPORTS: 2,
  OPEN_FINDINGS: 1,
  OVERDUE_FINDINGS: 2,
  NOT_CERTIFIED: 2,
  CERTIFICATION_OVERDUE: 4,
  CERTIFICATION_SUSPENDED: 4,
  YEARS_SINCE_FIELD_VISIT: 1,
  NAMED_IN_RISK_REPORTS: 2,
};

/** `OPEN_COMPLAINTS=5,REGION_RISK=1`: weights from 0 to 100 for the factors named, defaults for the others. */
export function parsePriorityWeights(value: string | undefined, service: string): PriorityWeights {
  const weights: Record<string, number> = { ...DEFAULT_PRIORITY_WEIGHTS };
  for (const pair of (value ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, weight, extra] = pair.split('=').map((p) => p.trim());
    const number = Number(weight);
    if (!(name in DEFAULT_PRIORITY_WEIGHTS) || extra !== undefined || weight === '' || !Number.isFinite(number) || number < 0 || number > 100) {
      throw new ConfigError(
        `${service}: MONITORING_PRIORITY_WEIGHTS: "${pair}" must be <factor>=<weight 0 to 100>, factors: ${Object.keys(DEFAULT_PRIORITY_WEIGHTS).join(', ')}`,
      );
    }
    weights[name] = number;
  }
  return weights as PriorityWeights;
}
