import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const organizationId = { name: 'organization_id', type: 'varchar', length: '36' };
const date = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '10', isNullable });
const timestamp = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '30', isNullable });
const version = { name: 'version', type: 'int' };

/** The certification subgraph's tables, with TypeORM's portable schema API so it runs on SQLite and MySQL. */
export class CertificationInitial1764547200000 implements MigrationInterface {
  name = 'CertificationInitial1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'certification_body',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'accreditation_body', type: 'varchar', length: '200' },
          { name: 'country', type: 'varchar', length: '2' },
          timestamp('recorded_at'),
        ],
        indices: [new TableIndex({ name: 'ix_certification_body_name', columnNames: ['name', 'id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'certification',
        columns: [
          id,
          organizationId,
          { name: 'standard', type: 'varchar', length: '16' },
          { name: 'certification_body_id', type: 'varchar', length: '36' },
          { name: 'certificate_number', type: 'varchar', length: '100' },
          { name: 'scope', type: 'text' },
          { name: 'countries_covered', type: 'text' },
          date('issued_on'),
          date('expires_on'),
          { name: 'status', type: 'varchar', length: '16' },
          timestamp('recorded_at'),
          version,
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
          id,
          { name: 'certification_id', type: 'varchar', length: '36' },
          organizationId,
          { name: 'sequence', type: 'int' },
          { name: 'event', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          date('effective_from'),
          date('expires_on'),
          { name: 'reason', type: 'text' },
          { name: 'decided_by', type: 'varchar', length: '100', isNullable: true },
          timestamp('recorded_at'),
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
          id,
          organizationId,
          { name: 'year', type: 'int' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'human_rights_commitment', type: 'text' },
          { name: 'human_rights_due_diligence', type: 'text' },
          { name: 'grievance_and_incident_reporting', type: 'text' },
          { name: 'training', type: 'text' },
          timestamp('submitted_at'),
          { name: 'submitted_by', type: 'varchar', length: '100', isNullable: true },
          date('reviewed_on', true),
          { name: 'reviewed_by', type: 'varchar', length: '100', isNullable: true },
          { name: 'review_note', type: 'text', isNullable: true },
          version,
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
          id,
          organizationId,
          { name: 'type', type: 'varchar', length: '40' },
          { name: 'field_visit_kind', type: 'varchar', length: '16', isNullable: true },
          { name: 'country', type: 'varchar', length: '2' },
          date('planned_start_on'),
          date('planned_end_on', true),
          date('started_on', true),
          date('completed_on', true),
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'purpose', type: 'text', isNullable: true },
          { name: 'summary', type: 'text', isNullable: true },
          { name: 'self_assessment_id', type: 'varchar', length: '36', isNullable: true },
          timestamp('recorded_at'),
          version,
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
          id,
          { name: 'activity_id', type: 'varchar', length: '36' },
          organizationId,
          { name: 'code_version', type: 'varchar', length: '16' },
          { name: 'paragraph', type: 'int' },
          { name: 'severity', type: 'varchar', length: '16' },
          { name: 'description', type: 'text' },
          { name: 'recommendation', type: 'text' },
          date('due_on'),
          { name: 'status', type: 'varchar', length: '16' },
          timestamp('recorded_at'),
          version,
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
          id,
          { name: 'finding_id', type: 'varchar', length: '36' },
          organizationId,
          { name: 'sequence', type: 'int' },
          { name: 'status', type: 'varchar', length: '16' },
          date('effective_from'),
          { name: 'reason', type: 'text' },
          { name: 'decided_by', type: 'varchar', length: '100', isNullable: true },
          timestamp('recorded_at'),
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
