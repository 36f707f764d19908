import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { idColumn } from '../../../shared/src';
import { trigramsOf } from '../organization/name-index';

/**
 * The trigram index of organization names (see `name-index.ts`), filled for the names already
 * there, plus the composite indexes that keep filtered directory pages and counts flat as the
 * register grows (see `OperatingCountry`).
 */
export class NameTrigrams1796300000000 implements MigrationInterface {
  name = 'NameTrigrams1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'organization_name_trigram',
        columns: [
          { name: 'trigram', type: 'varchar', length: '3', isPrimary: true },
          idColumn('name_id'),
        ],
        indices: [new TableIndex({ name: 'ix_organization_name_trigram_name', columnNames: ['name_id'] })],
      }),
    );
    const names: { id: string; match_key: string }[] = await queryRunner.query('SELECT id, match_key FROM organization_name');
    const rows = names.flatMap((name) => trigramsOf(name.match_key).map((trigram) => [trigram, name.id]));
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await queryRunner.query(
        `INSERT ${queryRunner.connection.options.type === 'mysql' ? 'IGNORE' : 'OR IGNORE'} INTO organization_name_trigram (trigram, name_id) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`,
        chunk.flat(),
      );
    }
    // The directory's usual filters together, so a count reads index entries only.
    await queryRunner.createIndex(
      'organization',
      new TableIndex({ name: 'ix_organization_pillar_status', columnNames: ['pillar', 'membership_status', 'name', 'id'] }),
    );
    // Country, pillar, status and name in one index (see OperatingCountry), filled from the organizations.
    await queryRunner.addColumns('organization_operating_country', [
      new TableColumn({ name: 'pillar', type: 'varchar', length: '32', default: "''" }),
      new TableColumn({ name: 'membership_status', type: 'varchar', length: '16', default: "''" }),
      new TableColumn({ name: 'name', type: 'varchar', length: '200', default: "''" }),
    ]);
    const copy = (column: string) =>
      `${column} = (SELECT o.${column} FROM organization o WHERE o.id = organization_operating_country.organization_id)`;
    await queryRunner.query(`UPDATE organization_operating_country SET ${copy('pillar')}, ${copy('membership_status')}, ${copy('name')}`);
    await queryRunner.createIndex(
      'organization_operating_country',
      new TableIndex({
        name: 'ix_operating_country_directory',
        columnNames: ['country', 'pillar', 'membership_status', 'name', 'organization_id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('organization_operating_country', 'ix_operating_country_directory');
    for (const column of ['name', 'membership_status', 'pillar']) await queryRunner.dropColumn('organization_operating_country', column);
    await queryRunner.dropIndex('organization', 'ix_organization_pillar_status');
    await queryRunner.dropTable('organization_name_trigram');
  }
}
