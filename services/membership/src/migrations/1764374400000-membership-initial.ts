import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn, refColumn, subjectColumn, timestampColumn, versionColumn } from '../../../shared/src';

/** The membership subgraph's tables, written with TypeORM's portable schema API so it runs on SQLite and MySQL. */
export class MembershipInitial1764374400000 implements MigrationInterface {
  name = 'MembershipInitial1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'organization',
        columns: [
          idColumn(),
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'pillar', type: 'varchar', length: '32' },
          { name: 'headquarters_country', type: 'varchar', length: '2' },
          { name: 'website', type: 'varchar', length: '300', isNullable: true },
          { name: 'membership_category', type: 'varchar', length: '16' },
          { name: 'membership_status', type: 'varchar', length: '16' },
          dateColumn('member_since', true),
          dateColumn('certification_deadline', true),
          { name: 'certification_deadline_rule', type: 'varchar', length: '40', isNullable: true },
          versionColumn(),
        ],
        indices: [
          new TableIndex({ name: 'ix_organization_name', columnNames: ['name', 'id'] }),
          new TableIndex({ name: 'ix_organization_pillar', columnNames: ['pillar'] }),
          new TableIndex({ name: 'ix_organization_headquarters_country', columnNames: ['headquarters_country'] }),
          new TableIndex({ name: 'ix_organization_category', columnNames: ['membership_category'] }),
          new TableIndex({ name: 'ix_organization_status', columnNames: ['membership_status'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        // Registered, former and trading names, each with a match key for search and verification by name.
        name: 'organization_name',
        columns: [
          idColumn(),
          refColumn('organization_id'),
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'match_key', type: 'varchar', length: '200' },
          dateColumn('valid_from', true),
          dateColumn('valid_until', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_organization_name_match_key', columnNames: ['match_key'] }),
          new TableIndex({ name: 'ix_organization_name_organization', columnNames: ['organization_id'] }),
        ],
        foreignKeys: [{ columnNames: ['organization_id'], referencedTableName: 'organization', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'organization_operating_country',
        columns: [
          idColumn('organization_id'),
          { name: 'country', type: 'varchar', length: '2', isPrimary: true },
          { name: 'position', type: 'int' },
        ],
        indices: [new TableIndex({ name: 'ix_operating_country_country', columnNames: ['country', 'organization_id'] })],
        foreignKeys: [{ columnNames: ['organization_id'], referencedTableName: 'organization', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'organization_contact',
        columns: [
          idColumn(),
          refColumn('organization_id'),
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '200', isNullable: true },
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'phone', type: 'varchar', length: '50', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'ix_contact_organization', columnNames: ['organization_id'] })],
        foreignKeys: [{ columnNames: ['organization_id'], referencedTableName: 'organization', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'membership_status_entry',
        columns: [
          idColumn(),
          refColumn('organization_id'),
          { name: 'sequence', type: 'int' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'category', type: 'varchar', length: '16' },
          dateColumn('effective_from'),
          { name: 'reason', type: 'text' },
          subjectColumn('decided_by'),
          timestampColumn('recorded_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_membership_status_entry_sequence',
            columnNames: ['organization_id', 'sequence'],
            isUnique: true,
          }),
        ],
        foreignKeys: [{ columnNames: ['organization_id'], referencedTableName: 'organization', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'membership_application',
        columns: [
          idColumn(),
          { name: 'organization_name', type: 'varchar', length: '200' },
          { name: 'pillar', type: 'varchar', length: '32' },
          { name: 'requested_category', type: 'varchar', length: '16' },
          { name: 'headquarters_country', type: 'varchar', length: '2' },
          { name: 'countries_of_operation', type: 'text' },
          { name: 'website', type: 'varchar', length: '300', isNullable: true },
          { name: 'code_implementation_plan', type: 'text', isNullable: true },
          { name: 'contact_name', type: 'varchar', length: '200' },
          { name: 'contact_email', type: 'varchar', length: '254' },
          { name: 'status', type: 'varchar', length: '16' },
          timestampColumn('submitted_at'),
          timestampColumn('decided_at', true),
          subjectColumn('decided_by'),
          { name: 'decision_note', type: 'text', isNullable: true },
          refColumn('organization_id', true),
          versionColumn(),
        ],
        indices: [
          new TableIndex({ name: 'ix_application_queue', columnNames: ['status', 'submitted_at', 'id'] }),
          new TableIndex({ name: 'ix_application_submitted', columnNames: ['submitted_at', 'id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'membership_application',
      'membership_status_entry',
      'organization_contact',
      'organization_operating_country',
      'organization_name',
      'organization',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
