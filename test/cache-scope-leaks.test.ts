import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET, issueToken } from '../services/shared/src';
import { VIEWER_DEPENDENT_FIELDS } from '../services/shared/src/viewer-dependent';
import { DATABASES } from './support/databases';
import { ORG } from './support/membership';
import { startStack, type Stack } from './support/stack';

/**
 * Signed-in callers are served cached public answers (issue: speed for signed-in callers). This reads
 * every restricted and every viewer-dependent field the walk can reach, as each role, through one
 * gateway with its caches on: each role first alone (its own answer), then right after every other role
 * asked the very same operation. An answer that leaked through the shared cache would differ from the
 * role's own.
 */

const ROLES = ['anonymous', 'partner', 'member', 'otherMember', 'secretariat'] as const;
type Caller = (typeof ROLES)[number];

/** Where the walk reaches each type from: a path whose `FIELD` is replaced by the field asked. */
const ANCHORS: Record<string, (field: string) => string> = {
  Query: (field) => field,
  Organization: (field) => `organization(id: "${ORG.aegisMeridian}") { id ${field} }`,
  ComplaintStatistics: (field) => `organization(id: "${ORG.aegisMeridian}") { complaintStatistics { ${field} } }`,
  MembershipStatusEntry: (field) => `organization(id: "${ORG.aegisMeridian}") { statusHistory { status ${field} } }`,
  OrganizationChange: (field) => `organization(id: "${ORG.aegisMeridian}") { history { kind ${field} } }`,
  MonitoringActivity: (field) => `organization(id: "${ORG.aegisMeridian}") { monitoringActivitiesPage(first: 5) { edges { node { id ${field} } } } }`,
  TransparencyReport: (field) => `transparencyReport(year: 2025) { year ${field} }`,
};

/** A value for a required argument, or undefined when the walk cannot make one up (an input object). */
function valueFor(argument: GraphQLArgument | { name: string; type: GraphQLInputType }): string | undefined {
  const type = isNonNullType(argument.type) ? argument.type.ofType : argument.type;
  if (isListType(type)) {
    const inner = valueFor({ name: argument.name, type: type.ofType as GraphQLInputType });
    return inner === undefined ? undefined : `[${inner}]`;
  }
  if (isInputObjectType(type)) return undefined;
  if (isEnumType(type)) return type.getValues()[0]?.name;
  switch (type.name) {
    case 'ID':
      return `"${ORG.aegisMeridian}"`;
    case 'Int':
      return argument.name === 'year' ? '2025' : '2';
    case 'Float':
      return '1';
    case 'Boolean':
      return 'false';
    case 'Date':
      return '"2025-06-30"';
    case 'DateTime':
      return '"2025-06-30T00:00:00Z"';
    default:
      return argument.name.toLowerCase().includes('country') ? '"IQ"' : '"Aegis"';
  }
}

/** The field with its required arguments, and the plain fields of what it returns. */
function selection(field: GraphQLField<unknown, unknown>): string | undefined {
  const args: string[] = [];
  for (const argument of field.args) {
    if (!isNonNullType(argument.type) || argument.defaultValue !== undefined) continue;
    const value = valueFor(argument);
    if (value === undefined) return undefined;
    args.push(`${argument.name}: ${value}`);
  }
  const named = getNamedType(field.type);
  const head = `${field.name}${args.length ? `(${args.join(', ')})` : ''}`;
  if (isLeafType(named)) return head;
  if (!isObjectType(named)) return `${head} { __typename }`;
  const leaves = Object.values(named.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)))
    .slice(0, 8)
    .map((f) => f.name);
  return `${head} { __typename ${leaves.join(' ')} }`;
}

/** Restricted fields as the supergraph shows them: their description says who may read them. */
function restrictedOrDependent(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): boolean {
  if (VIEWER_DEPENDENT_FIELDS[`${type.name}.${field.name}`]) return true;
  return /Secretariat|partners? only|its own|members of|the organization's members|restricted/i.test(field.description ?? '');
}

/** The answer as a caller sees it, less what changes from one asking to the next (the request id in errors). */
function normalised(body: { data?: unknown; errors?: { path?: unknown; extensions?: { code?: unknown } }[] }): string {
  return JSON.stringify({ data: body.data ?? null, errors: (body.errors ?? []).map((e) => ({ path: e.path, code: e.extensions?.code })) });
}

describe.each(DATABASES)('signed-in callers and the shared cache (%s)', (database) => {
  let stack: Stack;
  let apiSchema: GraphQLSchema;
  const tokens: Partial<Record<Caller, string>> = {};
  beforeAll(async () => {
    stack = await startStack({ database, env: { CACHE_MAX_AGE: '60' } });
    const supergraphSdl = readFileSync(path.join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8');
    apiSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
    tokens.partner = await stack.token('partner');
    tokens.member = await stack.token('member', ORG.aegisMeridian);
    tokens.otherMember = await stack.token('member', ORG.kestrelGuarding);
    tokens.secretariat = await stack.token('secretariat');
  });
  afterAll(() => stack?.stop());

  async function ask(caller: Caller, operation: string, url = stack.gatewayUrl) {
    const token = tokens[caller];
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: operation }),
    });
    return { body: (await response.json()) as Parameters<typeof normalised>[0], age: response.headers.get('age'), cacheControl: response.headers.get('cache-control') };
  }

  it('serves no role an answer computed for another, for every restricted and viewer-dependent field the walk reaches', async () => {
    const operations: { coordinate: string; text: (name: string) => string }[] = [];
    const unreachable: string[] = [];
    for (const [typeName, anchor] of Object.entries(ANCHORS)) {
      const type = apiSchema.getType(typeName) as GraphQLObjectType;
      for (const field of Object.values(type.getFields())) {
        if (!restrictedOrDependent(type, field)) continue;
        const asked = selection(field);
        const text = (name: string) => `query ${name} { ${anchor(asked ?? '')} }`;
        if (!asked || validate(apiSchema, parse(text('Check'))).length > 0) {
          unreachable.push(`${typeName}.${field.name}`);
          continue;
        }
        operations.push({ coordinate: `${typeName}.${field.name}`, text });
      }
    }
    // Every listed field on these types is walked; the restricted Organization fields too.
    for (const coordinate of Object.keys(VIEWER_DEPENDENT_FIELDS).filter((c) => ANCHORS[c.split('.')[0]])) {
      expect(unreachable, coordinate).not.toContain(coordinate);
    }
    for (const field of ['contacts', 'findings', 'riskReports', 'complaints', 'certificationApplications', 'history', 'complaintStatistics']) {
      expect(operations.map((o) => o.coordinate)).toContain(`Organization.${field}`);
    }
    expect(operations.length).toBeGreaterThan(40);

    const leaks: string[] = [];
    let compared = 0;
    let shared = 0;
    let differing = 0;
    const work = operations.map((operation, index) => async () => {
      const own: Partial<Record<Caller, string>> = {};
      for (const caller of ROLES) own[caller] = normalised((await ask(caller, operation.text(`Own_${caller}_${index}`))).body);
      if (new Set(Object.values(own)).size > 1) differing += 1;
      for (const first of ROLES) {
        for (const second of ROLES) {
          if (first === second) continue;
          const name = `After_${first}_${second}_${index}`;
          await ask(first, operation.text(name));
          const answer = await ask(second, operation.text(name));
          compared += 1;
          if (answer.age !== null) shared += 1;
          if (normalised(answer.body) !== own[second]) leaks.push(`${operation.coordinate}: ${second} after ${first}`);
        }
      }
    });
    // A few operations at a time: the walk is long, the order within one operation is what matters.
    const queue = [...work];
    await Promise.all(Array.from({ length: 6 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await next();
    }));
    expect(leaks).toEqual([]);
    expect(compared).toBe(operations.length * ROLES.length * (ROLES.length - 1));
    // The walk meant something: most fields answer the roles differently, and some answers were shared.
    expect(differing).toBeGreaterThan(operations.length / 2);
    expect(shared).toBeGreaterThan(0);
  }, 600_000);

  it('serves a partner the public directory from the cache, but never the Secretariat the public\'s history', async () => {
    const directory = /* GraphQL */ `query SharedDirectory { organizations(filter: { pillar: PRIVATE_SECURITY_COMPANY }, first: 5) {
      edges { node { id name membershipStatus standing certificationStatus complaintStatistics { total { value fewerThan } asOf } } } } }`;
    const anonymous = await ask('anonymous', directory);
    expect(anonymous.body.errors).toBeUndefined();
    const statements = stack.statements();
    const partner = await ask('partner', directory);
    expect(partner.age).not.toBeNull();
    expect(stack.statements()).toBe(statements);
    expect(normalised(partner.body)).toBe(normalised(anonymous.body));
    // Whatever the gateway kept, a signed-in caller's answer is never kept on the way.
    expect(partner.cacheControl).toBe('no-store');

    const history = `query SharedHistory { organization(id: "${ORG.aegisMeridian}") { history { kind recordedAt } } }`;
    const publicHistory = await ask('anonymous', history);
    const partnerHistory = await ask('partner', history);
    expect(partnerHistory.age).not.toBeNull();
    const secretariatHistory = await ask('secretariat', history);
    expect(secretariatHistory.age).toBeNull();
    const ownHistory = await ask('secretariat', history.replace('SharedHistory', 'OwnHistory'));
    expect(normalised(secretariatHistory.body)).toBe(normalised(ownHistory.body));
    expect(normalised(partnerHistory.body)).toBe(normalised(publicHistory.body));
  });

  describe.skipIf(!process.env.TEST_REDIS_URL)('with replicas sharing Redis (TEST_REDIS_URL)', () => {
    it('shows the Secretariat its change at once on another replica, and keeps any writer off cached copies there for the max-age', async () => {
      const env = { RATE_LIMIT_REDIS_URL: process.env.TEST_REDIS_URL! };
      const [a, b] = await Promise.all([stack.anotherGateway(env), stack.anotherGateway(env)]);
      // People of their own: what other tests' callers wrote through the same Redis is not theirs.
      const run = `${database}-${Date.now()}`;
      tokens.secretariat = await issueToken(DEVELOPMENT_JWT_SECRET, { role: 'secretariat', subject: `staff-${run}` });
      tokens.partner = await issueToken(DEVELOPMENT_JWT_SECRET, { role: 'partner', organizationId: 'partner-org-cache', subject: `partner-${run}` });
      tokens.member = await issueToken(DEVELOPMENT_JWT_SECRET, { role: 'member', organizationId: ORG.aegisMeridian, subject: `member-${run}` });
      const read = `query Profile { organization(id: "${ORG.kestrelGuarding}") { id name website } }`;
      const websiteOf = (answer: Awaited<ReturnType<typeof ask>>) => (answer.body.data as { organization: { website: string } }).organization.website;
      for (const caller of ['anonymous', 'partner', 'member'] as const) await ask(caller, read, b.url);
      // Partners and members are served from b's cache; the Secretariat never is (it also changes the register outside the graph).
      for (const caller of ['partner', 'member'] as const) expect((await ask(caller, read, b.url)).age).not.toBeNull();
      expect((await ask('secretariat', read, b.url)).age).toBeNull();
      const website = `https://kestrel-${Date.now()}.example`;
      const changed = await ask(
        'secretariat',
        `mutation { updateOrganizationProfile(organizationId: "${ORG.kestrelGuarding}", reason: "New website", input: { website: "${website}" }) { id website } }`,
        a.url,
      );
      expect(changed.body.errors).toBeUndefined();
      // As stored (the address is normalised).
      const stored = (changed.body.data as { updateOrganizationProfile: { website: string } }).updateOrganizationProfile.website;
      expect(stored).toContain(website);
      expect(websiteOf(await ask('secretariat', read, b.url))).toBe(stored);
      // A partner who changes anything (its own watchlist, through a) reads past b's cache for the max-age: the record is in Redis.
      const made = await ask('partner', `mutation { createWatchlist(name: "Cache ${run}") { id } }`, a.url);
      expect(made.body.errors).toBeUndefined();
      const statements = stack.statements();
      const partnerAfter = await ask('partner', read, b.url);
      expect(partnerAfter.age).toBeNull();
      expect(stack.statements()).toBeGreaterThan(statements);
      expect(websiteOf(partnerAfter)).toBe(stored);
      const redis = new Redis(process.env.TEST_REDIS_URL!);
      try {
        expect((await redis.keys('icoca-graph:recent-writer:*')).length).toBeGreaterThan(0);
      } finally {
        redis.disconnect();
      }
      // A member, who changed nothing, is served the fresh copy from the cache.
      await ask('member', read, b.url);
      const cached = await ask('member', read, b.url);
      expect(cached.age).not.toBeNull();
      expect(websiteOf(cached)).toBe(stored);
      await Promise.all([a.stop(), b.stop()]);
    });
  });
});
