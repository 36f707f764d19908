import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { NoticeErrorClass, NoticeKind, NoticeRecipient, NoticeState } from './notification.enums';

/**
 * One e-mail notice in the outbox: written in the same transaction as the complaint or message it tells
 * of, sent later by a background round (notification.worker.ts), so that a slow or absent SMTP server
 * never slows or fails filing. Holds no address and no content: the sender reads the recipient from the
 * settings or, decrypted, from the complaint, when it sends.
 */
@Entity('complaint_notice')
@Index('ix_complaint_notice_due', ['state', 'nextAttemptAt'])
@Index('ix_complaint_notice_complaint', ['complaintId'])
export class ComplaintNotice {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 24 })
  kind: NoticeKind;

  @Column({ name: 'complaint_id', type: 'varchar', length: 36 })
  complaintId: string;

  @Column({ type: 'varchar', length: 16 })
  recipient: NoticeRecipient;

  @Column({ type: 'varchar', length: 16 })
  state: NoticeState;

  /** Sending attempts so far; also what a claim compares, so two processes never both win one. */
  @Column({ type: 'int' })
  attempts: number;

  /** PENDING: when it may be tried (again). SENDING: when the claim lapses and another round may take it over. */
  @Column({ name: 'next_attempt_at', type: 'varchar', length: 30 })
  nextAttemptAt: string;

  /** The round that claimed it (a random id per process), while SENDING. */
  @Column({ name: 'claimed_by', type: 'varchar', length: 36, nullable: true })
  claimedBy: string | null;

  @Column({ name: 'sent_at', type: 'varchar', length: 30, nullable: true })
  sentAt: string | null;

  @Column({ name: 'error_class', type: 'varchar', length: 16, nullable: true })
  errorClass: NoticeErrorClass | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}
