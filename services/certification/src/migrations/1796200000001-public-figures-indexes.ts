import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes for the yearly public figures: activities by day of completion, findings by day recorded. */
export class PublicFiguresIndexes1796200000001 implements MigrationInterface {
  name = 'PublicFiguresIndexes1796200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX ix_monitoring_activity_completed ON monitoring_activity (completed_on)');
    await queryRunner.query('CREATE INDEX ix_finding_recorded ON finding (recorded_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('finding', 'ix_finding_recorded');
    await queryRunner.dropIndex('monitoring_activity', 'ix_monitoring_activity_completed');
  }
}
