import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_VERIFICATIONS, operationCost } from '../gateway/src/operation-cost';
import { codes, startStack, type Stack } from './support/stack';

/**
 * Operation cost that counts lists: fields inside a list cost once per item, the size read from
 * `first`, `names` and `ids` whether written inline or passed as variables; receipts weigh more; all
 * `verifyMembers` of one operation share one budget of 100 names and ids. Refused before any subgraph
 * works, with HTTP 400 and a message naming the limit.
 */
const schema = Supergraph.build(readFileSync('schema/supergraph.graphql', 'utf8')).apiSchema().toGraphQLJSSchema();
const cost = (source: string, variables: Record<string, unknown> = {}) => operationCost(schema, parse(source), undefined, variables);

const VERIFY = (alias: string) => `${alias}: verifyMembers(names: $names) { query matches { result { standing receipt } } }`;
const names = (n: number) => Array.from({ length: n }, (_, i) => `Attack Name ${i}`);
const ALIAS_ATTACK = `query Attack($names: [String!]) { ${Array.from({ length: 20 }, (_, i) => VERIFY(`a${i}`)).join(' ')} }`;

describe('the cost of an operation', () => {
  it('counts fields inside lists once per item, sized by first, names and ids, inline or in variables', () => {
    const page = (first: number) => cost(`{ organizations(first: ${first}) { edges { node { id name statusHistory { status } } } } }`);
    expect(page(100).cost).toBeGreaterThan(page(10).cost * 9);
    expect(cost('query($n: Int) { organizations(first: $n) { edges { node { id name statusHistory { status } } } } }', { n: 100 }).cost).toBe(
      page(100).cost,
    );
    // 1 (organizations) + 1 (edges) + 100 × (node, id, name, statusHistory) + 100 × 10 × status
    expect(page(100).cost).toBe(1 + 1 + 100 * 4 + 100 * 10);
    const inline = cost('{ verifyMembers(names: ["a", "b", "c"], ids: ["x"]) { query } }');
    expect(inline.verifications).toBe(4);
    expect(cost('query($n: [String!]) { verifyMembers(names: $n) { query } }', { n: names(50) }).verifications).toBe(50);
  });

  it('weighs a receipt as more than a field', () => {
    const without = cost('query($n: [String!]) { verifyMembers(names: $n) { matches { result { standing } } } }', { n: names(10) });
    const withReceipts = cost('query($n: [String!]) { verifyMembers(names: $n) { matches { result { standing receipt } } } }', { n: names(10) });
    expect(withReceipts.cost - without.cost).toBeGreaterThanOrEqual(10 * 10 * 10);
  });

  it('shares one budget of 100 names and ids among all verifyMembers of an operation, aliases included', () => {
    expect(cost(ALIAS_ATTACK, { names: names(100) }).verifications).toBe(2000);
    expect(MAX_VERIFICATIONS).toBe(100);
  });

  it('keeps every operation the README shows within the budget', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const block of [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1])) {
      const document = parse(block);
      for (const definition of document.definitions) {
        if (definition.kind !== 'OperationDefinition') continue;
        const { cost: total, verifications } = operationCost(schema, document, definition.name?.value, {});
        expect(total, definition.name?.value).toBeLessThan(50_000);
        expect(verifications).toBeLessThanOrEqual(MAX_VERIFICATIONS);
      }
    }
  });
});

describe('operations over budget, through the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ database: 'sqlite' });
  });
  afterAll(() => stack?.stop());

  it('refuses the alias attack (20 × 100 names with receipts, in a variable) at once, before any subgraph works', async () => {
    // A gateway that has been running a while (its code warm), meeting this document for the first time.
    await stack.query('{ __typename }');
    await stack.query(ALIAS_ATTACK.replace(/\ba(\d+):/g, 'warm$1:'), { names: names(100) });
    const before = stack.statements();
    const started = performance.now();
    const attack = await stack.query(ALIAS_ATTACK, { names: names(100) });
    const elapsed = performance.now() - started;
    expect(attack.status).toBe(400);
    expect(codes(attack)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(attack.errors![0].message).toMatch(/2000 names and ids.*limit of 100/);
    expect(elapsed).toBeLessThan(50);
    expect(stack.statements()).toBe(before);
  });

  it('stays responsive with flat memory under eight such attacks at once', async () => {
    await stack.query(ALIAS_ATTACK, { names: names(100) });
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const attacks = Array.from({ length: 8 }, () => stack.query(ALIAS_ATTACK, { names: names(100) }));
    const started = performance.now();
    const trivial = await stack.query('{ __typename }');
    const trivialMs = performance.now() - started;
    const answers = await Promise.all(attacks);
    expect(answers.every((a) => a.status === 400)).toBe(true);
    expect(trivial.errors).toBeUndefined();
    expect(trivialMs).toBeLessThan(200);
    // Refusals keep nothing: the heap grows by far less than one answer of 20,000 receipts (about 14 MB).
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(8 * 1024 * 1024);
  });

  it('shares the 100 names among aliases, and still answers one verifyMembers of 100 names with receipts', async () => {
    const two = await stack.query(`query($names: [String!]) { ${VERIFY('a')} ${VERIFY('b')} }`, { names: names(60) });
    expect(two.status).toBe(400);
    expect(two.errors![0].message).toMatch(/120 names and ids/);
    const one = await stack.query<any>(`query($names: [String!]) { ${VERIFY('a')} }`, { names: [...names(99), 'Aegis Meridian'] });
    expect(one.errors).toBeUndefined();
    expect(one.data.a).toHaveLength(100);
    expect(one.data.a[99].matches[0].result.receipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('refuses a list-heavy operation over the cost budget, naming the limit', async () => {
    const heavy = Array.from(
      { length: 10 },
      (_, i) => `o${i}: organizations(first: 100) { edges { node { id name statusHistory { status reason } names { name kind } certifications { certificateNumber history { status } } } } }`,
    ).join(' ');
    const response = await stack.query(`{ ${heavy} }`);
    expect(response.status).toBe(400);
    expect(response.errors![0].message).toMatch(/estimated cost is at least \d+, above the limit of 50000/);
  });
});
