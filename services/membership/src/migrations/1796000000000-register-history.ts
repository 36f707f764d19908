import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn, refColumn, subjectColumn, timestampColumn } from '../../../shared/src';

/**
 * Keeping the register true: the change history of organizations (names, countries, regions, website,
 * contacts), when each name record was written, regions of operation, contact versions, and the
 * external reference by which an import finds an organization again.
 */
export class RegisterHistory1796000000000 implements MigrationInterface {
  name = 'RegisterHistory1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('organization', [
      new TableColumn({ name: 'regions_of_operation', type: 'text', isNullable: true }),
      new TableColumn({ name: 'external_reference', type: 'varchar', length: '100', isNullable: true }),
    ]);
    await queryRunner.createIndex(
      'organization',
      new TableIndex({ name: 'uq_organization_external_reference', columnNames: ['external_reference'], isUnique: true }),
    );
    // Names recorded before this migration were written when it ran, as far as anyone can now tell.
    await queryRunner.addColumn('organization_name', new TableColumn({ name: 'recorded_at', type: 'varchar', length: '30', default: "''" }));
    await queryRunner.query('UPDATE organization_name SET recorded_at = ?', [new Date().toISOString()]);
    await queryRunner.addColumn('organization_contact', new TableColumn({ name: 'version', type: 'int', default: 1 }));
    await queryRunner.createTable(
      new Table({
        name: 'organization_change',
        columns: [
          idColumn(),
          refColumn('organization_id'),
          { name: 'sequence', type: 'int' },
          { name: 'kind', type: 'varchar', length: '40' },
          refColumn('subject_id', true),
          { name: 'before_value', type: 'text' },
          { name: 'after_value', type: 'text' },
          dateColumn('effective_from'),
          { name: 'reason', type: 'text' },
          subjectColumn('changed_by'),
          timestampColumn('recorded_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_organization_change_sequence', columnNames: ['organization_id', 'sequence'], isUnique: true }),
        ],
        foreignKeys: [{ columnNames: ['organization_id'], referencedTableName: 'organization', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('organization_change');
    await queryRunner.dropIndex('organization', 'uq_organization_external_reference');
    // Plain DROP COLUMN (SQLite 3.35+, MySQL): TypeORM would rebuild SQLite tables that others' foreign keys point to.
    for (const [table, column] of [
      ['organization_contact', 'version'],
      ['organization_name', 'recorded_at'],
      ['organization', 'external_reference'],
      ['organization', 'regions_of_operation'],
    ]) {
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
    }
  }
}
