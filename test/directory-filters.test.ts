import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CERTIFICATION_BODY_ID } from '../services/certification/src/sample-data';
import { DATABASES } from './support/databases';
import { addDays, today } from './support/dates';
import { codes, readAllPages, startStack, type Stack } from './support/stack';

/**
 * The directory filtered by what a client asks first (standing, certification status, standard, countries a
 * certificate covers), answered by the membership subgraph from its copies of the certification subgraph's
 * certificates. The copies follow certification's outbox (a job, every 100 ms here), so the tests wait for them.
 */
const STANDINGS = [
  'CERTIFIED_MEMBER', 'MEMBER_PENDING_CERTIFICATION', 'CERTIFICATION_OVERDUE', 'AFFILIATE', 'MEMBER', 'OBSERVER', 'SUSPENDED', 'NOT_A_MEMBER',
];
const CERTIFICATION_STATUSES = ['CERTIFIED', 'NOT_CERTIFIED', 'SUSPENDED', 'WITHDRAWN', 'EXPIRED'];

const EVERYONE = /* GraphQL */ `
  query Everyone($first: Int, $after: String) {
    organizations(first: $first, after: $after) {
      edges { node { id name headquartersCountry countriesOfOperation standing certificationStatus certifications { standard status countriesCovered } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const FILTERED = /* GraphQL */ `
  query Filtered($filter: OrganizationFilter, $first: Int, $after: String) {
    organizations(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { node { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const RECORD = /* GraphQL */ `
  mutation Record($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }
`;
const CHANGE = /* GraphQL */ `
  mutation Change($id: ID!, $status: CertificateStatus!) { changeCertificationStatus(id: $id, status: $status, reason: "Board decision") { id status } }
`;
const CERTIFICATIONS = /* GraphQL */ `
  query Certifications($filter: CertificationFilter, $first: Int, $after: String) {
    certifications(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { node { id standard countriesCovered } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface Sample {
  id: string;
  name: string;
  headquartersCountry: string;
  countriesOfOperation: string[];
  standing: string;
  certificationStatus: string;
  certifications: { standard: string; status: string; countriesCovered: string[] }[];
}

const sorted = (ids: string[]) => [...ids].sort();

describe.each(DATABASES)('directory filters across subgraphs, on %s', (database) => {
  let stack: Stack;
  let secretariat: string;
  let everyone: Sample[];

  /** The ids of every organization the filter lets through, page after page, and the `totalCount` of the first page. */
  async function filtered(filter: Record<string, unknown>): Promise<{ ids: string[]; totalCount: number }> {
    const first = await stack.query<any>(FILTERED, { filter, first: 100 });
    expect(first.errors).toBeUndefined();
    const ids = (await readAllPages<{ id: string }>(stack, FILTERED, 'organizations', { filter, first: 7 })).map((o) => o.id);
    return { ids: sorted(ids), totalCount: first.data.organizations.totalCount };
  }

  /** Waits until the copies show what `check` expects (the copy job runs every 100 ms). */
  async function eventually(check: () => Promise<boolean>): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the directory copies never caught up');
  }

  const readEveryone = async () => readAllPages<Sample>(stack, EVERYONE, 'organizations', { first: 100 });

  beforeAll(async () => {
    // Without the gateway's response cache: a cached page would hide the copies' changes (docs/search.md says how
    // late a cached answer can be).
    stack = await startStack({ database, sampleData: true, env: { CERTIFICATION_COPY_POLL_MS: '100' }, gatewayEnv: { RESPONSE_CACHE: 'false' } });
    secretariat = await stack.token('secretariat');
    everyone = await readEveryone();
    const certified = everyone.filter((o) => o.standing === 'CERTIFIED_MEMBER').length;
    expect(certified).toBeGreaterThan(0);
    // The sample certificates reach membership through certification's outbox, like every later change.
    await eventually(async () => (await filtered({ standings: ['CERTIFIED_MEMBER'] })).totalCount === certified);
  });
  afterAll(() => stack?.stop());

  it('lets through exactly the organizations whose standing (from the certification subgraph) is asked, with and without a country', async () => {
    for (const standing of STANDINGS) {
      const expected = sorted(everyone.filter((o) => o.standing === standing).map((o) => o.id));
      const answer = await filtered({ standings: [standing] });
      expect(answer.ids, standing).toEqual(expected);
      expect(answer.totalCount, standing).toBe(expected.length);
    }
    // Every country the sample register names, standing by standing: the directory index's path.
    const countries = [...new Set(everyone.flatMap((o) => [o.headquartersCountry, ...o.countriesOfOperation]))];
    for (const country of countries) {
      const here = everyone.filter((o) => o.headquartersCountry === country || o.countriesOfOperation.includes(country));
      for (const standing of new Set(here.map((o) => o.standing))) {
        const expected = sorted(here.filter((o) => o.standing === standing).map((o) => o.id));
        const answer = await filtered({ standings: [standing], country });
        expect(answer.ids, `${standing} in ${country}`).toEqual(expected);
        expect(answer.totalCount, `${standing} in ${country}`).toBe(expected.length);
      }
    }
    const two = await filtered({ standings: ['CERTIFIED_MEMBER', 'AFFILIATE'] });
    expect(two.ids).toEqual(sorted(everyone.filter((o) => ['CERTIFIED_MEMBER', 'AFFILIATE'].includes(o.standing)).map((o) => o.id)));
  });

  it('lets through the certification statuses, standards and countries of certificates in force that the certification subgraph shows', async () => {
    for (const status of CERTIFICATION_STATUSES) {
      const expected = sorted(everyone.filter((o) => o.certificationStatus === status).map((o) => o.id));
      expect((await filtered({ certificationStatuses: [status] })).ids, status).toEqual(expected);
    }
    for (const standard of ['PSC_1', 'ISO_18788', 'ISO_28007_1']) {
      const expected = sorted(everyone.filter((o) => o.certifications.some((c) => c.status === 'ACTIVE' && c.standard === standard)).map((o) => o.id));
      expect((await filtered({ standards: [standard] })).ids, standard).toEqual(expected);
    }
    const covered = [...new Set(everyone.flatMap((o) => o.certifications.flatMap((c) => c.countriesCovered)))];
    expect(covered.length).toBeGreaterThan(0);
    for (const country of covered) {
      const expected = sorted(everyone.filter((o) => o.certifications.some((c) => c.status === 'ACTIVE' && c.countriesCovered.includes(country))).map((o) => o.id));
      expect((await filtered({ certifiedCountries: [country.toLowerCase()] })).ids, country).toEqual(expected);
    }
    const refused = await stack.query<any>(FILTERED, { filter: { certifiedCountries: ['XX'] } });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
  });

  it('moves a company in and out as its certificate is issued, suspended, or found expired by the calendar', async () => {
    // A company with no certificate in force that is still within its deadline, or past it.
    const company = everyone.find((o) => ['MEMBER_PENDING_CERTIFICATION', 'CERTIFICATION_OVERDUE'].includes(o.standing) && o.certificationStatus === 'NOT_CERTIFIED')
      ?? everyone.find((o) => ['MEMBER_PENDING_CERTIFICATION', 'CERTIFICATION_OVERDUE'].includes(o.standing))!;
    expect(company).toBeDefined();
    const filter = { standings: ['CERTIFIED_MEMBER'], certifiedCountries: ['TZ'], standards: ['ISO_28007_1'] };
    const shows = async (f: Record<string, unknown>) => (await filtered(f)).ids.includes(company.id);
    expect(await shows(filter)).toBe(false);

    const input = {
      organizationId: company.id, standard: 'ISO 28007-1:2015', certificationBodyId: SAMPLE_CERTIFICATION_BODY_ID.meridianAssurance,
      certificateNumber: `F-${Math.random().toString(36).slice(2, 10)}`, scope: 'Armed guards on board ships', countriesCovered: ['TZ'],
      issuedOn: addDays(today(), -30), expiresOn: addDays(today(), 700),
    };
    const issued = await stack.query<any>(RECORD, { input }, { token: secretariat });
    expect(issued.errors).toBeUndefined();
    await eventually(() => shows(filter));
    expect(await shows({ certificationStatuses: ['CERTIFIED'] })).toBe(true);

    const suspended = await stack.query<any>(CHANGE, { id: issued.data.recordCertification.id, status: 'SUSPENDED' }, { token: secretariat });
    expect(suspended.errors).toBeUndefined();
    await eventually(async () => !(await shows(filter)));
    expect(await shows({ certificationStatuses: ['SUSPENDED'] })).toBe(true);
    expect(await shows({ certifiedCountries: ['TZ'] })).toBe(false);

    // A certificate recorded as ACTIVE whose last day was yesterday: copied as it is, never in force today.
    const other = everyone.find((o) => o.id !== company.id && o.standing === 'MEMBER_PENDING_CERTIFICATION' && o.certifications.length === 0)
      ?? everyone.find((o) => o.id !== company.id && ['MEMBER_PENDING_CERTIFICATION', 'CERTIFICATION_OVERDUE'].includes(o.standing))!;
    const lapsed = await stack.query<any>(RECORD, {
      input: { ...input, organizationId: other.id, certificateNumber: `F-${Math.random().toString(36).slice(2, 10)}`, countriesCovered: ['MW'],
        issuedOn: addDays(today(), -400), expiresOn: addDays(today(), -1) },
    }, { token: secretariat });
    expect(lapsed.errors).toBeUndefined();
    await eventually(async () => (await filtered({ certificationStatuses: ['EXPIRED'] })).ids.includes(other.id));
    expect((await filtered({ certifiedCountries: ['MW'] })).ids).toEqual([]);
    expect((await filtered({ standings: ['CERTIFIED_MEMBER'] })).ids).not.toContain(other.id);

    // After the changes, the filters still agree with the certification subgraph's own answers.
    everyone = await readEveryone();
    for (const standing of STANDINGS) {
      expect((await filtered({ standings: [standing] })).ids, standing).toEqual(sorted(everyone.filter((o) => o.standing === standing).map((o) => o.id)));
    }
    for (const status of CERTIFICATION_STATUSES) {
      expect((await filtered({ certificationStatuses: [status] })).ids, status)
        .toEqual(sorted(everyone.filter((o) => o.certificationStatus === status).map((o) => o.id)));
    }
  });

  it('filters certificates by country and standards', async () => {
    const all = await readAllPages<{ id: string; standard: string; countriesCovered: string[] }>(stack, CERTIFICATIONS, 'certifications', { first: 100 });
    const countries = [...new Set(all.flatMap((c) => c.countriesCovered))];
    for (const country of countries) {
      const page = await readAllPages<{ id: string }>(stack, CERTIFICATIONS, 'certifications', { filter: { country }, first: 5 });
      expect(sorted(page.map((c) => c.id)), country).toEqual(sorted(all.filter((c) => c.countriesCovered.includes(country)).map((c) => c.id)));
    }
    const maritime = await stack.query<any>(CERTIFICATIONS, { filter: { standards: ['ISO_28007_1', 'PSC_1'], country: 'tz' }, first: 100 });
    expect(maritime.errors).toBeUndefined();
    expect(maritime.data.certifications.totalCount).toBe(all.filter((c) => ['ISO_28007_1', 'PSC_1'].includes(c.standard) && c.countriesCovered.includes('TZ')).length);
    expect(codes(await stack.query<any>(CERTIFICATIONS, { filter: { country: 'Tanzania' } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('answers a filtered page with one statement for the page and one for its count, whatever its length', async () => {
    const membership = stack.subgraphs.membership.database.statements;
    const cost = async (filter: Record<string, unknown>, first: number) => {
      const before = membership.count;
      const response = await stack.query<any>(FILTERED, { filter, first });
      expect(response.errors).toBeUndefined();
      return { statements: membership.count - before, rows: response.data.organizations.edges.length };
    };
    const filters = [
      { standings: ['CERTIFIED_MEMBER', 'MEMBER'], country: 'IQ' },
      { standings: ['MEMBER_PENDING_CERTIFICATION', 'CERTIFICATION_OVERDUE', 'AFFILIATE'] },
      { certificationStatuses: ['CERTIFIED', 'EXPIRED', 'NOT_CERTIFIED'], standards: ['PSC_1', 'ISO_18788'], certifiedCountries: ['IQ', 'KE'] },
    ];
    for (const filter of filters) {
      const one = await cost(filter, 1);
      const many = await cost(filter, 50);
      expect(many.statements, JSON.stringify(filter)).toBe(one.statements);
      expect(one.statements, JSON.stringify(filter)).toBeLessThanOrEqual(2);
    }
  });

  it('still answers from its copies while the certification subgraph is down', async () => {
    const before = await filtered({ standings: ['CERTIFIED_MEMBER'], country: 'IQ' });
    await stack.subgraphs.certification.stop();
    const during = await stack.query<any>(FILTERED, { filter: { standings: ['CERTIFIED_MEMBER'], country: 'IQ' }, first: 100 });
    expect(during.errors).toBeUndefined();
    expect(sorted(during.data.organizations.edges.map((e: any) => e.node.id))).toEqual(before.ids);
    expect(during.data.organizations.totalCount).toBe(before.totalCount);
  });
});
