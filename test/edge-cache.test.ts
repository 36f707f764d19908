import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { CacheTags, EVERYTHING } from '../gateway/src/cache-tags';
import { Invalidations } from '../gateway/src/cache-invalidations';
import { EdgeCache } from '../gateway/src/edge-cache';

/** The gateway's edge cache on its own: what it keeps, for how long, and what it never answers. */
function request(headers: Record<string, string> = {}, method = 'GET', url = '/graphql?query=%7B__typename%7D') {
  return { method, url, headers: { 'apollo-require-preflight': 'true', ...headers } } as never;
}

function reply(status = 200, headers: Record<string, string> = {}) {
  const sent: { headers: Record<string, string>; body?: string } = { headers: {} };
  const fake = {
    statusCode: status,
    getHeader: (name: string) => headers[name],
    header(name: string, value: string) {
      sent.headers[name] = value;
      return fake;
    },
    send(body: string) {
      sent.body = body;
      return fake;
    },
  };
  return { reply: fake as never, sent };
}

/** What the gateway notes of a query answer before it runs. */
const note = (invalidations: Invalidations, tags: string[] = ['Query.organizations', 'Organization']) => ({ tags, snapshot: invalidations.snapshot() });

describe('the edge cache', () => {
  it('keeps only answers Apollo marked public, and answers only preflighted GETs without a token', () => {
    const invalidations = new Invalidations();
    const cache = new EdgeCache(invalidations);
    expect(cache.keyOf(request({}, 'POST'))).toBeNull();
    expect(cache.keyOf(request({ authorization: 'Bearer x' }))).toBeNull();
    expect(cache.keyOf(request({ 'apollo-require-preflight': '' }))).toBeNull();
    const key = cache.keyOf(request())!;
    cache.keep(key, reply(200, { 'cache-control': 'no-store' }).reply, '{"data":{}}', note(invalidations));
    cache.keep(key, reply(400, { 'cache-control': 'max-age=60, public' }).reply, '{"errors":[]}', note(invalidations));
    expect(cache.answer(key, reply().reply)).toBe(false);
    cache.keep(key, reply(200, { 'cache-control': 'max-age=60, public', 'content-type': 'application/json' }).reply, '{"data":{"a":1}}', note(invalidations));
    const hit = reply();
    expect(cache.answer(key, hit.reply)).toBe(true);
    expect(hit.sent).toEqual({
      headers: { 'content-type': 'application/json', 'cache-control': 'max-age=60, public', age: '0' },
      body: '{"data":{"a":1}}',
    });
    // Another Accept header may get another content type from Apollo: another entry.
    expect(cache.keyOf(request({ accept: 'application/graphql-response+json' }))).not.toBe(key);
  });

  it('forgets an answer at its max-age, and the least recently used answers first when full', () => {
    vi.useFakeTimers();
    try {
      const invalidations = new Invalidations();
      const cache = new EdgeCache(invalidations, { maxBytes: 16 * 1024, maxEntries: 1000 });
      const keyOf = (url: string) => cache.keyOf(request({}, 'GET', url))!;
      const keep = (url: string, body: string) =>
        cache.keep(keyOf(url), reply(200, { 'cache-control': 'max-age=2, public' }).reply, body, note(invalidations));
      keep('/graphql?query=a', 'a'.repeat(3));
      vi.advanceTimersByTime(2001);
      expect(cache.answer(keyOf('/graphql?query=a'), reply().reply)).toBe(false);
      keep('/graphql?query=b', 'b'.repeat(3));
      keep('/graphql?query=c', 'c'.repeat(3));
      for (let i = 0; i < 100; i += 1) {
        // c is read all along: it stays while b, unread, goes.
        expect(cache.answer(keyOf('/graphql?query=c'), reply().reply)).toBe(true);
        keep(`/graphql?query=d${i}`, 'd'.repeat(3));
      }
      expect(cache.answer(keyOf('/graphql?query=b'), reply().reply)).toBe(false);
      expect(cache.answer(keyOf('/graphql?query=d99'), reply().reply)).toBe(true);
      expect(cache.stats().bytes).toBeLessThanOrEqual(16 * 1024);
    } finally {
      vi.useRealTimers();
    }
  });

  it('bounds entries and bytes, keys included: keys are hashes, and other query-string parameters are left out of them', () => {
    const invalidations = new Invalidations();
    const cache = new EdgeCache(invalidations, { maxEntries: 50, maxBytes: 64 * 1024 });
    const junk = 'x'.repeat(8 * 1024);
    const plain = cache.keyOf(request({}, 'GET', '/graphql?query=%7Ba%7D'))!;
    expect(cache.keyOf(request({}, 'GET', `/graphql?query=%7Ba%7D&junk=${junk}`))).toBe(plain);
    expect(cache.keyOf(request({}, 'GET', `/graphql?junk=${junk}&query=%7Ba%7D&_=1`))).toBe(plain);
    // What changes the answer changes the key, however it is spelled.
    expect(cache.keyOf(request({}, 'GET', '/graphql?query=%7Bb%7D'))).not.toBe(plain);
    expect(cache.keyOf(request({}, 'GET', '/graphql?query=%7Ba%7D&variables=%7B%7D'))).not.toBe(plain);
    expect(cache.keyOf(request({}, 'GET', '/graphql?%71uery=%7Ba%7D'))).not.toBe(cache.keyOf(request({}, 'GET', '/graphql?%71uery=%7Bb%7D')));
    for (let i = 0; i < 500; i += 1) {
      const key = cache.keyOf(request({ accept: junk }, 'GET', `/graphql?query=%7Ba%7D%23${i}${junk}`))!;
      expect(key.length).toBeLessThanOrEqual(64);
      cache.keep(key, reply(200, { 'cache-control': 'max-age=60, public' }).reply, `{"data":{"a":${i}}}`, note(invalidations));
      const { entries, bytes, maxEntries, maxBytes } = cache.stats();
      expect(entries).toBeLessThanOrEqual(maxEntries);
      expect(bytes).toBeLessThanOrEqual(maxBytes);
    }
    expect(cache.stats().entries).toBe(50);
    // A full body counts too: 2 KiB answers, 64 KiB in all.
    for (let i = 0; i < 100; i += 1) {
      cache.keep(`big-${i}`, reply(200, { 'cache-control': 'max-age=60, public' }).reply, 'b'.repeat(2048), note(invalidations));
    }
    expect(cache.stats().bytes).toBeLessThanOrEqual(64 * 1024);
    expect(cache.stats().entries).toBeLessThan(32);
  });

  it('drops only the answers that show what a change made stale, and never keeps one computed before it', () => {
    const invalidations = new Invalidations();
    const cache = new EdgeCache(invalidations);
    const store = (key: string, tags: string[], snapshot = invalidations.snapshot()) =>
      cache.keep(key, reply(200, { 'cache-control': 'max-age=60, public' }).reply, '{"data":{}}', { tags, snapshot });
    store('directory', ['Query.organizations', 'OrganizationConnection', 'Organization']);
    store('statistics', ['Query.organization', 'Organization', 'ComplaintStatistics']);
    store('risk', ['Query.riskAreas', 'RiskArea']);
    const before = invalidations.snapshot();
    invalidations.invalidate(['ComplaintStatistics', 'TransparencyReport']);
    expect(cache.answer('directory', reply().reply)).toBe(true);
    expect(cache.answer('risk', reply().reply)).toBe(true);
    expect(cache.answer('statistics', reply().reply)).toBe(false);
    // Computed from a snapshot taken before the change: not kept.
    store('statistics', ['Query.organization', 'Organization', 'ComplaintStatistics'], before);
    expect(cache.answer('statistics', reply().reply)).toBe(false);
    invalidations.invalidate([EVERYTHING]);
    expect(cache.answer('directory', reply().reply)).toBe(false);
    expect(cache.answer('risk', reply().reply)).toBe(false);
    // Without the gateway's note (tags and snapshot), nothing is kept.
    cache.keep('no-note', reply(200, { 'cache-control': 'max-age=60, public' }).reply, '{"data":{}}');
    expect(cache.answer('no-note', reply().reply)).toBe(false);
  });
});

describe('cache tags', () => {
  const schema = Supergraph.build(readFileSync('schema/supergraph.graphql', 'utf8')).apiSchema().toGraphQLJSSchema();
  const tags = new CacheTags(schema);
  const mutation = (source: string) => {
    const document = parse(source);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    return { document, operation };
  };

  it('names what each mutation of the graph changes (a new mutation must be listed)', () => {
    expect(tags.unlisted()).toEqual([]);
  });

  it('tags an answer with the objects it reads and its root fields', () => {
    const document = parse(`query($id: ID!) { organization(id: $id) { name complaintStatistics { received } ...F } }
      fragment F on Organization { statusHistory { status } pageInfo: id }`);
    expect([...tags.ofDocument(document)].sort()).toEqual(['ComplaintStatistics', 'MembershipStatusEntry', 'Organization', 'Query.organization']);
  });

  it('counts a mutation field as a change unless its own resolver refused it with a code that means nothing changed', () => {
    const { document, operation } = mutation(`mutation { a: submitComplaint(input: {}) { receiptCode } b: addContact { id } }`);
    const refused = [{ message: 'no', path: ['a'], extensions: { code: 'BAD_USER_INPUT' } }];
    expect(tags.changedBy(document, operation, null, refused)).toEqual(['Contact']);
    expect(tags.changedBy(document, operation, null, [...refused, { message: 'no', path: ['b'], extensions: { code: 'CONFLICT' } }])).toEqual([]);
    // Not run at all (no data): nothing changed.
    expect(tags.changedBy(document, operation, undefined, [{ message: 'invalid', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }])).toEqual([]);
    // Committed, then a field of its answer failed; or the subgraph did not answer: it may have changed.
    const nested = tags.changedBy(document, operation, null, [{ message: 'x', path: ['a', 'receiptCode'], extensions: { code: 'FORBIDDEN' } }]);
    expect(nested).toContain('ComplaintStatistics');
    expect(nested).not.toContain('Organization');
    expect(tags.changedBy(document, operation, null, [{ message: 'x', path: ['a'], extensions: { code: 'SERVICE_UNAVAILABLE' } }])).toContain('TransparencyReport');
  });

  it('keeps the directory out of what complaints and private records change', () => {
    const changed = (field: string) => tags.changedBy(...Object.values(mutation(`mutation { ${field} { __typename } }`)) as [never, never], { [field]: {} }, undefined);
    for (const field of ['submitComplaint', 'sendComplaintMessage', 'submitMembershipApplication', 'addContact', 'createWatchlist', 'setRiskLevel']) {
      expect(changed(field)).not.toContain('Organization');
      expect(changed(field)).not.toContain('Query.organizations');
    }
    expect(changed('submitComplaint')).toEqual(expect.arrayContaining(['ComplaintStatistics', 'ComplaintFigures']));
    expect(changed('submitMembershipApplication')).not.toContain('TransparencyReport');
    expect(changed('changeMembershipStatus')).toEqual(expect.arrayContaining(['Organization', 'VerificationResult', 'Query.organizations']));
    expect(changed('changeCertificationStatus')).toEqual(expect.arrayContaining(['Organization', 'Certification']));
    // A field visit's public methodology is read through its activity: recording it makes those answers stale, not the directory.
    expect(changed('recordFieldVisitConduct')).toEqual(expect.arrayContaining(['FieldVisitRecord']));
    for (const field of ['recordFieldVisitConduct', 'publishFieldVisitSummary', 'submitFieldVisitContribution']) {
      expect(changed(field)).not.toContain('*');
      expect(changed(field)).not.toContain('Organization');
    }
  });
});
