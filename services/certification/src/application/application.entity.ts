import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Access, CalendarDate, Timestamp, type OwnedByOrganization } from '../../../shared/src';
import { CertificationStandard } from '../certification/certification.entity';

/** Where an application for ICoCA certification stands. */
export enum CertificationApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  AWAITING_COMPANY = 'AWAITING_COMPANY',
  CERTIFIED = 'CERTIFIED',
  REFUSED = 'REFUSED',
}
registerEnumType(CertificationApplicationStatus, {
  name: 'CertificationApplicationStatus',
  description: 'Where an application for ICoCA certification stands: draft, submitted, under review, questions open, decided.',
  valuesConfig: {
    DRAFT: { description: 'Being prepared by the company (or the Secretariat on its behalf); not yet seen by the review.' },
    SUBMITTED: { description: 'Submitted complete; waiting for the Secretariat to start the review.' },
    UNDER_REVIEW: { description: 'The Secretariat is reviewing it.' },
    AWAITING_COMPANY: { description: 'The Secretariat asked questions; waiting for the company\'s answer.' },
    CERTIFIED: { description: 'Decided: the company is ICoCA-certified on the strength of its certificate (final).' },
    REFUSED: { description: 'Decided: refused, with what is missing (final; the company may apply again).' },
  },
});

/** The documents the Association asks for with an application. */
export enum CertificationDocumentKind {
  CERTIFICATE = 'CERTIFICATE',
  AUDIT_REPORT = 'AUDIT_REPORT',
  SURVEILLANCE_REPORT = 'SURVEILLANCE_REPORT',
  CORRECTIVE_ACTION_PLAN = 'CORRECTIVE_ACTION_PLAN',
  HUMAN_RIGHTS_RISK_ASSESSMENT = 'HUMAN_RIGHTS_RISK_ASSESSMENT',
  ADDITIONAL_INFORMATION = 'ADDITIONAL_INFORMATION',
}
registerEnumType(CertificationDocumentKind, {
  name: 'CertificationDocumentKind',
  description: 'What a document attached to a certification application (or a surveillance report) is.',
  valuesConfig: {
    CERTIFICATE: { description: 'The third-party certificate with its annexes. Required.' },
    AUDIT_REPORT: { description: 'The full audit report of the certification body, stage 1 and stage 2. Required.' },
    SURVEILLANCE_REPORT: {
      description: 'The latest surveillance audit report(s). Required once the certificate is more than a year old.',
    },
    CORRECTIVE_ACTION_PLAN: {
      description: 'The corrective action plan and its follow-up. Required when the certification body required one (`correctiveActionPlanRequired`).',
    },
    HUMAN_RIGHTS_RISK_ASSESSMENT: { description: 'The company\'s process for assessing human-rights risks. Required.' },
    ADDITIONAL_INFORMATION: { description: 'The additional information the Board asks for the standard. Required.' },
  },
});

/** The Secretariat's decision on an application. */
export enum CertificationDecisionKind {
  CERTIFY = 'CERTIFY',
  REFUSE = 'REFUSE',
}
registerEnumType(CertificationDecisionKind, {
  name: 'CertificationDecisionKind',
  description: 'The Secretariat\'s decision on an application for ICoCA certification.',
  valuesConfig: {
    CERTIFY: { description: 'Certify: records the `Certification` that standing and verification read.' },
    REFUSE: { description: 'Refuse, stating what is missing.' },
  },
});

/** What one entry of an application's history records. */
export enum CertificationApplicationEventKind {
  CREATED = 'CREATED',
  SUBMITTED = 'SUBMITTED',
  REVIEW_STARTED = 'REVIEW_STARTED',
  QUESTION = 'QUESTION',
  ANSWER = 'ANSWER',
  CERTIFIED = 'CERTIFIED',
  REFUSED = 'REFUSED',
}
registerEnumType(CertificationApplicationEventKind, {
  name: 'CertificationApplicationEventKind',
  description: 'What one entry of an application\'s history records.',
  valuesConfig: {
    CREATED: { description: 'The draft was started.' },
    SUBMITTED: { description: 'The company submitted the application complete.' },
    REVIEW_STARTED: { description: 'The Secretariat started its review.' },
    QUESTION: { description: 'The Secretariat asked the company questions (`message`).' },
    ANSWER: { description: 'The company answered (`message`).' },
    CERTIFIED: { description: 'The Secretariat certified the company (`message`: the reasons).' },
    REFUSED: { description: 'The Secretariat refused (`message`: the reasons and what is missing).' },
  },
});

/** Who wrote an entry of the history. */
export enum ApplicationAuthor {
  COMPANY = 'COMPANY',
  SECRETARIAT = 'SECRETARIAT',
}
registerEnumType(ApplicationAuthor, {
  name: 'ApplicationAuthor',
  description: 'Who recorded an entry of an application\'s history.',
  valuesConfig: {
    COMPANY: { description: 'A member of the applying company.' },
    SECRETARIAT: { description: 'The Secretariat (also when it acts on the company\'s behalf).' },
  },
});

/** One document attached to an application, as stored with it (JSON). */
export interface AttachedDocumentRecord {
  kind: CertificationDocumentKind;
  documentId: string;
  sha256: string;
  redacted: boolean;
  redactionExplanation: string | null;
}

@ObjectType({ description: 'A document attached to a certification application, with its kind.' })
export class ApplicationDocument {
  @Field(() => CertificationDocumentKind, { description: 'What the document is.' })
  kind: CertificationDocumentKind;

  @Field(() => ID, { description: 'The uploaded document (see `POST /documents`).' })
  documentId: string;

  @Field({ description: 'SHA-256 of the document as attached: the bytes the review read.' })
  sha256: string;

  @Field({ description: 'True when parts of the report are blacked out.' })
  redacted: boolean;

  @Field(() => String, { nullable: true, description: 'Why it is redacted; required whenever `redacted` is true.' })
  redactionExplanation: string | null;
}

/** An application for ICoCA certification: the company's third-party certificate, its documents, the review and the decision. */
@ObjectType({
  description:
    'A company\'s application for ICoCA certification: the third-party certificate it rests on, the documents, the ' +
    'Secretariat\'s review (questions and answers) and the decision. The company and the Secretariat only; partners ' +
    'and the public see the outcome as the company\'s `Certification`.',
})
@Entity('certification_application')
@Index('ix_certification_application_queue', ['status', 'createdAt', 'id'])
@Index('ix_certification_application_organization', ['organizationId', 'createdAt', 'id'])
@Index('ix_certification_application_created', ['createdAt', 'id'])
export class CertificationApplication implements OwnedByOrganization {
  @Field(() => ID, { description: 'Stable identifier of the application.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  @Field(() => CertificationApplicationStatus, { description: 'Where the application stands.' })
  @Column({ type: 'varchar', length: 20 })
  status: CertificationApplicationStatus;

  @Field(() => CertificationStandard, { nullable: true, description: 'The standard of the third-party certificate.' })
  @Column({ type: 'varchar', length: 16, nullable: true })
  standard: CertificationStandard | null;

  @Column({ name: 'certification_body_id', type: 'varchar', length: 36, nullable: true })
  certificationBodyId: string | null;

  @Field(() => String, { nullable: true, description: 'The number printed on the certificate.' })
  @Column({ name: 'certificate_number', type: 'varchar', length: 100, nullable: true })
  certificateNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Scope as written on the certificate.' })
  @Column({ type: 'text', nullable: true })
  scope: string | null;

  @Field(() => [String], { nullable: true, description: 'Countries of operation the certificate covers, ISO 3166-1 alpha-2.' })
  @Column({ name: 'countries_covered', type: 'simple-json', nullable: true })
  countriesCovered: string[] | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Day the certificate was issued.' })
  @Column({ name: 'issued_on', type: 'varchar', length: 10, nullable: true })
  issuedOn: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Last day of the certificate\'s validity.' })
  @Column({ name: 'expires_on', type: 'varchar', length: 10, nullable: true })
  expiresOn: string | null;

  @Field({
    description:
      'Whether the certification body required a corrective action plan, as its AUDIT_REPORT (attached) says. Set by ' +
      'the company; when true the CORRECTIVE_ACTION_PLAN is a required document, when false it may be left out.',
  })
  @Column({ name: 'corrective_action_plan_required', type: 'boolean', default: false })
  correctiveActionPlanRequired: boolean;

  @Column({ type: 'simple-json' })
  documents: AttachedDocumentRecord[];

  @Field(() => Timestamp, { description: 'When the draft was started.' })
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Field(() => Timestamp, { nullable: true, description: 'When it was submitted complete.' })
  @Column({ name: 'submitted_at', type: 'varchar', length: 30, nullable: true })
  submittedAt: string | null;

  @Field(() => CertificationDecisionKind, { nullable: true, description: 'The decision, once taken.' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  decision: CertificationDecisionKind | null;

  @Field(() => String, { nullable: true, description: 'The reasons of the decision.' })
  @Column({ name: 'decision_reasons', type: 'text', nullable: true })
  decisionReasons: string | null;

  @Field(() => String, { nullable: true, description: 'For a refusal: what is missing.' })
  @Column({ name: 'missing_items', type: 'text', nullable: true })
  missingItems: string | null;

  @Field(() => Timestamp, { nullable: true, description: 'When the decision was taken.' })
  @Column({ name: 'decided_at', type: 'varchar', length: 30, nullable: true })
  decidedAt: string | null;

  @Authorized(Access.Secretariat)
  @Field(() => String, { nullable: true, description: 'Who in the Secretariat decided (the token\'s subject; Secretariat only).' })
  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'certification_id', type: 'varchar', length: 36, nullable: true })
  certificationId: string | null;

  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` (CONFLICT when it changed).' })
  @Column({ type: 'int' })
  version: number;

  get ownerOrganizationId(): string {
    return this.organizationId;
  }
}

/** One entry of an application's history: never changed or removed. Questions and answers are the thread. */
@ObjectType({ description: 'One entry of an application\'s history; entries are never changed or removed.' })
@Entity('certification_application_event')
@Index('uq_certification_application_event_sequence', ['applicationId', 'sequence'], { unique: true })
export class CertificationApplicationEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'application_id', type: 'varchar', length: 36 })
  applicationId: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  /** 1, 2, 3... per application: the order, and a guard against two concurrent appends. */
  @Field(() => Int, { description: 'Position in the history: 1, 2, 3...' })
  @Column({ type: 'int' })
  sequence: number;

  @Field(() => CertificationApplicationEventKind, { description: 'What happened.' })
  @Column({ type: 'varchar', length: 20 })
  kind: CertificationApplicationEventKind;

  @Field(() => CertificationApplicationStatus, { description: 'The application\'s status after it.' })
  @Column({ type: 'varchar', length: 20 })
  status: CertificationApplicationStatus;

  @Field(() => String, { nullable: true, description: 'The question, the answer, or the decision\'s reasons.' })
  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Field(() => ApplicationAuthor, { description: 'Who recorded it: the company or the Secretariat.' })
  @Column({ type: 'varchar', length: 12 })
  author: ApplicationAuthor;

  @Authorized(Access.Secretariat)
  @Field(() => String, { nullable: true, description: 'The token subject of the person who recorded it (Secretariat only).' })
  @Column({ name: 'recorded_by', type: 'varchar', length: 100, nullable: true })
  recordedBy: string | null;

  @Field(() => Timestamp, { description: 'When it was recorded.' })
  @Column({ name: 'occurred_at', type: 'varchar', length: 30 })
  occurredAt: string;
}
