import { randomUUID } from 'node:crypto';
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { matchKey } from '../organization/name-matching.rules';

/** Former and trading names beside the registered one, each with a match key for verification by name. */
export class OrganizationNames1764460800000 implements MigrationInterface {
  name = 'OrganizationNames1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'organization_name',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'organization_id', type: 'varchar', length: '36' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'match_key', type: 'varchar', length: '200' },
          { name: 'valid_from', type: 'varchar', length: '10', isNullable: true },
          { name: 'valid_until', type: 'varchar', length: '10', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'ix_organization_name_match_key', columnNames: ['match_key'] }),
          new TableIndex({ name: 'ix_organization_name_organization', columnNames: ['organization_id'] }),
        ],
        foreignKeys: [{ columnNames: ['organization_id'], referencedTableName: 'organization', referencedColumnNames: ['id'] }],
      }),
    );
    // Organizations that exist already get their registered name as a first entry.
    const organizations: { id: string; name: string; member_since: string | null }[] = await queryRunner.query(
      'SELECT id, name, member_since FROM organization',
    );
    for (const organization of organizations) {
      await queryRunner.query(
        'INSERT INTO organization_name (id, organization_id, name, kind, match_key, valid_from, valid_until) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [randomUUID(), organization.id, organization.name, 'REGISTERED', matchKey(organization.name), organization.member_since, null],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('organization_name');
  }
}
