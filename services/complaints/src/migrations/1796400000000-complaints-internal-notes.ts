import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { idColumn, refColumn, subjectColumn, timestampColumn } from '../../../shared/src';

/**
 * The Secretariat's internal notes on a complaint, append-only, read oldest first per complaint (hence the
 * index). The text is encrypted (ASCII), so the table needs no utf8mb4 column; it is created utf8mb4 all the
 * same, as the other complaint tables are, for columns added later.
 */
export class ComplaintsInternalNotes1796400000000 implements MigrationInterface {
  name = 'ComplaintsInternalNotes1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'complaint_internal_note',
        columns: [
          idColumn(),
          refColumn('complaint_id'),
          // AES-256-GCM, `v1:iv:tag:ciphertext`, bound to the complaint and the note.
          { name: 'text_encrypted', type: 'text' },
          subjectColumn('written_by'),
          timestampColumn('written_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_complaint_internal_note_complaint', columnNames: ['complaint_id', 'written_at', 'id'] }),
        ],
        foreignKeys: [{ columnNames: ['complaint_id'], referencedTableName: 'complaint', referencedColumnNames: ['id'] }],
      }),
    );
    if (queryRunner.connection.options.type === 'mysql') {
      await queryRunner.query('ALTER TABLE complaint_internal_note DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('complaint_internal_note');
  }
}
