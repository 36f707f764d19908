import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Access, CalendarDate, Timestamp, type OwnedByOrganization } from '../../../shared/src';

/** Where a company's self-assessment in one cycle stands; DUE and OVERDUE follow from the cycle's due date. */
export enum SelfAssessmentStatus {
  DUE = 'DUE',
  SUBMITTED = 'SUBMITTED',
  REVIEWED = 'REVIEWED',
  OVERDUE = 'OVERDUE',
}
registerEnumType(SelfAssessmentStatus, {
  name: 'SelfAssessmentStatus',
  description: 'Where a company\'s self-assessment in one cycle stands.',
  valuesConfig: {
    DUE: { description: 'Expected and not yet submitted; the cycle\'s due date has not passed.' },
    SUBMITTED: { description: 'Submitted by the company, not yet reviewed by the Secretariat.' },
    REVIEWED: { description: 'Reviewed by the Secretariat (a desk review, listed among the monitoring activities).' },
    OVERDUE: { description: 'Expected, not submitted, and past the cycle\'s due date. Follows from the dates.' },
  },
});

/**
 * One self-assessment cycle: the Secretariat sends the questionnaire on `sentOn` to the member and affiliate
 * companies of that day, with a due date of its own. One cycle a year; a submission belongs to the cycle of
 * its year.
 */
@ObjectType({
  description:
    'A self-assessment cycle: the questionnaire the Secretariat sends on `sentOn` to every member or affiliate ' +
    'company (active or suspended) of that day, to answer by `dueOn`. One cycle a year.',
})
@Entity('self_assessment_cycle')
@Index('uq_self_assessment_cycle_year', ['year'], { unique: true })
export class SelfAssessmentCycle {
  @Field(() => ID, { description: 'Stable identifier of the cycle.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field(() => Int, { description: 'The year the cycle is for.' })
  @Column({ type: 'int' })
  year: number;

  @Field(() => CalendarDate, { description: 'Day the questionnaire was sent; companies answer from that day on.' })
  @Column({ name: 'sent_on', type: 'varchar', length: 10 })
  sentOn: string;

  @Field(() => CalendarDate, { description: 'Last day to answer; a company that has not answered by then is OVERDUE.' })
  @Column({ name: 'due_on', type: 'varchar', length: 10 })
  dueOn: string;

  @Field(() => Timestamp, { description: 'When the Secretariat recorded the cycle.' })
  @Column({ name: 'opened_at', type: 'varchar', length: 30 })
  openedAt: string;

  @Column({ name: 'opened_by', type: 'varchar', length: 100, nullable: true })
  openedBy: string | null;

  @Field({
    description:
      'True when the Secretariat listed the companies the cycle covers when opening it; false when it covers every ' +
      'member or affiliate company (active or suspended) on `sentOn`.',
  })
  @Column({ name: 'companies_listed', type: 'boolean', default: false })
  companiesListed: boolean;
}

/** A company a cycle covers, for a cycle opened with a list of its own (`companiesListed`). */
@Entity('self_assessment_cycle_company')
export class SelfAssessmentCycleCompany {
  @PrimaryColumn({ name: 'cycle_id', type: 'varchar', length: 36 })
  cycleId: string;

  @PrimaryColumn({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;
}

/** A submitted self-assessment, as stored; the API shows it through `SelfAssessment` (which also covers missing ones). */
@Entity('self_assessment')
@Index('uq_self_assessment_year', ['organizationId', 'year'], { unique: true })
@Index('ix_self_assessment_year', ['year', 'organizationId'])
export class SelfAssessmentRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  @Column({ type: 'int' })
  year: number;

  /** SUBMITTED or REVIEWED. */
  @Column({ type: 'varchar', length: 16 })
  status: SelfAssessmentStatus;

  @Column({ name: 'human_rights_commitment', type: 'text' })
  humanRightsCommitment: string;

  @Column({ name: 'human_rights_due_diligence', type: 'text' })
  humanRightsDueDiligence: string;

  @Column({ name: 'grievance_and_incident_reporting', type: 'text' })
  grievanceAndIncidentReporting: string;

  @Column({ type: 'text' })
  training: string;

  @Column({ name: 'submitted_at', type: 'varchar', length: 30 })
  submittedAt: string;

  @Column({ name: 'submitted_by', type: 'varchar', length: 100, nullable: true })
  submittedBy: string | null;

  @Column({ name: 'reviewed_on', type: 'varchar', length: 10, nullable: true })
  reviewedOn: string | null;

  @Column({ name: 'reviewed_by', type: 'varchar', length: 100, nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;

  @Column({ type: 'int' })
  version: number;
}

/** The four areas of the self-assessment, as the answers and the submission describe them. */
export const SELF_ASSESSMENT_AREAS = {
  humanRightsCommitment: 'Commitment to human rights: policies adopting the Code and how they are applied.',
  humanRightsDueDiligence: 'Human-rights due diligence: how risks to people are identified and addressed.',
  grievanceAndIncidentReporting: 'Grievance mechanism and incident reporting.',
  training: 'Training of personnel on the Code, the use of force and human rights.',
} as const;

/** The company's answers in the four areas of the self-assessment. */
@ObjectType({ description: 'The answers of a self-assessment, in its four areas. The company itself and the Secretariat only.' })
export class SelfAssessmentAnswers {
  @Field({ description: SELF_ASSESSMENT_AREAS.humanRightsCommitment })
  humanRightsCommitment: string;

  @Field({ description: SELF_ASSESSMENT_AREAS.humanRightsDueDiligence })
  humanRightsDueDiligence: string;

  @Field({ description: SELF_ASSESSMENT_AREAS.grievanceAndIncidentReporting })
  grievanceAndIncidentReporting: string;

  @Field({ description: SELF_ASSESSMENT_AREAS.training })
  training: string;
}

/** One company's self-assessment in one cycle: submitted or not. */
@ObjectType({
  description:
    'One company\'s self-assessment in one cycle. Public: the year, whether it is due, submitted, reviewed ' +
    'or overdue, and the dates. The answers and the review note: the company itself and the Secretariat only.',
})
export class SelfAssessment implements OwnedByOrganization {
  @Field(() => ID, { nullable: true, description: 'Identifier of the submitted self-assessment; null while not submitted.' })
  id: string | null;

  organizationId: string;

  cycleId: string;

  @Field(() => Int, { description: 'The year the self-assessment is for (the year of its cycle).' })
  year: number;

  @Field(() => SelfAssessmentStatus, { description: 'Due, submitted, reviewed or overdue (on the day asked; today unless a list says otherwise).' })
  status: SelfAssessmentStatus;

  @Field(() => CalendarDate, { description: 'Last day to submit it: the due date of its cycle.' })
  dueOn: string;

  @Field(() => Timestamp, { nullable: true, description: 'When the company submitted it.' })
  submittedAt: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Day the Secretariat reviewed it.' })
  reviewedOn: string | null;

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @Field(() => SelfAssessmentAnswers, { nullable: true, description: 'The answers (company itself and Secretariat only); null while not submitted.' })
  answers: SelfAssessmentAnswers | null;

  @Authorized(Access.Secretariat, Access.OwnOrganization)
  @Field(() => String, { nullable: true, description: 'The Secretariat\'s review note (company itself and Secretariat only).' })
  reviewNote: string | null;

  @Field(() => Int, { nullable: true, description: 'Version of the submitted record; null while not submitted.' })
  version: number | null;

  get ownerOrganizationId(): string {
    return this.organizationId;
  }
}
