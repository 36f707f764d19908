import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The yearly membership figures read status changes by the day they took effect. */
export class StatusEntryEffectiveIndex1796200000002 implements MigrationInterface {
  name = 'StatusEntryEffectiveIndex1796200000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX ix_membership_status_entry_effective ON membership_status_entry (effective_from)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('membership_status_entry', 'ix_membership_status_entry_effective');
  }
}
