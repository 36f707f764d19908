import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn, refColumn, subjectColumn, timestampColumn, versionColumn } from '../../../shared/src';

/** The certification subgraph's tables, with TypeORM's portable schema API so it runs on SQLite and MySQL. */
export class CertificationInitial1764547200000 implements MigrationInterface {
  name = 'CertificationInitial1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'certification_body',
        columns: [
          idColumn(),
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'accreditation_body', type: 'varchar', length: '200' },
          { name: 'country', type: 'varchar', length: '2' },
          timestampColumn('recorded_at'),
        ],
        indices: [new TableIndex({ name: 'ix_certification_body_name', columnNames: ['name', 'id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'certification',
        columns: [
          idColumn(),
          refColumn('organization_id'),
          { name: 'standard', type: 'varchar', length: '16' },
          refColumn('certification_body_id'),
          { name: 'certificate_number', type: 'varchar', length: '100' },
          { name: 'scope', type: 'text' },
          { name: 'countries_covered', type: 'text' },
          dateColumn('issued_on'),
          dateColumn('expires_on'),
          { name: 'status', type: 'varchar', length: '16' },
          timestampColumn('recorded_at'),
          versionColumn(),
        ],
        indices: [
          new TableIndex({ name: 'ix_certification_organization', columnNames: ['organization_id'] }),
          new TableIndex({ name: 'ix_certification_expiry', columnNames: ['expires_on', 'id'] }),
          new TableIndex({ name: 'ix_certification_standard', columnNames: ['standard'] }),
          new TableIndex({ name: 'ix_certification_status', columnNames: ['status'] }),
          new TableIndex({
            name: 'uq_certification_number',
            columnNames: ['certification_body_id', 'certificate_number'],
            isUnique: true,
          }),
        ],
        foreignKeys: [
          { columnNames: ['certification_body_id'], referencedTableName: 'certification_body', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'certification_status_entry',
        columns: [
          idColumn(),
          refColumn('certification_id'),
          refColumn('organization_id'),
          { name: 'sequence', type: 'int' },
          { name: 'event', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          dateColumn('effective_from'),
          dateColumn('expires_on'),
          { name: 'reason', type: 'text' },
          subjectColumn('decided_by'),
          timestampColumn('recorded_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_certification_status_entry_sequence',
            columnNames: ['certification_id', 'sequence'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_certification_status_entry_organization', columnNames: ['organization_id'] }),
        ],
        foreignKeys: [{ columnNames: ['certification_id'], referencedTableName: 'certification', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'self_assessment',
        columns: [
          idColumn(),
          refColumn('organization_id'),
          { name: 'year', type: 'int' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'human_rights_commitment', type: 'text' },
          { name: 'human_rights_due_diligence', type: 'text' },
          { name: 'grievance_and_incident_reporting', type: 'text' },
          { name: 'training', type: 'text' },
          timestampColumn('submitted_at'),
          subjectColumn('submitted_by'),
          dateColumn('reviewed_on', true),
          subjectColumn('reviewed_by'),
          { name: 'review_note', type: 'text', isNullable: true },
          versionColumn(),
        ],
        indices: [
          new TableIndex({ name: 'uq_self_assessment_year', columnNames: ['organization_id', 'year'], isUnique: true }),
          new TableIndex({ name: 'ix_self_assessment_year', columnNames: ['year', 'organization_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'monitoring_activity',
        columns: [
          idColumn(),
          refColumn('organization_id'),
          { name: 'type', type: 'varchar', length: '40' },
          { name: 'field_visit_kind', type: 'varchar', length: '16', isNullable: true },
          { name: 'country', type: 'varchar', length: '2' },
          dateColumn('planned_start_on'),
          dateColumn('planned_end_on', true),
          dateColumn('started_on', true),
          dateColumn('completed_on', true),
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'purpose', type: 'text', isNullable: true },
          { name: 'summary', type: 'text', isNullable: true },
          refColumn('self_assessment_id', true),
          timestampColumn('recorded_at'),
          versionColumn(),
        ],
        indices: [
          new TableIndex({ name: 'ix_monitoring_activity_organization', columnNames: ['organization_id'] }),
          new TableIndex({ name: 'ix_monitoring_activity_start', columnNames: ['planned_start_on', 'id'] }),
          new TableIndex({ name: 'ix_monitoring_activity_type', columnNames: ['type'] }),
          new TableIndex({ name: 'ix_monitoring_activity_status', columnNames: ['status'] }),
          new TableIndex({ name: 'ix_monitoring_activity_country', columnNames: ['country'] }),
        ],
        foreignKeys: [
          { columnNames: ['self_assessment_id'], referencedTableName: 'self_assessment', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'finding',
        columns: [
          idColumn(),
          refColumn('activity_id'),
          refColumn('organization_id'),
          { name: 'code_version', type: 'varchar', length: '16' },
          { name: 'paragraph', type: 'int' },
          { name: 'severity', type: 'varchar', length: '16' },
          { name: 'description', type: 'text' },
          { name: 'recommendation', type: 'text' },
          dateColumn('due_on'),
          { name: 'status', type: 'varchar', length: '16' },
          timestampColumn('recorded_at'),
          versionColumn(),
        ],
        indices: [
          new TableIndex({ name: 'ix_finding_organization', columnNames: ['organization_id', 'due_on'] }),
          new TableIndex({ name: 'ix_finding_activity', columnNames: ['activity_id'] }),
          new TableIndex({ name: 'ix_finding_due', columnNames: ['status', 'due_on', 'id'] }),
          new TableIndex({ name: 'ix_finding_list', columnNames: ['due_on', 'id'] }),
        ],
        foreignKeys: [{ columnNames: ['activity_id'], referencedTableName: 'monitoring_activity', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'finding_status_entry',
        columns: [
          idColumn(),
          refColumn('finding_id'),
          refColumn('organization_id'),
          { name: 'sequence', type: 'int' },
          { name: 'status', type: 'varchar', length: '16' },
          dateColumn('effective_from'),
          { name: 'reason', type: 'text' },
          subjectColumn('decided_by'),
          timestampColumn('recorded_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_finding_status_entry_sequence', columnNames: ['finding_id', 'sequence'], isUnique: true }),
        ],
        foreignKeys: [{ columnNames: ['finding_id'], referencedTableName: 'finding', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'finding_status_entry',
      'finding',
      'monitoring_activity',
      'self_assessment',
      'certification_status_entry',
      'certification',
      'certification_body',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
