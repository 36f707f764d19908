import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Access, CalendarDate, CodeVersion, DecidedHistoryEntry, Timestamp, type OwnedByOrganization, PublicCache } from '../../../shared/src';

/** The kinds of monitoring the Association carries out (Article 12 of its Articles of Association). */
export enum MonitoringActivityType {
  SELF_ASSESSMENT_REVIEW = 'SELF_ASSESSMENT_REVIEW',
  REMOTE_MONITORING = 'REMOTE_MONITORING',
  FIELD_VISIT = 'FIELD_VISIT',
  HUMAN_RIGHTS_RISK_ASSESSMENT = 'HUMAN_RIGHTS_RISK_ASSESSMENT',
}
registerEnumType(MonitoringActivityType, {
  name: 'MonitoringActivityType',
  description: 'The kind of monitoring activity.',
  valuesConfig: {
    SELF_ASSESSMENT_REVIEW: { description: 'Desk review of the company\'s annual self-assessment.' },
    REMOTE_MONITORING: {
      description: 'Remote tracking of news, public sources, stakeholders and the civil society network.',
    },
    FIELD_VISIT: {
      description: 'Field-based review: an in-person visit to a site of operation (planned review or spot check).',
    },
    HUMAN_RIGHTS_RISK_ASSESSMENT: { description: 'Assessment of human-rights risks in a country where the company operates.' },
  },
});

/** A field visit is either planned in advance or a spot check prompted by information. */
export enum FieldVisitKind {
  PLANNED_REVIEW = 'PLANNED_REVIEW',
  SPOT_CHECK = 'SPOT_CHECK',
}
registerEnumType(FieldVisitKind, {
  name: 'FieldVisitKind',
  description: 'Why a field visit takes place.',
  valuesConfig: {
    PLANNED_REVIEW: { description: 'A review planned in the Association\'s monitoring programme.' },
    SPOT_CHECK: { description: 'A check prompted by information, e.g. after a complaint or media reports.' },
  },
});

export enum MonitoringActivityStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
}
registerEnumType(MonitoringActivityStatus, {
  name: 'MonitoringActivityStatus',
  description: 'Where a monitoring activity stands.',
  valuesConfig: {
    PLANNED: { description: 'Scheduled, not started.' },
    IN_PROGRESS: { description: 'Started, not completed.' },
    COMPLETED: { description: 'Completed; its findings are recorded.' },
  },
});

// Declared once for every subgraph that cites the Code (services/shared/src/shared-types.ts).
export { CodeVersion } from '../../../shared/src';

export enum FindingSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
registerEnumType(FindingSeverity, {
  name: 'FindingSeverity',
  description: 'How serious a finding is.',
  valuesConfig: {
    LOW: { description: 'A weakness in documentation or practice with little risk to people.' },
    MEDIUM: { description: 'A gap in a policy or system that could lead to a violation of the Code.' },
    HIGH: { description: 'A failure that puts people at risk or breaks a provision of the Code.' },
    CRITICAL: { description: 'A serious violation, or one causing harm, that needs immediate remedy.' },
  },
});

export enum FindingStatus {
  OPEN = 'OPEN',
  IN_REMEDIATION = 'IN_REMEDIATION',
  CLOSED = 'CLOSED',
}
registerEnumType(FindingStatus, {
  name: 'FindingStatus',
  description: 'Where the remedy of a finding stands.',
  valuesConfig: {
    OPEN: { description: 'Recorded; no remedial measures agreed yet (or reopened).' },
    IN_REMEDIATION: { description: 'Remedial measures agreed with the company and under way.' },
    CLOSED: { description: 'Remedied to the Secretariat\'s satisfaction, or otherwise closed.' },
  },
});

/** One monitoring activity concerning one company; that it took place is public, its contents are not. */
@PublicCache()
@ObjectType({
  description:
    'A monitoring activity of the Association concerning one company. Public: that it took place, its type, ' +
    'country, dates and status. Its purpose, summary and findings: the company itself and the Secretariat only.',
})
@Entity('monitoring_activity')
@Index('ix_monitoring_activity_organization', ['organizationId'])
@Index('ix_monitoring_activity_start', ['plannedStartOn', 'id'])
@Index('ix_monitoring_activity_organization_start', ['organizationId', 'plannedStartOn', 'id'])
@Index('ix_monitoring_activity_type', ['type'])
@Index('ix_monitoring_activity_status', ['status'])
@Index('ix_monitoring_activity_country', ['country'])
@Index('ix_monitoring_activity_completed', ['completedOn'])
export class MonitoringActivity implements OwnedByOrganization {
  @Field(() => ID, { description: 'Stable identifier of the activity.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  @Field(() => MonitoringActivityType, { description: 'What kind of monitoring.' })
  @Column({ type: 'varchar', length: 40 })
  type: MonitoringActivityType;

  @Field(() => FieldVisitKind, { nullable: true, description: 'For a field visit: planned review or spot check; null otherwise.' })
  @Column({ name: 'field_visit_kind', type: 'varchar', length: 16, nullable: true })
  fieldVisitKind: FieldVisitKind | null;

  @Field({ description: 'Country concerned, ISO 3166-1 alpha-2 (of the site visited, or assessed).' })
  @Column({ type: 'varchar', length: 2 })
  country: string;

  @Field(() => CalendarDate, { description: 'Day the activity is planned to start.' })
  @Column({ name: 'planned_start_on', type: 'varchar', length: 10 })
  plannedStartOn: string;

  @Field(() => CalendarDate, { nullable: true, description: 'Day the activity is planned to end, if known.' })
  @Column({ name: 'planned_end_on', type: 'varchar', length: 10, nullable: true })
  plannedEndOn: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Day it actually started; null while planned.' })
  @Column({ name: 'started_on', type: 'varchar', length: 10, nullable: true })
  startedOn: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Day it was completed; null until then.' })
  @Column({ name: 'completed_on', type: 'varchar', length: 10, nullable: true })
  completedOn: string | null;

  @Field(() => MonitoringActivityStatus, { description: 'Planned, in progress or completed.' })
  @Column({ type: 'varchar', length: 16 })
  status: MonitoringActivityStatus;

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @Field(() => String, {
    nullable: true,
    description: 'Why the activity takes place (e.g. "after a complaint"). The company itself and the Secretariat only.',
  })
  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @Field(() => String, {
    nullable: true,
    description: 'Summary written on completion. The company itself and the Secretariat only.',
  })
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  /** For a desk review: the self-assessment reviewed. */
  @Column({ name: 'self_assessment_id', type: 'varchar', length: 36, nullable: true })
  selfAssessmentId: string | null;

  @Field(() => Timestamp, { description: 'When the activity was recorded in the graph.' })
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;

  @Field(() => Int, { description: 'Increases with every change (optimistic locking).' })
  @Column({ type: 'int' })
  version: number;

  get ownerOrganizationId(): string {
    return this.organizationId;
  }
}

/** A finding of a monitoring activity: private to the company and the Secretariat. */
@ObjectType({
  description:
    'A finding of a monitoring activity: the Code provision concerned, how serious, what to do and by when. ' +
    'The company itself and the Secretariat only.',
})
@Entity('finding')
@Index('ix_finding_organization', ['organizationId', 'dueOn'])
@Index('ix_finding_activity', ['activityId'])
@Index('ix_finding_due', ['status', 'dueOn', 'id'])
@Index('ix_finding_list', ['dueOn', 'id'])
@Index('ix_finding_recorded', ['recordedAt'])
export class Finding implements OwnedByOrganization {
  @Field(() => ID, { description: 'Stable identifier of the finding.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'activity_id', type: 'varchar', length: 36 })
  activityId: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  @Field(() => CodeVersion, { description: 'Which text of the Code `paragraph` refers to.' })
  @Column({ name: 'code_version', type: 'varchar', length: 16 })
  codeVersion: CodeVersion;

  @Field(() => Int, {
    description:
      'Number of the Code paragraph concerned, in the numbering of `codeVersion` (e.g. 45 for the vetting of personnel in ' +
      'the 2010 Code). New findings cite the 2010 numbering; a CODE_2021 finding recorded before keeps the number as ' +
      'cited, unchecked (the 2021 numbering is not confirmed) and counted under "other" in the public figures.',
  })
  @Column({ type: 'int' })
  paragraph: number;

  @Field(() => FindingSeverity, { description: 'How serious the finding is.' })
  @Column({ type: 'varchar', length: 16 })
  severity: FindingSeverity;

  @Field({ description: 'What was found.' })
  @Column({ type: 'text' })
  description: string;

  @Field({ description: 'What the company should do about it.' })
  @Column({ type: 'text' })
  recommendation: string;

  @Field(() => CalendarDate, { description: 'Day by which the finding should be remedied.' })
  @Column({ name: 'due_on', type: 'varchar', length: 10 })
  dueOn: string;

  @Field(() => FindingStatus, { description: 'Where the remedy stands.' })
  @Column({ type: 'varchar', length: 16 })
  status: FindingStatus;

  @Field(() => Timestamp, { description: 'When the finding was recorded.' })
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;

  @Field(() => Int, { description: 'Increases with every change (optimistic locking).' })
  @Column({ type: 'int' })
  version: number;

  get ownerOrganizationId(): string {
    return this.organizationId;
  }
}

/** One dated change of a finding's status; append-only. */
@ObjectType({ description: 'One change of a finding\'s status: entries are never changed or removed.' })
@Entity('finding_status_entry')
@Index('uq_finding_status_entry_sequence', ['findingId', 'sequence'], { unique: true })
export class FindingStatusEntry extends DecidedHistoryEntry {
  /** The finding whose history this is (`sequence` counts per finding). */
  @Column({ name: 'finding_id', type: 'varchar', length: 36 })
  findingId: string;

  @Field(() => FindingStatus, { description: 'The status from `effectiveFrom` on.' })
  @Column({ type: 'varchar', length: 16 })
  status: FindingStatus;

  @Field(() => CalendarDate, { description: 'Day the status applied from.' })
  declare effectiveFrom: string;

  @Field({ description: 'Why, as recorded by the Secretariat.' })
  declare reason: string;

  @Authorized(Access.Secretariat)
  @Field(() => String, { nullable: true, description: 'Who recorded the change (Secretariat only).' })
  declare decidedBy: string | null;

  @Field(() => Timestamp, { description: 'When the change was recorded.' })
  declare recordedAt: string;
}
