import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Observers as their own participants. The Association grants observer status "in addition to the three
 * membership pillars", to persons or entities that do not join a pillar as members (academics, certification
 * bodies, other security-related industries...). Observers used to be recorded as a category of the
 * GOVERNMENT and CIVIL_SOCIETY pillars; those organizations (and applications) stay observers, with their
 * history unchanged, and move to the OBSERVER pillar with the kind that names their former pillar.
 */
export class Observers1796700000000 implements MigrationInterface {
  name = 'Observers1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['organization', 'membership_application']) {
      await queryRunner.addColumn(table, new TableColumn({ name: 'observer_kind', type: 'varchar', length: '32', isNullable: true }));
      await queryRunner.query(
        `UPDATE ${table} SET observer_kind = pillar, pillar = 'OBSERVER' ` +
          `WHERE ${table === 'organization' ? 'membership_category' : 'requested_category'} = 'OBSERVER' ` +
          "AND pillar IN ('GOVERNMENT', 'CIVIL_SOCIETY')",
      );
    }
    await queryRunner.createIndex(
      'organization',
      new TableIndex({ name: 'ix_organization_observer_kind', columnNames: ['observer_kind', 'name', 'id'] }),
    );
    // The directory index of operating countries repeats the pillar.
    await queryRunner.query(
      "UPDATE organization_operating_country SET pillar = 'OBSERVER' " +
        "WHERE organization_id IN (SELECT id FROM organization WHERE pillar = 'OBSERVER')",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const [{ count }] = await queryRunner.query(
      "SELECT COUNT(*) AS count FROM organization WHERE pillar = 'OBSERVER' AND observer_kind NOT IN ('GOVERNMENT', 'CIVIL_SOCIETY')",
    );
    // Before this migration an academic or a certification body could not be recorded at all.
    if (Number(count) > 0) throw new Error(`${count} observer(s) of a kind other than GOVERNMENT or CIVIL_SOCIETY: not reverted`);
    await queryRunner.query(
      "UPDATE organization_operating_country SET pillar = (SELECT o.observer_kind FROM organization o WHERE o.id = organization_id) " +
        "WHERE pillar = 'OBSERVER'",
    );
    await queryRunner.dropIndex('organization', 'ix_organization_observer_kind');
    for (const table of ['organization', 'membership_application']) {
      await queryRunner.query(`UPDATE ${table} SET pillar = observer_kind WHERE pillar = 'OBSERVER' AND observer_kind IS NOT NULL`);
      // Plain DROP COLUMN (SQLite 3.35+, MySQL): TypeORM would rebuild SQLite tables that others' foreign keys point to.
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN observer_kind`);
    }
  }
}
