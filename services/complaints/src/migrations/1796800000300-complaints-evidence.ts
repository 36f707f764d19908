import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { idColumn, refColumn, subjectColumn, timestampColumn } from '../../../shared/src';

/**
 * The complainants' evidence, in a table of its own in the complaints database (never the certification
 * documents' content-addressed store): metadata, scan status, sharing with the company, and the cleaned
 * bytes encrypted in the row (`longblob` on MySQL, whose `blob` stops at 64 KiB; `blob` on SQLite). The
 * file name is free text: the table is utf8mb4 on MySQL. Indexes: an item's complaint (lists, oldest
 * first), the scan round's pending items, and a message's items.
 */
export class ComplaintsEvidence1796800000300 implements MigrationInterface {
  name = 'ComplaintsEvidence1796800000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    await queryRunner.createTable(
      new Table({
        name: 'complaint_evidence',
        columns: [
          idColumn(),
          refColumn('complaint_id'),
          refColumn('message_id'),
          { name: 'file_name', type: 'varchar', length: '200' },
          { name: 'content_type', type: 'varchar', length: '100' },
          { name: 'size_bytes', type: 'int' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'scan_status', type: 'varchar', length: '16' },
          timestampColumn('scanned_at', true),
          { name: 'scan_finding', type: 'varchar', length: '200', isNullable: true },
          { name: 'scan_attempts', type: 'int', default: 0 },
          timestampColumn('scan_next_at', true),
          timestampColumn('shared_with_company_at', true),
          subjectColumn('shared_by'),
          timestampColumn('uploaded_at'),
          // AES-256-GCM: a version byte, the IV, the tag, the ciphertext; bound to the complaint and the item.
          { name: 'data', type: mysql ? 'longblob' : 'blob' },
        ],
        indices: [
          new TableIndex({ name: 'ix_complaint_evidence_complaint', columnNames: ['complaint_id', 'uploaded_at', 'id'] }),
          new TableIndex({ name: 'ix_complaint_evidence_scan', columnNames: ['scan_status', 'scan_next_at'] }),
          new TableIndex({ name: 'ix_complaint_evidence_message', columnNames: ['message_id'] }),
        ],
        foreignKeys: [
          { columnNames: ['complaint_id'], referencedTableName: 'complaint', referencedColumnNames: ['id'] },
          { columnNames: ['message_id'], referencedTableName: 'complaint_message', referencedColumnNames: ['id'] },
        ],
      }),
    );
    if (mysql) await queryRunner.query('ALTER TABLE complaint_evidence CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('complaint_evidence');
  }
}
