import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CertificationInitial1764547200000 } from '../services/certification/src/migrations/1764547200000-certification-initial';
import { CertificationApplications1796100000000 } from '../services/certification/src/migrations/1796100000000-certification-applications';
import { PublicFiguresIndexes1796200000001 } from '../services/certification/src/migrations/1796200000001-public-figures-indexes';
import { RiskReports1796400000000 } from '../services/certification/src/migrations/1796400000000-risk-reports';
import { Watchlists1796500000001 } from '../services/certification/src/migrations/1796500000001-watchlists';
import { SelfAssessmentCycles1796600000010 } from '../services/certification/src/migrations/1796600000010-self-assessment-cycles';
import { CorrectiveActionPlanRequired1796600000011 } from '../services/certification/src/migrations/1796600000011-corrective-action-plan-required';
import { createLogger, openDatabase, type DatabaseConfig } from '../services/shared/src';
import { createMysqlDatabase, DATABASES } from './support/databases';

const logger = createLogger({ service: 'test', level: 'silent' });
const EARLIER = [
  CertificationInitial1764547200000,
  CertificationApplications1796100000000,
  PublicFiguresIndexes1796200000001,
  RiskReports1796400000000,
  Watchlists1796500000001,
];

/** A certification database from before cycles keeps its years (due 31 December) and its applications' plans. */
describe.each(DATABASES)('the self-assessment cycle and corrective-action-plan migrations on %s', (kind) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('gives each year with submissions a cycle sent 1 January and due 31 December, and marks plans attached as required', async () => {
    let config: DatabaseConfig;
    if (kind === 'mysql') {
      const db = await createMysqlDatabase('cycles');
      cleanups.push(db.drop);
      config = { kind: 'mysql', url: db.url };
    } else {
      const folder = mkdtempSync(path.join(tmpdir(), 'icoca-cycles-'));
      cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
      config = { kind: 'sqlite', file: path.join(folder, 'certification.sqlite') };
    }
    const before = await openDatabase({ config, entities: [], migrations: EARLIER, logger });
    for (const [id, org, year] of [['s-1', 'org-1', 2023], ['s-2', 'org-1', 2024], ['s-3', 'org-2', 2024]] as const) {
      await before.dataSource.query(
        'INSERT INTO self_assessment (id, organization_id, year, status, human_rights_commitment, human_rights_due_diligence, ' +
          'grievance_and_incident_reporting, training, submitted_at, version) ' +
          `VALUES ('${id}', '${org}', ${year}, 'SUBMITTED', 'a', 'b', 'c', 'd', '${year}-10-01T00:00:00.000Z', 1)`,
      );
    }
    const plan = JSON.stringify([{ kind: 'CORRECTIVE_ACTION_PLAN', documentId: 'd-1', sha256: 'h', redacted: false, redactionExplanation: null }]);
    const noPlan = JSON.stringify([{ kind: 'AUDIT_REPORT', documentId: 'd-2', sha256: 'h', redacted: false, redactionExplanation: null }]);
    for (const [id, documents] of [['a-plan', plan], ['a-none', noPlan]]) {
      await before.dataSource.query(
        "INSERT INTO certification_application (id, organization_id, status, documents, created_at, version) VALUES (?, 'org-1', 'DRAFT', ?, '2026-01-01T00:00:00.000Z', 1)",
        [id, documents],
      );
    }
    await before.close();

    const after = await openDatabase({
      config,
      entities: [],
      migrations: [...EARLIER, SelfAssessmentCycles1796600000010, CorrectiveActionPlanRequired1796600000011],
      logger,
    });
    cleanups.unshift(() => after.close());
    const cycles = await after.dataSource.query('SELECT year, sent_on AS sentOn, due_on AS dueOn FROM self_assessment_cycle ORDER BY year');
    expect(cycles.map((c: any) => ({ ...c, year: Number(c.year) }))).toEqual([
      { year: 2023, sentOn: '2023-01-01', dueOn: '2023-12-31' },
      { year: 2024, sentOn: '2024-01-01', dueOn: '2024-12-31' },
    ]);
    const applications = await after.dataSource.query(
      'SELECT id, corrective_action_plan_required AS required FROM certification_application ORDER BY id',
    );
    expect(applications.map((a: any) => [a.id, Number(a.required)])).toEqual([['a-none', 0], ['a-plan', 1]]);
  });
});
