import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './support/databases';
import { APPLICATION_FIELDS, applicationInput, ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';
import { today } from './support/dates';

const ORGANIZATION = /* GraphQL */ `
  query Organization($id: ID!) {
    organization(id: $id) {
      id name pillar headquartersCountry countriesOfOperation website membershipCategory membershipStatus
      memberSince certificationDeadline certificationDeadlineRule version
      statusHistory { status category effectiveFrom reason }
    }
  }
`;

const LIST = /* GraphQL */ `
  query List($filter: OrganizationFilter, $first: Int, $after: String) {
    organizations(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { cursor node { id name pillar membershipCategory membershipStatus headquartersCountry countriesOfOperation } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: MembershipApplicationInput!) {
    submitMembershipApplication(input: $input) { ${APPLICATION_FIELDS} }
  }
`;

const DECIDE = /* GraphQL */ `
  mutation Decide($id: ID!, $decision: ApplicationDecision!, $note: String) {
    decideMembershipApplication(id: $id, decision: $decision, note: $note) { ${APPLICATION_FIELDS} }
  }
`;

const QUEUE = /* GraphQL */ `
  query Queue($status: ApplicationStatus, $first: Int, $after: String) {
    membershipApplications(status: $status, first: $first, after: $after) {
      totalCount
      edges { cursor node { id organizationName status submittedAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const CHANGE = /* GraphQL */ `
  mutation Change($organizationId: ID!, $status: MembershipStatus!, $reason: String!, $effectiveFrom: Date,
                  $category: MembershipCategory, $expectedVersion: Int, $reasonCode: TerminationReason) {
    changeMembershipStatus(organizationId: $organizationId, status: $status, reason: $reason, reasonCode: $reasonCode,
                           effectiveFrom: $effectiveFrom, category: $category, expectedVersion: $expectedVersion) {
      id membershipStatus membershipCategory certificationDeadline version
      statusHistory { status category effectiveFrom reason }
    }
  }
`;


describe.each(DATABASES)('membership subgraph through the gateway on %s', (database) => {
  let stack: Stack;
  let secretariat: string;

  beforeAll(async () => {
    stack = await startStack({ database });
    secretariat = await stack.token('secretariat');
  });
  afterAll(() => stack?.stop());

  async function organization(id: string) {
    const response = await stack.query<{ organization: Record<string, unknown> & { statusHistory: unknown[] } }>(
      ORGANIZATION,
      { id },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.organization;
  }

  async function queueSize(token = secretariat): Promise<number> {
    const response = await stack.query<{ membershipApplications: { totalCount: number } }>(QUEUE, {}, { token });
    return response.data!.membershipApplications.totalCount;
  }

  describe('the directory', () => {
    it('answers one organization by id with its history, and NOT_FOUND for an unknown id', async () => {
      const falcon = await organization(ORG.falconRidge);
      expect(falcon).toMatchObject({
        name: 'Falcon Ridge Risk Services Ltd',
        pillar: 'PRIVATE_SECURITY_COMPANY',
        headquartersCountry: 'KE',
        countriesOfOperation: ['KE', 'UG', 'SS'],
        membershipCategory: 'MEMBER',
        membershipStatus: 'SUSPENDED',
        memberSince: '2017-11-02',
      });
      expect(falcon.statusHistory).toEqual([
        { status: 'ACTIVE', category: 'MEMBER', effectiveFrom: '2017-11-02', reason: 'Admitted as a transitional member' },
        {
          status: 'SUSPENDED',
          category: 'MEMBER',
          effectiveFrom: '2026-05-04',
          reason: 'Suspended by the Board after a pattern of non-compliance',
        },
      ]);
      const unknown = await stack.query(ORGANIZATION, { id: 'no-such-organization' });
      expect(codes(unknown)).toEqual(['NOT_FOUND']);
      expect(unknown.data?.organization).toBeNull();
    });

    it('pages through all organizations by name with cursors, 20 by default', async () => {
      const first = await stack.query<{ organizations: any }>(LIST, {});
      expect(first.errors).toBeUndefined();
      expect(first.data!.organizations.totalCount).toBe(32);
      expect(first.data!.organizations.edges).toHaveLength(20);
      expect(first.data!.organizations.pageInfo.hasNextPage).toBe(true);

      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const response: any = await stack.query(LIST, { first: 7, after });
        const connection = response.data.organizations;
        seen.push(...connection.edges.map((e: any) => e.node.name));
        after = connection.pageInfo.endCursor;
        if (!connection.pageInfo.hasNextPage) break;
      }
      expect(seen).toHaveLength(32);
      expect(new Set(seen).size).toBe(32);
      const sorted = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      // SQLite sorts by code point, MySQL by its collation; both give a stable total order.
      if (database === 'sqlite') expect(seen).toEqual(sorted);
    });

    it('refuses a page size over 100 or under 1 and a cursor it did not make', async () => {
      expect(codes(await stack.query(LIST, { first: 101 }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await stack.query(LIST, { first: 0 }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await stack.query(LIST, { after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
      const forged = Buffer.from(JSON.stringify({ id: 1 })).toString('base64url');
      expect(codes(await stack.query(LIST, { after: forged }))).toEqual(['BAD_USER_INPUT']);
      const hundred = await stack.query<{ organizations: any }>(LIST, { first: 100 });
      expect(hundred.data!.organizations.edges).toHaveLength(32);
      expect(hundred.data!.organizations.pageInfo).toEqual({
        hasNextPage: false,
        endCursor: hundred.data!.organizations.edges[31].cursor,
      });
    });

    it('filters by pillar, categories, statuses, country and name', async () => {
      const names = async (filter: Record<string, unknown>) => {
        const response: any = await stack.query(LIST, { filter, first: 100 });
        expect(response.errors).toBeUndefined();
        return response.data.organizations.edges.map((e: any) => e.node.name) as string[];
      };
      // The two governmental observers are observers beside the pillars (observerKind GOVERNMENT), not in it.
      expect(await names({ pillar: 'GOVERNMENT' })).toHaveLength(4);
      expect(await names({ pillar: 'CIVIL_SOCIETY', categories: ['OBSERVER'] })).toEqual([]);
      expect(await names({ observerKinds: ['CIVIL_SOCIETY'] })).toEqual(['Harbour Workers Solidarity']);
      expect((await names({ categories: ['AFFILIATE'] })).sort()).toEqual([
        'Orion Sentinel Security Ltd',
        'Éclat Sécurité SARL',
      ]);
      expect((await names({ statuses: ['TERMINATED', 'WITHDRAWN'] })).sort()).toEqual([
        'Citizens for Accountable Security',
        'Garrison Point Security (Pty) Ltd',
        'Ironwood Global Security Inc.',
        'Republic of Sorrento Bay, Ministry of Defence',
      ]);
      // Headquartered in Somalia: nobody; operating there: three.
      expect((await names({ country: 'so' })).sort()).toEqual([
        'Dunmore Maritime Security LLC',
        'Lindqvist Säkerhet AB',
        'Union of Coastal States',
      ]);
      expect(await names({ search: 'SHIELD' })).toEqual(['Bastion Shield GmbH']);
      expect(await names({ search: 'eclat securite' })).toEqual(['Éclat Sécurité SARL']);
      expect(await names({ search: 'montana' })).toEqual(['Montaña Azul Seguridad S.A.S.']);
      expect(await names({ search: '100%' })).toEqual([]);
      expect(await names({ pillar: 'PRIVATE_SECURITY_COMPANY', statuses: ['ACTIVE'], country: 'IQ' })).toEqual([
        'Aegis Meridian Security Ltd',
        'Pallas Crisis Response Ltd',
      ]);
      expect(codes(await stack.query(LIST, { filter: { country: 'XX' } }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await stack.query(LIST, { filter: { search: 'x'.repeat(201) } }))).toEqual(['BAD_USER_INPUT']);
    });

    it('gives each member company the certification deadline of the rule it joined under', async () => {
      expect(await organization(ORG.bastionShield)).toMatchObject({
        certificationDeadline: '2027-12-31',
        certificationDeadlineRule: 'END_OF_THIRD_CALENDAR_YEAR',
      });
      expect(await organization(ORG.kestrelGuarding)).toMatchObject({
        certificationDeadline: '2022-01-20',
        certificationDeadlineRule: 'TWO_YEARS_FROM_JOINING',
      });
      // An affiliate keeps the deadline it missed.
      expect(await organization(ORG.eclatSecurite)).toMatchObject({
        membershipCategory: 'AFFILIATE',
        certificationDeadline: '2022-09-01',
      });
      expect(await organization(ORG.mwangaza)).toMatchObject({ certificationDeadline: null });
    });
  });

  describe('membership status on a past date', () => {
    const STATUS_ON = /* GraphQL */ `
      query StatusOn($id: ID!, $a: Date!, $b: Date!, $c: Date!, $d: Date!) {
        organization(id: $id) {
          a: membershipStatusOn(date: $a) b: membershipStatusOn(date: $b)
          c: membershipStatusOn(date: $c) d: membershipStatusOn(date: $d)
          categoryBefore: membershipCategoryOn(date: $b) categoryAfter: membershipCategoryOn(date: $d)
        }
      }
    `;

    it('answers from the history at the boundaries of each change', async () => {
      const pallas: any = await stack.query(STATUS_ON, {
        id: ORG.pallasCrisis,
        a: '2024-11-17', // the day before admission
        b: '2025-10-05', // last day active
        c: '2025-10-06', // first day suspended
        d: '2026-02-09', // reinstated
      });
      expect(pallas.errors).toBeUndefined();
      expect(pallas.data.organization).toMatchObject({ a: null, b: 'ACTIVE', c: 'SUSPENDED', d: 'ACTIVE' });

      const eclat: any = await stack.query(STATUS_ON, {
        id: ORG.eclatSecurite,
        a: '2020-08-31',
        b: '2024-01-14',
        c: '2024-01-15',
        d: '2026-01-01',
      });
      expect(eclat.data.organization).toMatchObject({
        a: null,
        b: 'ACTIVE',
        categoryBefore: 'MEMBER',
        categoryAfter: 'AFFILIATE',
      });
    });

    it('refuses a date that is not a calendar day', async () => {
      const response = await stack.query(STATUS_ON, {
        id: ORG.pallasCrisis,
        a: '2025-02-30',
        b: '2025-01-01',
        c: '2025-01-01',
        d: 'yesterday',
      });
      expect(codes(response)).toContain('BAD_USER_INPUT');
    });
  });

  describe('applications', () => {
    it('lets anyone apply and the Secretariat admit, creating the organization and its first status entry', async () => {
      const before = await queueSize();
      const submitted: any = await stack.query(SUBMIT, { input: applicationInput() });
      expect(submitted.errors).toBeUndefined();
      const application = submitted.data.submitMembershipApplication;
      expect(application).toMatchObject({
        organizationName: 'Tessellate Security Ltd',
        headquartersCountry: 'GB',
        countriesOfOperation: ['KE', 'UG'],
        status: 'PENDING',
        organization: null,
      });
      expect(await queueSize()).toBe(before + 1);
      const pending: any = await stack.query(QUEUE, { status: 'PENDING', first: 100 }, { token: secretariat });
      expect(pending.data.membershipApplications.edges.map((e: any) => e.node.id)).toContain(application.id);

      const decided: any = await stack.query(
        DECIDE,
        { id: application.id, decision: 'ADMIT', note: 'Admitted by the Board' },
        { token: secretariat },
      );
      expect(decided.errors).toBeUndefined();
      const year = Number(today().slice(0, 4));
      expect(decided.data.decideMembershipApplication).toMatchObject({
        status: 'ADMITTED',
        decisionNote: 'Admitted by the Board',
        organization: {
          name: 'Tessellate Security Ltd',
          membershipStatus: 'ACTIVE',
          membershipCategory: 'MEMBER',
          memberSince: today(),
          certificationDeadline: `${year + 3}-12-31`,
          certificationDeadlineRule: 'END_OF_THIRD_CALENDAR_YEAR',
        },
      });
      const admitted = await organization(decided.data.decideMembershipApplication.organization.id);
      expect(admitted.countriesOfOperation).toEqual(['GB', 'KE', 'UG']);
      expect(admitted.statusHistory).toEqual([
        { status: 'ACTIVE', category: 'MEMBER', effectiveFrom: today(), reason: 'Admitted by the Board' },
      ]);

      const again = await stack.query(DECIDE, { id: application.id, decision: 'REJECT' }, { token: secretariat });
      expect(codes(again)).toEqual(['BAD_USER_INPUT']);
      const still: any = await stack.query(
        /* GraphQL */ `query($id: ID!) { membershipApplication(id: $id) { status } }`,
        { id: application.id },
        { token: secretariat },
      );
      expect(still.data.membershipApplication.status).toBe('ADMITTED');
    });

    it('rejects without creating an organization', async () => {
      const total = async () => ((await stack.query(LIST, {})) as any).data.organizations.totalCount as number;
      const organizationsBefore = await total();
      const submitted: any = await stack.query(SUBMIT, {
        input: applicationInput({ organizationName: 'Voices of the Delta', pillar: 'CIVIL_SOCIETY', codeImplementationPlan: null }),
      });
      const decided: any = await stack.query(
        DECIDE,
        { id: submitted.data.submitMembershipApplication.id, decision: 'REJECT', note: 'Incomplete' },
        { token: secretariat },
      );
      expect(decided.data.decideMembershipApplication).toMatchObject({ status: 'REJECTED', organization: null });
      expect(await total()).toBe(organizationsBefore);
    });

    it('refuses bad applications with BAD_USER_INPUT and stores nothing', async () => {
      const before = await queueSize();
      const cases: [Record<string, unknown>, string][] = [
        [{ headquartersCountry: 'XX' }, 'input.headquartersCountry'],
        [{ countriesOfOperation: ['KE', 'ZZ'] }, 'input.countriesOfOperation'],
        [{ organizationName: '   ' }, 'input.organizationName'],
        [{ organizationName: 'x'.repeat(201) }, 'input.organizationName'],
        [{ codeImplementationPlan: null }, 'input.codeImplementationPlan'],
        [{ codeImplementationPlan: 'x'.repeat(20_001) }, 'input.codeImplementationPlan'],
        [{ requestedCategory: 'OBSERVER' }, 'input.requestedCategory'],
        [{ pillar: 'CIVIL_SOCIETY', requestedCategory: 'AFFILIATE' }, 'input.requestedCategory'],
        [{ contactEmail: 'not-an-address' }, 'input.contactEmail'],
        [{ website: 'javascript:alert(1)' }, 'input.website'],
      ];
      for (const [override, field] of cases) {
        const response = await stack.query(SUBMIT, { input: applicationInput(override) });
        expect(codes(response), JSON.stringify(override).slice(0, 80)).toEqual(['BAD_USER_INPUT']);
        expect(response.errors![0].extensions?.field).toBe(field);
      }
      const wrongType = await stack.query(SUBMIT, { input: applicationInput({ pillar: 'BANK' }) });
      expect(codes(wrongType)).toEqual(['BAD_USER_INPUT']);
      expect(await queueSize()).toBe(before);
    });

    it('answers NOT_FOUND for deciding an unknown application', async () => {
      const response = await stack.query(DECIDE, { id: 'nope', decision: 'ADMIT' }, { token: secretariat });
      expect(codes(response)).toEqual(['NOT_FOUND']);
    });
  });

  describe('status changes', () => {
    it('suspends and reinstates, appending dated entries', async () => {
      const before = await organization(ORG.jadeport);
      const suspended: any = await stack.query(
        CHANGE,
        { organizationId: ORG.jadeport, status: 'SUSPENDED', reason: 'Pattern of non-compliance', effectiveFrom: '2026-01-10' },
        { token: secretariat },
      );
      expect(suspended.errors).toBeUndefined();
      expect(suspended.data.changeMembershipStatus).toMatchObject({
        membershipStatus: 'SUSPENDED',
        version: (before.version as number) + 1,
      });
      expect(suspended.data.changeMembershipStatus.statusHistory.at(-1)).toEqual({
        status: 'SUSPENDED',
        category: 'MEMBER',
        effectiveFrom: '2026-01-10',
        reason: 'Pattern of non-compliance',
      });
      const reinstated: any = await stack.query(
        CHANGE,
        { organizationId: ORG.jadeport, status: 'ACTIVE', reason: 'Remedial measures agreed' },
        { token: secretariat },
      );
      expect(reinstated.data.changeMembershipStatus.membershipStatus).toBe('ACTIVE');
      expect(reinstated.data.changeMembershipStatus.statusHistory.map((e: any) => e.effectiveFrom)).toEqual([
        '2023-07-03',
        '2026-01-10',
        today(),
      ]);
    });

    it('moves a member company that missed its deadline to affiliate, keeping the deadline it missed', async () => {
      const moved: any = await stack.query(
        CHANGE,
        { organizationId: ORG.cordillera, status: 'ACTIVE', category: 'AFFILIATE', reason: 'Deadline missed; self-assessment done' },
        { token: secretariat },
      );
      expect(moved.errors).toBeUndefined();
      expect(moved.data.changeMembershipStatus).toMatchObject({
        membershipStatus: 'ACTIVE',
        membershipCategory: 'AFFILIATE',
        certificationDeadline: '2025-12-31',
      });
    });

    it('refuses illegal changes and bad input, changing nothing', async () => {
      const garrison = await organization(ORG.garrisonPoint);
      const refused: [Record<string, unknown>, string][] = [
        [{ organizationId: ORG.garrisonPoint, status: 'ACTIVE', reason: 'Back again' }, 'BAD_USER_INPUT'],
        [{ organizationId: ORG.aegisMeridian, status: 'ACTIVE', reason: 'Already active' }, 'BAD_USER_INPUT'],
        [{ organizationId: ORG.aegisMeridian, status: 'SUSPENDED', reason: '  ' }, 'BAD_USER_INPUT'],
        [{ organizationId: ORG.aegisMeridian, status: 'SUSPENDED', reason: 'x'.repeat(2001) }, 'BAD_USER_INPUT'],
        [{ organizationId: ORG.aegisMeridian, status: 'SUSPENDED', reason: 'Later', effectiveFrom: '2999-01-01' }, 'BAD_USER_INPUT'],
        [{ organizationId: ORG.aegisMeridian, status: 'SUSPENDED', reason: 'Before', effectiveFrom: '2019-03-11' }, 'BAD_USER_INPUT'],
        [{ organizationId: ORG.mwangaza, status: 'ACTIVE', category: 'AFFILIATE', reason: 'CSOs cannot' }, 'BAD_USER_INPUT'],
        [{ organizationId: ORG.aegisMeridian, status: 'ACTIVE', category: 'OBSERVER', reason: 'Companies cannot' }, 'BAD_USER_INPUT'],
        [{ organizationId: ORG.aegisMeridian, status: 'SUSPENDED', reason: 'Stale', expectedVersion: 99 }, 'CONFLICT'],
        [{ organizationId: 'unknown', status: 'SUSPENDED', reason: 'Who?' }, 'NOT_FOUND'],
      ];
      const aegis = await organization(ORG.aegisMeridian);
      for (const [variables, code] of refused) {
        const response = await stack.query(CHANGE, variables, { token: secretariat });
        expect(codes(response), JSON.stringify(variables).slice(0, 100)).toEqual([code]);
      }
      expect(await organization(ORG.garrisonPoint)).toEqual(garrison);
      expect(await organization(ORG.aegisMeridian)).toEqual(aegis);
    });

    it('lets one of two concurrent changes win and answers CONFLICT to the other', async () => {
      const before = await organization(ORG.harbourline);
      const attempts = await Promise.all(
        ['SUSPENDED', 'WITHDRAWN'].map((status) =>
          stack.query(
            CHANGE,
            { organizationId: ORG.harbourline, status, reason: `Concurrent ${status}`, expectedVersion: before.version },
            { token: secretariat },
          ),
        ),
      );
      const succeeded = attempts.filter((r) => !r.errors);
      expect(succeeded).toHaveLength(1);
      expect(attempts.flatMap(codes)).toEqual(['CONFLICT']);
      const after = await organization(ORG.harbourline);
      expect(after.version).toBe((before.version as number) + 1);
      expect(after.statusHistory).toHaveLength(before.statusHistory.length + 1);
      expect((after.statusHistory.at(-1) as any).status).toBe(after.membershipStatus);
    });

    it('keeps status and history consistent under a burst of concurrent changes without a version', async () => {
      const before = await organization(ORG.kestrelGuarding);
      const attempts = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          stack.query(
            CHANGE,
            i % 2
              ? { organizationId: ORG.kestrelGuarding, status: 'SUSPENDED', reason: `Burst ${i}` }
              : { organizationId: ORG.kestrelGuarding, status: 'TERMINATED', reason: `Burst ${i}`, reasonCode: 'OTHER' },
            { token: secretariat },
          ),
        ),
      );
      const succeeded = attempts.filter((r) => !r.errors).length;
      expect(succeeded).toBeGreaterThanOrEqual(1);
      for (const code of attempts.flatMap(codes)) expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(code);
      const after = await organization(ORG.kestrelGuarding);
      expect(after.statusHistory).toHaveLength(before.statusHistory.length + succeeded);
      expect((after.statusHistory.at(-1) as any).status).toBe(after.membershipStatus);
      expect(after.version).toBe((before.version as number) + succeeded);
    });
  });

  describe('cost', () => {
    it('lists 100 organizations with their histories in as many SQL statements as 10', async () => {
      // Grow the directory past 100 through the public application and the Secretariat's decision.
      for (let i = 0; i < 75; i += 1) {
        const submitted: any = await stack.query(SUBMIT, {
          input: applicationInput({ organizationName: `Zz Bulk Guarding ${String(i).padStart(2, '0')} Ltd` }),
        });
        await stack.query(DECIDE, { id: submitted.data.submitMembershipApplication.id, decision: 'ADMIT' }, { token: secretariat });
      }
      const PAGE = /* GraphQL */ `
        query Page($first: Int) {
          organizations(first: $first) {
            totalCount
            edges { node { id name countriesOfOperation statusHistory { status effectiveFrom } contacts { email } } }
          }
        }
      `;
      const cost = async (first: number) => {
        const before = stack.statements();
        const response: any = await stack.query(PAGE, { first }, { token: secretariat });
        expect(response.errors).toBeUndefined();
        expect(response.data.organizations.edges).toHaveLength(first);
        return stack.statements() - before;
      };
      const ten = await cost(10);
      const hundred = await cost(100);
      expect(hundred).toBe(ten);
      expect(ten).toBeLessThanOrEqual(6);
    });
  });
});
