import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './support/databases';
import { applicationInput, ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';
import { today } from './support/dates';

const ORGANIZATION = /* GraphQL */ `
  query Organization($id: ID!) {
    organization(id: $id) {
      id pillar governmentKind membershipStatus version
      montreuxDocumentParticipation { since until }
      montreuxDocumentParticipationHistory { since until }
      statusHistory { status reason reasonCode }
    }
  }
`;

const LIST = /* GraphQL */ `
  query List($filter: OrganizationFilter) {
    organizations(filter: $filter, first: 100) { totalCount edges { node { id } } }
  }
`;

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: MembershipApplicationInput!) { submitMembershipApplication(input: $input) { id governmentKind } }
`;

const ADMIT = /* GraphQL */ `
  mutation Admit($id: ID!) {
    decideMembershipApplication(id: $id, decision: ADMIT) {
      organization { id governmentKind memberSince certificationDeadline certificationDeadlineRule }
    }
  }
`;

const SUPPORT = /* GraphQL */ `
  mutation Support($organizationId: ID!, $since: Date!, $expectedVersion: Int) {
    recordMontreuxDocumentSupport(organizationId: $organizationId, since: $since, expectedVersion: $expectedVersion) {
      id version montreuxDocumentParticipation { since until }
    }
  }
`;

const WITHDRAW = /* GraphQL */ `
  mutation Withdraw($organizationId: ID!, $until: Date!) {
    recordMontreuxDocumentWithdrawal(organizationId: $organizationId, until: $until) {
      id montreuxDocumentParticipation { since until } montreuxDocumentParticipationHistory { since until }
    }
  }
`;

const CHANGE = /* GraphQL */ `
  mutation Change($organizationId: ID!, $status: MembershipStatus!, $reason: String!, $reasonCode: TerminationReason) {
    changeMembershipStatus(organizationId: $organizationId, status: $status, reason: $reason, reasonCode: $reasonCode) {
      id membershipStatus statusHistory { status reason reasonCode }
    }
  }
`;

const FIGURES = /* GraphQL */ `
  query Figures($year: Int!) {
    transparencyReport(year: $year) { membership { terminations terminationsByReason { reason count } } }
  }
`;

const field = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.field;
const byReason = (rows: { reason: string; count: number }[]) => Object.fromEntries(rows.map((r) => [r.reason, r.count]));

describe.each(DATABASES)('States and IGOs, the Montreux Document, coded terminations, deadline counting (%s)', (database) => {
  let stack: Stack;
  let secretariat: string;
  const organization = async (id: string) => {
    const response = await stack.query<any>(ORGANIZATION, { id });
    expect(response.errors).toBeUndefined();
    return response.data!.organization;
  };
  const ids = async (filter: Record<string, unknown>) => {
    const response = await stack.query<any>(LIST, { filter });
    expect(response.errors).toBeUndefined();
    return response.data!.organizations.edges.map((e: any) => e.node.id).sort();
  };

  beforeAll(async () => {
    stack = await startStack({ database, sampleData: true });
    secretariat = await stack.token('secretariat');
  }, 120_000);
  afterAll(() => stack?.stop());

  describe('States and intergovernmental organizations', () => {
    it('says which government organizations are States and which are IGOs, and filters the directory by it', async () => {
      expect((await organization(ORG.coastalUnion)).governmentKind).toBe('INTERGOVERNMENTAL_ORGANIZATION');
      expect((await organization(ORG.arvenia)).governmentKind).toBe('STATE');
      expect((await organization(ORG.bastionShield)).governmentKind).toBeNull();
      expect(await ids({ governmentKind: 'INTERGOVERNMENTAL_ORGANIZATION' })).toEqual([ORG.coastalUnion, ORG.maritimeSafetyOrg].sort());
      expect(await ids({ governmentKind: 'STATE', statuses: ['ACTIVE'] })).toEqual([ORG.arvenia, ORG.norland, ORG.ostmark].sort());
    });

    it('asks a government applicant which it is, refuses the question to others, and admits it as said', async () => {
      const government = applicationInput({ organizationName: 'Pelagic Fisheries Commission', pillar: 'GOVERNMENT', codeImplementationPlan: null });
      const missing = await stack.query(SUBMIT, { input: government });
      expect(codes(missing)).toEqual(['BAD_USER_INPUT']);
      expect(field(missing)).toBe('input.governmentKind');
      const company = await stack.query(SUBMIT, { input: applicationInput({ governmentKind: 'STATE' }) });
      expect(codes(company)).toEqual(['BAD_USER_INPUT']);
      expect(field(company)).toBe('input.governmentKind');

      const submitted = await stack.query<any>(SUBMIT, { input: { ...government, governmentKind: 'INTERGOVERNMENTAL_ORGANIZATION' } });
      expect(submitted.errors).toBeUndefined();
      const admitted = await stack.query<any>(ADMIT, { id: submitted.data!.submitMembershipApplication.id }, { token: secretariat });
      expect(admitted.errors).toBeUndefined();
      const created = admitted.data!.decideMembershipApplication.organization;
      expect(created.governmentKind).toBe('INTERGOVERNMENTAL_ORGANIZATION');
      expect(await ids({ governmentKind: 'INTERGOVERNMENTAL_ORGANIZATION' })).toContain(created.id);
    });
  });

  it('lets the Secretariat correct a government organization\'s kind, and no other pillar\'s', async () => {
    const CORRECT = /* GraphQL */ `
      mutation Correct($organizationId: ID!, $governmentKind: GovernmentKind!, $expectedVersion: Int) {
        correctGovernmentKind(organizationId: $organizationId, governmentKind: $governmentKind, expectedVersion: $expectedVersion) { id governmentKind version }
      }
    `;
    const before = await organization(ORG.norland);
    expect(codes(await stack.query(CORRECT, { organizationId: ORG.norland, governmentKind: 'INTERGOVERNMENTAL_ORGANIZATION' }))).toEqual(['UNAUTHENTICATED']);
    // Not even the State itself: the Secretariat alone corrects.
    for (const token of [await stack.token('member', ORG.norland), await stack.token('partner')]) {
      expect(codes(await stack.query(CORRECT, { organizationId: ORG.norland, governmentKind: 'INTERGOVERNMENTAL_ORGANIZATION' }, { token }))).toEqual(['FORBIDDEN']);
    }
    const company = await stack.query(CORRECT, { organizationId: ORG.bastionShield, governmentKind: 'STATE' }, { token: secretariat });
    expect(codes(company)).toEqual(['BAD_USER_INPUT']);
    expect((await organization(ORG.bastionShield)).governmentKind).toBeNull();
    const corrected = await stack.query<any>(
      CORRECT, { organizationId: ORG.norland, governmentKind: 'INTERGOVERNMENTAL_ORGANIZATION', expectedVersion: before.version }, { token: secretariat },
    );
    expect(corrected.data?.correctGovernmentKind).toEqual({ id: ORG.norland, governmentKind: 'INTERGOVERNMENTAL_ORGANIZATION', version: before.version + 1 });
    expect(codes(await stack.query(CORRECT, { organizationId: ORG.norland, governmentKind: 'STATE', expectedVersion: before.version }, { token: secretariat }))).toEqual(['CONFLICT']);
    await stack.query(CORRECT, { organizationId: ORG.norland, governmentKind: 'STATE' }, { token: secretariat });
    expect((await organization(ORG.norland)).governmentKind).toBe('STATE');
  });

  describe('the Montreux Document', () => {
    it('shows each State\'s and IGO\'s dated participation and filters the directory by lasting support', async () => {
      expect((await organization(ORG.arvenia)).montreuxDocumentParticipation).toEqual({ since: '2008-09-17', until: null });
      const sorrento = await organization(ORG.sorrentoBay);
      expect(sorrento.montreuxDocumentParticipationHistory).toEqual([{ since: '2010-06-21', until: '2024-02-15' }]);
      expect((await organization(ORG.maritimeSafetyOrg)).montreuxDocumentParticipation).toBeNull();
      const participants = [ORG.arvenia, ORG.norland, ORG.ostmark, ORG.coastalUnion].sort();
      expect(await ids({ montreuxDocumentParticipant: true })).toEqual(participants);
      const others = await ids({ montreuxDocumentParticipant: false, pillar: 'GOVERNMENT' });
      expect(others).toContain(ORG.sorrentoBay);
      expect(others).not.toContain(ORG.arvenia);
      // With another filter read from the country index.
      expect(await ids({ montreuxDocumentParticipant: true, country: 'KE' })).toEqual([ORG.coastalUnion]);
    });

    it('lets the Secretariat record support and its withdrawal, refusing what the rules exclude and changing nothing then', async () => {
      const id = ORG.maritimeSafetyOrg;
      expect(codes(await stack.query(SUPPORT, { organizationId: id, since: '2020-01-01' }))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await stack.query(SUPPORT, { organizationId: id, since: '2020-01-01' }, { token: await stack.token('member', id) }))).toEqual(['FORBIDDEN']);
      const refused: [Record<string, unknown>, string][] = [
        [{ organizationId: ORG.bastionShield, since: '2020-01-01' }, 'organizationId'],
        [{ organizationId: id, since: '2008-09-16' }, 'since'],
        [{ organizationId: id, since: '2999-01-01' }, 'since'],
      ];
      for (const [variables, name] of refused) {
        const response = await stack.query(SUPPORT, variables, { token: secretariat });
        expect(codes(response)).toEqual(['BAD_USER_INPUT']);
        expect(field(response)).toBe(name);
      }
      const before = await organization(id);
      expect(before.montreuxDocumentParticipationHistory).toEqual([]);

      const supported = await stack.query<any>(SUPPORT, { organizationId: id, since: '2020-01-01', expectedVersion: before.version }, { token: secretariat });
      expect(supported.errors).toBeUndefined();
      expect(supported.data!.recordMontreuxDocumentSupport).toMatchObject({ version: before.version + 1, montreuxDocumentParticipation: { since: '2020-01-01', until: null } });
      expect(await ids({ montreuxDocumentParticipant: true })).toContain(id);
      // Support already lasting, and a stale version.
      expect(codes(await stack.query(SUPPORT, { organizationId: id, since: '2021-01-01' }, { token: secretariat }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await stack.query(SUPPORT, { organizationId: id, since: '2021-01-01', expectedVersion: before.version }, { token: secretariat }))).toEqual(['CONFLICT']);

      expect(codes(await stack.query(WITHDRAW, { organizationId: id, until: '2025-03-01' }))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await stack.query(WITHDRAW, { organizationId: id, until: '2025-03-01' }, { token: await stack.token('member', id) }))).toEqual(['FORBIDDEN']);
      expect(codes(await stack.query(WITHDRAW, { organizationId: id, until: '2019-12-31' }, { token: secretariat }))).toEqual(['BAD_USER_INPUT']);
      const withdrawn = await stack.query<any>(WITHDRAW, { organizationId: id, until: '2025-03-01' }, { token: secretariat });
      expect(withdrawn.errors).toBeUndefined();
      expect(withdrawn.data!.recordMontreuxDocumentWithdrawal.montreuxDocumentParticipationHistory).toEqual([{ since: '2020-01-01', until: '2025-03-01' }]);
      expect(await ids({ montreuxDocumentParticipant: true })).not.toContain(id);
      expect(codes(await stack.query(WITHDRAW, { organizationId: id, until: '2025-04-01' }, { token: secretariat }))).toEqual(['BAD_USER_INPUT']);
      // Support expressed again opens a second period; the first is kept.
      expect(codes(await stack.query(SUPPORT, { organizationId: id, since: '2025-02-01' }, { token: secretariat }))).toEqual(['BAD_USER_INPUT']);
      const again = await stack.query<any>(SUPPORT, { organizationId: id, since: '2026-01-05' }, { token: secretariat });
      expect(again.errors).toBeUndefined();
      expect((await organization(id)).montreuxDocumentParticipationHistory).toEqual([
        { since: '2020-01-01', until: '2025-03-01' }, { since: '2026-01-05', until: null },
      ]);
    });
  });

  it('reads participation and government kind of a page of organizations in as many statements as for a few', async () => {
    const PAGE = /* GraphQL */ `
      query Page($first: Int) {
        organizations(first: $first) { edges { node { id governmentKind montreuxDocumentParticipation { since } montreuxDocumentParticipationHistory { until } } } }
      }
    `;
    const cost = async (first: number) => {
      const before = stack.statements();
      const response = await stack.query<any>(PAGE, { first });
      expect(response.errors).toBeUndefined();
      expect(response.data!.organizations.edges).toHaveLength(first);
      return stack.statements() - before;
    };
    expect(await cost(30)).toBe(await cost(3));
  });

  describe('coded terminations', () => {
    it('refuses a termination without its reason code, and a code on another change, changing nothing', async () => {
      const before = await organization(ORG.jadeport);
      const missing = await stack.query(CHANGE, { organizationId: ORG.jadeport, status: 'TERMINATED', reason: 'Dues unpaid for two years' }, { token: secretariat });
      expect(codes(missing)).toEqual(['BAD_USER_INPUT']);
      expect(field(missing)).toBe('reasonCode');
      const suspended = await stack.query(CHANGE, { organizationId: ORG.jadeport, status: 'SUSPENDED', reason: 'x', reasonCode: 'OTHER' }, { token: secretariat });
      expect(codes(suspended)).toEqual(['BAD_USER_INPUT']);
      expect(await organization(ORG.jadeport)).toEqual(before);

      const terminated = await stack.query<any>(
        CHANGE,
        { organizationId: ORG.jadeport, status: 'TERMINATED', reason: 'Dues unpaid for two years', reasonCode: 'NON_PAYMENT_OF_DUES' },
        { token: secretariat },
      );
      expect(terminated.errors).toBeUndefined();
      expect(terminated.data!.changeMembershipStatus.statusHistory.at(-1)).toEqual({
        status: 'TERMINATED', reason: 'Dues unpaid for two years', reasonCode: 'NON_PAYMENT_OF_DUES',
      });
      // Public, beside the free text.
      expect((await organization(ORG.garrisonPoint)).statusHistory.at(-1).reasonCode).toBe('NON_SUBMISSION_OF_SELF_ASSESSMENT');
    });

    it('counts the year\'s terminations by reason code, every code listed, adding up to the terminations', async () => {
      const year = Number(today().slice(0, 4));
      const last = await stack.query<any>(FIGURES, { year: 2025 });
      expect(last.errors).toBeUndefined();
      const figures = last.data!.transparencyReport.membership;
      expect(figures.terminations).toBe(2);
      expect(byReason(figures.terminationsByReason)).toEqual({
        NON_SUBMISSION_OF_SELF_ASSESSMENT: 1, NON_PAYMENT_OF_DUES: 1, CERTIFICATION_DEADLINE_MISSED: 0,
        LACK_OF_GOOD_FAITH_COOPERATION: 0, BREACH_OF_THE_CODE: 0, OTHER: 0,
      });
      // This year's figures (the Secretariat's until the year ends) count the termination recorded above.
      const current = await stack.query<any>(FIGURES, { year }, { token: secretariat });
      expect(current.errors).toBeUndefined();
      const now = current.data!.transparencyReport.membership;
      expect(byReason(now.terminationsByReason).NON_PAYMENT_OF_DUES).toBeGreaterThanOrEqual(1);
      expect(now.terminationsByReason.reduce((sum: number, r: any) => sum + r.count, 0)).toBe(now.terminations);
    });
  });

  describe('the certification deadline setting', () => {
    async function admitCompany(url: string, name: string) {
      const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return (await response.json()) as any;
      };
      const submitted = await post(SUBMIT, { input: applicationInput({ organizationName: name }) });
      expect(submitted.errors).toBeUndefined();
      const admitted = await post(ADMIT, { id: submitted.data.submitMembershipApplication.id }, secretariat);
      expect(admitted.errors).toBeUndefined();
      return admitted.data.decideMembershipApplication.organization;
    }

    it('counts the third calendar year from the year after joining by default, from the year of joining when set so', async () => {
      const joinYear = Number(today().slice(0, 4));
      const byDefault = await admitCompany(stack.gatewayUrl, 'Yarrow Point Guarding Ltd');
      expect(byDefault).toMatchObject({ memberSince: today(), certificationDeadline: `${joinYear + 3}-12-31`, certificationDeadlineRule: 'END_OF_THIRD_CALENDAR_YEAR' });

      const replica = await stack.anotherReplica('membership', { CERTIFICATION_DEADLINE_FIRST_YEAR: 'YEAR_OF_JOINING' });
      const gateway = await stack.anotherGateway({ MEMBERSHIP_URL: replica.url });
      const counted = await admitCompany(gateway.url, 'Zephyr Line Protection Ltd');
      expect(counted).toMatchObject({ memberSince: today(), certificationDeadline: `${joinYear + 2}-12-31`, certificationDeadlineRule: 'END_OF_THIRD_CALENDAR_YEAR' });

      await expect(stack.anotherReplica('membership', { CERTIFICATION_DEADLINE_FIRST_YEAR: 'SOMETIMES' })).rejects.toThrow(/CERTIFICATION_DEADLINE_FIRST_YEAR/);
    });
  });
});
