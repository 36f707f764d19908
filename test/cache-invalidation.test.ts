import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../gateway/src/gateway';
import { complaintInput, SUBMIT } from './support/complaints';
import { ORG } from './support/membership';
import { startStack, type Stack } from './support/stack';

/**
 * What empties the gateway's caches, and what bounds them. Only a mutation that committed a change
 * makes stale, and only the cached answers that show what it changed (tags by type, see
 * gateway/src/cache-tags.ts); a refused one changes nothing, so it empties nothing. The edge cache's
 * keys are hashes without the parameters that do not make the answer, and it holds at most
 * EDGE_CACHE_MAX_ENTRIES entries and EDGE_CACHE_MAX_BYTES bytes, keys included.
 */
const DIRECTORY = /* GraphQL */ `{ organizations(first: 5) { totalCount edges { node { id name membershipStatus } } } }`;
const STATISTICS = /* GraphQL */ `query($id: ID!) { organization(id: $id) { id complaintStatistics { total { value fewerThan } asOf } } }`;
const BODIES = /* GraphQL */ `{ certificationBodies { name } }`;
const RECORD_BODY = /* GraphQL */ `mutation B($input: CertificationBodyInput!) { recordCertificationBody(input: $input) { id } }`;
const APPLY_BADLY = /* GraphQL */ `mutation { submitMembershipApplication(input: { organizationName: "Refused Guarding Ltd",
  pillar: CIVIL_SOCIETY, requestedCategory: MEMBER, headquartersCountry: "KE", contactName: "A. Person",
  contactEmail: "not an address" }) { id } }`;

function getUrl(gatewayUrl: string, query: string, variables?: Record<string, unknown>, extra = '') {
  const url = new URL(gatewayUrl);
  url.searchParams.set('query', query);
  if (variables) url.searchParams.set('variables', JSON.stringify(variables));
  return `${url.href}${extra}`;
}

async function get(gatewayUrl: string, query: string, variables?: Record<string, unknown>, extra = '') {
  const response = await fetch(getUrl(gatewayUrl, query, variables, extra), { headers: { 'apollo-require-preflight': 'true' } });
  return { status: response.status, age: response.headers.get('age'), body: (await response.json()) as any };
}

async function post(gatewayUrl: string, query: string, variables?: Record<string, unknown>, token?: string) {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, age: response.headers.get('age'), body: (await response.json()) as any };
}

/** Runs `count` tasks, `concurrency` at a time. */
async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** The process's memory once garbage is collected (RSS alone also counts garbage V8 has not collected yet). */
function memory() {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const { rss, heapUsed } = process.memoryUsage();
  return `RSS ${Math.round(rss / 1024 / 1024)} MiB, heap ${Math.round(heapUsed / 1024 / 1024)} MiB`;
}

describe('what empties and what bounds the gateway caches', () => {
  let stack: Stack;
  let gateway: RunningGateway;
  beforeAll(async () => {
    stack = await startStack({ database: 'sqlite' });
    gateway = await stack.anotherGateway();
  });
  afterAll(() => stack?.stop());

  it('keeps every cached answer after a refused mutation (BAD_USER_INPUT)', async () => {
    const statistics = { id: ORG.aegisMeridian };
    await get(gateway.url, DIRECTORY);
    await get(gateway.url, STATISTICS, statistics);
    await post(gateway.url, DIRECTORY);
    const statements = stack.statements();
    const refused = await post(gateway.url, APPLY_BADLY);
    expect(refused.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const refusedComplaint = await post(gateway.url, SUBMIT, { input: complaintInput({ incidentCountry: 'not a country' }) });
    expect(refusedComplaint.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const afterRefusals = stack.statements();
    // Each cached answer is still served from memory: the edge cache for GET, Apollo's response cache for POST.
    for (const again of [await get(gateway.url, DIRECTORY), await get(gateway.url, STATISTICS, statistics), await post(gateway.url, DIRECTORY)]) {
      expect(again.status).toBe(200);
      expect(again.age).not.toBeNull();
    }
    expect(stack.statements()).toBe(afterRefusals);
    expect(afterRefusals).toBeGreaterThanOrEqual(statements);
  });

  it('makes stale after a committed mutation only the answers that show what it changed, at once for its caller', async () => {
    const secretariat = await stack.token('secretariat');
    const names = async (how: typeof get | typeof post) => ((await how(gateway.url, BODIES)).body.data.certificationBodies as { name: string }[]).map((b) => b.name);
    const before = await names(get);
    await names(post);
    const directory = await get(gateway.url, DIRECTORY);
    const postedDirectory = await post(gateway.url, DIRECTORY);
    const name = `Cache Test Certification ${randomBytes(3).toString('hex')}`;
    const recorded = await post(gateway.url, RECORD_BODY, { input: { name, accreditationBody: 'DAkkS', country: 'DE' } }, secretariat);
    expect(recorded.body.errors).toBeUndefined();
    // The new body is listed at once, through GET and POST alike (both caches dropped what it changed)...
    expect(await names(get)).toEqual(expect.arrayContaining([...before, name]));
    expect(await names(post)).toContain(name);
    // ...while the directory, which a certification body does not change, is still answered from memory.
    const statements = stack.statements();
    const again = await get(gateway.url, DIRECTORY);
    expect(again.age).not.toBeNull();
    expect(again.body).toEqual(directory.body);
    expect((await post(gateway.url, DIRECTORY)).body).toEqual(postedDirectory.body);
    expect(stack.statements()).toBe(statements);
    // A complaint, committed, leaves the directory cached too (it changes complaint figures only).
    const filed = await post(gateway.url, SUBMIT, { input: complaintInput() });
    expect(filed.body.errors).toBeUndefined();
    expect((await get(gateway.url, DIRECTORY)).age).not.toBeNull();
  });

  it('stays within its bounds under 20,000 GETs with an 8 KB junk parameter, and under distinct 8 KB queries', async () => {
    const query = /* GraphQL */ `{ riskAreas { code } }`;
    expect((await get(gateway.url, query)).status).toBe(200);
    const memoryBefore = memory();
    const startedAt = Date.now();
    let answered = 0;
    let fromMemory = 0;
    await inParallel(20_000, 32, async () => {
      const junk = `&junk=${randomBytes(4096).toString('hex')}`;
      const response = await fetch(getUrl(gateway.url, query, undefined, junk), { headers: { 'apollo-require-preflight': 'true' } });
      if (response.status === 200) answered += 1;
      if (response.headers.get('age') !== null) fromMemory += 1;
      await response.arrayBuffer();
    });
    const memoryAfterJunk = memory();
    // Left out of the key: one entry answered them all, but when its max-age ran out (a wave of at most 32 then).
    expect(answered).toBe(20_000);
    expect(20_000 - fromMemory).toBeLessThanOrEqual(32 * Math.ceil((Date.now() - startedAt) / 60_000));
    const afterJunk = gateway.edgeCacheStats()!;
    expect(afterJunk.maxEntries).toBe(10_000);
    expect(afterJunk.maxBytes).toBe(32 * 1024 * 1024);
    expect(afterJunk.entries).toBeLessThan(10);
    expect(afterJunk.bytes).toBeLessThan(64 * 1024);

    // Junk where it does change the key (a comment in the query): each is a new entry, up to the bounds.
    const small = await stack.anotherGateway({ EDGE_CACHE_MAX_ENTRIES: '500', EDGE_CACHE_MAX_BYTES: String(256 * 1024) });
    let peakEntries = 0;
    let peakBytes = 0;
    await inParallel(2_000, 16, async (i) => {
      const response = await get(small.url, `${query} # ${i} ${randomBytes(4096).toString('hex')}`);
      expect(response.status).toBe(200);
      const { entries, bytes } = small.edgeCacheStats()!;
      peakEntries = Math.max(peakEntries, entries);
      peakBytes = Math.max(peakBytes, bytes);
    });
    const memoryAfterQueries = memory();
    expect(peakEntries).toBeLessThanOrEqual(500);
    expect(peakBytes).toBeLessThanOrEqual(256 * 1024);
    expect(small.edgeCacheStats()!.entries).toBeGreaterThan(100);
    // The figures for the record (docs/security.md): the same run, before and after.
    process.stdout.write(
      `Memory: ${memoryBefore} before; ${memoryAfterJunk} after 20,000 junk-parameter GETs ` +
        `(edge cache ${afterJunk.entries} entries, ${afterJunk.bytes} bytes); ${memoryAfterQueries} after 2,000 distinct 8 KB queries ` +
        `(peak ${peakEntries} entries, ${peakBytes} bytes)\n`,
    );
  }, 600_000);

  describe.skipIf(!process.env.TEST_REDIS_URL)('with replicas sharing Redis (TEST_REDIS_URL)', () => {
    it('drops the copies of every replica before the mutation answers its caller', async () => {
      const env = { RATE_LIMIT_REDIS_URL: process.env.TEST_REDIS_URL! };
      const [a, b] = await Promise.all([stack.anotherGateway(env), stack.anotherGateway(env)]);
      const secretariat = await stack.token('secretariat');
      const names = async (replica: RunningGateway) =>
        ((await get(replica.url, BODIES)).body.data.certificationBodies as { name: string }[]).map((body) => body.name);
      const statistics = { id: ORG.kestrelGuarding };
      await names(b);
      await get(b.url, STATISTICS, statistics);
      await get(b.url, DIRECTORY);
      // A refused mutation on one replica empties nothing on the other.
      expect((await post(a.url, APPLY_BADLY)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      const statements = stack.statements();
      expect((await get(b.url, STATISTICS, statistics)).age).not.toBeNull();
      expect((await get(b.url, BODIES)).age).not.toBeNull();
      expect(stack.statements()).toBe(statements);
      const name = `Replica Test Certification ${randomBytes(3).toString('hex')}`;
      const recorded = await post(a.url, RECORD_BODY, { input: { name, accreditationBody: 'UKAS', country: 'GB' } }, secretariat);
      expect(recorded.body.errors).toBeUndefined();
      // The caller's next read, on the other replica, sees its change; that replica's directory stays cached.
      expect(await names(b)).toContain(name);
      const directory = await get(b.url, DIRECTORY);
      expect(directory.age).not.toBeNull();
      await Promise.all([a.stop(), b.stop()]);
    });
  });
});
