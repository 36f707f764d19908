import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Brackets } from 'typeorm';
import {
  Access,
  CalendarDate,
  ConnectionType,
  countryCode,
  isSecretariat,
  notFound,
  optionalText,
  ownsRecord,
  paginate,
  requireSecretariat,
  text,
  today,
} from '../../../shared/src';
import { requireCompany } from '../membership/membership.peer';
import { Organization, organizationReference } from '../organization/organization.entity';
import type { CertificationContext } from '../context';
import {
  CodeVersion,
  FieldVisitKind,
  Finding,
  FindingSeverity,
  FindingStatus,
  FindingStatusEntry,
  MonitoringActivity,
  MonitoringActivityStatus,
  MonitoringActivityType,
} from './monitoring.entity';
import {
  checkActivityDates,
  checkCodeParagraph,
  checkFieldVisitKind,
  isOverdue,
  provisionTitle,
} from './monitoring.rules';
import * as service from './monitoring.service';

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

  @Field(() => CodeVersion, { description: 'Which text of the Code the paragraph number refers to.' })
  codeVersion: CodeVersion;

  @Field(() => Int, { description: 'The Code paragraph concerned (1 to 70).' })
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

/** A finding is visible to its company and the Secretariat; to anyone else it does not exist. */
function visibleFinding(finding: Finding | null, context: CertificationContext, id: string): Finding {
  if (!finding || !(isSecretariat(context.viewer) || ownsRecord(context.viewer, finding.organizationId))) {
    throw notFound('Finding', id);
  }
  return finding;
}

/** Monitoring activities: public that they took place; Secretariat decisions. */
@Resolver(() => MonitoringActivity)
export class MonitoringActivityResolver {
  @Query(() => MonitoringActivity, { description: 'One monitoring activity by id; NOT_FOUND when there is none. Public.' })
  async monitoringActivity(
    @Arg('id', () => ID, { description: 'Identifier of the activity.' }) id: string,
    @Ctx() { loaders }: CertificationContext,
  ): Promise<MonitoringActivity> {
    const activity = await loaders.activity.load(id);
    if (!activity) throw notFound('Monitoring activity', id);
    return activity;
  }

  @Query(() => MonitoringActivityConnection, {
    description: 'Monitoring activities of all companies, latest planned start first, in pages of `first`. Public.',
  })
  async monitoringActivities(
    @Arg('filter', () => MonitoringActivityFilter, { nullable: true, description: 'Conditions the activities must meet.' })
    filter: MonitoringActivityFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: 1 to 100, default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' }) after: string | null,
    @Ctx() { database }: CertificationContext,
  ) {
    const query = database.dataSource.getRepository(MonitoringActivity).createQueryBuilder('activity');
    if (filter?.organizationId) query.andWhere('activity.organizationId = :organizationId', { organizationId: filter.organizationId });
    if (filter?.type) query.andWhere('activity.type = :type', { type: filter.type });
    if (filter?.status) query.andWhere('activity.status = :status', { status: filter.status });
    if (filter?.country) query.andWhere('activity.country = :country', { country: countryCode(filter.country, 'filter.country') });
    if (filter?.startingFrom) query.andWhere('activity.plannedStartOn >= :from', { from: filter.startingFrom });
    if (filter?.startingBefore) query.andWhere('activity.plannedStartOn < :before', { before: filter.startingBefore });
    return paginate(
      MonitoringActivityConnection,
      query,
      [
        { column: 'activity.plannedStartOn', value: (a) => a.plannedStartOn, descending: true },
        { column: 'activity.id', value: (a) => a.id, descending: true },
      ],
      { first, after },
    );
  }

  @Mutation(() => MonitoringActivity, {
    description: 'Schedules a monitoring activity concerning a private security company (Secretariat); status PLANNED.',
  })
  async scheduleMonitoringActivity(
    @Arg('input', () => ScheduleMonitoringActivityInput, { description: 'The activity.' }) input: ScheduleMonitoringActivityInput,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<MonitoringActivity> {
    requireSecretariat(viewer);
    const fieldVisitKind = checkFieldVisitKind(input.type, input.fieldVisitKind);
    const country = countryCode(input.country, 'country');
    checkActivityDates(input.plannedStartOn, input.plannedEndOn ?? null);
    const purpose = optionalText(input.purpose, 'purpose', 4000);
    await requireCompany(loaders.membership, input.organizationId);
    const activity = await service.scheduleActivity(database, {
      organizationId: input.organizationId,
      type: input.type,
      fieldVisitKind,
      country,
      plannedStartOn: input.plannedStartOn,
      plannedEndOn: input.plannedEndOn ?? null,
      purpose,
    });
    loaders.activitiesByOrganization.clear(input.organizationId);
    return activity;
  }

  @Mutation(() => MonitoringActivity, { description: 'Records that a planned activity started (Secretariat); status IN_PROGRESS.' })
  async startMonitoringActivity(
    @Arg('id', () => ID, { description: 'The activity.' }) id: string,
    @Arg('startedOn', () => CalendarDate, { nullable: true, description: 'Day it started; today when omitted.' })
    startedOn: string | null,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<MonitoringActivity> {
    requireSecretariat(viewer);
    const activity = await loaders.activity.load(id);
    if (!activity) throw notFound('Monitoring activity', id);
    const started = await service.startActivity(database, activity, startedOn);
    loaders.activity.clear(id).prime(id, started);
    return started;
  }

  @Mutation(() => MonitoringActivity, {
    description: 'Completes a planned or started activity (Secretariat), with an optional summary; status COMPLETED.',
  })
  async completeMonitoringActivity(
    @Arg('id', () => ID, { description: 'The activity.' }) id: string,
    @Arg('completedOn', () => CalendarDate, { nullable: true, description: 'Day it was completed; today when omitted.' })
    completedOn: string | null,
    @Arg('summary', () => String, { nullable: true, description: 'Summary (company and Secretariat only). At most 4000 characters.' })
    summary: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The `version` the completion was based on.' })
    expectedVersion: number | null,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<MonitoringActivity> {
    requireSecretariat(viewer);
    const checkedSummary = optionalText(summary, 'summary', 4000);
    const activity = await loaders.activity.load(id);
    if (!activity) throw notFound('Monitoring activity', id);
    const completed = await service.completeActivity(database, activity, { completedOn, summary: checkedSummary, expectedVersion });
    loaders.activity.clear(id).prime(id, completed);
    return completed;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The company monitored.' })
  organization(@Root() activity: MonitoringActivity): Organization {
    return organizationReference(activity.organizationId);
  }

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @FieldResolver(() => [Finding], {
    nullable: true,
    description: 'The findings of this activity, soonest due first. The company itself and the Secretariat only.',
  })
  findings(@Root() activity: MonitoringActivity, @Ctx() { loaders }: CertificationContext) {
    return loaders.findingsByActivity.load(activity.id);
  }
}

/** Findings: private to the company and the Secretariat; Secretariat decisions. */
@Resolver(() => Finding)
export class FindingResolver {
  @Query(() => Finding, {
    description: 'One finding by id: for the company concerned and the Secretariat; NOT_FOUND for anyone else.',
  })
  async finding(
    @Arg('id', () => ID, { description: 'Identifier of the finding.' }) id: string,
    @Ctx() context: CertificationContext,
  ): Promise<Finding> {
    return visibleFinding(await context.loaders.finding.load(id), context, id);
  }

  @Query(() => FindingConnection, {
    description:
      'Findings of all companies, soonest due first (Secretariat). With `overdue: true`, the findings past their ' +
      'due date and not closed.',
  })
  async findings(
    @Arg('filter', () => FindingFilter, { nullable: true, description: 'Conditions the findings must meet.' }) filter: FindingFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: 1 to 100, default 20.' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' }) after: string | null,
    @Ctx() { viewer, database }: CertificationContext,
  ) {
    requireSecretariat(viewer);
    const query = database.dataSource.getRepository(Finding).createQueryBuilder('finding');
    if (filter?.organizationId) query.andWhere('finding.organizationId = :organizationId', { organizationId: filter.organizationId });
    if (filter?.statuses?.length) query.andWhere('finding.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter?.severities?.length) query.andWhere('finding.severity IN (:...severities)', { severities: filter.severities });
    if (filter?.dueBefore) query.andWhere('finding.dueOn < :dueBefore', { dueBefore: filter.dueBefore });
    if (filter?.overdue != null) {
      const params = { closed: FindingStatus.CLOSED, now: today() };
      if (filter.overdue) query.andWhere('finding.status <> :closed AND finding.dueOn < :now', params);
      else {
        query.andWhere(
          new Brackets((where) => where.where('finding.status = :closed', params).orWhere('finding.dueOn >= :now', params)),
        );
      }
    }
    return paginate(
      FindingConnection,
      query,
      [
        { column: 'finding.dueOn', value: (f) => f.dueOn },
        { column: 'finding.id', value: (f) => f.id },
      ],
      { first, after },
    );
  }

  @Mutation(() => Finding, {
    description:
      'Records a finding on a monitoring activity in progress or completed (Secretariat); status OPEN. An unknown ' +
      'activity is NOT_FOUND; a planned one, an unknown Code paragraph or a due date before the activity BAD_USER_INPUT.',
  })
  async recordFinding(
    @Arg('input', () => RecordFindingInput, { description: 'The finding.' }) input: RecordFindingInput,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<Finding> {
    requireSecretariat(viewer);
    checkCodeParagraph(input.codeVersion, input.paragraph);
    const finding = await service.recordFinding(database, input.activityId, {
      codeVersion: input.codeVersion,
      paragraph: input.paragraph,
      severity: input.severity,
      description: text(input.description, 'description', { max: 4000 }),
      recommendation: text(input.recommendation, 'recommendation', { max: 4000 }),
      dueOn: input.dueOn,
      decidedBy: viewer.subject ?? null,
    });
    loaders.findingsByActivity.clear(finding.activityId);
    loaders.findingsByOrganization.clear(finding.organizationId);
    return finding;
  }

  @Mutation(() => Finding, {
    description:
      'Moves a finding to IN_REMEDIATION, CLOSED or back to OPEN (Secretariat), with a reason. Setting the status it ' +
      'already has is BAD_USER_INPUT; a change made meanwhile by someone else CONFLICT.',
  })
  async changeFindingStatus(
    @Arg('id', () => ID, { description: 'The finding.' }) id: string,
    @Arg('status', () => FindingStatus, { description: 'The new status.' }) status: FindingStatus,
    @Arg('reason', () => String, { description: 'Why. 1 to 2000 characters.' }) reason: string,
    @Arg('effectiveFrom', () => CalendarDate, { nullable: true, description: 'Day it applies from; today when omitted.' })
    effectiveFrom: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The `version` the change was based on.' })
    expectedVersion: number | null,
    @Ctx() { viewer, loaders, database }: CertificationContext,
  ): Promise<Finding> {
    requireSecretariat(viewer);
    const checkedReason = text(reason, 'reason', { max: 2000 });
    const finding = await loaders.finding.load(id);
    if (!finding) throw notFound('Finding', id);
    const changed = await service.changeFindingStatus(database, finding, await loaders.findingHistory.load(id), {
      status,
      reason: checkedReason,
      effectiveFrom,
      expectedVersion,
      decidedBy: viewer.subject ?? null,
    });
    loaders.finding.clear(id).prime(id, changed);
    loaders.findingHistory.clear(id);
    loaders.findingsByOrganization.clear(changed.organizationId);
    loaders.findingsByActivity.clear(changed.activityId);
    return changed;
  }

  @FieldResolver(() => MonitoringActivity, { description: 'The monitoring activity that found it.' })
  async activity(@Root() finding: Finding, @Ctx() { loaders }: CertificationContext) {
    const activity = await loaders.activity.load(finding.activityId);
    if (!activity) throw notFound('Monitoring activity', finding.activityId);
    return activity;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The company concerned.' })
  organization(@Root() finding: Finding): Organization {
    return organizationReference(finding.organizationId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Heading of the cited provision (e.g. "Selection and vetting of personnel"), where known.',
  })
  provision(@Root() finding: Finding): string | null {
    return provisionTitle(finding.codeVersion, finding.paragraph);
  }

  @FieldResolver(() => Boolean, { description: 'True when the finding is not closed and its due date has passed (today).' })
  overdue(@Root() finding: Finding): boolean {
    return isOverdue(finding, today());
  }

  @FieldResolver(() => [FindingStatusEntry], { description: 'Every change of status, oldest first.' })
  history(@Root() finding: Finding, @Ctx() { loaders }: CertificationContext) {
    return loaders.findingHistory.load(finding.id);
  }
}

