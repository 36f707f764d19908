import { Authorized, Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Access, CalendarDate, CodeProvision, Timestamp } from '../../../shared/src';
import { RiskLevelValue, RiskReportSensitivity, RiskReportStatus, RiskSourceKind } from './risk.enums';

@ObjectType({ description: 'One source a risk report rests on.' })
export class RiskReportSource {
  @Field(() => RiskSourceKind, { description: 'What kind of source.' })
  kind: RiskSourceKind;

  @Field({ description: 'Where to find it: a link, a publication, or a description of the interviews or observation.' })
  reference: string;
}

/**
 * A risk report from a civil society member (or from the Secretariat for a non-member source such as a
 * community group). Only its reporter and the Secretariat ever read it; everyone else gets NOT_FOUND.
 */
@ObjectType({
  description:
    'A report of risks in a country or region, from a civil society member or, through the Secretariat, a non-member source. ' +
    'Its reporter and the Secretariat only: nobody else ever reads it.',
})
@Directive('@key(fields: "id")')
@Entity('risk_report')
@Index('ix_risk_report_reporter', ['reporterOrganizationId', 'submittedAt', 'id'])
@Index('ix_risk_report_submitted', ['submittedAt', 'id'])
@Index('ix_risk_report_status', ['status', 'submittedAt', 'id'])
@Index('ix_risk_report_country', ['country', 'submittedAt', 'id'])
export class RiskReport {
  @Field(() => ID, { description: 'Stable identifier of the report.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'reporter_organization_id', type: 'varchar', length: 36, nullable: true })
  reporterOrganizationId: string | null;

  @Field(() => String, { nullable: true, description: 'For a report the Secretariat recorded: the non-member source (e.g. a community group).' })
  @Column({ name: 'on_behalf_of', type: 'varchar', length: 200, nullable: true })
  onBehalfOf: string | null;

  @Field({ description: 'A short title.' })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field({ description: 'Country observed, ISO 3166-1 alpha-2.' })
  @Column({ type: 'varchar', length: 2 })
  country: string;

  @Field(() => String, { nullable: true, description: 'Region observed, an ISO 3166-2 subdivision code of `country` (e.g. IQ-BA).' })
  @Column({ type: 'varchar', length: 6, nullable: true })
  region: string | null;

  @Field(() => String, { nullable: true, description: 'A place name, when no subdivision code fits (a town, a site).' })
  @Column({ name: 'place_name', type: 'varchar', length: 200, nullable: true })
  placeName: string | null;

  @Field(() => CalendarDate, { description: 'First day of the period observed.' })
  @Column({ name: 'observed_from', type: 'varchar', length: 10 })
  observedFrom: string;

  @Field(() => CalendarDate, { description: 'Last day of the period observed.' })
  @Column({ name: 'observed_until', type: 'varchar', length: 10 })
  observedUntil: string;

  @Field(() => [CodeProvision], { description: 'The risk themes, as provisions of the Code.' })
  @Column({ type: 'simple-json' })
  themes: CodeProvision[];

  @Field({ description: 'The communities affected.' })
  @Column({ name: 'affected_communities', type: 'text' })
  affectedCommunities: string;

  @Field({ description: 'What was observed.' })
  @Column({ type: 'text' })
  description: string;

  @Field(() => [RiskReportSource], { description: 'What the report rests on.' })
  @Column({ type: 'simple-json' })
  sources: RiskReportSource[];

  @Field(() => RiskReportSensitivity, { description: 'What of it the Secretariat may cite publicly.' })
  @Column({ type: 'varchar', length: 20 })
  sensitivity: RiskReportSensitivity;

  @Field(() => RiskReportStatus, { description: 'Submitted, accepted, not retained or withdrawn.' })
  @Column({ type: 'varchar', length: 16 })
  status: RiskReportStatus;

  @Field(() => Timestamp, { description: 'When it was submitted.' })
  @Column({ name: 'submitted_at', type: 'varchar', length: 30 })
  submittedAt: string;

  @Column({ name: 'submitted_by', type: 'varchar', length: 100, nullable: true })
  submittedBy: string | null;

  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` (CONFLICT when outdated).' })
  @Column({ type: 'int' })
  version: number;
}

/** A member company a risk report names: one row per company, so the reports naming a company are found by index. */
@Entity('risk_report_company')
@Index('ix_risk_report_company_organization', ['organizationId'])
export class RiskReportCompany {
  @PrimaryColumn({ name: 'report_id', type: 'varchar', length: 36 })
  reportId: string;

  @PrimaryColumn({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;
}

/** One decision on a risk report (a review or its withdrawal); append-only. */
@ObjectType({ description: 'One decision on a risk report: accepted, not retained or withdrawn. Entries are never changed or removed.' })
@Entity('risk_report_review')
@Index('uq_risk_report_review_sequence', ['reportId', 'sequence'], { unique: true })
export class RiskReportReview {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'report_id', type: 'varchar', length: 36 })
  reportId: string;

  @Column({ type: 'int' })
  sequence: number;

  @Field(() => RiskReportStatus, { description: 'The status the decision gave the report.' })
  @Column({ type: 'varchar', length: 16 })
  status: RiskReportStatus;

  @Field(() => String, { nullable: true, description: 'The note given with the decision.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Authorized(Access.Secretariat)
  @Field(() => String, { nullable: true, description: 'Who decided: the staff member, or the reporter\'s token subject (Secretariat only).' })
  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true })
  decidedBy: string | null;

  @Field(() => Timestamp, { description: 'When it was recorded.' })
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;
}

/** A dated risk level of a country or region, set by the Secretariat; append-only, so past levels stay answerable. */
@Entity('risk_level')
@Index('uq_risk_level_area_day', ['area', 'effectiveFrom'], { unique: true })
@Index('ix_risk_level_effective', ['effectiveFrom'])
export class RiskLevelEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The country code, or the region code for a region. */
  @Column({ type: 'varchar', length: 6 })
  area: string;

  @Column({ type: 'varchar', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 6, nullable: true })
  region: string | null;

  @Column({ type: 'varchar', length: 10 })
  level: RiskLevelValue;

  @Column({ name: 'effective_from', type: 'varchar', length: 10 })
  effectiveFrom: string;

  @Column({ type: 'text' })
  justification: string;

  /** The accepted reports it rests on (PUBLIC and ASSOCIATION_ONLY alike; only PUBLIC ones are ever cited). */
  @Column({ name: 'report_ids', type: 'simple-json' })
  reportIds: string[];

  @Column({ name: 'set_by', type: 'varchar', length: 100, nullable: true })
  setBy: string | null;

  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;
}

/** A risk report that prompted a monitoring activity. */
@Entity('monitoring_activity_risk_report')
@Index('ix_monitoring_activity_risk_report_report', ['reportId'])
export class MonitoringActivityRiskReport {
  @PrimaryColumn({ name: 'activity_id', type: 'varchar', length: 36 })
  activityId: string;

  @PrimaryColumn({ name: 'report_id', type: 'varchar', length: 36 })
  reportId: string;
}
