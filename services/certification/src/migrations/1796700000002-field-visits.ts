import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { idColumn, refColumn, subjectColumn, timestampColumn, versionColumn } from '../../../shared/src';

/** How field visits were carried out (methodology, consultations, named organizations), civil society input, published summaries. */
export class FieldVisits1796700000002 implements MigrationInterface {
  name = 'FieldVisits1796700000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'field_visit_record',
        columns: [
          idColumn('activity_id'),
          refColumn('organization_id'),
          { name: 'methodology_reference', type: 'varchar', length: '200' },
          { name: 'methodology_version', type: 'varchar', length: '20' },
          timestampColumn('recorded_at'),
          subjectColumn('recorded_by'),
          versionColumn(),
        ],
        indices: [new TableIndex({ name: 'ix_field_visit_record_organization', columnNames: ['organization_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'field_visit_consultation',
        columns: [
          idColumn('activity_id'),
          { name: 'category', type: 'varchar', length: '30', isPrimary: true },
          { name: 'consulted', type: 'int' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'field_visit_named_organization',
        columns: [
          idColumn(),
          refColumn('activity_id'),
          { name: 'position', type: 'int' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'category', type: 'varchar', length: '30' },
        ],
        indices: [new TableIndex({ name: 'ix_field_visit_named_organization_activity', columnNames: ['activity_id', 'position'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'field_visit_summary',
        columns: [idColumn('activity_id'), { name: 'text', type: 'text' }, timestampColumn('published_at'), subjectColumn('published_by')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'field_visit_contribution',
        columns: [
          idColumn(),
          refColumn('activity_id'),
          refColumn('contributor_organization_id'),
          { name: 'country', type: 'varchar', length: '2' },
          refColumn('company_organization_id'),
          { name: 'affected_communities', type: 'varchar', length: '500' },
          { name: 'concerns', type: 'text' },
          timestampColumn('submitted_at'),
          subjectColumn('submitted_by'),
        ],
        indices: [
          new TableIndex({ name: 'ix_field_visit_contribution_contributor', columnNames: ['contributor_organization_id', 'submitted_at', 'id'] }),
          new TableIndex({ name: 'ix_field_visit_contribution_activity', columnNames: ['activity_id', 'submitted_at', 'id'] }),
          new TableIndex({ name: 'ix_field_visit_contribution_submitted', columnNames: ['submitted_at', 'id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['field_visit_contribution', 'field_visit_summary', 'field_visit_named_organization', 'field_visit_consultation', 'field_visit_record']) {
      await queryRunner.dropTable(table);
    }
  }
}
