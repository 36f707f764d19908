import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory sorted by admission date (member_since, nulls last: read as two ranges of these indexes),
 * alone or for one pillar. Each is read forwards or backwards, so one index serves an order and its reverse.
 * (The review queue's orders read ix_application_submitted and ix_application_queue, made with the table.)
 */
export class DirectoryOrders1796904000000 implements MigrationInterface {
  name = 'DirectoryOrders1796904000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX ix_organization_member_since ON organization (member_since, id)');
    await queryRunner.query('CREATE INDEX ix_organization_pillar_member_since ON organization (pillar, member_since, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('organization', 'ix_organization_pillar_member_since');
    await queryRunner.dropIndex('organization', 'ix_organization_member_since');
  }
}
