import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTORY_COLUMNS, VERIFICATION_COLUMNS, WATCHLIST_COLUMNS } from '../gateway/src/exports';
import { DATABASES } from './support/databases';
import { applicationInput, ORG } from './support/membership';
import { startStack, type Stack } from './support/stack';

/**
 * CSV exports through the gateway: the directory (with the GraphQL filter), a partner's watchlist, a verification
 * batch. Each file's rows are the GraphQL answer to the same question; formula-looking names stay text; the access
 * rules and rate limits are the GraphQL ones; an export without a token stops at its row limit and is served
 * from the edge cache until the register changes.
 */
const PAGE_SIZE = 4;
const ANONYMOUS_MAX_ROWS = 10;

const DIRECTORY = /* GraphQL */ `
  query Directory($filter: OrganizationFilter, $after: String) {
    organizations(filter: $filter, first: 100, after: $after) {
      edges { node {
        id name pillar observerKind governmentKind headquartersCountry countriesOfOperation website membershipCategory
        membershipStatus memberSince certificationDeadline standing certificationStatus
        currentCertification { standardName certificateNumber expiresOn }
      } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** A GraphQL value as the CSV writes it: empty for null, lists joined by spaces. */
const cell = (value: unknown) => (value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value));

/** A cell as read back: one leading quote of a neutralised formula dropped. */
const original = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

interface CsvFile {
  status: number;
  headers: Headers;
  text: string;
  rows: Record<string, string>[];
}

/** Every cell of a row as read back, neutralising quotes dropped. */
const unquoted = (row: Record<string, string>) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, original(value)]));

/** A row as the export should write it: every column, each value as `cell` writes it. */
const asRow = (columns: readonly string[], values: Record<string, unknown>) => Object.fromEntries(columns.map((name) => [name, cell(values[name])]));

/** The body as sent (fetch's `text()` would drop the byte-order mark). */
async function readCsv(response: Response): Promise<CsvFile> {
  const { status, headers } = response;
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  return { status, headers, text, rows: status === 200 ? parse(text, { bom: true, columns: true, relax_column_count: true }) : [] };
}

describe.each(DATABASES)('CSV exports (%s)', (database) => {
  let stack: Stack;
  let secretariat: string;
  let partner: string;
  const formulaNames = ['=HYPERLINK("http://evil.example","Click")', '@SUM(1)', '-2+3'];
  const arabicName = 'شركة الأمان للحماية المحدودة';
  const admitted: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack({
      database,
      gatewayEnv: { EXPORT_PAGE_SIZE: String(PAGE_SIZE), EXPORT_ANONYMOUS_MAX_ROWS: String(ANONYMOUS_MAX_ROWS) },
    });
    secretariat = await stack.token('secretariat');
    partner = await stack.token('partner', 'partner-org-exports');
    for (const [n, name] of [...formulaNames, arabicName].entries()) {
      const submitted = await stack.query<any>(
        'mutation S($input: MembershipApplicationInput!) { submitMembershipApplication(input: $input) { id } }',
        { input: applicationInput({ organizationName: name, headquartersCountry: 'IQ', countriesOfOperation: ['IQ'], website: `https://export-${n}.example` }) },
      );
      expect(submitted.errors).toBeUndefined();
      const decided = await stack.query<any>(
        'mutation D($id: ID!) { decideMembershipApplication(id: $id, decision: ADMIT, note: "Admitted") { organization { id } } }',
        { id: submitted.data!.submitMembershipApplication.id },
        { token: secretariat },
      );
      expect(decided.errors).toBeUndefined();
      admitted[name] = decided.data!.decideMembershipApplication.organization.id;
    }
  });
  afterAll(() => stack?.stop());

  const exportUrl = (path: string) => `${stack.gatewayBaseUrl}${path}`;
  const getCsv = async (path: string, token?: string, gatewayBaseUrl = stack.gatewayBaseUrl) => {
    return readCsv(await fetch(`${gatewayBaseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }));
  };
  const directoryPath = (filter?: Record<string, unknown>) =>
    `/exports/directory.csv${filter ? `?filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`;

  /** The directory as GraphQL answers it, every page, as the rows the export should hold. */
  const directoryByGraphQL = async (filter?: Record<string, unknown>, token?: string) => {
    const rows: Record<string, string>[] = [];
    let after: string | null = null;
    for (;;) {
      const answer: Awaited<ReturnType<typeof stack.query<any>>> = await stack.query<any>(DIRECTORY, { filter, after }, { token });
      expect(answer.errors).toBeUndefined();
      for (const { node } of answer.data.organizations.edges) {
        const certificate = node.currentCertification ?? {};
        rows.push(
          asRow(DIRECTORY_COLUMNS, {
            ...node,
            certificateStandard: certificate.standardName,
            certificateNumber: certificate.certificateNumber,
            certificateExpiresOn: certificate.expiresOn,
          }),
        );
      }
      if (!answer.data.organizations.pageInfo.hasNextPage) return rows;
      after = answer.data.organizations.pageInfo.endCursor;
    }
  };

  it('exports the whole directory, page by page, as the GraphQL answer: a UTF-8 CSV attachment with a byte-order mark', async () => {
    const file = await getCsv(directoryPath(), partner);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="icoca-directory-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(file.text.startsWith('\uFEFFid,name,pillar,')).toBe(true);
    const expected = await directoryByGraphQL(undefined, partner);
    // More rows than several export pages: the export followed the cursors.
    expect(expected.length).toBeGreaterThan(3 * PAGE_SIZE);
    expect(file.rows.map(unquoted)).toEqual(expected);
    // Excel opens the Arabic name as it is written.
    expect(file.rows.find((row) => row.id === admitted[arabicName])?.name).toBe(arabicName);
  });

  it('neutralises names that look like formulas: each starts with a quote, and nothing else changes', async () => {
    const file = await getCsv(directoryPath({ country: 'IQ' }));
    const names = file.rows.map((row) => row.name);
    expect(names).toEqual(expect.arrayContaining([`'${formulaNames[0]}`, `'@SUM(1)`, `'-2+3`, arabicName]));
    // No cell of the file starts like a formula.
    for (const row of file.rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    expect(file.text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
  });

  it('exports a filtered directory: the rows of the same filter in GraphQL', async () => {
    const filter = { pillar: 'PRIVATE_SECURITY_COMPANY', country: 'IQ' };
    const file = await getCsv(directoryPath(filter));
    expect(file.status).toBe(200);
    const expected = await directoryByGraphQL(filter);
    expect(expected.length).toBeGreaterThan(PAGE_SIZE);
    expect(expected.length).toBeLessThanOrEqual(ANONYMOUS_MAX_ROWS);
    expect(file.rows.map(unquoted)).toEqual(expected);
    expect(file.rows.every((row) => row.pillar === 'PRIVATE_SECURITY_COMPANY')).toBe(true);
  });

  it('exports the directory in the order asked: by name descending is the name order turned round; an unknown order is refused', async () => {
    const byName = await getCsv(directoryPath(), secretariat);
    const descending = await getCsv(`${directoryPath()}?orderBy=NAME_DESCENDING`, secretariat);
    expect(descending.status).toBe(200);
    expect(descending.rows.length).toBeGreaterThan(3 * PAGE_SIZE);
    expect(descending.rows.map((row) => row.id)).toEqual(byName.rows.map((row) => row.id).reverse());
    const unknown = await fetch(exportUrl(`${directoryPath()}?orderBy=BY_SIZE`));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a filter GraphQL refuses, with its code, and a filter that is not JSON', async () => {
    const wrong = await fetch(exportUrl(directoryPath({ pillar: 'PIRATES' })));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const notJson = await fetch(exportUrl('/exports/directory.csv?filter=pillar'));
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('stops an export without a token at its row limit, says so in a header and a last row; a token gets the rest', async () => {
    const anonymous = await getCsv(directoryPath());
    expect(anonymous.headers.get('x-export-row-limit')).toBe(String(ANONYMOUS_MAX_ROWS));
    const expected = await directoryByGraphQL();
    expect(expected.length).toBeGreaterThan(ANONYMOUS_MAX_ROWS);
    expect(anonymous.rows).toHaveLength(ANONYMOUS_MAX_ROWS + 1);
    expect(anonymous.rows.slice(0, ANONYMOUS_MAX_ROWS).map((row) => row.id)).toEqual(expected.slice(0, ANONYMOUS_MAX_ROWS).map((row) => row.id));
    expect(anonymous.rows[ANONYMOUS_MAX_ROWS].id).toMatch(/^# Stopped at 10 rows/);
    // A directory page in a browser may read the limit and the file name.
    const fromPage = await fetch(exportUrl(directoryPath()), { headers: { origin: 'http://localhost:3000' } });
    await fromPage.arrayBuffer();
    expect(fromPage.headers.get('access-control-expose-headers')).toMatch(/content-disposition.*x-export-row-limit/);
    const signedIn = await getCsv(directoryPath(), secretariat);
    expect(signedIn.rows).toHaveLength(expected.length);
    // A token of the public role is no way past the limit; a token that does not verify is refused.
    const publicToken = await getCsv(directoryPath(), await stack.token('public'));
    expect(publicToken.rows).toHaveLength(ANONYMOUS_MAX_ROWS + 1);
    const forged = await fetch(exportUrl(directoryPath()), { headers: { authorization: 'Bearer not-a-token' } });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('serves an export without a token from the edge cache until the register changes', async () => {
    const filter = { pillar: 'PRIVATE_SECURITY_COMPANY' };
    const first = await getCsv(directoryPath(filter));
    const before = stack.statements();
    const again = await getCsv(directoryPath(filter));
    // No subgraph read anything: every page came from the edge cache.
    expect(stack.statements()).toBe(before);
    expect(again.text).toBe(first.text);
    const id = admitted['@SUM(1)'];
    expect(again.rows.find((row) => row.id === id)?.membershipStatus).toBe('ACTIVE');
    const suspended = await stack.query<any>(
      'mutation S($id: ID!) { changeMembershipStatus(organizationId: $id, status: SUSPENDED, reason: "Pattern of non-compliance") { id } }',
      { id },
      { token: secretariat },
    );
    expect(suspended.errors).toBeUndefined();
    const after = await getCsv(directoryPath(filter));
    expect(after.rows.find((row) => row.id === id)?.membershipStatus).toBe('SUSPENDED');
    expect(stack.statements()).toBeGreaterThan(before);
  });

  it('counts each page against the caller\'s rate limit, like the GraphQL request it is', async () => {
    // Three anonymous reads a minute: a 10-row export in pages of 4 takes all three. The same export again would
    // come from the edge cache, and is refused all the same: a page from the cache counts as one from the subgraphs.
    const gateway = await stack.anotherGateway({ RATE_LIMIT_PUBLIC_READS: '3' });
    const base = gateway.url.replace(/\/graphql$/, '');
    const first = await getCsv(directoryPath(), undefined, base);
    expect(first.status).toBe(200);
    expect(first.rows).toHaveLength(ANONYMOUS_MAX_ROWS + 1);
    const refused = await fetch(`${base}${directoryPath()}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('cuts off an export refused midway (the download fails) rather than ending it as if it were whole', async () => {
    // Two anonymous reads a minute: the first page is sent, the second refused once the file has begun.
    const gateway = await stack.anotherGateway({ RATE_LIMIT_PUBLIC_READS: '2', RESPONSE_CACHE: 'false' });
    const base = gateway.url.replace(/\/graphql$/, '');
    await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    // Whether the status line got out before the cut or not, the client never holds a file that looks whole.
    const outcome = await fetch(`${base}${directoryPath()}`)
      .then(async (response) => `whole ${response.status}: ${await response.text()}`)
      .catch(() => 'failed');
    expect(outcome).toBe('failed');
  });

  it('exports a partner\'s watchlist with each organization\'s standing today, as the GraphQL answer', async () => {
    const created = await stack.query<any>('mutation { createWatchlist(name: "Contractors, =Iraq") { id version } }', {}, { token: partner });
    expect(created.errors).toBeUndefined();
    const { id, version } = created.data!.createWatchlist;
    const ids = [ORG.aegisMeridian, ORG.ironwood, admitted[formulaNames[0]], admitted[arabicName]];
    const added = await stack.query<any>(
      'mutation A($id: ID!, $ids: [ID!]!, $v: Int!) { addToWatchlist(id: $id, organizationIds: $ids, expectedVersion: $v) { id } }',
      { id, ids, v: version },
      { token: partner },
    );
    expect(added.errors).toBeUndefined();
    const file = await getCsv(`/exports/watchlists/${id}.csv`, partner);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="icoca-watchlist-${id}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const answer = await stack.query<any>(
      /* GraphQL */ `query W($id: ID!) { watchlist(id: $id) { entries {
        organizationId addedAt organization { name pillar headquartersCountry currentCertification { standardName certificateNumber expiresOn } }
        current { standing membershipStatus certificationStatus } } } }`,
      { id },
      { token: partner },
    );
    const expected = answer.data!.watchlist.entries.map((entry: any) => asRow(WATCHLIST_COLUMNS, {
      organizationId: entry.organizationId,
      name: entry.organization.name,
      pillar: entry.organization.pillar,
      headquartersCountry: entry.organization.headquartersCountry,
      standing: cell(entry.current?.standing),
      membershipStatus: cell(entry.current?.membershipStatus),
      certificationStatus: cell(entry.current?.certificationStatus),
      certificateStandard: cell(entry.organization.currentCertification?.standardName),
      certificateNumber: cell(entry.organization.currentCertification?.certificateNumber),
      certificateExpiresOn: cell(entry.organization.currentCertification?.expiresOn),
      addedAt: entry.addedAt,
    }));
    expect(expected).toHaveLength(4);
    expect(file.rows.map(unquoted)).toEqual(expected);
    expect(file.rows.find((row) => row.organizationId === admitted[formulaNames[0]])?.name).toBe(`'${formulaNames[0]}`);
    expect(file.rows.find((row) => row.organizationId === ORG.aegisMeridian)?.standing).toMatch(/^[A-Z_]+$/);

    // A partner's token only: none is 401, another role 403, another partner's watchlist NOT_FOUND (404); each a JSON error.
    const refusal = async (token: string | undefined, path = `/exports/watchlists/${id}.csv`) => {
      const response = await fetch(exportUrl(path), { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: response.status, type: response.headers.get('content-type'), code: ((await response.json()) as any).errors[0].extensions.code };
    };
    expect(await refusal(undefined)).toEqual({ status: 401, type: 'application/json; charset=utf-8', code: 'UNAUTHENTICATED' });
    expect(await refusal(await stack.token('member', ORG.aegisMeridian))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await refusal(secretariat)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await refusal(await stack.token('partner', 'partner-org-someone-else'))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await refusal(partner, '/exports/watchlists/00000000-0000-4000-8000-000000000000.csv')).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('answers a verification batch as CSV: one row per match with its standing and receipt, one for a name that matched nothing', async () => {
    const batch = { names: ['Aegis Meridian Security', 'No Such Guarding Company', '@SUM(1)'], ids: [ORG.lindqvist], asOf: '2026-11-30' };
    const response = await fetch(exportUrl('/exports/verifications.csv'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${partner}` },
      body: JSON.stringify(batch),
    });
    const file = await readCsv(response);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="icoca-verification-2026-11-30.csv"');
    const answer = await stack.query<any>(
      /* GraphQL */ `query V($names: [String!], $ids: [ID!], $asOf: Date) { verifyMembers(names: $names, ids: $ids, asOf: $asOf) {
        query queryKind asOf matched ambiguous
        matches { matchedName matchedNameKind exactMatch result {
          organizationId organizationName organizationNameAsOf pillar membershipStatus membershipCategory standing certificationStatus
          certificate { standardName certificateNumber expiresOn } } } } }`,
      batch,
      { token: partner },
    );
    expect(answer.errors).toBeUndefined();
    const expected = answer.data!.verifyMembers.flatMap((v: any) => {
      const asked = { query: v.query, queryKind: v.queryKind, asOf: v.asOf, matched: v.matched, ambiguous: v.ambiguous };
      if (v.matches.length === 0) return [asRow(VERIFICATION_COLUMNS, asked)];
      return v.matches.map((m: any) => asRow(VERIFICATION_COLUMNS, {
        ...asked,
        exactMatch: cell(m.exactMatch),
        matchedName: m.matchedName,
        matchedNameKind: m.matchedNameKind,
        organizationId: m.result.organizationId,
        organizationName: m.result.organizationName,
        organizationNameAsOf: m.result.organizationNameAsOf,
        pillar: m.result.pillar,
        membershipStatus: cell(m.result.membershipStatus),
        membershipCategory: cell(m.result.membershipCategory),
        standing: cell(m.result.standing),
        certificationStatus: cell(m.result.certificationStatus),
        certificateStandard: cell(m.result.certificate?.standardName),
        certificateNumber: cell(m.result.certificate?.certificateNumber),
        certificateExpiresOn: cell(m.result.certificate?.expiresOn),
      }));
    });
    // The receipts are signed at each check: compared by what they say below.
    expect(file.rows.map((row) => unquoted({ ...row, receipt: '' }))).toEqual(expected);
    expect(file.rows.find((row) => row.query === 'No Such Guarding Company')).toMatchObject({ matched: 'false', organizationId: '', receipt: '' });
    expect(file.rows.find((row) => row.query === "'@SUM(1)")?.organizationId).toBe(admitted['@SUM(1)']);
    // Each match's receipt is one the Association signed, for that organization.
    const lindqvist = file.rows.find((row) => row.organizationId === ORG.lindqvist)!;
    const check = await stack.query<any>('query C($r: String!) { checkVerificationReceipt(receipt: $r) { genuine organizationId } }', { r: lindqvist.receipt });
    expect(check.data!.checkVerificationReceipt).toEqual({ genuine: true, organizationId: ORG.lindqvist });
  });

  it('refuses a verification batch GraphQL refuses, and a body that is not one, with a JSON error', async () => {
    const post = async (body: unknown) => {
      const response = await fetch(exportUrl('/exports/verifications.csv'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, code: ((await response.json()) as any).errors[0].extensions.code };
    };
    expect(await post({ names: Array.from({ length: 101 }, (_, i) => `Company ${i}`) })).toMatchObject({ status: 400 });
    expect(await post({ names: ['Aegis'], asOf: 'yesterday' })).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    expect(await post({ names: ['Aegis'], dropTables: true })).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    expect(await post(['Aegis'])).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
  });
});
