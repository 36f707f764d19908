import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Descriptions, notes and messages are kept exactly as written, in any script (Arabic, emoji, CJK...).
 * On MySQL/MariaDB a table takes the database's default character set when it is created: a database
 * created without `utf8mb4` would hold latin1 or 3-byte utf8 tables that cannot store such text. The
 * tables holding free text are converted to utf8mb4 whatever the database's default (a no-op when
 * they already are). SQLite stores UTF-8 text as it is.
 */
export class ComplaintsTextInAnyScript1796200000000 implements MigrationInterface {
  name = 'ComplaintsTextInAnyScript1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'mysql') return;
    for (const table of ['complaint', 'complaint_allegation', 'complaint_event', 'complaint_message']) {
      await queryRunner.query(`ALTER TABLE ${table} CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
  }

  async down(): Promise<void> {
    // Converting back could lose text written since: nothing to undo.
  }
}
