import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRegisterFile, type FileRow } from '../scripts/register-file';
import { runImport } from '../scripts/register-import';
import { COMMON_TERM_NAMES } from '../services/membership/src/organization/name-index';
import { matchKey } from '../services/membership/src/organization/name-matching.rules';
import { DATABASES } from './support/databases';
import { readAllPages, startStack, type Stack } from './support/stack';

/**
 * Search and loose verification on a register whose names share words (docs/search.md): a common
 * search's page is read in name order, a rare one's from its rarest trigrams, and both give what a
 * plain LIKE over every name gives, in the same order, with the same count.
 */
const EXAMPLE = path.resolve(__dirname, '../scripts/examples/register.json');
const PAGE = /* GraphQL */ `
  query($search: String, $after: String) {
    organizations(filter: { search: $search }, first: 100, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
  }
`;
const COUNT = /* GraphQL */ `query($search: String) { organizations(filter: { search: $search }, first: 5) { totalCount } }`;
const VERIFY = /* GraphQL */ `
  query($names: [String!]) { verifyMembers(names: $names) { query matched ambiguous matches { matchedName exactMatch result { organizationId } } } }
`;
const RENAME = /* GraphQL */ `
  mutation($id: ID!, $name: String!) { renameOrganization(organizationId: $id, name: $name, reason: "Search test", acknowledgeSimilarNames: true) { id name } }
`;

const PLACES = ['Lagos', 'Geneva', 'Kabul', 'Lima', 'Accra', 'Sahel', 'Delta'];
const CORES = ['Security', 'Security Services', 'Maritime Security', 'Protection'];

/** More organizations holding "security" than a common term needs, with shared words as real names have. */
function sharedWordRegister(count: number): FileRow[] {
  const [example] = readRegisterFile(EXAMPLE);
  return Array.from({ length: count }, (_, i) => {
    const value = JSON.parse(JSON.stringify(example.value)) as Record<string, unknown>;
    for (const key of ['formerNames', 'tradingNames', 'contacts', 'certifications']) delete value[key];
    value.externalReference = `SHARED-${i}`;
    value.name = `${i % 2 ? 'Aegis' : 'Global'} ${PLACES[i % PLACES.length]} ${CORES[i % CORES.length]} ${1000 + i} Ltd`;
    value.acknowledgeSimilarNames = true;
    return { row: i + 1, value };
  });
}

describe.each(DATABASES)('name search on a register whose names share words, on %s', (database) => {
  let stack: Stack;
  let secretariat: string;
  const manager = () => stack.subgraphs.membership.database.dataSource.manager;

  beforeAll(async () => {
    stack = await startStack({ database, sampleData: true });
    secretariat = await stack.token('secretariat');
    const summary = await runImport(sharedWordRegister(Math.ceil(COMMON_TERM_NAMES * 1.4)), {
      membership: stack.subgraphs.membership.database,
      certification: stack.subgraphs.certification.database,
    });
    expect(summary.problems).toEqual([]);
  }, 600_000);
  afterAll(() => stack?.stop());

  /** What the directory must answer: every organization with a name containing the key, by name then id (a plain LIKE). */
  async function reference(search: string): Promise<string[]> {
    const like = `%${matchKey(search)}%`;
    const rows: { id: string }[] = await manager().query(
      'SELECT o.id AS id FROM organization o WHERE EXISTS (SELECT 1 FROM organization_name n WHERE n.organization_id = o.id AND n.match_key LIKE ?) ORDER BY o.name, o.id',
      [like],
    );
    return rows.map((r) => r.id);
  }

  /** The trigram frequencies as stored, and as counted from the index itself. */
  async function frequencies(): Promise<{ stored: Record<string, number>; counted: Record<string, number> }> {
    const stored: { trigram: string; names: number | string }[] = await manager().query('SELECT trigram, names FROM organization_name_trigram_frequency WHERE names <> 0');
    const counted: { trigram: string; names: number | string }[] = await manager().query(
      'SELECT trigram, COUNT(*) AS names FROM organization_name_trigram GROUP BY trigram',
    );
    const byTrigram = (rows: { trigram: string; names: number | string }[]) => Object.fromEntries(rows.map((r) => [r.trigram, Number(r.names)]));
    return { stored: byTrigram(stored), counted: byTrigram(counted) };
  }

  it('keeps the trigram frequencies in step with the names through the sample data, an import and a rename', async () => {
    let { stored, counted } = await frequencies();
    expect(stored).toEqual(counted);
    expect(stored.sec).toBeGreaterThan(COMMON_TERM_NAMES);
    const [first] = await readAllPages(stack, PAGE, 'organizations', { search: 'global lagos security 1000' }, secretariat);
    const renamed = await stack.query<any>(RENAME, { id: first.id, name: 'Zyxwvut Orchard Holdings' }, { token: secretariat });
    expect(renamed.errors).toBeUndefined();
    ({ stored, counted } = await frequencies());
    expect(stored).toEqual(counted);
    expect(stored.zyx).toBe(1);
  });

  it.each(['security', 'aegis', 'security services', 'lagos maritime', 'shield', 'sahel protection 1', 'zyxwvut orchard'])(
    'search "%s" gives every page and the count a plain LIKE over all names gives',
    async (search) => {
      const expected = await reference(search);
      const pages = await readAllPages<{ id: string }>(stack, PAGE, 'organizations', { search }, secretariat);
      expect(pages.map((o) => o.id)).toEqual(expected);
      const counted = await stack.query<any>(COUNT, { search }, { token: secretariat });
      expect(counted.errors).toBeUndefined();
      expect(counted.data.organizations.totalCount).toBe(expected.length);
    },
  );

  it('verifies a full name exactly and loosely among thousands that share its words: the same answer as the sample alone gives', async () => {
    const response = await stack.query<any>(VERIFY, {
      names: ['Aegis Meridian Security Ltd', 'Aegis Meridian Security', 'Aegis Geneva Security Services 1001', 'Aegis Meridian Security Services'],
    });
    expect(response.errors).toBeUndefined();
    const [exact, key, loose, none] = response.data.verifyMembers;
    expect(exact).toMatchObject({ matched: true, ambiguous: false });
    expect(exact.matches[0]).toMatchObject({ matchedName: 'Aegis Meridian Security Ltd', exactMatch: true });
    expect(key.matches[0].result.organizationId).toBe(exact.matches[0].result.organizationId);
    expect(loose.matched).toBe(true);
    expect(loose.matches.map((m: any) => m.matchedName)).toEqual(['Aegis Geneva Security Services 1001 Ltd']);
    expect(none.matched).toBe(false);
  });
});
