import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './support/databases';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';

const CONTACTS = /* GraphQL */ `
  query($id: ID!) { organization(id: $id) { contacts { id name role email phone version } history { kind before after reason } } }
`;
const ADD = /* GraphQL */ `
  mutation($id: ID!, $input: ContactInput!, $reason: String) {
    addContact(organizationId: $id, input: $input, reason: $reason) { id name role email phone version }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation($id: ID!, $input: ContactInput!, $expectedVersion: Int) {
    updateContact(id: $id, input: $input, expectedVersion: $expectedVersion) { id name email phone version }
  }
`;
const REMOVE = /* GraphQL */ `mutation($id: ID!, $expectedVersion: Int) { removeContact(id: $id, expectedVersion: $expectedVersion) }`;
const ENTITY_HISTORY = /* GraphQL */ `
  query($id: ID!) { _entities(representations: [{ __typename: "Organization", id: $id }]) { ... on Organization { history { kind } } } }
`;

const person = { name: 'Amara Fictional', role: 'Grievance officer', email: 'amara@lindqvist.example', phone: '+46 8 000 000' };

describe.each(DATABASES)('contacts on %s', (database) => {
  let stack: Stack;
  let secretariat: string;
  let member: string;
  let otherMember: string;

  beforeAll(async () => {
    stack = await startStack({ database });
    secretariat = await stack.token('secretariat');
    member = await stack.token('member', ORG.lindqvist);
    otherMember = await stack.token('member', ORG.kestrelGuarding);
  });
  afterAll(() => stack?.stop());

  const contacts = async (token = secretariat) => (await stack.query<any>(CONTACTS, { id: ORG.lindqvist }, { token })).data.organization;

  it('lets a member add, correct and remove its own organization\'s contacts', async () => {
    const added = await stack.query<any>(ADD, { id: ORG.lindqvist, input: person }, { token: member });
    expect(added.errors).toBeUndefined();
    const id = added.data.addContact.id;
    expect(added.data.addContact).toMatchObject({ ...person, version: 1 });
    expect((await contacts(member)).contacts.map((c: any) => c.id)).toContain(id);

    const updated = await stack.query<any>(UPDATE, { id, input: { ...person, phone: null, email: 'grievance@lindqvist.example' }, expectedVersion: 1 }, { token: member });
    expect(updated.data.updateContact).toMatchObject({ email: 'grievance@lindqvist.example', phone: null, version: 2 });
    const stale = await stack.query<any>(UPDATE, { id, input: person, expectedVersion: 1 }, { token: member });
    expect(codes(stale)).toEqual(['CONFLICT']);

    const removed = await stack.query<any>(REMOVE, { id, expectedVersion: 2 }, { token: member });
    expect(removed.data.removeContact).toBe(id);
    expect((await contacts(member)).contacts.map((c: any) => c.id)).not.toContain(id);

    // The Secretariat reads every change; the member, like the public, only name changes.
    const history = (await contacts()).history.filter((e: any) => e.kind.startsWith('CONTACT_'));
    expect(history.map((e: any) => [e.kind, e.before[2] ?? null, e.after[2] ?? null])).toEqual([
      ['CONTACT_ADDED', null, 'amara@lindqvist.example'],
      ['CONTACT_UPDATED', 'amara@lindqvist.example', 'grievance@lindqvist.example'],
      ['CONTACT_REMOVED', 'grievance@lindqvist.example', null],
    ]);
    expect((await contacts(member)).history).toEqual([]);
    const direct = await stack.querySubgraph<any>('membership', ENTITY_HISTORY, { id: ORG.lindqvist }, { token: member });
    expect(direct.data._entities[0].history).toEqual([]);
  });

  it('lets the Secretariat change any organization\'s contacts, with a reason in the history', async () => {
    const added = await stack.query<any>(ADD, { id: ORG.lindqvist, input: person, reason: 'Given at the annual meeting' }, { token: secretariat });
    expect(added.errors).toBeUndefined();
    const last = (await contacts()).history.at(-1);
    expect(last).toMatchObject({ kind: 'CONTACT_ADDED', reason: 'Given at the annual meeting' });
  });

  it('refuses other organizations\' members, the public and bad details, changing nothing', async () => {
    const before = await contacts();
    const [target] = before.contacts;
    const foreignAdd = await stack.query<any>(ADD, { id: ORG.lindqvist, input: person }, { token: otherMember });
    expect(codes(foreignAdd)).toEqual(['FORBIDDEN']);
    const foreignUpdate = await stack.query<any>(UPDATE, { id: target.id, input: person }, { token: otherMember });
    expect(codes(foreignUpdate)).toEqual(['NOT_FOUND']);
    const foreignRemove = await stack.query<any>(REMOVE, { id: target.id }, { token: otherMember });
    expect(codes(foreignRemove)).toEqual(['NOT_FOUND']);
    const partner = await stack.query<any>(REMOVE, { id: target.id }, { token: await stack.token('partner') });
    expect(codes(partner)).toEqual(['NOT_FOUND']);
    const anonymous = await stack.query<any>(ADD, { id: ORG.lindqvist, input: person });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    for (const [input, field] of [
      [{ ...person, email: 'not-an-address' }, 'input.email'],
      [{ ...person, name: 'Amara\u0000' }, 'input.name'],
      [{ ...person, phone: '1'.repeat(51) }, 'input.phone'],
    ] as const) {
      const response = await stack.query<any>(UPDATE, { id: target.id, input }, { token: member });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unknown = await stack.query<any>(ADD, { id: 'no-such-organization', input: person }, { token: secretariat });
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
    expect(await contacts()).toEqual(before);
  });
});
