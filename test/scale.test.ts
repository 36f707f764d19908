import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './support/databases';
import { APPLICATION_FIELDS, applicationInput } from './support/membership';
import { codes, readAllPages, startStack, type Stack } from './support/stack';

/**
 * What keeps costs flat as the register grows, checked for its answers: the trigram name
 * index finds what the old LIKE scan found, new names included; keyset pages walk every list
 * completely, in order, whatever the page size; filtered counts count what the pages show.
 * The costs themselves are measured by `npm run bench -- --organizations ...` (test/bench-scale.test.ts).
 */
const SEARCH = /* GraphQL */ `
  query Search($filter: OrganizationFilter, $first: Int, $after: String) {
    organizations(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { cursor node { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const VERIFY = /* GraphQL */ `
  query Verify($names: [String!]) { verifyMembers(names: $names) { query matched matches { matchedName exactMatch } } }
`;
const SUBMIT = /* GraphQL */ `
  mutation Submit($input: MembershipApplicationInput!) { submitMembershipApplication(input: $input) { ${APPLICATION_FIELDS} } }
`;
const DECIDE = /* GraphQL */ `
  mutation Decide($id: ID!) { decideMembershipApplication(id: $id, decision: ADMIT, note: "Admitted by the Board") { ${APPLICATION_FIELDS} } }
`;
const CHANGE = /* GraphQL */ `
  mutation Change($organizationId: ID!, $status: MembershipStatus!) {
    changeMembershipStatus(organizationId: $organizationId, status: $status, reason: "Board decision") { id membershipStatus }
  }
`;
const CERTIFICATIONS = /* GraphQL */ `
  query Certifications($first: Int, $after: String) {
    certifications(first: $first, after: $after) { edges { node { id expiresOn } } pageInfo { hasNextPage endCursor } }
  }
`;
const COMPLAINTS = /* GraphQL */ `
  query Complaints($first: Int, $after: String) {
    complaints(first: $first, after: $after) { edges { node { id submittedAt } } pageInfo { hasNextPage endCursor } }
  }
`;

/** Every id of a list, read page by page of `first`. */
async function walk(stack: Stack, query: string, field: string, first: number, variables: Record<string, unknown> = {}, token?: string) {
  return (await readAllPages<{ id: string }>(stack, query, field, { ...variables, first }, token)).map((node) => node.id);
}

describe.each(DATABASES)('costs that stay flat, on %s', (database) => {
  let stack: Stack;
  let secretariat: string;

  beforeAll(async () => {
    stack = await startStack({ database, sampleData: true });
    secretariat = await stack.token('secretariat');
  });
  afterAll(() => stack?.stop());

  const names = async (filter: Record<string, unknown>) => {
    const answer: any = await stack.query(SEARCH, { filter, first: 100 });
    expect(answer.errors).toBeUndefined();
    return answer.data.organizations.edges.map((e: any) => e.node.name);
  };

  it('finds a member admitted today by any part of its names, through the name index', async () => {
    expect(await names({ search: 'quillfeather' })).toEqual([]);
    const submitted: any = await stack.query(SUBMIT, {
      input: applicationInput({ organizationName: 'Quillfeather Risk Partners Ltd', contactEmail: 'ada@quillfeather.example' }),
    });
    expect(submitted.errors).toBeUndefined();
    const decided: any = await stack.query(DECIDE, { id: submitted.data.submitMembershipApplication.id }, { token: secretariat });
    expect(decided.errors).toBeUndefined();

    expect(await names({ search: 'feather risk' })).toEqual(['Quillfeather Risk Partners Ltd']);
    expect(await names({ search: 'QUILL' })).toEqual(['Quillfeather Risk Partners Ltd']);
    expect(await names({ search: 'feather  partners' })).toEqual([]);
    // Its headquarters and operating countries reach the directory index in the same transaction.
    for (const country of ['GB', 'KE', 'UG']) {
      expect(await names({ country, pillar: 'PRIVATE_SECURITY_COMPANY', statuses: ['ACTIVE'] })).toContain('Quillfeather Risk Partners Ltd');
    }
    const verified: any = await stack.query(VERIFY, { names: ['Quillfeather', 'quillfeather risk partners ltd'] });
    expect(verified.data.verifyMembers).toEqual([
      { query: 'Quillfeather', matched: true, matches: [{ matchedName: 'Quillfeather Risk Partners Ltd', exactMatch: false }] },
      { query: 'quillfeather risk partners ltd', matched: true, matches: [{ matchedName: 'Quillfeather Risk Partners Ltd', exactMatch: true }] },
    ]);
  });

  it('says a search needs three letters rather than reading the whole register for two', async () => {
    const answer = await stack.query(SEARCH, { filter: { search: 'Ba' } });
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors?.[0].message).toMatch(/at least 3 letters/);
    expect(answer.errors?.[0].extensions?.field).toBe('filter.search');
    // Former and trading names are in the index too: one of Meridian's earlier names.
    expect(await names({ search: 'risk management' })).toContain('Aegis Meridian Security Ltd');
  });

  it('walks the directory, the certificates and the complaints page by page in the order of one long page', async () => {
    const directory = await walk(stack, SEARCH, 'organizations', 100);
    expect(directory.length).toBeGreaterThan(20);
    expect(await walk(stack, SEARCH, 'organizations', 3)).toEqual(directory);
    const certificates = await walk(stack, CERTIFICATIONS, 'certifications', 100);
    expect(certificates.length).toBeGreaterThan(5);
    expect(await walk(stack, CERTIFICATIONS, 'certifications', 2)).toEqual(certificates);
    const complaints = await walk(stack, COMPLAINTS, 'complaints', 100, {}, secretariat);
    expect(complaints.length).toBeGreaterThan(5);
    expect(await walk(stack, COMPLAINTS, 'complaints', 2, {}, secretariat)).toEqual(complaints);
  });

  // One status (the benchmark's filter) is one range of the directory index, read in name order; several
  // statuses are several ranges merged and sorted. The count is read from the index alone either way.
  it.each([
    ['one status', ['ACTIVE']],
    ['several statuses', ['ACTIVE', 'SUSPENDED', 'TERMINATED', 'WITHDRAWN']],
  ])('counts in totalCount exactly the organizations the filtered pages show (%s), headquartered or operating in the country', async (_, statuses) => {
    const filter = { pillar: 'PRIVATE_SECURITY_COMPANY', statuses, country: 'IQ' };
    const all = await walk(stack, SEARCH, 'organizations', 1, { filter });
    const counted: any = await stack.query(SEARCH, { filter, first: 1 });
    expect(counted.data.organizations.totalCount).toBe(all.length);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(1);
    // The same organizations as one long page, in the same order.
    expect(await walk(stack, SEARCH, 'organizations', 100, { filter })).toEqual(all);
  });

  it('moves a suspended company out of the active companies of its countries, in the pages and in the count', async () => {
    const active = { pillar: 'PRIVATE_SECURITY_COMPANY', statuses: ['ACTIVE'], country: 'IQ' };
    const before: any = await stack.query(SEARCH, { filter: active, first: 100 });
    const [first] = before.data.organizations.edges.map((e: any) => e.node);
    const changed: any = await stack.query(CHANGE, { organizationId: first.id, status: 'SUSPENDED' }, { token: secretariat });
    expect(changed.errors).toBeUndefined();
    const after: any = await stack.query(SEARCH, { filter: active, first: 100 });
    expect(after.data.organizations.edges.map((e: any) => e.node.id)).not.toContain(first.id);
    expect(after.data.organizations.totalCount).toBe(before.data.organizations.totalCount - 1);
    const suspended: any = await stack.query(SEARCH, { filter: { ...active, statuses: ['SUSPENDED'] }, first: 100 });
    expect(suspended.data.organizations.edges.map((e: any) => e.node.id)).toContain(first.id);
  });
});
