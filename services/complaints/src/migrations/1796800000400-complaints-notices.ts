import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { idColumn, refColumn, timestampColumn } from '../../../shared/src';

/**
 * E-mail notices. On the complaint: the complainant's address for notices only (encrypted, ASCII, apart from
 * the free-text contact) and whether they want to be told when a reply is waiting. The outbox
 * `complaint_notice`: one row per notice, written with what it tells of, holding no address and no content;
 * rounds read the due ones by state and time (hence `ix_complaint_notice_due`).
 */
export class ComplaintsNotices1796800000400 implements MigrationInterface {
  name = 'ComplaintsNotices1796800000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('complaint', [
      // AES-256-GCM, `v1:iv:tag:ciphertext`, bound to the complaint and this column.
      new TableColumn({ name: 'notice_email_encrypted', type: 'text', isNullable: true }),
      new TableColumn({ name: 'notify_when_replied', type: 'boolean', default: false }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'complaint_notice',
        columns: [
          idColumn(),
          { name: 'kind', type: 'varchar', length: '24' },
          refColumn('complaint_id'),
          { name: 'recipient', type: 'varchar', length: '16' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'int' },
          timestampColumn('next_attempt_at'),
          { name: 'claimed_by', type: 'varchar', length: '36', isNullable: true },
          timestampColumn('sent_at', true),
          { name: 'error_class', type: 'varchar', length: '16', isNullable: true },
          timestampColumn('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_complaint_notice_due', columnNames: ['state', 'next_attempt_at'] }),
          new TableIndex({ name: 'ix_complaint_notice_complaint', columnNames: ['complaint_id'] }),
        ],
        foreignKeys: [{ columnNames: ['complaint_id'], referencedTableName: 'complaint', referencedColumnNames: ['id'] }],
      }),
    );
    if (queryRunner.connection.options.type === 'mysql') {
      await queryRunner.query('ALTER TABLE complaint_notice DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('complaint_notice');
    await queryRunner.dropColumn('complaint', 'notify_when_replied');
    await queryRunner.dropColumn('complaint', 'notice_email_encrypted');
  }
}
