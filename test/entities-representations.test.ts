import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG } from './support/membership';
import { startStack, type Stack } from './support/stack';

/** Each subgraph's own entity, and an object type of it that is no entity (no `@key`). */
const SUBGRAPHS = [
  { name: 'membership', entity: { __typename: 'Organization', id: ORG.aegisMeridian }, notAnEntity: 'MembershipApplication' },
  { name: 'certification', entity: { __typename: 'Organization', id: ORG.aegisMeridian }, notAnEntity: 'Watchlist' },
  { name: 'complaints', entity: { __typename: 'Organization', id: ORG.aegisMeridian }, notAnEntity: 'Complaint' },
];

const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organization { id } } }
`;

// Shared mechanics, the same on any database: SQLite alone.
describe('_entities with a representation the subgraph cannot resolve', () => {
  let stack: Stack;
  let secretariat: string;

  beforeAll(async () => {
    stack = await startStack({ database: 'sqlite' });
    secretariat = await stack.token('secretariat');
  });
  afterAll(() => stack?.stop());

  async function ask(subgraph: string, representations: unknown[], requestId: string) {
    const response = await stack.querySubgraph<any>(subgraph, ENTITIES, { representations }, {
      token: secretariat,
      headers: { 'x-request-id': requestId },
    });
    return { response, logs: await stack.logLinesOf(requestId) };
  }

  for (const { name, entity, notAnEntity } of SUBGRAPHS) {
    it(`answers BAD_USER_INPUT for that representation alone, logging no stack, in ${name}`, async () => {
      const unknown = [
        { __typename: notAnEntity, id: 'x' },
        { __typename: 'Nope', id: 'x' },
        { __typename: 'Organization' },
        { __typename: 'Organization', id: { nested: true } },
        { id: ORG.aegisMeridian },
      ];
      const { response, logs } = await ask(name, [entity, ...unknown], `entities-${name}`);
      expect(response.status).toBe(200);
      expect(response.data._entities).toEqual([{ id: ORG.aegisMeridian }, ...unknown.map(() => null)]);
      expect(response.errors!.map((e: any) => [e.path, e.extensions.code])).toEqual(
        unknown.map((_, i) => [['_entities', i + 1], 'BAD_USER_INPUT']),
      );
      expect(response.errors![0].message).toBe(`representations[1]: "${notAnEntity}" is not an entity type of this subgraph`);
      expect(response.errors![2].message).toBe('representations[3] needs the key fields of Organization: id');
      expect(JSON.stringify(response.errors)).not.toMatch(/\bat .*\.js|stack/i);
      // No stack trace and no "unexpected error" in this subgraph's log, only the operation line with its codes.
      expect(logs.filter((line) => line.level === 'error' || 'stack' in line || line.message === 'unexpected error')).toEqual([]);
      expect(logs.find((line) => line.message === 'operation')).toMatchObject({ service: name, errors: unknown.length });
    });
  }
});
