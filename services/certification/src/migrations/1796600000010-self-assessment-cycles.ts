import { randomUUID } from 'node:crypto';
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn, subjectColumn, timestampColumn } from '../../../shared/src';

/**
 * Self-assessment cycles, each with its own sent and due dates. Before them a year's self-assessment was
 * asked of the companies of 1 January and due on 31 December: every year that already has submissions gets
 * a cycle with those dates, so what was recorded keeps its meaning. A submission belongs to the cycle of its
 * year (one cycle a year), so the self_assessment table is unchanged.
 */
export class SelfAssessmentCycles1796600000010 implements MigrationInterface {
  name = 'SelfAssessmentCycles1796600000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'self_assessment_cycle',
        columns: [
          idColumn(),
          { name: 'year', type: 'int' },
          dateColumn('sent_on'),
          dateColumn('due_on'),
          timestampColumn('opened_at'),
          subjectColumn('opened_by'),
          { name: 'companies_listed', type: 'boolean', default: false },
        ],
        indices: [new TableIndex({ name: 'uq_self_assessment_cycle_year', columnNames: ['year'], isUnique: true })],
      }),
    );
    // The companies of a cycle opened with a list of its own; read by cycle (the primary key's prefix).
    await queryRunner.createTable(
      new Table({
        name: 'self_assessment_cycle_company',
        columns: [idColumn('cycle_id'), idColumn('organization_id')],
        foreignKeys: [{ columnNames: ['cycle_id'], referencedTableName: 'self_assessment_cycle', referencedColumnNames: ['id'] }],
      }),
    );
    const years: { year: number | string }[] = await queryRunner.query('SELECT DISTINCT year FROM self_assessment');
    const openedAt = new Date().toISOString();
    for (const { year } of years) {
      await queryRunner.query(
        'INSERT INTO self_assessment_cycle (id, year, sent_on, due_on, opened_at, opened_by, companies_listed) VALUES (?, ?, ?, ?, ?, ?, 0)',
        [randomUUID(), Number(year), `${year}-01-01`, `${year}-12-31`, openedAt, 'migration'],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('self_assessment_cycle_company');
    await queryRunner.dropTable('self_assessment_cycle');
  }
}
