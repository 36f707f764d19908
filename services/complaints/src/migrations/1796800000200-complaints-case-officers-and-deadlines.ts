import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { idColumn, refColumn, subjectColumn, timestampColumn } from '../../../shared/src';

/**
 * The days each open stage had as its target when this migration was written (the Secretariat's own
 * defaults, stage-deadline.rules.ts). Copied here, not imported: a migration that has run must go on
 * producing the same rows, whatever the defaults become.
 */
const TARGET_DAYS_AT_MIGRATION: Record<string, number> = {
  RECEIVED: 7,
  UNDER_ASSESSMENT: 30,
  REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM: 90,
  GOOD_OFFICES: 90,
  UNDER_REVIEW: 60,
  MONITORING_FOLLOW_UP: 90,
};
const DAY_MS = 86_400_000;
/** Rows per UPDATE ... CASE statement: two bound values each, far below either database's limit. */
const ROWS_PER_STATEMENT = 400;

/**
 * Case officers and stage deadlines. The history of who held each complaint (complaint_assignment); the
 * indexes for the due-this-week list, all complaints or one officer's, in due-date order; and a due date for
 * every open complaint already filed, counted from its last status change (its filing when it never moved).
 * Settled complaints (CLOSED, INADMISSIBLE, RESOLVED) keep none.
 */
export class ComplaintsCaseOfficersAndDeadlines1796800000200 implements MigrationInterface {
  name = 'ComplaintsCaseOfficersAndDeadlines1796800000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'complaint_assignment',
        columns: [
          idColumn(),
          refColumn('complaint_id'),
          { name: 'sequence', type: 'int' },
          { name: 'officer_subject', type: 'varchar', length: '100' },
          { name: 'officer_name', type: 'varchar', length: '200' },
          subjectColumn('assigned_by'),
          timestampColumn('assigned_from'),
          timestampColumn('assigned_until', true),
          subjectColumn('ended_by'),
        ],
        indices: [
          new TableIndex({ name: 'uq_complaint_assignment_sequence', columnNames: ['complaint_id', 'sequence'], isUnique: true }),
        ],
        foreignKeys: [{ columnNames: ['complaint_id'], referencedTableName: 'complaint', referencedColumnNames: ['id'] }],
      }),
    );
    if (queryRunner.connection.options.type === 'mysql') {
      // Officers' names in any script, whatever the database's default character set.
      await queryRunner.query('ALTER TABLE complaint_assignment DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
      await queryRunner.query(
        'ALTER TABLE complaint_assignment MODIFY officer_name varchar(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL',
      );
    }
    // (stage_due_at, id) comes with the case list (1796800000100); one officer's due list needs its own.
    await queryRunner.createIndex(
      'complaint',
      new TableIndex({ name: 'ix_complaint_officer_due', columnNames: ['assigned_officer_subject', 'stage_due_at', 'id'] }),
    );

    const open = Object.keys(TARGET_DAYS_AT_MIGRATION);
    const rows: { id: string; status: string; began: string }[] = await queryRunner.query(
      'SELECT c.id AS id, c.status AS status, COALESCE(MAX(e.occurred_at), c.submitted_at) AS began ' +
        'FROM complaint c LEFT JOIN complaint_event e ' +
        "ON e.complaint_id = c.id AND e.kind IN ('SUBMITTED', 'STATUS_CHANGED') " +
        `WHERE c.stage_due_at IS NULL AND c.status IN (${open.map(() => '?').join(', ')}) ` +
        'GROUP BY c.id, c.status, c.submitted_at',
      open,
    );
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
      const due = chunk.map((row) => new Date(Date.parse(row.began) + TARGET_DAYS_AT_MIGRATION[row.status] * DAY_MS).toISOString());
      await queryRunner.query(
        `UPDATE complaint SET stage_due_at = CASE id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END ` +
          `WHERE id IN (${chunk.map(() => '?').join(', ')})`,
        [...chunk.flatMap((row, i) => [row.id, due[i]]), ...chunk.map((row) => row.id)],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('UPDATE complaint SET stage_due_at = NULL');
    await queryRunner.dropIndex('complaint', 'ix_complaint_officer_due');
    await queryRunner.dropTable('complaint_assignment');
  }
}
