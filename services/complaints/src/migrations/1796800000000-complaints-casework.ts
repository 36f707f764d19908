import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { subjectColumn, timestampColumn } from '../../../shared/src';

/**
 * What the Secretariat needs to run complaints day to day, on the complaint itself: its own case summary,
 * the region of the incident (ISO 3166-2), the case officer it is assigned to, the due date of the stage it
 * is in, and when anything last happened on it (for "oldest waiting" and "last activity" lists). The
 * complaint table is utf8mb4 by default on MySQL (1796200000000), so the summary and the officer's name take
 * any script. Indexes for the case list's filters and sorts come with the queries that use them.
 */
export class ComplaintsCasework1796800000000 implements MigrationInterface {
  name = 'ComplaintsCasework1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('complaint', [
      new TableColumn({ name: 'case_summary', type: 'text', isNullable: true }),
      new TableColumn({ name: 'incident_region', type: 'varchar', length: '6', isNullable: true }),
      new TableColumn(subjectColumn('assigned_officer_subject')),
      new TableColumn({ name: 'assigned_officer_name', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn(timestampColumn('stage_due_at', true)),
      new TableColumn(timestampColumn('last_activity_at', true)),
    ]);
    // Until now the last change of a complaint was its last activity; messages and notes count from here on.
    await queryRunner.query('UPDATE complaint SET last_activity_at = updated_at');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['last_activity_at', 'stage_due_at', 'assigned_officer_name', 'assigned_officer_subject', 'incident_region', 'case_summary']) {
      await queryRunner.dropColumn('complaint', column);
    }
  }
}
