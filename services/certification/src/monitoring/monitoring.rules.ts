/** Monitoring rules as plain functions: activity and finding status machines, Code citations, overdue. */
import { badUserInput, CodeProvision, PROVISION_HEADINGS, provisionParagraphs } from '../../../shared/src';
import {
  CodeVersion,
  FieldVisitKind,
  FindingStatus,
  MonitoringActivityStatus,
  MonitoringActivityType,
} from './monitoring.entity';

/**
 * Paragraph numbers a finding may cite, per text of the Code (the 2010 Code has 70 paragraphs); null
 * for a text whose numbering is not confirmed from a published text (the 2021 amendment).
 */
export const CODE_PARAGRAPHS: Record<CodeVersion, { first: number; last: number } | null> = {
  [CodeVersion.CODE_2010]: { first: 1, last: 70 },
  [CodeVersion.CODE_2021]: null,
};

/** The heading of a cited paragraph, where known (sections F and G of a text whose numbering is confirmed). */
export function provisionTitle(version: CodeVersion, paragraph: number): string | null {
  const provision = (Object.values(CodeProvision) as CodeProvision[]).find((candidate) => {
    const paragraphs = provisionParagraphs(candidate, version);
    return paragraphs !== null && paragraph >= paragraphs[0] && paragraph <= paragraphs[1];
  });
  return provision ? PROVISION_HEADINGS[provision] : null;
}

/**
 * A new finding cites a paragraph in a numbering that can be checked: the 2010 text's. A 2021 paragraph
 * number could not be checked, nor placed in a section of the public figures, so it is refused rather
 * than stored unchecked; findings recorded earlier with CODE_2021 keep the number as it was cited.
 */
export function checkCodeParagraph(version: CodeVersion, paragraph: number): void {
  const range = CODE_PARAGRAPHS[version];
  if (range === null) {
    throw badUserInput(
      'The paragraph numbering of the 2021 Code is not confirmed: cite the paragraph in the 2010 numbering (codeVersion CODE_2010)',
      'codeVersion',
    );
  }
  const { first, last } = range;
  if (!Number.isInteger(paragraph) || paragraph < first || paragraph > last) {
    throw badUserInput(`paragraph must be a paragraph of the Code (${first} to ${last})`, 'paragraph');
  }
}

/** A field visit says whether it is planned or a spot check; other activities say neither. */
export function checkFieldVisitKind(type: MonitoringActivityType, kind: FieldVisitKind | null | undefined): FieldVisitKind | null {
  if (type === MonitoringActivityType.FIELD_VISIT) {
    if (!kind) throw badUserInput('A field visit is a PLANNED_REVIEW or a SPOT_CHECK: give fieldVisitKind', 'fieldVisitKind');
    return kind;
  }
  if (kind) throw badUserInput('fieldVisitKind applies to field visits only', 'fieldVisitKind');
  return null;
}

export function checkActivityDates(plannedStartOn: string, plannedEndOn: string | null): void {
  if (plannedEndOn && plannedEndOn < plannedStartOn) {
    throw badUserInput('plannedEndOn cannot be before plannedStartOn', 'plannedEndOn');
  }
}

/** Starting: a planned activity, on a day not in the future. */
export function checkStart(status: MonitoringActivityStatus, startedOn: string, today: string): void {
  if (status !== MonitoringActivityStatus.PLANNED) {
    throw badUserInput(`A ${status.toLowerCase().replace('_', ' ')} activity cannot be started`, 'id');
  }
  if (startedOn > today) throw badUserInput('startedOn cannot be in the future', 'startedOn');
}

/** Completing: a planned or started activity, on a day not in the future and not before it started. */
export function checkCompletion(
  status: MonitoringActivityStatus,
  startedOn: string | null,
  completedOn: string,
  today: string,
): void {
  if (status === MonitoringActivityStatus.COMPLETED) throw badUserInput('The activity is already completed', 'id');
  if (completedOn > today) throw badUserInput('completedOn cannot be in the future', 'completedOn');
  if (startedOn && completedOn < startedOn) throw badUserInput('completedOn cannot be before startedOn', 'completedOn');
}

/** Findings are recorded on activities that started; the due date is not before the activity started. */
export function checkFindingActivity(status: MonitoringActivityStatus, activityStart: string, dueOn: string): void {
  if (status === MonitoringActivityStatus.PLANNED) {
    throw badUserInput('Findings are recorded on an activity in progress or completed, not on a planned one', 'activityId');
  }
  if (dueOn < activityStart) throw badUserInput(`dueOn cannot be before the activity started (${activityStart})`, 'dueOn');
}

const NEXT_FINDING: Record<FindingStatus, readonly FindingStatus[]> = {
  [FindingStatus.OPEN]: [FindingStatus.IN_REMEDIATION, FindingStatus.CLOSED],
  [FindingStatus.IN_REMEDIATION]: [FindingStatus.OPEN, FindingStatus.CLOSED],
  [FindingStatus.CLOSED]: [FindingStatus.OPEN],
};

/** Finding transitions: remediation starts, fails (back to open), or closes; a closed finding can be reopened. */
export function checkFindingTransition(from: FindingStatus, to: FindingStatus): void {
  if (from === to) throw badUserInput(`The finding is already ${from.toLowerCase().replace('_', ' ')}`, 'status');
  if (!NEXT_FINDING[from].includes(to)) {
    throw badUserInput(`A ${from.toLowerCase()} finding cannot become ${to.toLowerCase()}`, 'status');
  }
}

/** A finding is overdue on `date` when it is not closed and its due date has passed. */
export function isOverdue(finding: { status: FindingStatus; dueOn: string }, date: string): boolean {
  return finding.status !== FindingStatus.CLOSED && finding.dueOn < date;
}

/** Conditions on findings, as `FindingFilter` states them. */
export interface FindingConditions {
  statuses?: FindingStatus[] | null;
  severities?: string[] | null;
  overdue?: boolean | null;
  dueBefore?: string | null;
}

/** Filters loaded findings the way the SQL of `Query.findings` does. */
export function filterFindings<F extends { status: FindingStatus; severity: string; dueOn: string }>(
  findings: readonly F[],
  conditions: FindingConditions | null | undefined,
  date: string,
): F[] {
  return findings.filter(
    (f) =>
      (!conditions?.statuses?.length || conditions.statuses.includes(f.status)) &&
      (!conditions?.severities?.length || conditions.severities.includes(f.severity)) &&
      (conditions?.overdue == null || isOverdue(f, date) === conditions.overdue) &&
      (!conditions?.dueBefore || f.dueOn < conditions.dueBefore),
  );
}

/**
 * The status of a finding on `date`, from its dated history (any order): the latest entry effective by then, the
 * later recorded of two on one day; OPEN before any (a finding is open from the day it is recorded).
 */
export function findingStatusOn<E extends { sequence: number; status: FindingStatus; effectiveFrom: string }>(
  history: readonly E[],
  date: string,
): FindingStatus {
  let found: E | null = null;
  for (const entry of history) {
    if (entry.effectiveFrom > date) continue;
    if (!found || entry.effectiveFrom > found.effectiveFrom || (entry.effectiveFrom === found.effectiveFrom && entry.sequence > found.sequence)) {
      found = entry;
    }
  }
  return found?.status ?? FindingStatus.OPEN;
}
