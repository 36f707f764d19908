import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn, refColumn, subjectColumn, timestampColumn } from '../../../shared/src';

/*
 * Words by which an existing GOVERNMENT organization's name marks it as intergovernmental ("Union of Coastal
 * States", "Organization for ..."), unless a word of a State's own administration is there too ("Republic of X,
 * Foreign Office"). Everything else is a STATE: States far outnumber IGOs in the pillar (the Montreux Document
 * counts 61 States and 4 international organisations). Written out here: a migration that has run never changes.
 */
const IGO_WORDS = ['organization', 'organisation', 'union', 'community', 'league', 'united nations', 'commission', 'council', 'alliance', 'agency', 'african', 'european', 'inter-'];
const STATE_WORDS = ['republic', 'kingdom', 'ministry', 'department', 'government', 'federal', 'principality', 'confederation', 'embassy', 'state of', 'emirate', 'sultanate', 'grand duchy'];

function kindFromName(name: string): 'STATE' | 'INTERGOVERNMENTAL_ORGANIZATION' {
  const lower = name.toLowerCase();
  const has = (words: string[]) => words.some((word) => lower.includes(word));
  return has(IGO_WORDS) && !has(STATE_WORDS) ? 'INTERGOVERNMENTAL_ORGANIZATION' : 'STATE';
}

/*
 * The code of a termination recorded before codes existed, from its text: the first of these whose words it
 * holds, else OTHER. The text stays as it was.
 */
const REASON_WORDS: [string, string[]][] = [
  ['NON_SUBMISSION_OF_SELF_ASSESSMENT', ['self-assessment', 'self assessment']],
  ['NON_PAYMENT_OF_DUES', ['non-payment', 'not paid', 'unpaid', 'dues']],
  ['CERTIFICATION_DEADLINE_MISSED', ['deadline', 'not certified', 'certification']],
  ['LACK_OF_GOOD_FAITH_COOPERATION', ['good faith', 'good-faith', 'cooperat']],
  ['BREACH_OF_THE_CODE', ['breach', 'violation', 'violated']],
];

/**
 * States and IGOs told apart (`government_kind` on organizations and applications), their periods of support
 * for the Montreux Document, and coded grounds of terminations (`reason_code` on status entries).
 */
export class StatesAndTerminationReasons1796700000001 implements MigrationInterface {
  name = 'StatesAndTerminationReasons1796700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['organization', 'membership_application']) {
      await queryRunner.addColumn(table, new TableColumn({ name: 'government_kind', type: 'varchar', length: '40', isNullable: true }));
      const rows = (await queryRunner.query(
        // Government observers too: the observers migration, which runs first, moved them to the OBSERVER pillar.
        `SELECT id, ${table === 'organization' ? 'name' : 'organization_name'} AS name FROM ${table} ` +
          "WHERE pillar = 'GOVERNMENT' OR (pillar = 'OBSERVER' AND observer_kind = 'GOVERNMENT')",
      )) as { id: string; name: string }[];
      for (const kind of ['STATE', 'INTERGOVERNMENTAL_ORGANIZATION']) {
        const ids = rows.filter((row) => kindFromName(row.name) === kind).map((row) => row.id);
        // In slices: one bound variable per id.
        for (let i = 0; i < ids.length; i += 500) {
          const slice = ids.slice(i, i + 500);
          await queryRunner.query(`UPDATE ${table} SET government_kind = ? WHERE id IN (${slice.map(() => '?').join(', ')})`, [kind, ...slice]);
        }
      }
    }
    await queryRunner.createIndex(
      'organization',
      new TableIndex({ name: 'ix_organization_government_kind', columnNames: ['government_kind', 'name', 'id'] }),
    );

    await queryRunner.addColumn('membership_status_entry', new TableColumn({ name: 'reason_code', type: 'varchar', length: '48', isNullable: true }));
    const cases = REASON_WORDS.map(
      ([code, words]) => `WHEN ${words.map((w) => `LOWER(reason) LIKE '%${w}%'`).join(' OR ')} THEN '${code}'`,
    ).join(' ');
    await queryRunner.query(`UPDATE membership_status_entry SET reason_code = CASE ${cases} ELSE 'OTHER' END WHERE status = 'TERMINATED'`);

    await queryRunner.createTable(
      new Table({
        name: 'montreux_document_participation',
        columns: [
          idColumn(),
          refColumn('organization_id'),
          dateColumn('since'),
          dateColumn('until', true),
          timestampColumn('recorded_at'),
          subjectColumn('recorded_by'),
        ],
        indices: [
          new TableIndex({ name: 'uq_montreux_participation_since', columnNames: ['organization_id', 'since'], isUnique: true }),
          new TableIndex({ name: 'ix_montreux_participation_open', columnNames: ['until', 'organization_id'] }),
        ],
        foreignKeys: [{ columnNames: ['organization_id'], referencedTableName: 'organization', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('montreux_document_participation');
    await queryRunner.dropIndex('organization', 'ix_organization_government_kind');
    // Plain DROP COLUMN (SQLite 3.35+, MySQL): TypeORM would rebuild SQLite tables that others' foreign keys point to.
    for (const [table, column] of [
      ['membership_status_entry', 'reason_code'],
      ['membership_application', 'government_kind'],
      ['organization', 'government_kind'],
    ]) {
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
    }
  }
}
