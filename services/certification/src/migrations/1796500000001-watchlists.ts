import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn, refColumn, timestampColumn, versionColumn } from '../../../shared/src';

/**
 * Watchlists of partner organizations, the certification outbox, the standing tracker's cursors and snapshots,
 * and the recorded changes.
 */
export class Watchlists1796500000001 implements MigrationInterface {
  name = 'Watchlists1796500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const position = { name: 'position', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    await queryRunner.createTable(
      new Table({
        name: 'certification_outbox',
        columns: [
          position,
          refColumn('organization_id'),
          dateColumn('effective_from'),
          timestampColumn('recorded_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'outbox_cursor',
        columns: [
          { name: 'source', type: 'varchar', length: '40', isPrimary: true },
          { name: 'position', type: 'int' },
        ],
      }),
    );
    // The row standing trackers lock (one at a time across replicas).
    await queryRunner.query("INSERT INTO outbox_cursor (source, position) VALUES ('tracker-lock', 0)");
    await queryRunner.createTable(
      new Table({
        name: 'standing_snapshot',
        columns: [
          idColumn('organization_id'),
          { name: 'standing', type: 'varchar', length: '40' },
          { name: 'membership_status', type: 'varchar', length: '20', isNullable: true },
          { name: 'certification_status', type: 'varchar', length: '30' },
          { name: 'name', type: 'varchar', length: '300' },
          dateColumn('next_change_on', true),
        ],
        indices: [new TableIndex({ name: 'ix_standing_snapshot_next_change', columnNames: ['next_change_on'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'standing_change',
        columns: [
          position,
          refColumn('organization_id'),
          { name: 'organization_name', type: 'varchar', length: '300' },
          { name: 'previous_standing', type: 'varchar', length: '40', isNullable: true },
          { name: 'standing', type: 'varchar', length: '40' },
          { name: 'previous_membership_status', type: 'varchar', length: '20', isNullable: true },
          { name: 'membership_status', type: 'varchar', length: '20', isNullable: true },
          { name: 'previous_certification_status', type: 'varchar', length: '30', isNullable: true },
          { name: 'certification_status', type: 'varchar', length: '30' },
          dateColumn('effective_on'),
          timestampColumn('known_at'),
          { name: 'receipt', type: 'text', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'ix_standing_change_organization', columnNames: ['organization_id', 'position'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'watchlist',
        columns: [
          idColumn(),
          refColumn('partner_organization_id'),
          { name: 'name', type: 'varchar', length: '200' },
          versionColumn(),
          timestampColumn('created_at'),
          { name: 'webhook_url', type: 'varchar', length: '2000', isNullable: true },
          { name: 'webhook_secret', type: 'varchar', length: '100', isNullable: true },
          timestampColumn('webhook_failing_since', true),
        ],
        indices: [new TableIndex({ name: 'ix_watchlist_partner', columnNames: ['partner_organization_id', 'id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'watchlist_entry',
        columns: [
          idColumn('watchlist_id'),
          idColumn('organization_id'),
          timestampColumn('added_at'),
        ],
        indices: [new TableIndex({ name: 'ix_watchlist_entry_organization', columnNames: ['organization_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_delivery',
        columns: [
          idColumn(),
          refColumn('watchlist_id'),
          { name: 'change_position', type: 'int' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'int' },
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          timestampColumn('created_at'),
          timestampColumn('last_attempt_at', true),
          timestampColumn('next_attempt_at'),
          timestampColumn('delivered_at', true),
        ],
        indices: [
          new TableIndex({ name: 'uq_webhook_delivery_change', columnNames: ['watchlist_id', 'change_position'], isUnique: true }),
          new TableIndex({ name: 'ix_webhook_delivery_due', columnNames: ['status', 'next_attempt_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['webhook_delivery', 'watchlist_entry', 'watchlist', 'standing_change', 'standing_snapshot', 'outbox_cursor', 'certification_outbox']) {
      await queryRunner.dropTable(table);
    }
  }
}
