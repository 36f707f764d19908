import { Authorized, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Access, Timestamp, type OwnedByOrganization } from '../../../shared/src';

/** The bytes of a document, stored once per SHA-256 however often they are uploaded. */
@Entity('document_content')
export class DocumentContent {
  /** Hex SHA-256 of the bytes: the content's address. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ name: 'chunk_count', type: 'int' })
  chunkCount: number;

  @Column({ name: 'stored_at', type: 'varchar', length: 30 })
  storedAt: string;
}

/**
 * One slice (at most 1 MiB) of a document's bytes. Slices keep every statement far below MariaDB's
 * 16 MB `max_allowed_packet`, and the bytes as durable as the rest of the database.
 */
@Entity('document_chunk')
export class DocumentChunk {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sha256: string;

  /** 0, 1, 2...: the order of the slices. */
  @PrimaryColumn({ type: 'int' })
  sequence: number;

  @Column({ type: 'blob' })
  data: Buffer;
}

/** One upload: which company it belongs to, what it is, who sent it; the bytes are in `DocumentContent`. */
@ObjectType('CertificationDocument', {
  description:
    'A document a company (or the Secretariat on its behalf) uploaded through `POST /documents` for its certification. ' +
    'Never public: the company and the Secretariat only. Download it from `GET /documents/{id}` with a token.',
})
@Entity('document')
@Index('ix_document_organization', ['organizationId', 'uploadedAt', 'id'])
@Index('ix_document_sha256', ['sha256'])
export class StoredDocument implements OwnedByOrganization {
  @Field(() => ID, { description: 'Stable identifier of the upload; the download address is `/documents/{id}`.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  @Field({ description: 'SHA-256 of the bytes, in hexadecimal: what the application refers to with the id.' })
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Field({ description: 'The file name given at upload (for display only; the type is read from the content).' })
  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName: string;

  @Field({ description: 'The media type read from the content: application/pdf, image/png, image/jpeg, or the DOCX/XLSX type.' })
  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Authorized(Access.Secretariat)
  @Field(() => String, { nullable: true, description: 'Who uploaded it (the token\'s subject; Secretariat only).' })
  @Column({ name: 'uploaded_by', type: 'varchar', length: 100, nullable: true })
  uploadedBy: string | null;

  @Field(() => Timestamp, { description: 'When it was uploaded.' })
  @Column({ name: 'uploaded_at', type: 'varchar', length: 30 })
  uploadedAt: string;

  get ownerOrganizationId(): string {
    return this.organizationId;
  }
}
