import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  Access,
  CalendarDate,
  countryCode,
  countryName,
  Language,
  LANGUAGE_ARGUMENT,
  optionalText,
  PageArgs,
  requireSecretariat,
  text,
  today,
} from '../../../shared/src';
import { requireCompany } from '../membership/membership.peer';
import { Organization, organizationReference } from '../organization/organization.entity';
import type { CertificationContext } from '../context';
import * as findingService from './finding.service';
import { existingActivity, visibleFinding } from './monitoring.access';
import { Finding, FindingStatus, FindingStatusEntry, MonitoringActivity } from './monitoring.entity';
import { checkActivityDates, checkCodeParagraph, checkFieldVisitKind, isOverdue, provisionTitle } from './monitoring.rules';
import * as service from './monitoring.service';
import {
  FindingConnection,
  FindingFilter,
  FindingOrder,
  MonitoringActivityConnection,
  MonitoringActivityFilter,
  MonitoringActivityOrder,
  RecordFindingInput,
  ScheduleMonitoringActivityInput,
} from './monitoring.types';

/** Monitoring activities: public that they took place; Secretariat decisions. */
@Resolver(() => MonitoringActivity)
export class MonitoringActivityResolver {
  @FieldResolver(() => String, { description: 'Name of `country` in the language asked.' })
  countryName(@Root() activity: MonitoringActivity, @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language): string {
    return countryName(activity.country, language);
  }

  @Query(() => MonitoringActivity, { nullable: true, description: 'One monitoring activity by id; NOT_FOUND when there is none. Public.' })
  monitoringActivity(
    @Arg('id', () => ID, { description: 'Identifier of the activity.' }) id: string,
    @Ctx() { loaders }: CertificationContext,
  ): Promise<MonitoringActivity> {
    return existingActivity(loaders, id);
  }

  @Query(() => MonitoringActivityConnection, {
    nullable: true,
    description: 'Monitoring activities of all companies in `orderBy` (latest planned start first by default), in pages of `first` (or `last`, backwards). Public.',
  })
  monitoringActivities(
    @Arg('filter', () => MonitoringActivityFilter, { nullable: true, description: 'Conditions the activities must meet.' })
    filter: MonitoringActivityFilter | null,
    @Arg('orderBy', () => MonitoringActivityOrder, {
      defaultValue: MonitoringActivityOrder.PLANNED_START_LATEST_FIRST,
      description: 'How the activities are sorted; a cursor is valid only in the order it was read in.',
    })
    orderBy: MonitoringActivityOrder,
    @Args() page: PageArgs,
    @Ctx() { database }: CertificationContext,
  ) {
    return service.listActivities(database, filter, page, orderBy);
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
    const activity = await existingActivity(loaders, id);
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
    const activity = await existingActivity(loaders, id);
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
    nullable: true,
    description: 'One finding by id: for the company concerned and the Secretariat; NOT_FOUND for anyone else.',
  })
  finding(
    @Arg('id', () => ID, { description: 'Identifier of the finding.' }) id: string,
    @Ctx() context: CertificationContext,
  ): Promise<Finding> {
    return visibleFinding(context.loaders, context.viewer, id);
  }

  @Query(() => FindingConnection, {
    nullable: true,
    description:
      'Findings of all companies in `orderBy` (soonest due first by default), in pages of `first` or `last` (Secretariat). With `overdue: true`, the findings past their ' +
      'due date and not closed.',
  })
  findings(
    @Arg('filter', () => FindingFilter, { nullable: true, description: 'Conditions the findings must meet.' }) filter: FindingFilter | null,
    @Arg('orderBy', () => FindingOrder, {
      defaultValue: FindingOrder.DUE_SOONEST,
      description: 'How the findings are sorted; a cursor is valid only in the order it was read in.',
    })
    orderBy: FindingOrder,
    @Args() page: PageArgs,
    @Ctx() { viewer, database }: CertificationContext,
  ) {
    requireSecretariat(viewer);
    return findingService.listFindings(database, filter, page, orderBy);
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
    const finding = await findingService.recordFinding(database, input.activityId, {
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
    const finding = await visibleFinding(loaders, viewer, id);
    const changed = await findingService.changeFindingStatus(database, finding, await loaders.findingHistory.load(id), {
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
  activity(@Root() finding: Finding, @Ctx() { loaders }: CertificationContext) {
    return existingActivity(loaders, finding.activityId);
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

