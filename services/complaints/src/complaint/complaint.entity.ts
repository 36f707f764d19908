import { Authorized, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Access, CalendarDate, Timestamp, type OwnedByOrganization } from '../../../shared/src';
import { ComplaintKind } from '../catalogue/catalogue.enums';
import {
  CodeProvision,
  CodeVersion,
  CompanyCheckStatus,
  ComplaintActor,
  ComplaintEventKind,
  ComplaintStatus,
  EventAudience,
} from './complaint.enums';

/**
 * A complaint against a member company. The Secretariat sees all of it; a member of the company
 * complained about sees it without the complainant (`complainant` is Secretariat only). The
 * complainant's identity, contact and representative are stored encrypted (AES-256-GCM); the receipt
 * code only as a hash.
 */
@ObjectType({
  description:
    'A complaint against a member company, as the Secretariat and the company complained about see it. ' +
    'Who filed it (`complainant`) is for the Secretariat alone.',
})
@Entity('complaint')
@Index('ix_complaint_submitted', ['submittedAt', 'id'])
@Index('ix_complaint_company', ['companyId', 'submittedAt', 'id'])
@Index('ix_complaint_status', ['status', 'submittedAt', 'id'])
@Index('ix_complaint_kind', ['kind', 'submittedAt', 'id'])
@Index('ix_complaint_company_check', ['companyCheck', 'companyCheckNextAt'])
@Index('ix_complaint_company_statistics', ['companyId', 'companyCheck', 'referenceYear', 'status'])
@Index('ix_complaint_country', ['incidentCountry', 'submittedAt', 'id'])
@Index('ix_complaint_country_status', ['incidentCountry', 'status', 'submittedAt', 'id'])
@Index('ix_complaint_region', ['incidentRegion', 'submittedAt', 'id'])
@Index('ix_complaint_officer', ['assignedOfficerSubject', 'submittedAt', 'id'])
@Index('ix_complaint_incident_date', ['incidentDate', 'id'])
@Index('ix_complaint_stage_due', ['stageDueAt', 'id'])
@Index('ix_complaint_officer_due', ['assignedOfficerSubject', 'stageDueAt', 'id'])
@Index('ix_complaint_last_activity', ['lastActivityAt', 'id'])
@Index('uq_complaint_reference', ['referenceYear', 'referenceSequence'], { unique: true })
export class Complaint implements OwnedByOrganization {
  @Field(() => ID, { description: 'Stable identifier of the complaint.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'Human-readable reference, e.g. `ICOCA-2026-000123`, to quote in any correspondence.' })
  @Index('uq_complaint_reference_number', { unique: true })
  @Column({ name: 'reference_number', type: 'varchar', length: 20 })
  referenceNumber: string;

  @Column({ name: 'reference_year', type: 'int' })
  referenceYear: number;

  @Column({ name: 'reference_sequence', type: 'int' })
  referenceSequence: number;

  /** SHA-256 of the normalized receipt code: the code itself is shown once and never stored. */
  @Index('uq_complaint_receipt_hash', { unique: true })
  @Column({ name: 'receipt_hash', type: 'varchar', length: 64 })
  receiptHash: string;

  /** SHA-256 of the client's idempotency key, when it sent one: a retry finds the complaint it created. */
  @Index('uq_complaint_idempotency_key', { unique: true })
  @Column({ name: 'idempotency_key_hash', type: 'varchar', length: 64, nullable: true })
  idempotencyKeyHash: string | null;

  /** The receipt code, encrypted, kept only for the retry window so a retry can be answered the same. */
  @Column({ name: 'retry_receipt_encrypted', type: 'text', nullable: true })
  retryReceiptEncrypted: string | null;

  /** End of the retry window; the encrypted receipt code is erased once it has passed. */
  @Index('ix_complaint_retry_until')
  @Column({ name: 'retry_until', type: 'varchar', length: 30, nullable: true })
  retryUntil: string | null;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Authorized(Access.Secretariat)
  @Field(() => CompanyCheckStatus, {
    description:
      'Whether the company complained about was confirmed as a private security company that is or was a member or ' +
      'affiliate. PENDING: company check pending (the membership register could not be asked at filing; retried). ' +
      'Secretariat only; the company sees a complaint once its check has PASSED.',
  })
  @Column({ name: 'company_check', type: 'varchar', length: 16, default: CompanyCheckStatus.PASSED })
  companyCheck: CompanyCheckStatus;

  /** How many times the membership register was asked for the company check. */
  @Column({ name: 'company_check_attempts', type: 'int', default: 0 })
  companyCheckAttempts: number;

  /** When a pending company check is next due; null once it is decided. */
  @Column({ name: 'company_check_next_at', type: 'varchar', length: 30, nullable: true })
  companyCheckNextAt: string | null;

  @Field(() => ComplaintKind, { description: 'Harm (to the complainant or a represented person) or a report of a violation.' })
  @Column({ type: 'varchar', length: 32 })
  kind: ComplaintKind;

  @Field(() => ComplaintStatus, { description: 'Where the complaint stands now.' })
  @Column({ type: 'varchar', length: 48 })
  status: ComplaintStatus;

  @Field(() => CalendarDate, { description: 'Day of the incident (or when it began).' })
  @Column({ name: 'incident_date', type: 'varchar', length: 10 })
  incidentDate: string;

  @Field({ description: 'Country of the incident, ISO 3166-1 alpha-2.' })
  @Column({ name: 'incident_country', type: 'varchar', length: 2 })
  incidentCountry: string;

  @Field({ description: 'What happened, in the complainant\'s words.' })
  @Column({ type: 'text' })
  description: string;

  @Field({ description: 'Language the complaint is written in, a BCP 47 tag such as `en`, `fr` or `es`.' })
  @Column({ type: 'varchar', length: 35 })
  language: string;

  @Column({ type: 'boolean' })
  anonymous: boolean;

  @Column({ name: 'complainant_name_encrypted', type: 'text', nullable: true })
  complainantNameEncrypted: string | null;

  @Column({ name: 'complainant_contact_encrypted', type: 'text', nullable: true })
  complainantContactEncrypted: string | null;

  @Column({ name: 'representative_encrypted', type: 'text', nullable: true })
  representativeEncrypted: string | null;

  /** The address the complainant gave for notices only (apart from `complainantContact`), encrypted. */
  @Column({ name: 'notice_email_encrypted', type: 'text', nullable: true })
  noticeEmailEncrypted: string | null;

  /** Whether the complainant wants an e-mail when a reply is waiting (needs a notice address). */
  @Column({ name: 'notify_when_replied', type: 'boolean', default: false })
  notifyWhenReplied: boolean;

  @Field(() => String, { nullable: true, description: 'Why the complaint was found inadmissible; null otherwise.' })
  @Column({ name: 'inadmissibility_reason', type: 'text', nullable: true })
  inadmissibilityReason: string | null;

  @Field(() => String, { nullable: true, description: 'The outcome, once resolved.' })
  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Field(() => String, { nullable: true, description: 'The remedy granted, once resolved, if any.' })
  @Column({ type: 'text', nullable: true })
  remedy: string | null;

  @Field(() => Timestamp, { description: 'When the complaint was filed.' })
  @Column({ name: 'submitted_at', type: 'varchar', length: 30 })
  submittedAt: string;

  @Field(() => Timestamp, { description: 'When the complaint last changed.' })
  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;

  /** The Secretariat's own summary of the case (Secretariat only; exposed with the case list). */
  @Authorized(Access.Secretariat)
  @Field(() => String, {
    nullable: true,
    description:
      'The Secretariat\'s own summary of the case, searched by the case list (`filter.search`). Secretariat only; null ' +
      'until written (`describeComplaintCase`).',
  })
  @Column({ name: 'case_summary', type: 'text', nullable: true })
  caseSummary: string | null;

  /** Region of the incident, ISO 3166-2 (e.g. `IQ-BG`), when known. */
  @Field(() => String, {
    nullable: true,
    description: 'Region of the incident, an ISO 3166-2 subdivision of `incidentCountry` (e.g. `IQ-BA`); null when not known.',
  })
  @Column({ name: 'incident_region', type: 'varchar', length: 6, nullable: true })
  incidentRegion: string | null;

  /** The case officer the complaint is assigned to: the subject of their token. */
  @Column({ name: 'assigned_officer_subject', type: 'varchar', length: 100, nullable: true })
  assignedOfficerSubject: string | null;

  /** The case officer's display name, as given when assigned. */
  @Column({ name: 'assigned_officer_name', type: 'varchar', length: 200, nullable: true })
  assignedOfficerName: string | null;

  /** When the stage the complaint is in is due; null once it is settled. */
  @Column({ name: 'stage_due_at', type: 'varchar', length: 30, nullable: true })
  stageDueAt: string | null;

  /** When anything last happened on the complaint: a change, a message, a note. */
  @Authorized(Access.Secretariat)
  @Field(() => Timestamp, {
    nullable: true,
    description:
      'When anything last happened on the complaint: filing, a status change, the company\'s response, a message of ' +
      'the complainant or the Secretariat, an internal note. Secretariat only (it would tell the company of messages ' +
      'and notes it does not see).',
  })
  @Column({ name: 'last_activity_at', type: 'varchar', length: 30, nullable: true })
  lastActivityAt: string | null;

  @Field(() => Int, {
    description: 'Increases with every change; pass it as `expectedVersion` to refuse a change based on an outdated view.',
  })
  @Column({ type: 'int' })
  version: number;

  get ownerOrganizationId(): string {
    return this.companyId;
  }
}

/** One provision of the Code a complaint alleges was violated, with the Code version it cites. */
@ObjectType({ description: 'A provision of the Code a complaint alleges was violated, and the text of the Code cited.' })
@Entity('complaint_allegation')
@Index('ix_complaint_allegation_provision', ['provision'])
export class ComplaintAllegation {
  @PrimaryColumn({ name: 'complaint_id', type: 'varchar', length: 36 })
  complaintId: string;

  @Field(() => CodeProvision, { description: 'The provision alleged to have been violated.' })
  @PrimaryColumn({ type: 'varchar', length: 48 })
  provision: CodeProvision;

  @Field(() => CodeVersion, { description: 'The text of the Code the citation refers to.' })
  @Column({ name: 'code_version', type: 'varchar', length: 16 })
  codeVersion: CodeVersion;

  /** Keeps the order in which the complainant listed them. */
  @Column({ type: 'int' })
  position: number;
}

/** One entry of a complaint's append-only timeline. */
@ObjectType({
  description:
    'One entry in a complaint\'s timeline: entries are never changed or removed. Each reader sees the entries and ' +
    'notes meant for them.',
})
@Entity('complaint_event')
@Index('uq_complaint_event_sequence', ['complaintId', 'sequence'], { unique: true })
export class ComplaintEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'complaint_id', type: 'varchar', length: 36 })
  complaintId: string;

  @Field(() => Int, { description: '1, 2, 3... in the order the entries were recorded.' })
  @Column({ type: 'int' })
  sequence: number;

  @Field(() => ComplaintEventKind, { description: 'What happened.' })
  @Column({ type: 'varchar', length: 24 })
  kind: ComplaintEventKind;

  @Field(() => ComplaintStatus, { nullable: true, description: 'Status before a status change; null otherwise.' })
  @Column({ name: 'from_status', type: 'varchar', length: 48, nullable: true })
  fromStatus: ComplaintStatus | null;

  @Field(() => ComplaintStatus, { description: 'Status of the complaint after this entry.' })
  @Column({ name: 'to_status', type: 'varchar', length: 48 })
  toStatus: ComplaintStatus;

  @Field(() => String, {
    nullable: true,
    description: 'What the author wrote: a reason, an explanation, the company\'s response. Null for readers outside its audience.',
  })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => EventAudience, { description: 'Who the note is written for, besides the Secretariat.' })
  @Column({ type: 'varchar', length: 24 })
  audience: EventAudience;

  @Field(() => ComplaintActor, { description: 'Who acted, by role.' })
  @Column({ type: 'varchar', length: 16 })
  actor: ComplaintActor;

  @Authorized(Access.Secretariat)
  @Field(() => String, { nullable: true, description: 'Who recorded it: the subject of the token used (Secretariat only).' })
  @Column({ name: 'recorded_by', type: 'varchar', length: 100, nullable: true })
  recordedBy: string | null;

  @Field(() => Timestamp, { description: 'When it was recorded.' })
  @Column({ name: 'occurred_at', type: 'varchar', length: 30 })
  occurredAt: string;
}

/** A message between the complainant and the Secretariat; its body is encrypted at rest. */
@ObjectType({ description: 'A message between the complainant and the Secretariat (never shown to the company).' })
@Entity('complaint_message')
@Index('ix_complaint_message_complaint', ['complaintId', 'sentAt', 'id'])
export class ComplaintMessage {
  @Field(() => ID, { description: 'Identifier of the message.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'complaint_id', type: 'varchar', length: 36 })
  complaintId: string;

  @Field(() => ComplaintActor, { description: 'Who wrote it: the complainant or the Secretariat.' })
  @Column({ type: 'varchar', length: 16 })
  sender: ComplaintActor;

  @Column({ name: 'body_encrypted', type: 'text' })
  bodyEncrypted: string;

  @Field(() => Timestamp, { description: 'When it was sent.' })
  @Column({ name: 'sent_at', type: 'varchar', length: 30 })
  sentAt: string;
}

/**
 * A note the Secretariat keeps on a complaint for itself: append-only, apart from the status changes and
 * never in the thread with the complainant. Its text is encrypted at rest, like the Secretariat's messages.
 */
@ObjectType({
  description:
    'An internal note of the Secretariat on a complaint: never changed or removed, never shown to the complainant ' +
    'or the company.',
})
@Entity('complaint_internal_note')
@Index('ix_complaint_internal_note_complaint', ['complaintId', 'writtenAt', 'id'])
export class ComplaintInternalNote {
  @Field(() => ID, { description: 'Identifier of the note.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'complaint_id', type: 'varchar', length: 36 })
  complaintId: string;

  @Column({ name: 'text_encrypted', type: 'text' })
  textEncrypted: string;

  @Field(() => String, { nullable: true, description: 'Who wrote it: the subject of the token used.' })
  @Column({ name: 'written_by', type: 'varchar', length: 100, nullable: true })
  writtenBy: string | null;

  @Field(() => Timestamp, { description: 'When it was written.' })
  @Column({ name: 'written_at', type: 'varchar', length: 30 })
  writtenAt: string;
}

/**
 * The last reference number given in a year. Filings update this one row first, so concurrent filings
 * queue on its lock (MySQL) or the write queue (SQLite) instead of racing for the same number.
 */
@Entity('complaint_reference_counter')
export class ComplaintReferenceCounter {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ name: 'last_sequence', type: 'int' })
  lastSequence: number;
}
