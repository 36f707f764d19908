import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, refColumn } from '../../../shared/src';

/** The standing basis of every organization, as `refreshDirectoryCopies` computes it (organization/directory-standing.ts). */
const STANDING_BASIS =
  "(CASE WHEN membership_status = 'SUSPENDED' THEN 'SUSPENDED' WHEN membership_status <> 'ACTIVE' THEN 'NOT_A_MEMBER' " +
  "WHEN pillar <> 'PRIVATE_SECURITY_COMPANY' THEN (CASE WHEN membership_category = 'OBSERVER' THEN 'OBSERVER' ELSE 'MEMBER' END) " +
  "WHEN membership_category = 'AFFILIATE' THEN 'AFFILIATE' WHEN membership_category = 'MEMBER' THEN 'COMPANY_MEMBER' " +
  "ELSE 'NOT_A_MEMBER' END)";

/**
 * Directory filters by standing and certification: copies of the certification subgraph's certificates (kept by
 * the copy job from its outbox), and on each organization and operating-country row what today's standing rests on
 * (the standing basis, the certified-until day, the certification deadline), indexed so that standing + country is
 * one range in name order. The copies start empty: the job fills them from the certification outbox.
 */
export class DirectoryStanding1796900000001 implements MigrationInterface {
  name = 'DirectoryStanding1796900000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'certification_copy',
        columns: [
          { ...refColumn('certification_id'), isPrimary: true },
          refColumn('organization_id'),
          { name: 'standard', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          dateColumn('valid_from'),
          dateColumn('expires_on'),
          dateColumn('ended_on'),
        ],
        indices: [
          new TableIndex({ name: 'ix_certification_copy_organization', columnNames: ['organization_id', 'ended_on', 'certification_id'] }),
          new TableIndex({ name: 'ix_certification_copy_standard', columnNames: ['standard', 'status', 'expires_on', 'organization_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'certification_copy_country',
        columns: [
          { ...refColumn('certification_id'), isPrimary: true },
          { name: 'country', type: 'varchar', length: '2', isPrimary: true },
          refColumn('organization_id'),
          { name: 'status', type: 'varchar', length: '16' },
          dateColumn('expires_on'),
        ],
        indices: [
          new TableIndex({ name: 'ix_certification_copy_country', columnNames: ['country', 'status', 'expires_on', 'organization_id'] }),
          new TableIndex({ name: 'ix_certification_copy_country_organization', columnNames: ['organization_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'peer_outbox_cursor',
        columns: [
          { name: 'source', type: 'varchar', length: '40', isPrimary: true },
          { name: 'position', type: 'int' },
        ],
      }),
    );
    await queryRunner.addColumns('organization', [
      new TableColumn({ name: 'standing_basis', type: 'varchar', length: '16', default: "''" }),
      new TableColumn(dateColumn('certified_until', true)),
    ]);
    await queryRunner.addColumns('organization_operating_country', [
      new TableColumn({ name: 'standing_basis', type: 'varchar', length: '16', default: "''" }),
      new TableColumn(dateColumn('certified_until', true)),
      new TableColumn(dateColumn('certification_deadline', true)),
    ]);
    await queryRunner.query(`UPDATE organization SET standing_basis = ${STANDING_BASIS}`);
    await queryRunner.query(
      'UPDATE organization_operating_country SET ' +
        ['standing_basis', 'certification_deadline']
          .map((column) => `${column} = (SELECT o.${column} FROM organization o WHERE o.id = organization_operating_country.organization_id)`)
          .join(', '),
    );
    await queryRunner.createIndex(
      'organization',
      new TableIndex({ name: 'ix_organization_standing', columnNames: ['standing_basis', 'name', 'id', 'certified_until', 'certification_deadline'] }),
    );
    await queryRunner.createIndex(
      'organization_operating_country',
      new TableIndex({
        name: 'ix_operating_country_standing',
        columnNames: ['country', 'standing_basis', 'name', 'organization_id', 'certified_until', 'certification_deadline'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('organization_operating_country', 'ix_operating_country_standing');
    await queryRunner.dropIndex('organization', 'ix_organization_standing');
    // Plain DROP COLUMN (SQLite 3.35+, MySQL): TypeORM would rebuild SQLite tables that others' foreign keys point to.
    for (const column of ['standing_basis', 'certified_until', 'certification_deadline']) {
      await queryRunner.query(`ALTER TABLE organization_operating_country DROP COLUMN ${column}`);
    }
    for (const column of ['standing_basis', 'certified_until']) await queryRunner.query(`ALTER TABLE organization DROP COLUMN ${column}`);
    await queryRunner.dropTable('peer_outbox_cursor');
    await queryRunner.dropTable('certification_copy_country');
    await queryRunner.dropTable('certification_copy');
  }
}
