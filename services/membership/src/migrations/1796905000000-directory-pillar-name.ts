import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The directory's commonest page: one pillar (private security companies) by name. Without an index on
 * (pillar, name, id) every organization of the pillar was read and sorted for each page; with it a page reads its
 * rows in order, forwards or backwards, and stops. It starts with the pillar, so it replaces `ix_organization_pillar`.
 */
export class DirectoryPillarName1796905000000 implements MigrationInterface {
  name = 'DirectoryPillarName1796905000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('organization', new TableIndex({ name: 'ix_organization_pillar_name', columnNames: ['pillar', 'name', 'id'] }));
    await queryRunner.dropIndex('organization', 'ix_organization_pillar');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('organization', new TableIndex({ name: 'ix_organization_pillar', columnNames: ['pillar'] }));
    await queryRunner.dropIndex('organization', 'ix_organization_pillar_name');
  }
}
