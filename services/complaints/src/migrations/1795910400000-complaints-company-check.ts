import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The company check a complaint waits for when the membership register could not be asked at filing:
 * its state, how often it was tried and when it is next due. Complaints filed before were checked at
 * filing, hence PASSED. Plain `ALTER TABLE ... ADD COLUMN`, which SQLite and MySQL/MariaDB read alike:
 * TypeORM's `addColumns` would rebuild the SQLite table under the foreign keys that point at it.
 */
export class ComplaintsCompanyCheck1795910400000 implements MigrationInterface {
  name = 'ComplaintsCompanyCheck1795910400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE complaint ADD COLUMN company_check varchar(16) NOT NULL DEFAULT 'PASSED'");
    await queryRunner.query('ALTER TABLE complaint ADD COLUMN company_check_attempts int NOT NULL DEFAULT 0');
    await queryRunner.query('ALTER TABLE complaint ADD COLUMN company_check_next_at varchar(30) NULL');
    await queryRunner.query('CREATE INDEX ix_complaint_company_check ON complaint (company_check, company_check_next_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('complaint', 'ix_complaint_company_check');
    for (const column of ['company_check_next_at', 'company_check_attempts', 'company_check']) {
      await queryRunner.query(`ALTER TABLE complaint DROP COLUMN ${column}`);
    }
  }
}
