import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { trigramsOf } from '../organization/name-index';

/**
 * The trigram index of organization names (see `name-index.ts`), filled for the names already
 * there, plus the composite indexes that keep filtered directory counts flat as the register grows.
 */
export class NameTrigrams1796300000000 implements MigrationInterface {
  name = 'NameTrigrams1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'organization_name_trigram',
        columns: [
          { name: 'trigram', type: 'varchar', length: '3', isPrimary: true },
          { name: 'name_id', type: 'varchar', length: '36', isPrimary: true },
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
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('organization', 'ix_organization_pillar_status');
    await queryRunner.dropTable('organization_name_trigram');
  }
}
