import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, refColumn, timestampColumn } from '../../../shared/src';

/** The membership outbox: changes the certification subgraph follows to recompute standings. */
export class MembershipOutbox1796500000000 implements MigrationInterface {
  name = 'MembershipOutbox1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'membership_outbox',
        columns: [
          { name: 'position', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          refColumn('organization_id'),
          { name: 'kind', type: 'varchar', length: '20' },
          dateColumn('effective_from'),
          timestampColumn('recorded_at'),
        ],
        indices: [new TableIndex({ name: 'ix_membership_outbox_organization', columnNames: ['organization_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('membership_outbox');
  }
}
