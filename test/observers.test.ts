import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './support/databases';
import { applicationInput, ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';
import { today } from './support/dates';

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: MembershipApplicationInput!) {
    submitMembershipApplication(input: $input) { id pillar observerKind requestedCategory status }
  }
`;

const ADMIT = /* GraphQL */ `
  mutation Admit($id: ID!) {
    decideMembershipApplication(id: $id, decision: ADMIT, note: "Observer status granted by the Board") {
      status organization { id }
    }
  }
`;

const ORGANIZATION = /* GraphQL */ `
  query Organization($id: ID!) {
    organization(id: $id) {
      id name pillar observerKind membershipCategory membershipStatus certificationDeadline standing
      statusHistory { status category effectiveFrom reason }
    }
  }
`;

const CHANGE = /* GraphQL */ `
  mutation Change($id: ID!, $status: MembershipStatus!, $reason: String!, $category: MembershipCategory) {
    changeMembershipStatus(organizationId: $id, status: $status, reason: $reason, category: $category) { membershipStatus }
  }
`;

const DIRECTORY = /* GraphQL */ `
  query Directory($filter: OrganizationFilter) {
    organizations(filter: $filter, first: 100) { totalCount edges { node { name pillar observerKind membershipCategory } } }
  }
`;

const QUEUE = /* GraphQL */ `{ membershipApplications(first: 1) { totalCount } }`;

const observerInput = (overrides: Record<string, unknown> = {}) =>
  applicationInput({
    organizationName: 'Dr. Imre Halvorsen, Institute of Security Governance',
    pillar: 'OBSERVER',
    observerKind: 'ACADEMIC',
    requestedCategory: 'OBSERVER',
    headquartersCountry: 'NO',
    countriesOfOperation: [],
    codeImplementationPlan: null,
    ...overrides,
  });

describe.each(DATABASES)('observers beside the three pillars, through the gateway on %s', (database) => {
  let stack: Stack;
  let secretariat: string;

  beforeAll(async () => {
    stack = await startStack({ database });
    secretariat = await stack.token('secretariat');
  });
  afterAll(() => stack?.stop());

  const directory = async (filter: Record<string, unknown>) => {
    const response: any = await stack.query(DIRECTORY, { filter });
    expect(response.errors).toBeUndefined();
    return response.data.organizations;
  };
  const queueSize = async () => ((await stack.query<any>(QUEUE, {}, { token: secretariat })).data.membershipApplications.totalCount as number);

  it('admits an academic who applies as an observer, with no certification duty and a standing that says observer', async () => {
    const submitted: any = await stack.query(SUBMIT, { input: observerInput() });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitMembershipApplication).toMatchObject({
      pillar: 'OBSERVER', observerKind: 'ACADEMIC', requestedCategory: 'OBSERVER', status: 'PENDING',
    });
    const admitted: any = await stack.query(ADMIT, { id: submitted.data.submitMembershipApplication.id }, { token: secretariat });
    expect(admitted.errors).toBeUndefined();
    const id = admitted.data.decideMembershipApplication.organization.id;

    const organization = async () => ((await stack.query<any>(ORGANIZATION, { id })).data.organization);
    expect(await organization()).toMatchObject({
      pillar: 'OBSERVER',
      observerKind: 'ACADEMIC',
      membershipCategory: 'OBSERVER',
      membershipStatus: 'ACTIVE',
      certificationDeadline: null,
      standing: 'OBSERVER',
      statusHistory: [{ status: 'ACTIVE', category: 'OBSERVER', effectiveFrom: today(), reason: 'Observer status granted by the Board' }],
    });
    const academics = await directory({ observerKinds: ['ACADEMIC'] });
    expect(academics.edges.map((e: any) => e.node.name)).toEqual([
      'Dr. Imre Halvorsen, Institute of Security Governance',
      'Veldt Institute for Security Governance',
    ]);

    // An observer in good standing or not: suspended, then withdrawn, each change dated in its history.
    for (const [status, standing] of [['SUSPENDED', 'SUSPENDED'], ['WITHDRAWN', 'NOT_A_MEMBER']]) {
      const changed: any = await stack.query(CHANGE, { id, status, reason: `${status} for the test` }, { token: secretariat });
      expect(changed.errors).toBeUndefined();
      expect(await organization()).toMatchObject({ membershipStatus: status, standing });
    }
    expect((await organization()).statusHistory.map((e: any) => [e.status, e.category])).toEqual([
      ['ACTIVE', 'OBSERVER'], ['SUSPENDED', 'OBSERVER'], ['WITHDRAWN', 'OBSERVER'],
    ]);
  });

  it('refuses a private security company as an observer, and an observer without its kind, changing nothing', async () => {
    const queued = await queueSize();
    const listed = (await directory({})).totalCount;
    const refused: [Record<string, unknown>, string][] = [
      [{ pillar: 'PRIVATE_SECURITY_COMPANY', observerKind: null, codeImplementationPlan: 'Our plan.' }, 'input.requestedCategory'],
      [{ pillar: 'PRIVATE_SECURITY_COMPANY', requestedCategory: 'MEMBER', codeImplementationPlan: 'Our plan.' }, 'input.observerKind'],
      [{ observerKind: null }, 'input.observerKind'],
      [{ requestedCategory: 'MEMBER' }, 'input.requestedCategory'],
      [{ pillar: 'GOVERNMENT', observerKind: null }, 'input.requestedCategory'],
    ];
    for (const [override, field] of refused) {
      const response = await stack.query(SUBMIT, { input: observerInput(override) });
      expect(codes(response), JSON.stringify(override)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions?.field).toBe(field);
    }
    // A member company cannot become an observer either.
    const company = await stack.query(CHANGE, { id: ORG.aegisMeridian, status: 'ACTIVE', category: 'OBSERVER', reason: 'No' }, { token: secretariat });
    expect(codes(company)).toEqual(['BAD_USER_INPUT']);
    expect(await queueSize()).toBe(queued);
    expect((await directory({})).totalCount).toBe(listed);
    expect((await stack.query<any>(ORGANIZATION, { id: ORG.aegisMeridian })).data.organization).toMatchObject({
      pillar: 'PRIVATE_SECURITY_COMPANY', observerKind: null, membershipCategory: 'MEMBER',
    });
  });

  it('lists the observers of the sample register with their kinds, none of them in a pillar', async () => {
    const observers = await directory({ pillar: 'OBSERVER', statuses: ['ACTIVE'] });
    const byName = Object.fromEntries(observers.edges.map((e: any) => [e.node.name, e.node.observerKind]));
    expect(byName).toMatchObject({
      'Veldt Institute for Security Governance': 'ACADEMIC',
      'Tallis Conformity Assessment Ltd': 'CERTIFICATION_BODY',
      'Federal Republic of Ostmark, Foreign Office': 'GOVERNMENT',
      'Harbour Workers Solidarity': 'CIVIL_SOCIETY',
    });
    expect(observers.edges.every((e: any) => e.node.membershipCategory === 'OBSERVER')).toBe(true);
    expect((await directory({ observerKinds: ['CERTIFICATION_BODY'] })).edges.map((e: any) => e.node.name)).toEqual([
      'Tallis Conformity Assessment Ltd',
    ]);
    const members = await directory({ pillar: 'GOVERNMENT' });
    expect(members.edges.every((e: any) => e.node.observerKind === null && e.node.membershipCategory !== 'OBSERVER')).toBe(true);
    const tallis = await stack.query<any>(ORGANIZATION, { id: ORG.tallisCertification });
    expect(tallis.data.organization).toMatchObject({ standing: 'OBSERVER', certificationDeadline: null });
  });
});
