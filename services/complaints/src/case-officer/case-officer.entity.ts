import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Timestamp } from '../../../shared/src';

/**
 * One period during which a case officer held a complaint: appended when the Secretariat assigns it, and
 * closed (`until`) when it is reassigned or unassigned; never removed. The complaint itself keeps the
 * current officer (`assigned_officer_subject`, `assigned_officer_name`) for the lists that filter on it.
 */
@ObjectType({
  description:
    'A period during which a case officer of the Secretariat was responsible for a complaint (Secretariat only: read through `Complaint.assignmentHistory`).',
})
@Entity('complaint_assignment')
@Index('uq_complaint_assignment_sequence', ['complaintId', 'sequence'], { unique: true })
export class ComplaintAssignment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'complaint_id', type: 'varchar', length: 36 })
  complaintId: string;

  /** 1, 2, 3... per complaint; with the unique index, two concurrent assignments cannot both append. */
  @Column({ type: 'int' })
  sequence: number;

  @Field({ description: 'The case officer: the subject of their token.' })
  @Column({ name: 'officer_subject', type: 'varchar', length: 100 })
  officerSubject: string;

  @Field({ description: 'The case officer\'s name, as given when the complaint was assigned to them.' })
  @Column({ name: 'officer_name', type: 'varchar', length: 200 })
  officerName: string;

  @Field(() => String, { nullable: true, description: 'Who assigned it: the subject of the token used.' })
  @Column({ name: 'assigned_by', type: 'varchar', length: 100, nullable: true })
  assignedBy: string | null;

  @Field(() => Timestamp, { description: 'When the officer became responsible for the complaint.' })
  @Column({ name: 'assigned_from', type: 'varchar', length: 30 })
  from: string;

  @Field(() => Timestamp, {
    nullable: true,
    description: 'When the complaint was reassigned or unassigned; null while the officer still holds it.',
  })
  @Column({ name: 'assigned_until', type: 'varchar', length: 30, nullable: true })
  until: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who reassigned or unassigned it: the subject of the token used; null while the officer holds it.',
  })
  @Column({ name: 'ended_by', type: 'varchar', length: 100, nullable: true })
  endedBy: string | null;
}
