import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MembershipStatus } from '../services/membership/src/membership-status/membership-status.entity';
import { Pillar } from '../services/membership/src/organization/organization.entity';
import { listOrganizations } from '../services/membership/src/organization/organization.service';
import { OrganizationOrder } from '../services/membership/src/organization/organization.types';
import { membershipSubgraph } from '../services/membership/src/subgraph';
import { createLogger, openDatabase, type Database } from '../services/shared/src';

/*
 * The statements the public directory's commonest pages send, as SQLite plans them: read in index order and stopped
 * at the page's end, never every organization of a pillar read and sorted. The statements are the ones the directory
 * sends (caught from the data source's logger), so a change to how the page is built is checked as well.
 */
describe('the directory page of one pillar on sqlite', () => {
  let folder: string;
  let database: Database;
  const sent: { sql: string; parameters: unknown[] }[] = [];

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'icoca-plans-'));
    database = await openDatabase({
      config: { kind: 'sqlite', file: path.join(folder, 'membership.sqlite') },
      entities: membershipSubgraph.entities,
      migrations: membershipSubgraph.migrations,
      logger: createLogger({ service: 'test', level: 'silent' }),
    });
    const logger = database.dataSource.logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (sql, parameters, runner) => {
      sent.push({ sql, parameters: Array.isArray(parameters) ? parameters : [] });
      return logQuery(sql, parameters, runner);
    };
  });
  afterAll(async () => {
    await database?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** The plan of each statement `read` sends. */
  async function plansOf(read: () => Promise<unknown>): Promise<string[]> {
    sent.length = 0;
    await read();
    const statements = sent.splice(0);
    expect(statements.length).toBeGreaterThan(0);
    const plans: string[] = [];
    for (const { sql, parameters } of statements) {
      const steps: { detail: string }[] = await database.dataSource.query(`EXPLAIN QUERY PLAN ${sql}`, parameters);
      plans.push(steps.map((step) => step.detail).join('; '));
    }
    return plans;
  }

  it.each([
    ['A to Z, first page', OrganizationOrder.NAME, { first: 20 }],
    ['Z to A, first page', OrganizationOrder.NAME_DESCENDING, { first: 20 }],
    ['A to Z, last page', OrganizationOrder.NAME, { last: 20 }],
  ])('reads the pillar in name order from its index: %s', async (_label, order, page) => {
    const [plan] = await plansOf(() => listOrganizations(database, { pillar: Pillar.PRIVATE_SECURITY_COMPANY }, page, order));
    expect(plan).toContain('USING INDEX ix_organization_pillar_name (pillar=?)');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('reads a pillar and one status in name order from their index', async () => {
    const [plan] = await plansOf(() =>
      listOrganizations(database, { pillar: Pillar.PRIVATE_SECURITY_COMPANY, statuses: [MembershipStatus.ACTIVE] }, { first: 20 }),
    );
    expect(plan).toContain('USING INDEX ix_organization_pillar_status (pillar=? AND membership_status=?)');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
