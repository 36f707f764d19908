import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { CalendarDate, ConnectionType } from '../../../shared/src';
import {
  CodeVersion,
  FieldVisitKind,
  Finding,
  FindingSeverity,
  FindingStatus,
  MonitoringActivity,
  MonitoringActivityStatus,
  MonitoringActivityType,
} from './monitoring.entity';

/** GraphQL inputs, filters and pages of monitoring activities and findings. */

@InputType({ description: 'A monitoring activity to schedule (Secretariat).' })
export class ScheduleMonitoringActivityInput {
  @Field(() => ID, { description: 'The company monitored (a private security company).' })
  organizationId: string;

  @Field(() => MonitoringActivityType, { description: 'What kind of monitoring.' })
  type: MonitoringActivityType;

  @Field(() => FieldVisitKind, { nullable: true, description: 'For a field visit (and only then): planned review or spot check.' })
  fieldVisitKind?: FieldVisitKind | null;

  @Field({ description: 'Country concerned, ISO 3166-1 alpha-2.' })
  country: string;

  @Field(() => CalendarDate, { description: 'Day it is planned to start.' })
  plannedStartOn: string;

  @Field(() => CalendarDate, { nullable: true, description: 'Day it is planned to end; not before the start.' })
  plannedEndOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Why (e.g. "after a complaint"); private to the company and the Secretariat.' })
  purpose?: string | null;
}

@InputType({ description: 'A finding to record on a monitoring activity in progress or completed (Secretariat).' })
export class RecordFindingInput {
  @Field(() => ID, { description: 'The monitoring activity; NOT_FOUND when there is none.' })
  activityId: string;

  @Field(() => CodeVersion, {
    description:
      'Which text of the Code the paragraph number refers to: CODE_2010. CODE_2021 is refused (BAD_USER_INPUT) while ' +
      'the 2021 text\'s paragraph numbering is not confirmed; cite the 2010 paragraph instead.',
  })
  codeVersion: CodeVersion;

  @Field(() => Int, { description: 'The Code paragraph concerned, 1 to 70 in the 2010 numbering.' })
  paragraph: number;

  @Field(() => FindingSeverity, { description: 'How serious it is.' })
  severity: FindingSeverity;

  @Field({ description: 'What was found. 1 to 4000 characters.' })
  description: string;

  @Field({ description: 'What the company should do. 1 to 4000 characters.' })
  recommendation: string;

  @Field(() => CalendarDate, { description: 'Day by which it should be remedied; not before the activity started.' })
  dueOn: string;
}

@InputType({ description: 'Narrows a list of monitoring activities; all given conditions must hold.' })
export class MonitoringActivityFilter {
  @Field(() => ID, { nullable: true, description: 'Only activities concerning this company.' })
  organizationId?: string | null;

  @Field(() => MonitoringActivityType, { nullable: true, description: 'Only activities of this type.' })
  type?: MonitoringActivityType | null;

  @Field(() => MonitoringActivityStatus, { nullable: true, description: 'Only activities with this status.' })
  status?: MonitoringActivityStatus | null;

  @Field(() => String, { nullable: true, description: 'Only activities in this country, ISO 3166-1 alpha-2.' })
  country?: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Only activities planned to start on or after this day.' })
  startingFrom?: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Only activities planned to start before this day.' })
  startingBefore?: string | null;
}

@InputType({ description: 'Narrows a list of findings; all given conditions must hold.' })
export class FindingFilter {
  @Field(() => ID, { nullable: true, description: 'Only this company\'s findings (ignored in `Organization.findings`).' })
  organizationId?: string | null;

  @Field(() => [FindingStatus], { nullable: true, description: 'Only findings with one of these statuses.' })
  statuses?: FindingStatus[] | null;

  @Field(() => [FindingSeverity], { nullable: true, description: 'Only findings of one of these severities.' })
  severities?: FindingSeverity[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only overdue findings (not closed, past their due date); false: only those not overdue.',
  })
  overdue?: boolean | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Only findings due before this day.' })
  dueBefore?: string | null;
}

export const MonitoringActivityConnection = ConnectionType(MonitoringActivity, 'MonitoringActivity', 'monitoring activities', {
  public: true,
});
export const FindingConnection = ConnectionType(Finding, 'Finding', 'findings');

/** How the list of monitoring activities is sorted. */
export enum MonitoringActivityOrder {
  PLANNED_START_LATEST_FIRST = 'PLANNED_START_LATEST_FIRST',
  PLANNED_START_EARLIEST_FIRST = 'PLANNED_START_EARLIEST_FIRST',
}
registerEnumType(MonitoringActivityOrder, {
  name: 'MonitoringActivityOrder',
  description: 'How a list of monitoring activities is sorted. A cursor belongs to the order it was read in: under another order it is BAD_USER_INPUT.',
  valuesConfig: {
    PLANNED_START_LATEST_FIRST: { description: 'Latest planned start first: the default.' },
    PLANNED_START_EARLIEST_FIRST: { description: 'Earliest planned start first (a calendar of what comes next, with `startingFrom`).' },
  },
});

/** How the list of findings is sorted. */
export enum FindingOrder {
  DUE_SOONEST = 'DUE_SOONEST',
  DUE_LATEST = 'DUE_LATEST',
}
registerEnumType(FindingOrder, {
  name: 'FindingOrder',
  description: 'How a list of findings is sorted. A cursor belongs to the order it was read in: under another order it is BAD_USER_INPUT.',
  valuesConfig: {
    DUE_SOONEST: { description: 'Soonest due date first: the default.' },
    DUE_LATEST: { description: 'Latest due date first.' },
  },
});
