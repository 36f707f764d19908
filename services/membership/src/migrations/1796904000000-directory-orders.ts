import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory sorted by admission date (member_since, nulls last: read as two ranges of these indexes),
 * alone or for one pillar, and the review queue of every status by submission date. Each is read forwards
 * or backwards, so one index serves an order and its reverse.
 */
export class DirectoryOrders1796904000000 implements MigrationInterface {
  name = 'DirectoryOrders1796904000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX ix_organization_member_since ON organization (member_since, id)');
    await queryRunner.query('CREATE INDEX ix_organization_pillar_member_since ON organization (pillar, member_since, id)');
    await queryRunner.query('CREATE INDEX ix_application_submitted ON membership_application (submitted_at, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('membership_application', 'ix_application_submitted');
    await queryRunner.dropIndex('organization', 'ix_organization_pillar_member_since');
    await queryRunner.dropIndex('organization', 'ix_organization_member_since');
  }
}
