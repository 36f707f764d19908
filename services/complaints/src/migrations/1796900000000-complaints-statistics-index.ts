import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The complaint statistics of a page of companies (the public directory's `complaintStatistics`) count complaints by
 * company, year and status among those whose company check passed. Without an index that starts with the company,
 * SQLite read them through `ix_complaint_company_check`: every passed complaint of every company, for each page.
 * This one holds every column the count reads, so a page's statistics are read from the index alone, company by company.
 */
export class ComplaintsStatisticsIndex1796900000000 implements MigrationInterface {
  name = 'ComplaintsStatisticsIndex1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'complaint',
      new TableIndex({ name: 'ix_complaint_company_statistics', columnNames: ['company_id', 'company_check', 'reference_year', 'status'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('complaint', 'ix_complaint_company_statistics');
  }
}
