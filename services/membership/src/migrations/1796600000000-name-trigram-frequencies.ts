import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * How many names hold each trigram (see `OrganizationNameTrigramFrequency`), counted from the
 * trigram index already there: a search starts from its rarest trigrams (docs/search.md).
 */
export class NameTrigramFrequencies1796600000000 implements MigrationInterface {
  name = 'NameTrigramFrequencies1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'organization_name_trigram_frequency',
        columns: [
          { name: 'trigram', type: 'varchar', length: '3', isPrimary: true },
          { name: 'names', type: 'int' },
        ],
      }),
    );
    await queryRunner.query(
      'INSERT INTO organization_name_trigram_frequency (trigram, names) SELECT trigram, COUNT(*) FROM organization_name_trigram GROUP BY trigram',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('organization_name_trigram_frequency');
  }
}
