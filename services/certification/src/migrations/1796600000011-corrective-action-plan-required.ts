import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether the certification body required a corrective action plan. Applications recorded before carry a
 * plan whenever one was attached: those get true, the others false. Plain `ALTER TABLE ... ADD COLUMN`,
 * which SQLite and MySQL/MariaDB read alike: TypeORM's `addColumn` would rebuild the SQLite table under
 * the foreign key of the application events that points at it.
 */
export class CorrectiveActionPlanRequired1796600000011 implements MigrationInterface {
  name = 'CorrectiveActionPlanRequired1796600000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE certification_application ADD COLUMN corrective_action_plan_required boolean NOT NULL DEFAULT 0',
    );
    // The documents are stored as JSON text written by JSON.stringify, without spaces.
    await queryRunner.query(
      'UPDATE certification_application SET corrective_action_plan_required = 1 WHERE documents LIKE ?',
      ['%"kind":"CORRECTIVE_ACTION_PLAN"%'],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE certification_application DROP COLUMN corrective_action_plan_required');
  }
}
