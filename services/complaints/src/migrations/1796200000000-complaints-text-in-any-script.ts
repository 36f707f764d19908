import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns holding what people write (messages are stored encrypted, as ASCII). */
const FREE_TEXT: [table: string, column: string, nullable: boolean][] = [
  ['complaint', 'description', false],
  ['complaint', 'inadmissibility_reason', true],
  ['complaint', 'outcome', true],
  ['complaint', 'remedy', true],
  ['complaint_event', 'note', true],
];

/**
 * Descriptions, notes and outcomes are kept exactly as written, in any script (Arabic, emoji, CJK...).
 * On MySQL/MariaDB a table takes the database's default character set when it is created: a database
 * created without `utf8mb4` would hold latin1 or 3-byte utf8 columns that cannot store such text. The
 * free-text columns are made utf8mb4 whatever the database's default (a no-op when they already are),
 * and so is each table's default for columns added later. Key columns stay as they are: MariaDB refuses
 * to change a column a foreign key uses, and they hold identifiers only. SQLite stores UTF-8 as it is.
 */
export class ComplaintsTextInAnyScript1796200000000 implements MigrationInterface {
  name = 'ComplaintsTextInAnyScript1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'mysql') return;
    for (const table of ['complaint', 'complaint_allegation', 'complaint_event', 'complaint_message']) {
      await queryRunner.query(`ALTER TABLE ${table} DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
    for (const [table, column, nullable] of FREE_TEXT) {
      await queryRunner.query(
        `ALTER TABLE ${table} MODIFY ${column} text CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci ${nullable ? 'NULL' : 'NOT NULL'}`,
      );
    }
  }

  async down(): Promise<void> {
    // Converting back could lose text written since: nothing to undo.
  }
}
