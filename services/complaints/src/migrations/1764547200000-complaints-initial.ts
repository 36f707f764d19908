import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn, refColumn, subjectColumn, timestampColumn, versionColumn } from '../../../shared/src';

const complaintForeignKey = { columnNames: ['complaint_id'], referencedTableName: 'complaint', referencedColumnNames: ['id'] };

/** The complaints subgraph's tables, written with TypeORM's portable schema API so it runs on SQLite and MySQL. */
export class ComplaintsInitial1764547200000 implements MigrationInterface {
  name = 'ComplaintsInitial1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'complaint',
        columns: [
          idColumn(),
          { name: 'reference_number', type: 'varchar', length: '20' },
          { name: 'reference_year', type: 'int' },
          { name: 'reference_sequence', type: 'int' },
          { name: 'receipt_hash', type: 'varchar', length: '64' },
          { name: 'idempotency_key_hash', type: 'varchar', length: '64', isNullable: true },
          { name: 'retry_receipt_encrypted', type: 'text', isNullable: true },
          timestampColumn('retry_until', true),
          refColumn('company_id'),
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '48' },
          dateColumn('incident_date'),
          { name: 'incident_country', type: 'varchar', length: '2' },
          { name: 'description', type: 'text' },
          { name: 'language', type: 'varchar', length: '35' },
          { name: 'anonymous', type: 'boolean' },
          // AES-256-GCM, `v1:iv:tag:ciphertext`: the complainant's identity never lies here in clear.
          { name: 'complainant_name_encrypted', type: 'text', isNullable: true },
          { name: 'complainant_contact_encrypted', type: 'text', isNullable: true },
          { name: 'representative_encrypted', type: 'text', isNullable: true },
          { name: 'inadmissibility_reason', type: 'text', isNullable: true },
          { name: 'outcome', type: 'text', isNullable: true },
          { name: 'remedy', type: 'text', isNullable: true },
          timestampColumn('submitted_at'),
          timestampColumn('updated_at'),
          versionColumn(),
        ],
        indices: [
          new TableIndex({ name: 'uq_complaint_reference_number', columnNames: ['reference_number'], isUnique: true }),
          new TableIndex({
            name: 'uq_complaint_reference',
            columnNames: ['reference_year', 'reference_sequence'],
            isUnique: true,
          }),
          new TableIndex({ name: 'uq_complaint_receipt_hash', columnNames: ['receipt_hash'], isUnique: true }),
          new TableIndex({ name: 'uq_complaint_idempotency_key', columnNames: ['idempotency_key_hash'], isUnique: true }),
          new TableIndex({ name: 'ix_complaint_retry_until', columnNames: ['retry_until'] }),
          new TableIndex({ name: 'ix_complaint_submitted', columnNames: ['submitted_at', 'id'] }),
          new TableIndex({ name: 'ix_complaint_company', columnNames: ['company_id', 'submitted_at', 'id'] }),
          new TableIndex({ name: 'ix_complaint_status', columnNames: ['status', 'submitted_at', 'id'] }),
          new TableIndex({ name: 'ix_complaint_kind', columnNames: ['kind', 'submitted_at', 'id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'complaint_allegation',
        columns: [
          idColumn('complaint_id'),
          { name: 'provision', type: 'varchar', length: '48', isPrimary: true },
          { name: 'code_version', type: 'varchar', length: '16' },
          { name: 'position', type: 'int' },
        ],
        indices: [new TableIndex({ name: 'ix_complaint_allegation_provision', columnNames: ['provision'] })],
        foreignKeys: [complaintForeignKey],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'complaint_event',
        columns: [
          idColumn(),
          refColumn('complaint_id'),
          { name: 'sequence', type: 'int' },
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'from_status', type: 'varchar', length: '48', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '48' },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'audience', type: 'varchar', length: '24' },
          { name: 'actor', type: 'varchar', length: '16' },
          subjectColumn('recorded_by'),
          timestampColumn('occurred_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_complaint_event_sequence', columnNames: ['complaint_id', 'sequence'], isUnique: true }),
        ],
        foreignKeys: [complaintForeignKey],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'complaint_message',
        columns: [
          idColumn(),
          refColumn('complaint_id'),
          { name: 'sender', type: 'varchar', length: '16' },
          { name: 'body_encrypted', type: 'text' },
          timestampColumn('sent_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_complaint_message_complaint', columnNames: ['complaint_id', 'sent_at', 'id'] }),
        ],
        foreignKeys: [complaintForeignKey],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'complaint_reference_counter',
        columns: [
          { name: 'year', type: 'int', isPrimary: true },
          { name: 'last_sequence', type: 'int' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['complaint_reference_counter', 'complaint_message', 'complaint_event', 'complaint_allegation', 'complaint']) {
      await queryRunner.dropTable(table);
    }
  }
}
