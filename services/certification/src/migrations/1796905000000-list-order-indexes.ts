import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the new orders and nested pages: certificates by issue date (ISSUED_NEWEST_FIRST / OLDEST),
 * and per organization by issue date and by planned start, which the per-organization pages of a
 * directory (`certificationsPage`, `monitoringActivitiesPage`) read, forwards or backwards.
 */
export class ListOrderIndexes1796905000000 implements MigrationInterface {
  name = 'ListOrderIndexes1796905000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX ix_certification_issued ON certification (issued_on, id)');
    await queryRunner.query('CREATE INDEX ix_certification_organization_issued ON certification (organization_id, issued_on, id)');
    await queryRunner.query(
      'CREATE INDEX ix_monitoring_activity_organization_start ON monitoring_activity (organization_id, planned_start_on, id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('monitoring_activity', 'ix_monitoring_activity_organization_start');
    await queryRunner.dropIndex('certification', 'ix_certification_organization_issued');
    await queryRunner.dropIndex('certification', 'ix_certification_issued');
  }
}
