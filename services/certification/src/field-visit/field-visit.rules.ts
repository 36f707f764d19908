import { badUserInput } from '../../../shared/src';
import { MonitoringActivityStatus, MonitoringActivityType, type MonitoringActivity } from '../monitoring/monitoring.entity';
import { ConsultedCategory } from './field-visit.entity';

/** Bounds of what a field visit record and a civil society input may hold. */
export const LIMITS = {
  methodologyReference: 200,
  methodologyVersion: 20,
  namedOrganizations: 50,
  organizationName: 200,
  consultedPerCategory: 100_000,
  affectedCommunities: 500,
  concerns: 4000,
  summary: 8000,
} as const;

/** Only field visits record how they were carried out; and only once started (consultations happen on the visit). */
export function checkRecordable(activity: Pick<MonitoringActivity, 'type' | 'status'>): void {
  if (activity.type !== MonitoringActivityType.FIELD_VISIT) throw badUserInput('Only a field visit records its methodology and consultations', 'input.activityId');
  if (activity.status === MonitoringActivityStatus.PLANNED) throw badUserInput('The visit has not started: record it once under way or completed', 'input.activityId');
}

/** Civil society input is for a field visit still planned: afterwards it can no longer be taken into account. */
export function checkOpenForInput(activity: Pick<MonitoringActivity, 'type' | 'status'>): void {
  if (activity.type !== MonitoringActivityType.FIELD_VISIT) throw badUserInput('Input is sent for a field visit only', 'input.activityId');
  if (activity.status !== MonitoringActivityStatus.PLANNED) throw badUserInput('Input is sent while the visit is planned; this one has started', 'input.activityId');
}

/** A summary is published on a completed field visit. */
export function checkPublishable(activity: Pick<MonitoringActivity, 'type' | 'status'>): void {
  if (activity.type !== MonitoringActivityType.FIELD_VISIT) throw badUserInput('A summary is published on a field visit only', 'activityId');
  if (activity.status !== MonitoringActivityStatus.COMPLETED) throw badUserInput('A summary is published once the visit is completed', 'activityId');
}

/** Counts by category: each category once, each count a whole number from 1 (a category nobody was consulted in is left out). */
export function checkConsultations(consultations: readonly { category: ConsultedCategory; consulted: number }[]): void {
  if (consultations.length === 0) throw badUserInput('Give whom the visit consulted: at least one category', 'input.consultations');
  const seen = new Set<ConsultedCategory>();
  consultations.forEach(({ category, consulted }, i) => {
    if (seen.has(category)) throw badUserInput(`${category} is given twice`, `input.consultations.${i}.category`);
    seen.add(category);
    if (!Number.isInteger(consulted) || consulted < 1 || consulted > LIMITS.consultedPerCategory) {
      throw badUserInput(`Give a count from 1 to ${LIMITS.consultedPerCategory}`, `input.consultations.${i}.consulted`);
    }
  });
}

/**
 * Organizations are named only with their consent: a name without it is refused, never stored in the hope of
 * consent later. A named organization's category must be one the visit counts.
 */
export function checkNamedOrganizations(
  named: readonly { category: ConsultedCategory; agreedToBeNamed: boolean }[],
  counted: ReadonlySet<ConsultedCategory>,
): void {
  if (named.length > LIMITS.namedOrganizations) throw badUserInput(`Name at most ${LIMITS.namedOrganizations} organizations`, 'input.namedOrganizations');
  named.forEach(({ category, agreedToBeNamed }, i) => {
    if (!agreedToBeNamed) {
      throw badUserInput('An organization is named only if it agreed to be named; leave it out of the list', `input.namedOrganizations.${i}.agreedToBeNamed`);
    }
    if (!counted.has(category)) throw badUserInput(`No one is counted as ${category}`, `input.namedOrganizations.${i}.category`);
  });
}
