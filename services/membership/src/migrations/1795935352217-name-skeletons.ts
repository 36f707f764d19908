import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { matchKey, nameSkeleton } from '../organization/name-matching.rules';

/**
 * Names that cannot impersonate: every organization name gets its confusable skeleton (indexed, to
 * find look-alike names of applicants), and its match key is recomputed with the fuller case folding.
 * Existing rows are filled in here, computed by the same functions the application uses.
 */
export class NameSkeletons1795935352217 implements MigrationInterface {
  name = 'NameSkeletons1795935352217';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'organization_name',
      new TableColumn({ name: 'skeleton', type: 'varchar', length: '400', default: "''" }),
    );
    const rows: { id: string; name: string }[] = await queryRunner.query('SELECT id, name FROM organization_name');
    for (const row of rows) {
      await queryRunner.query('UPDATE organization_name SET match_key = ?, skeleton = ? WHERE id = ?', [
        matchKey(row.name),
        nameSkeleton(row.name),
        row.id,
      ]);
    }
    await queryRunner.createIndex(
      'organization_name',
      new TableIndex({ name: 'ix_organization_name_skeleton', columnNames: ['skeleton'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('organization_name', 'ix_organization_name_skeleton');
    await queryRunner.dropColumn('organization_name', 'skeleton');
  }
}
