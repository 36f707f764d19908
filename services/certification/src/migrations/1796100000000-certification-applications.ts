import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const organizationId = { name: 'organization_id', type: 'varchar', length: '36' };
const sha256 = { name: 'sha256', type: 'varchar', length: '64' };
const date = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '10', isNullable });
const timestamp = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '30', isNullable });
const subject = (name: string) => ({ name, type: 'varchar', length: '100', isNullable: true });

/**
 * Applications for ICoCA certification, their append-only history, the documents they attach (bytes in
 * chunk rows of at most 1 MiB: MySQL's BLOB holds 64 KiB, hence MEDIUMBLOB there) and surveillance reports.
 */
export class CertificationApplications1796100000000 implements MigrationInterface {
  name = 'CertificationApplications1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const blob = queryRunner.connection.driver.options.type === 'mysql' ? 'mediumblob' : 'blob';
    await queryRunner.createTable(
      new Table({
        name: 'document_content',
        columns: [
          { ...sha256, isPrimary: true },
          { name: 'size_bytes', type: 'int' },
          { name: 'chunk_count', type: 'int' },
          timestamp('stored_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'document_chunk',
        columns: [{ ...sha256, isPrimary: true }, { name: 'sequence', type: 'int', isPrimary: true }, { name: 'data', type: blob }],
        foreignKeys: [{ columnNames: ['sha256'], referencedTableName: 'document_content', referencedColumnNames: ['sha256'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'document',
        columns: [
          id,
          organizationId,
          sha256,
          { name: 'file_name', type: 'varchar', length: '200' },
          { name: 'content_type', type: 'varchar', length: '100' },
          { name: 'size_bytes', type: 'int' },
          subject('uploaded_by'),
          timestamp('uploaded_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_document_organization', columnNames: ['organization_id', 'uploaded_at', 'id'] }),
          new TableIndex({ name: 'ix_document_sha256', columnNames: ['sha256'] }),
        ],
        foreignKeys: [{ columnNames: ['sha256'], referencedTableName: 'document_content', referencedColumnNames: ['sha256'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'certification_application',
        columns: [
          id,
          organizationId,
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'standard', type: 'varchar', length: '16', isNullable: true },
          { name: 'certification_body_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'certificate_number', type: 'varchar', length: '100', isNullable: true },
          { name: 'scope', type: 'text', isNullable: true },
          { name: 'countries_covered', type: 'text', isNullable: true },
          date('issued_on', true),
          date('expires_on', true),
          { name: 'documents', type: 'text' },
          timestamp('created_at'),
          timestamp('submitted_at', true),
          { name: 'decision', type: 'varchar', length: '10', isNullable: true },
          { name: 'decision_reasons', type: 'text', isNullable: true },
          { name: 'missing_items', type: 'text', isNullable: true },
          timestamp('decided_at', true),
          subject('decided_by'),
          { name: 'certification_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'version', type: 'int' },
        ],
        indices: [
          new TableIndex({ name: 'ix_certification_application_queue', columnNames: ['status', 'created_at', 'id'] }),
          new TableIndex({ name: 'ix_certification_application_organization', columnNames: ['organization_id', 'created_at', 'id'] }),
          new TableIndex({ name: 'ix_certification_application_created', columnNames: ['created_at', 'id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'certification_application_event',
        columns: [
          id,
          { name: 'application_id', type: 'varchar', length: '36' },
          organizationId,
          { name: 'sequence', type: 'int' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'message', type: 'text', isNullable: true },
          { name: 'author', type: 'varchar', length: '12' },
          subject('recorded_by'),
          timestamp('occurred_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_certification_application_event_sequence', columnNames: ['application_id', 'sequence'], isUnique: true }),
        ],
        foreignKeys: [{ columnNames: ['application_id'], referencedTableName: 'certification_application', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'surveillance_report',
        columns: [
          id,
          { name: 'certification_id', type: 'varchar', length: '36' },
          organizationId,
          date('due_on'),
          { name: 'document_id', type: 'varchar', length: '36' },
          sha256,
          timestamp('submitted_at'),
          subject('submitted_by'),
        ],
        indices: [
          new TableIndex({ name: 'uq_surveillance_report_due', columnNames: ['certification_id', 'due_on'], isUnique: true }),
          new TableIndex({ name: 'ix_surveillance_report_organization', columnNames: ['organization_id'] }),
        ],
        foreignKeys: [
          { columnNames: ['certification_id'], referencedTableName: 'certification', referencedColumnNames: ['id'] },
          { columnNames: ['document_id'], referencedTableName: 'document', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'surveillance_report',
      'certification_application_event',
      'certification_application',
      'document',
      'document_chunk',
      'document_content',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
