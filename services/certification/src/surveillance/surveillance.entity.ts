import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CalendarDate, Timestamp } from '../../../shared/src';

/** A surveillance report the company sent for one due date of one certificate. */
@Entity('surveillance_report')
@Index('uq_surveillance_report_due', ['certificationId', 'dueOn'], { unique: true })
@Index('ix_surveillance_report_organization', ['organizationId'])
export class SurveillanceReportRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'certification_id', type: 'varchar', length: 36 })
  certificationId: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  @Column({ name: 'due_on', type: 'varchar', length: 10 })
  dueOn: string;

  @Column({ name: 'document_id', type: 'varchar', length: 36 })
  documentId: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ name: 'submitted_at', type: 'varchar', length: 30 })
  submittedAt: string;

  @Column({ name: 'submitted_by', type: 'varchar', length: 100, nullable: true })
  submittedBy: string | null;
}

/** Where one due surveillance report stands. */
export enum SurveillanceReportStatus {
  UPCOMING = 'UPCOMING',
  DUE = 'DUE',
  OVERDUE = 'OVERDUE',
  SUBMITTED = 'SUBMITTED',
}
registerEnumType(SurveillanceReportStatus, {
  name: 'SurveillanceReportStatus',
  description: 'Where one surveillance report due under a running certificate stands.',
  valuesConfig: {
    UPCOMING: { description: 'Its due date (an anniversary of the issue date) has not come yet.' },
    DUE: { description: 'Due date passed, still within the grace period (`overdueFrom` not reached).' },
    OVERDUE: { description: 'Not sent by `overdueFrom` (the due date plus the grace period, 30 days unless configured).' },
    SUBMITTED: { description: 'The company sent it.' },
  },
});

/** One surveillance report due under a certificate: computed from the dates, with what was sent. */
@ObjectType({
  description:
    'A surveillance report due under a running certificate, each year on the anniversary of its issue date until it ' +
    'expires. The company and the Secretariat only.',
})
export class SurveillanceReport {
  certificationId: string;
  organizationId: string;
  documentId: string | null;

  @Field(() => CalendarDate, { description: 'The anniversary of the certificate\'s issue date it is due on.' })
  dueOn: string;

  @Field(() => CalendarDate, { description: 'The first day it counts as overdue when not sent.' })
  overdueFrom: string;

  @Field(() => SurveillanceReportStatus, { description: 'Where it stands today.' })
  status: SurveillanceReportStatus;

  @Field(() => Timestamp, { nullable: true, description: 'When the company sent it.' })
  submittedAt: string | null;

  get ownerOrganizationId(): string {
    return this.organizationId;
  }
}
