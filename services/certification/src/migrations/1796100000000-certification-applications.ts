import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn, refColumn, subjectColumn, timestampColumn, versionColumn } from '../../../shared/src';

const sha256 = { name: 'sha256', type: 'varchar', length: '64' };

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
          timestampColumn('stored_at'),
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
          idColumn(),
          refColumn('organization_id'),
          sha256,
          { name: 'file_name', type: 'varchar', length: '200' },
          { name: 'content_type', type: 'varchar', length: '100' },
          { name: 'size_bytes', type: 'int' },
          subjectColumn('uploaded_by'),
          timestampColumn('uploaded_at'),
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
          idColumn(),
          refColumn('organization_id'),
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'standard', type: 'varchar', length: '16', isNullable: true },
          refColumn('certification_body_id', true),
          { name: 'certificate_number', type: 'varchar', length: '100', isNullable: true },
          { name: 'scope', type: 'text', isNullable: true },
          { name: 'countries_covered', type: 'text', isNullable: true },
          dateColumn('issued_on', true),
          dateColumn('expires_on', true),
          { name: 'documents', type: 'text' },
          timestampColumn('created_at'),
          timestampColumn('submitted_at', true),
          { name: 'decision', type: 'varchar', length: '10', isNullable: true },
          { name: 'decision_reasons', type: 'text', isNullable: true },
          { name: 'missing_items', type: 'text', isNullable: true },
          timestampColumn('decided_at', true),
          subjectColumn('decided_by'),
          refColumn('certification_id', true),
          versionColumn(),
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
          idColumn(),
          refColumn('application_id'),
          refColumn('organization_id'),
          { name: 'sequence', type: 'int' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'message', type: 'text', isNullable: true },
          { name: 'author', type: 'varchar', length: '12' },
          subjectColumn('recorded_by'),
          timestampColumn('occurred_at'),
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
          idColumn(),
          refColumn('certification_id'),
          refColumn('organization_id'),
          dateColumn('due_on'),
          refColumn('document_id'),
          sha256,
          timestampColumn('submitted_at'),
          subjectColumn('submitted_by'),
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
