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
/** About 1 KB at depth 24: each fragment spreads the next one twice, so the last is spread 2^depth times. */
const fanOut = (depth: number, last: string) =>
  `query Q { ...F0 } ${Array.from({ length: depth }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} ` +
  `fragment F${depth} on Query { ${last} }`;
/** Costs 4: organizations, edges, node, id. */
const COUNTED = 'organizations(first: 1) { edges { node { id } } }';
/** An operation `levels` selections deep, one fragment per level below the first. */
const deepThroughFragments = (levels: number) => {
  const fields = ['currentCertification', 'organization'];
  const types = ['Organization', 'Certification'];
  const fragments = Array.from({ length: levels - 2 }, (_, i) => `fragment D${i} on ${types[i % 2]} { ${fields[i % 2]} { ...D${i + 1} } }`);
  fragments.push(`fragment D${levels - 2} on ${types[levels % 2]} { __typename }`);
  return `{ organization(id: "none") { ...D0 } } ${fragments.join(' ')}`;
};

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

  it('sizes a page read backwards (last) as one read forwards (first), nested too, inline or in variables', () => {
    const nested = (arg: 'first' | 'last', n: number | string) =>
      `{ organizations(${arg}: ${n}) { edges { node { id complaintsPage(${arg}: ${n}) { edges { node { id status } } } } } } }`;
    const forwards = cost(nested('first', 100)).cost;
    // 1 + 1 + 100 × (node, id, complaintsPage, edges) + 100 × 100 × (node, id, status)
    expect(forwards).toBe(1 + 1 + 100 * 4 + 100 * 100 * 3);
    expect(cost(nested('last', 100)).cost).toBe(forwards);
    expect(cost(nested('last', 5)).cost).toBe(cost(nested('first', 5)).cost);
    expect(cost('query($n: Int) { organizations(last: $n) { edges { node { id } } } }', { n: 100 }).cost).toBe(
      cost('{ organizations(first: 100) { edges { node { id } } } }').cost,
    );
    // Neither given: the default page of 20.
    expect(cost('{ organizations { edges { node { id } } } }').cost).toBe(cost('{ organizations(last: 20) { edges { node { id } } } }').cost);
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

  it('walks a fragment once however often it is spread, costing it at every spread, and stops past the limit', () => {
    // Each of the 21 fragments walked once: its two spreads, and the last one's four fields.
    expect(operationCost(schema, parse(fanOut(20, COUNTED)), undefined, {}).visited).toBeLessThan(60);
    const document = parse(fanOut(40, COUNTED));
    const counted = operationCost(schema, document, undefined, {});
    expect(counted.cost).toBe(4 * 2 ** 40);
    // Each of the 41 fragments walked once: its two spreads, and the last one's four fields.
    expect(counted.visited).toBeLessThan(100);
    expect(operationCost(schema, document, undefined, {}, 50_000).cost).toBeGreaterThan(50_000);
    expect(operationCost(schema, parse(fanOut(40, '__typename')), undefined, {}).cost).toBe(0);
    // A fragment in pages of many sizes is walked at two of them, and costs each page's size.
    const pages = Array.from({ length: 50 }, (_, i) => `p${i}: organizations(first: ${i + 1}) { ...C0 }`).join(' ');
    const chain = Array.from({ length: 50 }, (_, i) => `fragment C${i} on OrganizationConnection { ...C${i + 1} }`).join(' ');
    const paged = operationCost(schema, parse(`{ ${pages} } ${chain} fragment C50 on OrganizationConnection { edges { node { id } } }`), undefined, {});
    // Each page: organizations, edges, and (node, id) per item.
    expect(paged.cost).toBe(Array.from({ length: 50 }, (_, i) => 2 + 2 * (i + 1)).reduce((a, b) => a + b));
    expect(paged.visited).toBeLessThan(400);
  });

  it('ends on fragments spread in a cycle (validation refuses them)', () => {
    const cycle = operationCost(schema, parse('{ ...A } fragment A on Query { ...B ...B } fragment B on Query { ...A ...A organizations { totalCount } }'), undefined, {});
    expect(cycle.visited).toBeLessThan(20);
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
    const attack = await stack.query(ALIAS_ATTACK, { names: names(100) });
    expect(attack.status).toBe(400);
    expect(codes(attack)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(attack.errors![0].message).toMatch(/2000 names and ids.*limit of 100/);
    // At once is judged by the work done, not by a clock on a shared machine: no statement ran anywhere,
    // and pricing the document walked a few selections, not 2,000 receipts.
    expect(stack.statements()).toBe(before);
    expect(operationCost(schema, parse(ALIAS_ATTACK), undefined, { names: names(100) }).visited).toBeLessThan(200);
  });

  it('stays responsive with flat memory under eight such attacks at once', async () => {
    await stack.query(ALIAS_ATTACK, { names: names(100) });
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const attacks = Array.from({ length: 8 }, () => stack.query(ALIAS_ATTACK, { names: names(100) }));
    // Responsive means the gateway never reports its event loop blocked (under-pressure answers 503 then).
    const [trivial, live] = await Promise.all([stack.query('{ __typename }'), fetch(`${stack.gatewayBaseUrl}/health/live`)]);
    const answers = await Promise.all(attacks);
    expect(answers.every((a) => a.status === 400)).toBe(true);
    expect(trivial.status).toBe(200);
    expect(trivial.errors).toBeUndefined();
    expect(live.status).toBe(200);
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

  it('answers fragments that spread the next one twice at once, at depths 20, 24 and 40, while /health/live answers', async () => {
    for (const depth of [20, 24, 40]) {
      for (const [last, status] of [['__typename', 200], [COUNTED, 400]] as const) {
        const started = performance.now();
        const [response, live] = await Promise.all([
          stack.query<any>(fanOut(depth, last)),
          fetch(`${stack.gatewayBaseUrl}/health/live`).then((r) => ({ status: r.status, ms: performance.now() - started })),
        ]);
        const elapsed = performance.now() - started;
        expect(response.status, `depth ${depth}, ${last}`).toBe(status);
        if (status === 200) expect(response.data).toEqual({ __typename: 'Query' });
        else expect(response.errors![0]).toMatchObject({ message: expect.stringMatching(/estimated cost is at least \d+, above the limit/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
        expect(live.status).toBe(200);
        // Generous on a loaded machine: the walk per spread took 7 s at depth 24 and would take days at 40.
        expect(elapsed, `depth ${depth}, ${last}`).toBeLessThan(2000);
        expect(live.ms).toBeLessThan(2000);
      }
    }
  });

  it('refuses fragments spread in a cycle', async () => {
    const response = await stack.query('{ ...A } fragment A on Query { ...B ...B } fragment B on Query { ...A ...A organizations { totalCount } }');
    expect(response.status).toBe(400);
    expect(codes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
  });

  it('counts aliases of __typename like any other alias', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    expect((await stack.query(aliases(20))).status).toBe(200);
    const over = await stack.query(aliases(21));
    expect(over.status).toBe(400);
    expect(codes(over)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(over.errors![0].message).toMatch(/Aliases limit of 20 exceeded, found 21/);
  });

  it('counts depth in selections through fragments, a spread being no level of its own', async () => {
    // Runs: the organization is not found.
    const twelve = await stack.query<any>(deepThroughFragments(12));
    expect(codes(twelve)).toEqual(['NOT_FOUND']);
    expect(twelve.data).toEqual({ organization: null });
    const thirteen = await stack.query(deepThroughFragments(13));
    expect(thirteen.status).toBe(400);
    expect(codes(thirteen)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(thirteen.errors![0].message).toMatch(/depth limit of 12 exceeded, found 13/);
  });

  it('refuses a list-heavy operation over the cost budget, naming the limit', async () => {
    const heavy = Array.from(
      { length: 10 },
      (_, i) => `o${i}: organizations(first: 100) { edges { node { id name statusHistory { status reason } names { name kind } certifications { certificateNumber history { status } } } } }`,
    ).join(' ');
    const response = await stack.query(`{ ${heavy} }`);
    expect(response.status).toBe(400);
    expect(response.errors![0].message).toMatch(/estimated cost is at least \d+, above the limit of 50000/);
    // A document sent without variables is priced once: the second time it is refused alike.
    const again = await stack.query(`{ ${heavy} }`);
    expect(again.status).toBe(400);
    expect(again.errors![0].message).toBe(response.errors![0].message);
  });

  it('prices a document with the variables of each request, whether it came before without them or not', async () => {
    const document = `query Twice($names: [String!]) { ${VERIFY('a')} ${VERIFY('b')} }`;
    const overBudget = (answer: { status: number; errors?: { message: string }[] }) =>
      answer.status === 400 && /names and ids/.test(answer.errors?.[0]?.message ?? '');
    expect(overBudget(await stack.query(document))).toBe(false);
    const many = await stack.query(document, { names: names(60) });
    expect(overBudget(many)).toBe(true);
    expect(many.errors![0].message).toMatch(/120 names and ids/);
    expect(overBudget(await stack.query(document))).toBe(false);
    expect(overBudget(await stack.query(document, { names: names(40) }))).toBe(false);
    expect(overBudget(await stack.query(document, { names: names(51) }))).toBe(true);
  });
});
