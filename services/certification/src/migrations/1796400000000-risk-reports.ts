import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn, refColumn, subjectColumn, timestampColumn, versionColumn } from '../../../shared/src';

/** Risk reports of civil society, their append-only reviews, dated risk levels of areas, and reports citing activities. */
export class RiskReports1796400000000 implements MigrationInterface {
  name = 'RiskReports1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'risk_report',
        columns: [
          idColumn(),
          refColumn('reporter_organization_id', true),
          { name: 'on_behalf_of', type: 'varchar', length: '200', isNullable: true },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'country', type: 'varchar', length: '2' },
          { name: 'region', type: 'varchar', length: '6', isNullable: true },
          { name: 'place_name', type: 'varchar', length: '200', isNullable: true },
          dateColumn('observed_from'),
          dateColumn('observed_until'),
          { name: 'themes', type: 'text' },
          { name: 'affected_communities', type: 'text' },
          { name: 'description', type: 'text' },
          { name: 'sources', type: 'text' },
          { name: 'sensitivity', type: 'varchar', length: '20' },
          { name: 'status', type: 'varchar', length: '16' },
          timestampColumn('submitted_at'),
          subjectColumn('submitted_by'),
          versionColumn(),
        ],
        indices: [
          new TableIndex({ name: 'ix_risk_report_reporter', columnNames: ['reporter_organization_id', 'submitted_at', 'id'] }),
          new TableIndex({ name: 'ix_risk_report_submitted', columnNames: ['submitted_at', 'id'] }),
          new TableIndex({ name: 'ix_risk_report_status', columnNames: ['status', 'submitted_at', 'id'] }),
          new TableIndex({ name: 'ix_risk_report_country', columnNames: ['country', 'submitted_at', 'id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'risk_report_company',
        columns: [idColumn('report_id'), idColumn('organization_id')],
        indices: [new TableIndex({ name: 'ix_risk_report_company_organization', columnNames: ['organization_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'risk_report_review',
        columns: [
          idColumn(),
          refColumn('report_id'),
          { name: 'sequence', type: 'int' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'note', type: 'text', isNullable: true },
          subjectColumn('decided_by'),
          timestampColumn('recorded_at'),
        ],
        indices: [new TableIndex({ name: 'uq_risk_report_review_sequence', columnNames: ['report_id', 'sequence'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'risk_level',
        columns: [
          idColumn(),
          { name: 'area', type: 'varchar', length: '6' },
          { name: 'country', type: 'varchar', length: '2' },
          { name: 'region', type: 'varchar', length: '6', isNullable: true },
          { name: 'level', type: 'varchar', length: '10' },
          dateColumn('effective_from'),
          { name: 'justification', type: 'text' },
          { name: 'report_ids', type: 'text' },
          subjectColumn('set_by'),
          timestampColumn('recorded_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_risk_level_area_day', columnNames: ['area', 'effective_from'], isUnique: true }),
          new TableIndex({ name: 'ix_risk_level_effective', columnNames: ['effective_from'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'monitoring_activity_risk_report',
        columns: [idColumn('activity_id'), idColumn('report_id')],
        indices: [new TableIndex({ name: 'ix_monitoring_activity_risk_report_report', columnNames: ['report_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['monitoring_activity_risk_report', 'risk_level', 'risk_report_review', 'risk_report_company', 'risk_report']) {
      await queryRunner.dropTable(table);
    }
  }
}
