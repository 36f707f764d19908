import { Authorized, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Access, Timestamp } from '../../../shared/src';
import { EvidenceScanStatus } from './evidence.enums';

/**
 * A file a complainant gave with their receipt code (a photo, a medical report, a letter): its metadata
 * removed before storage, its bytes encrypted (AES-256-GCM, bound to the complaint and the item) in this
 * table of the complaints database, never in the certification documents' store. Downloadable once scanned
 * CLEAN: by the complainant, the Secretariat, and the company once the Secretariat shares it.
 */
@ObjectType({
  description:
    'A piece of evidence a complainant sent with a message of their complaint (photo or PDF), with its metadata ' +
    '(GPS position, camera, author) removed and encrypted at rest. Download it from `GET /complaints/evidence/{id}` ' +
    'once its scan is CLEAN. The complainant and the Secretariat see every item; the company only the items the ' +
    'Secretariat shared with it.',
})
@Entity('complaint_evidence')
@Index('ix_complaint_evidence_complaint', ['complaintId', 'uploadedAt', 'id'])
@Index('ix_complaint_evidence_scan', ['scanStatus', 'scanNextAt'])
@Index('ix_complaint_evidence_message', ['messageId'])
export class ComplaintEvidence {
  @Field(() => ID, { description: 'Identifier of the item; its download address is `/complaints/evidence/{id}`.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'complaint_id', type: 'varchar', length: 36 })
  complaintId: string;

  @Field(() => ID, { description: 'The complainant\'s message of the thread this item came with.' })
  @Column({ name: 'message_id', type: 'varchar', length: 36 })
  messageId: string;

  /** The file name given at upload, without folders or control characters (read through `ComplaintEvidenceResolver.fileName`). */
  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName: string;

  @Field({ description: 'The media type read from the content: image/jpeg, image/png, image/webp or application/pdf.' })
  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Field(() => Int, { description: 'Size in bytes of the cleaned file, as it is downloaded.' })
  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Field({
    description:
      'SHA-256 of the cleaned file, in hexadecimal, to check a download. Each upload is stored on its own: equal ' +
      'files sent with two complaints are never linked.',
  })
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Field(() => EvidenceScanStatus, { description: 'Where the item stands with the malware scan.' })
  @Column({ name: 'scan_status', type: 'varchar', length: 16 })
  scanStatus: EvidenceScanStatus;

  @Field(() => Timestamp, { nullable: true, description: 'When the scan gave its verdict; null before.' })
  @Column({ name: 'scanned_at', type: 'varchar', length: 30, nullable: true })
  scannedAt: string | null;

  @Authorized(Access.Secretariat)
  @Field(() => String, { nullable: true, description: 'What the scanner found in an INFECTED item (Secretariat only).' })
  @Column({ name: 'scan_finding', type: 'varchar', length: 200, nullable: true })
  scanFinding: string | null;

  /** How many times the scanner was asked without a verdict (it was down). */
  @Column({ name: 'scan_attempts', type: 'int', default: 0 })
  scanAttempts: number;

  /** When a pending scan is next tried; null once there is a verdict. */
  @Column({ name: 'scan_next_at', type: 'varchar', length: 30, nullable: true })
  scanNextAt: string | null;

  @Field(() => Timestamp, {
    nullable: true,
    description: 'When the Secretariat shared the item with the company complained about; null while it is not shared.',
  })
  @Column({ name: 'shared_with_company_at', type: 'varchar', length: 30, nullable: true })
  sharedWithCompanyAt: string | null;

  @Authorized(Access.Secretariat)
  @Field(() => String, { nullable: true, description: 'Who shared it: the subject of the Secretariat\'s token (Secretariat only).' })
  @Column({ name: 'shared_by', type: 'varchar', length: 100, nullable: true })
  sharedBy: string | null;

  @Field(() => Timestamp, { description: 'When it was received.' })
  @Column({ name: 'uploaded_at', type: 'varchar', length: 30 })
  uploadedAt: string;

  /** The cleaned bytes, encrypted: read only to serve or scan one item (never with a list). */
  @Column({ type: 'blob', select: false })
  data?: Buffer;
}
