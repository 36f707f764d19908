import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes of the Secretariat's case list (`complaints`): one per filter, each ending in the default order
 * (received newest first) so a filtered first page stops after a page of rows, and one per other order
 * (last activity, next deadline; the order by received already has ix_complaint_submitted). Provisions
 * are filtered with EXISTS on complaint_allegation's primary key (complaint_id, provision).
 */
const INDEXES = [
  new TableIndex({ name: 'ix_complaint_country', columnNames: ['incident_country', 'submitted_at', 'id'] }),
  // A country desk's everyday question, "this country's complaints in this status": one range, in order, for the
  // page and for its count (at 100,000 complaints the country alone left ten times more rows to check).
  new TableIndex({ name: 'ix_complaint_country_status', columnNames: ['incident_country', 'status', 'submitted_at', 'id'] }),
  new TableIndex({ name: 'ix_complaint_region', columnNames: ['incident_region', 'submitted_at', 'id'] }),
  new TableIndex({ name: 'ix_complaint_officer', columnNames: ['assigned_officer_subject', 'submitted_at', 'id'] }),
  new TableIndex({ name: 'ix_complaint_incident_date', columnNames: ['incident_date', 'id'] }),
  new TableIndex({ name: 'ix_complaint_stage_due', columnNames: ['stage_due_at', 'id'] }),
  new TableIndex({ name: 'ix_complaint_last_activity', columnNames: ['last_activity_at', 'id'] }),
];

export class ComplaintsCaseList1796800000100 implements MigrationInterface {
  name = 'ComplaintsCaseList1796800000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndices('complaint', INDEXES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [...INDEXES].reverse()) await queryRunner.dropIndex('complaint', index.name as string);
  }
}
