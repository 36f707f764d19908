import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './support/databases';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';
import { today, tomorrow } from './support/dates';

const PROFILE = /* GraphQL */ `
  query($id: ID!, $then: Date!) {
    organization(id: $id) {
      id name version headquartersCountry countriesOfOperation regionsOfOperation website
      nameThen: nameOn(date: $then) headquartersCountryThen: headquartersCountryOn(date: $then)
      countriesThen: countriesOfOperationOn(date: $then)
      names { id name kind validFrom validUntil recordedAt }
      history { kind before after effectiveFrom reason recordedAt }
    }
  }
`;
const RENAME = /* GraphQL */ `
  mutation($id: ID!, $name: String!, $reason: String!, $effectiveFrom: Date, $expectedVersion: Int, $ack: Boolean) {
    renameOrganization(organizationId: $id, name: $name, reason: $reason, effectiveFrom: $effectiveFrom,
                       expectedVersion: $expectedVersion, acknowledgeSimilarNames: $ack) { id name version }
  }
`;
const ADD_TRADING = /* GraphQL */ `
  mutation($id: ID!, $name: String!, $effectiveFrom: Date) {
    addTradingName(organizationId: $id, name: $name, reason: "Brand used in tenders", effectiveFrom: $effectiveFrom) {
      version names { id name kind validFrom validUntil }
    }
  }
`;
const END_TRADING = /* GraphQL */ `
  mutation($id: ID!, $nameId: ID!, $effectiveFrom: Date) {
    endTradingName(organizationId: $id, nameId: $nameId, reason: "Brand retired", effectiveFrom: $effectiveFrom) {
      names { id name kind validFrom validUntil }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation($id: ID!, $input: OrganizationProfileInput!, $effectiveFrom: Date, $expectedVersion: Int) {
    updateOrganizationProfile(organizationId: $id, input: $input, reason: "Notified by the company",
                              effectiveFrom: $effectiveFrom, expectedVersion: $expectedVersion) {
      version headquartersCountry countriesOfOperation regionsOfOperation website
    }
  }
`;
const VERIFY = /* GraphQL */ `
  query($names: [String!], $asOf: Date) {
    verifyMembers(names: $names, asOf: $asOf) {
      matches { matchedName matchedNameKind result { organizationId organizationName organizationNameAsOf } }
    }
  }
`;


describe.each(DATABASES)('profile changes with history on %s', (database) => {
  let stack: Stack;
  let secretariat: string;

  beforeAll(async () => {
    stack = await startStack({ database });
    secretariat = await stack.token('secretariat');
  });
  afterAll(() => stack?.stop());

  const profile = async (id: string, then: string, token = secretariat) => {
    const response = await stack.query<any>(PROFILE, { id, then }, { token });
    expect(response.errors).toBeUndefined();
    return response.data.organization;
  };

  it('renames on a past day: the old name becomes a former name until the day before, and answers for that past day change', async () => {
    const before = await profile(ORG.harbourline, '2024-01-01');
    // A partner's receipt, issued before the correction: its payload says when it was checked.
    const receipt = await stack.query<any>(
      /* GraphQL */ `query { verifyMembers(ids: ["${ORG.harbourline}"], asOf: "2024-06-01") { matches { result { receipt } } } }`);
    const jws: string = receipt.data.verifyMembers[0].matches[0].result.receipt;
    const receiptCheckedAt: string = JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString()).checkedAt;
    const renamed = await stack.query<any>(
      RENAME,
      { id: ORG.harbourline, name: 'Harbourline Maritime Pte Ltd', reason: 'Change of registered name', effectiveFrom: '2024-03-01', expectedVersion: before.version },
      { token: secretariat },
    );
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data.renameOrganization).toMatchObject({ name: 'Harbourline Maritime Pte Ltd', version: before.version + 1 });

    const after = await profile(ORG.harbourline, '2024-02-29');
    expect(after.nameThen).toBe('Harbourline Protective Services Pte Ltd');
    expect((await profile(ORG.harbourline, '2024-03-01')).nameThen).toBe('Harbourline Maritime Pte Ltd');
    expect(after.names.map((n: any) => [n.name, n.kind, n.validFrom, n.validUntil])).toEqual([
      ['Harbourline Maritime Pte Ltd', 'REGISTERED', '2024-03-01', null],
      ['Harbourline Protective Services Pte Ltd', 'FORMER', '2021-11-10', '2024-02-29'],
    ]);
    const [entry] = after.history;
    expect(entry).toMatchObject({
      kind: 'RENAMED', before: ['Harbourline Protective Services Pte Ltd'], after: ['Harbourline Maritime Pte Ltd'],
      effectiveFrom: '2024-03-01', reason: 'Change of registered name',
    });
    // Recorded today, long after the day it took effect: a receipt issued before now predates the correction.
    expect(entry.recordedAt.slice(0, 10)).toBe(today());

    // The directory finds it by its new name, and lists it under it among the companies of its country.
    const DIRECTORY = /* GraphQL */ `query($filter: OrganizationFilter) { organizations(filter: $filter, first: 100) { edges { node { id name } } } }`;
    const byName = await stack.query<any>(DIRECTORY, { filter: { search: 'Harbourline Maritime' } }, { token: secretariat });
    expect(byName.data.organizations.edges.map((e: any) => e.node.id)).toEqual([ORG.harbourline]);
    const inCountry = await stack.query<any>(DIRECTORY, { filter: { country: 'SG', statuses: ['ACTIVE'] } }, { token: secretariat });
    expect(inCountry.data.organizations.edges.map((e: any) => e.node.name)).toContain('Harbourline Maritime Pte Ltd');

    // Public: verification by the old name still finds it, and says which name it bore on the day asked.
    const verified = await stack.query<any>(VERIFY, { names: ['Harbourline Protective Services'], asOf: '2024-01-15' });
    expect(verified.data.verifyMembers[0].matches[0]).toMatchObject({
      matchedNameKind: 'FORMER',
      result: { organizationId: ORG.harbourline, organizationName: 'Harbourline Maritime Pte Ltd', organizationNameAsOf: 'Harbourline Protective Services Pte Ltd' },
    });
    const publicView = await stack.query<any>(PROFILE, { id: ORG.harbourline, then: '2024-01-01' });
    expect(publicView.data.organization.history.map((e: any) => e.kind)).toEqual(['RENAMED']);

    // Who made the change is the Secretariat's to know.
    const WHO = /* GraphQL */ `query($id: ID!) { organization(id: $id) { history { kind changedBy } } }`;
    const staff = await stack.query<any>(WHO, { id: ORG.harbourline }, { token: secretariat });
    expect(staff.data.organization.history).toEqual([{ kind: 'RENAMED', changedBy: 'test-secretariat' }]);
    const anonymousWho = await stack.query<any>(WHO, { id: ORG.harbourline });
    expect(codes(anonymousWho)).toEqual(['UNAUTHENTICATED']);
    const partnerWho = await stack.query<any>(WHO, { id: ORG.harbourline }, { token: await stack.token('partner') });
    expect(codes(partnerWho)).toEqual(['FORBIDDEN']);

    // A partner holding a receipt checked before the rename sees that the record was corrected after it.
    const SINCE = /* GraphQL */ `query($id: ID!, $since: DateTime) { organization(id: $id) { history(recordedAfter: $since) { kind effectiveFrom } } }`;
    const since = await stack.query<any>(SINCE, { id: ORG.harbourline, since: receiptCheckedAt });
    expect(since.data.organization.history).toEqual([{ kind: 'RENAMED', effectiveFrom: '2024-03-01' }]);
    const later = await stack.query<any>(SINCE, { id: ORG.harbourline, since: new Date().toISOString() });
    expect(later.data.organization.history).toEqual([]);
  });

  it('refuses bad renames with BAD_USER_INPUT naming the field or CONFLICT, and changes nothing', async () => {
    const before = await profile(ORG.kestrelGuarding, '2024-01-01');
    const attempts: [Record<string, unknown>, string, string | undefined][] = [
      [{ effectiveFrom: tomorrow() }, 'BAD_USER_INPUT', 'effectiveFrom'],
      [{ effectiveFrom: '2019-12-31' }, 'BAD_USER_INPUT', 'effectiveFrom'], // before admission (2020-01-20)
      [{ name: 'Kestrel\u202eGuarding' }, 'BAD_USER_INPUT', 'name'],
      [{ name: 'KESTREL GUARDING LTD' }, 'BAD_USER_INPUT', 'name'], // its name already
      [{ name: 'Aegis Meridian Security Limited' }, 'BAD_USER_INPUT', 'acknowledgeSimilarNames'], // another's
      [{ reason: ' ' }, 'BAD_USER_INPUT', 'reason'],
      [{ expectedVersion: before.version - 1 }, 'CONFLICT', undefined],
    ];
    for (const [overrides, code, field] of attempts) {
      const response = await stack.query<any>(
        RENAME,
        { id: ORG.kestrelGuarding, name: 'Kestrel Protection Ltd', reason: 'Rebranding', ...overrides },
        { token: secretariat },
      );
      expect(codes(response), JSON.stringify(overrides)).toEqual([code]);
      expect(response.errors![0].extensions!.field).toBe(field);
    }
    const partner = await stack.query<any>(RENAME, { id: ORG.kestrelGuarding, name: 'X Ltd', reason: 'r' }, { token: await stack.token('partner') });
    expect(codes(partner)).toEqual(['FORBIDDEN']);
    const member = await stack.query<any>(RENAME, { id: ORG.kestrelGuarding, name: 'X Ltd', reason: 'r' }, { token: await stack.token('member', ORG.kestrelGuarding) });
    expect(codes(member)).toEqual(['FORBIDDEN']);
    const anonymous = await stack.query<any>(RENAME, { id: ORG.kestrelGuarding, name: 'X Ltd', reason: 'r' });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(await profile(ORG.kestrelGuarding, '2024-01-01')).toEqual(before);
  });

  it('lets one of two concurrent renames from the same version win and refuses the other with CONFLICT, keeping one registered name', async () => {
    const { version } = await profile(ORG.bastionShield, '2025-01-01');
    // Both based on the same version: whichever comes second, at once or after the first, is refused.
    const results = await Promise.all(['Bastion Schild GmbH', 'Bastion Shield Europe GmbH'].map((name) =>
      stack.query<any>(RENAME, { id: ORG.bastionShield, name, reason: 'Rebranding', effectiveFrom: '2025-01-01', expectedVersion: version },
        { token: secretariat })));
    expect(results.map((r) => (r.errors ? r.errors[0].extensions!.code : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    const after = await profile(ORG.bastionShield, '2025-01-01');
    expect(after.names.filter((n: any) => n.kind === 'REGISTERED')).toHaveLength(1);
    expect(after.names.filter((n: any) => n.kind === 'FORMER').map((n: any) => n.name)).toEqual(['Bastion Shield GmbH']);
    expect(after.history).toHaveLength(1);
  });

  it('admits a name that looks like another organization\'s once the Secretariat acknowledges it', async () => {
    const response = await stack.query<any>(
      RENAME, { id: ORG.orionSentinel, name: 'Cordillera Proteccion SA', reason: 'Merger into a namesake', ack: true }, { token: secretariat });
    expect(response.errors).toBeUndefined();
    expect(response.data.renameOrganization.name).toBe('Cordillera Proteccion SA');
  });

  it('adds and ends a trading name, each dated and in the public history', async () => {
    const added = await stack.query<any>(ADD_TRADING, { id: ORG.jadeport, name: 'Jadeport Gulf', effectiveFrom: '2024-01-01' }, { token: secretariat });
    expect(added.errors).toBeUndefined();
    const trading = added.data.addTradingName.names.find((n: any) => n.name === 'Jadeport Gulf');
    expect(trading).toMatchObject({ kind: 'TRADING', validFrom: '2024-01-01', validUntil: null });
    const found = await stack.query<any>(VERIFY, { names: ['Jadeport Gulf'] });
    expect(found.data.verifyMembers[0].matches[0]).toMatchObject({ matchedNameKind: 'TRADING', result: { organizationId: ORG.jadeport } });

    const invisible = await stack.query<any>(ADD_TRADING, { id: ORG.jadeport, name: 'Jadeport\u200bGulf' }, { token: secretariat });
    expect(invisible.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const early = await stack.query<any>(END_TRADING, { id: ORG.jadeport, nameId: trading.id, effectiveFrom: '2024-01-01' }, { token: secretariat });
    expect(early.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effectiveFrom' });
    const ended = await stack.query<any>(END_TRADING, { id: ORG.jadeport, nameId: trading.id, effectiveFrom: '2025-07-01' }, { token: secretariat });
    expect(ended.data.endTradingName.names.find((n: any) => n.id === trading.id)).toMatchObject({ kind: 'TRADING', validUntil: '2025-06-30' });
    const again = await stack.query<any>(END_TRADING, { id: ORG.jadeport, nameId: trading.id }, { token: secretariat });
    expect(again.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'nameId' });

    const history = (await stack.query<any>(PROFILE, { id: ORG.jadeport, then: '2024-01-01' })).data.organization.history;
    expect(history.map((e: any) => [e.kind, e.before, e.after, e.effectiveFrom])).toEqual([
      ['TRADING_NAME_ADDED', [], ['Jadeport Gulf'], '2024-01-01'],
      ['TRADING_NAME_ENDED', ['Jadeport Gulf'], [], '2025-07-01'],
    ]);
  });

  it('changes countries, regions and website from a past day: the directory and the past-day answers follow, the Secretariat alone sees the entries', async () => {
    const before = await profile(ORG.montanaAzul, '2025-06-01');
    const updated = await stack.query<any>(
      UPDATE,
      { id: ORG.montanaAzul, input: { headquartersCountry: 'cl', countriesOfOperation: ['CL', 'BO', 'AR'], regionsOfOperation: ['bo-l'], website: 'https://montana-azul.example/es' },
        effectiveFrom: '2025-06-01', expectedVersion: before.version },
      { token: secretariat },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateOrganizationProfile).toMatchObject({
      version: before.version + 1, headquartersCountry: 'CL', countriesOfOperation: ['CL', 'BO', 'AR'], regionsOfOperation: ['BO-L'],
      website: 'https://montana-azul.example/es',
    });
    const past = await profile(ORG.montanaAzul, '2025-05-31');
    expect(past).toMatchObject({ headquartersCountryThen: 'PE', countriesThen: ['PE', 'BO'] });
    expect(await profile(ORG.montanaAzul, '2025-06-01')).toMatchObject({ headquartersCountryThen: 'CL', countriesThen: ['CL', 'BO', 'AR'] });
    expect(past.history.map((e: any) => e.kind)).toEqual([
      'HEADQUARTERS_COUNTRY_CHANGED', 'COUNTRIES_OF_OPERATION_CHANGED', 'REGIONS_OF_OPERATION_CHANGED', 'WEBSITE_CHANGED',
    ]);
    const argentina = await stack.query<any>(
      /* GraphQL */ `{ organizations(filter: { country: "AR" }) { edges { node { id } } } }`, {}, { token: secretariat });
    expect(argentina.data.organizations.edges.map((e: any) => e.node.id)).toContain(ORG.montanaAzul);
    const publicView = await stack.query<any>(PROFILE, { id: ORG.montanaAzul, then: '2025-05-31' });
    expect(publicView.data.organization.history).toEqual([]);

    const refusals: [Record<string, unknown>, string][] = [
      [{ regionsOfOperation: ['BO-L', 'Lima'] }, 'input.regionsOfOperation'],
      // La Paz is BO-L: BO-LP has the right form but is not on the ISO 3166-2 list.
      [{ regionsOfOperation: ['BO-LP'] }, 'input.regionsOfOperation'],
      [{ countriesOfOperation: ['XX'] }, 'input.countriesOfOperation'],
      [{ website: 'ftp://montana.example' }, 'input.website'],
      [{ headquartersCountry: 'CL' }, 'input'], // nothing changes
    ];
    const current = await profile(ORG.montanaAzul, '2025-06-01');
    for (const [input, field] of refusals) {
      const response = await stack.query<any>(UPDATE, { id: ORG.montanaAzul, input }, { token: secretariat });
      expect(response.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const older = await stack.query<any>(UPDATE, { id: ORG.montanaAzul, input: { website: '' }, effectiveFrom: '2025-05-01' }, { token: secretariat });
    expect(older.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effectiveFrom' });
    expect(await profile(ORG.montanaAzul, '2025-06-01')).toEqual(current);
  });

  it('answers names, past countries and histories of many organizations in a bounded number of statements', async () => {
    const LIST = /* GraphQL */ `query($first: Int) { organizations(first: $first) { edges { node {
      id nameOn(date: "2020-01-01") countriesOfOperationOn(date: "2020-01-01") regionsOfOperation history { kind }
    } } } }`;
    const count = async (first: number) => {
      const start = stack.statements();
      const response = await stack.query<any>(LIST, { first }, { token: secretariat });
      expect(response.errors).toBeUndefined();
      expect(response.data.organizations.edges).toHaveLength(first);
      return stack.statements() - start;
    };
    expect(await count(30)).toBe(await count(5));
  });
});
