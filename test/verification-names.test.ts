import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchKey } from '../services/membership/src/organization/name-matching.rules';
import { today } from './support/dates';
import { DATABASES } from './support/databases';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';

const VERIFY = /* GraphQL */ `
  query Verify($names: [String!], $ids: [ID!], $asOf: Date) {
    verifyMembers(names: $names, ids: $ids, asOf: $asOf) {
      query queryKind asOf matched ambiguous
      matches {
        matchedName matchedNameKind exactMatch
        result { organizationId asOf organizationName pillar membershipStatus membershipCategory memberSince certificationDeadline }
      }
    }
  }
`;

describe('name matching rules', () => {
  it('ignores case, accents, punctuation and legal-form suffixes', () => {
    expect(matchKey('Éclat Sécurité S.A.R.L.')).toBe('eclat securite');
    expect(matchKey('eclat securite')).toBe('eclat securite');
    expect(matchKey('Garrison Point Security (Pty) Ltd')).toBe('garrison point security');
    expect(matchKey('JADEPORT SECURITY SERVICES FZ-LLC')).toBe('jadeport security services');
    expect(matchKey('Nordhavn Maritime Protection A/S')).toBe('nordhavn maritime protection');
    expect(matchKey('Bastion Shield GmbH')).toBe(matchKey('bastion-shield'));
    expect(matchKey('Limited')).toBe('limited');
  });
});

describe.each(DATABASES)('verifyMembers, names and ids, on %s', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ database });
  });
  afterAll(() => stack?.stop());

  const verify = async (variables: Record<string, unknown>) => {
    const response = await stack.query<any>(VERIFY, variables);
    expect(response.errors).toBeUndefined();
    return response.data.verifyMembers as any[];
  };

  it('finds a company by a former name, in another case, with accents and with a legal suffix; exact only for the same name', async () => {
    const [former, upper, accents, suffix, sameName, formerExactly] = await verify({
      names: [
        'Meridian Risk Management Ltd.', 'LINDQVIST SÄKERHET', 'Eclat Securite', 'Bastion Shield Limited',
        'AEGIS  MERIDIAN SECURITY LTD', 'meridian risk management limited',
      ],
      asOf: '2026-03-01',
    });
    expect(former).toMatchObject({ queryKind: 'NAME', matched: true, ambiguous: false, asOf: '2026-03-01' });
    // Found, but loosely: "Ltd." is not "Limited".
    expect(former.matches[0]).toMatchObject({
      matchedName: 'Meridian Risk Management Limited',
      matchedNameKind: 'FORMER',
      exactMatch: false,
      result: { organizationId: ORG.aegisMeridian, organizationName: 'Aegis Meridian Security Ltd', membershipStatus: 'ACTIVE' },
    });
    expect(upper.matches[0].result.organizationName).toBe('Lindqvist Säkerhet AB');
    expect(upper.matches[0].exactMatch).toBe(false); // the legal form is missing
    expect(accents.matches[0]).toMatchObject({
      exactMatch: false, // the accents are missing
      result: { organizationName: 'Éclat Sécurité SARL', membershipCategory: 'AFFILIATE' },
    });
    expect(suffix.matches[0]).toMatchObject({ exactMatch: false, result: { organizationId: ORG.bastionShield } });
    expect(sameName.matches[0]).toMatchObject({
      matchedName: 'Aegis Meridian Security Ltd', matchedNameKind: 'REGISTERED', exactMatch: true,
      result: { organizationId: ORG.aegisMeridian },
    });
    expect(formerExactly.matches[0]).toMatchObject({ matchedNameKind: 'FORMER', exactMatch: true });
  });

  it('ranks exact matches before partial ones and answers "no match" explicitly', async () => {
    const [aegis, nothing] = await verify({ names: ['Aegis Meridian', 'Nonexistent Guarding Company'] });
    // "Aegis Meridian" is the trading name (exact) and part of the registered name: one entry per organization.
    expect(aegis.matches).toHaveLength(1);
    expect(aegis.matches[0]).toMatchObject({ matchedName: 'Aegis Meridian', matchedNameKind: 'TRADING', exactMatch: true });
    expect(aegis.ambiguous).toBe(false);
    expect(nothing).toEqual({
      query: 'Nonexistent Guarding Company',
      queryKind: 'NAME',
      asOf: today(),
      matched: false,
      ambiguous: false,
      matches: [],
    });
    const [maritime] = await verify({ names: ['Maritime'] });
    expect(maritime.matches.map((m: any) => m.result.organizationName)).toEqual(
      expect.arrayContaining(['Dunmore Maritime Security LLC', 'Nordhavn Maritime Protection A/S']),
    );
    expect(maritime.matches.every((m: any) => m.exactMatch === false)).toBe(true);
    // Several companies contain "Maritime" and none matches better: the partner should verify by id.
    expect(maritime.ambiguous).toBe(true);
    const [sameKeyFirst] = await verify({ names: ['Harbourline Protective Services'] });
    // The name without its legal form "Pte Ltd": the best match, though not an exact one.
    expect(sameKeyFirst.matches[0]).toMatchObject({ exactMatch: false, result: { organizationId: ORG.harbourline } });
    expect(sameKeyFirst.ambiguous).toBe(false);
  });

  it('answers ids, with the membership on the date asked about', async () => {
    const [before, after, unknown] = await verify({
      ids: [ORG.falconRidge, ORG.garrisonPoint, 'no-such-id'],
      asOf: '2025-06-01',
    });
    expect(before).toMatchObject({
      queryKind: 'ID', matched: true, ambiguous: false, matches: [{ exactMatch: true, matchedNameKind: 'REGISTERED' }],
    });
    expect(before.matches[0].result).toMatchObject({ membershipStatus: 'ACTIVE', membershipCategory: 'MEMBER', memberSince: '2017-11-02' });
    expect(after.matches[0].result.membershipStatus).toBe('SUSPENDED');
    expect(unknown).toMatchObject({ query: 'no-such-id', matched: false, matches: [] });
    const [notYet] = await verify({ ids: [ORG.montanaAzul], asOf: '2020-01-01' });
    expect(notYet.matches[0].result.membershipStatus).toBeNull();
  });

  it('refuses more than 100 entries, none at all, a future or malformed date', async () => {
    const names = Array.from({ length: 101 }, (_, i) => `Company ${i}`);
    // Over the gateway's budget of 100 names and ids per operation: refused before any subgraph works.
    const overBudget = await stack.query(VERIFY, { names });
    expect(overBudget.status).toBe(400);
    expect(codes(overBudget)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(await stack.query(VERIFY, { names: names.slice(0, 60), ids: names.slice(0, 41) }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    // The membership subgraph keeps its own limit, for callers that reach it otherwise (peers).
    expect(codes(await stack.querySubgraph('membership', VERIFY, { names }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.query(VERIFY, {}))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.query(VERIFY, { names: [], ids: [] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.query(VERIFY, { names: ['Aegis'], asOf: '2999-01-01' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.query(VERIFY, { names: ['Aegis'], asOf: '01/03/2026' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.query(VERIFY, { names: ['  '] }))).toEqual(['BAD_USER_INPUT']);
  });

  it('verifies 100 names in as many SQL statements as 2', async () => {
    const cost = async (names: string[]) => {
      const before = stack.statements();
      const answers = await verify({ names });
      expect(answers).toHaveLength(names.length);
      return stack.statements() - before;
    };
    const all = [
      'Aegis Meridian', 'Bastion Shield', 'Cordillera Proteccion', 'Dunmore Maritime', 'Eclat Securite',
      'Falcon Ridge', 'Garrison Point', 'Harbourline', 'Ironwood', 'Jadeport',
    ];
    const hundred = Array.from({ length: 100 }, (_, i) => (i < all.length ? all[i] : `Unknown Security ${i} Ltd`));
    const two = await cost(hundred.slice(0, 2));
    const many = await cost(hundred);
    expect(many).toBe(two);
    expect(two).toBeLessThanOrEqual(4);
  });
});
