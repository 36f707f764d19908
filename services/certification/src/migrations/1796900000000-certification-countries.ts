import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { refColumn } from '../../../shared/src';

/**
 * The countries each certificate covers, one row each, so `certifications(filter: { country })` reads an index
 * rather than every certificate's list. Filled from the lists already recorded.
 */
export class CertificationCountries1796900000000 implements MigrationInterface {
  name = 'CertificationCountries1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'certification_country',
        columns: [
          { ...refColumn('certification_id'), isPrimary: true },
          { name: 'country', type: 'varchar', length: '2', isPrimary: true },
        ],
        indices: [new TableIndex({ name: 'ix_certification_country_country', columnNames: ['country', 'certification_id'] })],
      }),
    );
    const certificates: { id: string; countries_covered: string }[] = await queryRunner.query('SELECT id, countries_covered FROM certification');
    const rows = certificates.flatMap((c) => [...new Set(JSON.parse(c.countries_covered) as string[])].map((country) => [c.id, country]));
    for (let start = 0; start < rows.length; start += 400) {
      const chunk = rows.slice(start, start + 400);
      await queryRunner.query(
        `INSERT INTO certification_country (certification_id, country) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`,
        chunk.flat(),
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('certification_country');
  }
}
