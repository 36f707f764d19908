import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATABASES } from './support/databases';
import { applicationInput, ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';
import { addDays, today } from './support/dates';


const WATCHLIST = 'id name version entries { organizationId organization { id name } current { standing membershipStatus certificationStatus } }';
const CREATE = `mutation Create($name: String!) { createWatchlist(name: $name) { ${WATCHLIST} } }`;
const RENAME = `mutation Rename($id: ID!, $name: String!, $v: Int!) { renameWatchlist(id: $id, name: $name, expectedVersion: $v) { ${WATCHLIST} } }`;
const ADD = `mutation Add($id: ID!, $ids: [ID!]!, $v: Int!) { addToWatchlist(id: $id, organizationIds: $ids, expectedVersion: $v) { ${WATCHLIST} } }`;
const REMOVE = `mutation Remove($id: ID!, $ids: [ID!]!, $v: Int!) { removeFromWatchlist(id: $id, organizationIds: $ids, expectedVersion: $v) { ${WATCHLIST} } }`;
const DELETE = 'mutation Delete($id: ID!, $v: Int!) { deleteWatchlist(id: $id, expectedVersion: $v) }';
const ONE = `query One($id: ID!) { watchlist(id: $id) { ${WATCHLIST} } }`;
const ALL = '{ watchlists { id name } }';
const FEED = /* GraphQL */ `
  query Feed($watchlistId: ID, $since: String, $first: Int) {
    standingChanges(watchlistId: $watchlistId, since: $since, first: $first) {
      edges { node {
        id organizationId organizationName previousStanding standing previousMembershipStatus membershipStatus
        previousCertificationStatus certificationStatus effectiveOn knownAt organization { id name }
      } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const SUSPEND_MEMBER = /* GraphQL */ `
  mutation Suspend($id: ID!, $on: Date) {
    changeMembershipStatus(organizationId: $id, status: SUSPENDED, reason: "Pattern of non-compliance", effectiveFrom: $on) { id membershipStatus }
  }
`;
const CERTIFICATE = /* GraphQL */ `
  query Certificate($id: ID!) { organization(id: $id) { standing certificationDeadline currentCertification { id expiresOn version } } }
`;
const SUSPEND_CERTIFICATE = /* GraphQL */ `
  mutation SuspendCertificate($id: ID!) {
    changeCertificationStatus(id: $id, status: SUSPENDED, reason: "Major nonconformity at the surveillance audit") { id status }
  }
`;

describe.each(DATABASES)('watchlists and standing changes (%s)', (database) => {
  let stack: Stack;
  let secretariat: string;
  let partner: string;
  let samePartnerNewCredentials: string;
  let otherPartner: string;

  beforeAll(async () => {
    stack = await startStack({ database, env: { STANDING_TRACKER_POLL_MS: '500' } });
    secretariat = await stack.token('secretariat');
    partner = await stack.token('partner', 'partner-org-unhcr-procurement');
    samePartnerNewCredentials = await stack.token('partner', 'partner-org-unhcr-procurement');
    otherPartner = await stack.token('partner', 'partner-org-oil-major');
  });
  afterAll(() => stack?.stop());

  const ok = async <T = any>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
    const response = await stack.query<any>(query, variables, { token });
    expect(response.errors).toBeUndefined();
    return response.data;
  };

  /** The feed of a watchlist after `since`, polled until `done` holds (the tracker runs in the background). */
  const feedUntil = async (watchlistId: string | null, token: string, done: (nodes: any[]) => boolean, since?: string): Promise<{ nodes: any[]; endCursor: string }> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const data = await ok(FEED, { watchlistId, since, first: 100 }, token);
      const nodes = data.standingChanges.edges.map((e: any) => e.node);
      if (done(nodes)) return { nodes, endCursor: data.standingChanges.pageInfo.endCursor as string };
      if (Date.now() > deadline) throw new Error(`feed never matched: ${JSON.stringify(nodes)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const newWatchlist = async (name: string, ids: string[], token = partner) => {
    const created = (await ok(CREATE, { name }, token)).createWatchlist;
    return (await ok(ADD, { id: created.id, ids, v: created.version }, token)).addToWatchlist;
  };

  it('shows the sample partner organization its sample watchlist, and the first facts recorded for it', async () => {
    const ministry = await stack.token('partner', 'partner-ministry');
    const [sample] = (await ok(ALL, {}, ministry)).watchlists;
    expect(sample.name).toBe('Contractors in Iraq');
    const entries = (await ok(ONE, { id: sample.id }, ministry)).watchlist.entries;
    expect(entries.map((e: any) => e.organization.name).sort()).toEqual(
      ['Aegis Meridian Security Ltd', 'Ironwood Global Security Inc.', 'Pallas Crisis Response Ltd'],
    );
    const { nodes } = await feedUntil(sample.id, ministry, (n) => n.length >= 3);
    expect(nodes.find((n) => n.organizationId === ORG.aegisMeridian)).toMatchObject({ previousStanding: null, standing: 'CERTIFIED_MEMBER' });
  });

  it('creates, renames and fills a watchlist, and shows every entry\'s standing today', async () => {
    const created = (await ok(CREATE, { name: 'Contractors in Iraq' }, partner)).createWatchlist;
    expect(created).toMatchObject({ name: 'Contractors in Iraq', version: 1, entries: [] });
    const renamed = (await ok(RENAME, { id: created.id, name: 'Iraq and Afghanistan', v: 1 }, partner)).renameWatchlist;
    expect(renamed).toMatchObject({ name: 'Iraq and Afghanistan', version: 2 });
    const filled = (await ok(ADD, { id: created.id, ids: [ORG.aegisMeridian, ORG.lindqvist, ORG.ironwood], v: 2 }, partner)).addToWatchlist;
    expect(filled.version).toBe(3);
    const byId = Object.fromEntries(filled.entries.map((e: any) => [e.organizationId, e]));
    expect(byId[ORG.aegisMeridian]).toMatchObject({
      organization: { name: 'Aegis Meridian Security Ltd' },
      current: { standing: 'CERTIFIED_MEMBER', membershipStatus: 'ACTIVE', certificationStatus: 'CERTIFIED' },
    });
    expect(byId[ORG.lindqvist].current.certificationStatus).toBe('SUSPENDED');
    expect(byId[ORG.ironwood].current.certificationStatus).toBe('WITHDRAWN');
    // Owned by the partner organization: new credentials of the same organization see it.
    expect((await ok(ALL, {}, samePartnerNewCredentials)).watchlists.map((w: any) => w.id)).toContain(created.id);
    const removed = (await ok(REMOVE, { id: created.id, ids: [ORG.ironwood], v: 3 }, partner)).removeFromWatchlist;
    expect(removed.entries.map((e: any) => e.organizationId).sort()).toEqual([ORG.aegisMeridian, ORG.lindqvist].sort());
    expect(await ok(DELETE, { id: created.id, v: 4 }, partner)).toEqual({ deleteWatchlist: created.id });
    expect(codes(await stack.query(ONE, { id: created.id }, { token: partner }))).toEqual(['NOT_FOUND']);
  });

  it('reads the standing of every entry in the same number of statements for 2 or 14 entries', async () => {
    const companies = Object.values(ORG).slice(0, 14);
    const small = await newWatchlist('Two', companies.slice(0, 2));
    const large = await newWatchlist('Fourteen', companies);
    const cost = async (id: string, count: number) => {
      const before = stack.statements();
      const data = await ok(ONE, { id }, partner);
      expect(data.watchlist.entries).toHaveLength(count);
      expect(data.watchlist.entries.every((e: any) => e.current?.standing)).toBe(true);
      return stack.statements() - before;
    };
    await cost(small.id, 2);
    const two = await cost(small.id, 2);
    const fourteen = await cost(large.id, 14);
    expect(fourteen).toBe(two);
    expect(fourteen).toBeLessThanOrEqual(8);
  });

  it('refuses bad input with a coded error and changes nothing', async () => {
    const list = await newWatchlist('Checked', [ORG.aegisMeridian]);
    const unknown = await stack.query<any>(ADD, { id: list.id, ids: ['no-such-organization'], v: list.version }, { token: partner });
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.errors![0].extensions!.field).toBe('organizationIds');
    const tooMany = await stack.query<any>(ADD, {
      id: list.id, ids: Array.from({ length: 1001 }, (_, i) => `org-${i}`), v: list.version,
    }, { token: partner });
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    const stale = await stack.query<any>(RENAME, { id: list.id, name: 'Renamed', v: list.version - 1 }, { token: partner });
    expect(codes(stale)).toEqual(['CONFLICT']);
    const blank = await stack.query<any>(RENAME, { id: list.id, name: '  ', v: list.version }, { token: partner });
    expect(codes(blank)).toEqual(['BAD_USER_INPUT']);
    const after = (await ok(ONE, { id: list.id }, partner)).watchlist;
    expect(after).toMatchObject({ name: 'Checked', version: list.version, entries: [{ organizationId: ORG.aegisMeridian }] });
  });

  it('records a suspension of membership and of a certificate in the watchlist\'s feed, with both days', async () => {
    const list = await newWatchlist('Maritime', [ORG.dunmoreMaritime, ORG.nordhavn]);
    const { endCursor } = await feedUntil(list.id, partner, () => true);
    const before = (await ok(CERTIFICATE, { id: ORG.nordhavn })).organization;
    expect(before.standing).toBe('CERTIFIED_MEMBER');
    const on = addDays(today(), -1);
    await ok(SUSPEND_MEMBER, { id: ORG.dunmoreMaritime, on }, secretariat);
    await ok(SUSPEND_CERTIFICATE, { id: before.currentCertification.id }, secretariat);
    const { nodes } = await feedUntil(list.id, partner, (n) => n.length >= 2, endCursor);
    expect(nodes).toHaveLength(2);
    const dunmore = nodes.find((n) => n.organizationId === ORG.dunmoreMaritime);
    expect(dunmore).toMatchObject({
      organizationName: 'Dunmore Maritime Security LLC',
      standing: 'SUSPENDED',
      previousMembershipStatus: 'ACTIVE',
      membershipStatus: 'SUSPENDED',
      effectiveOn: on,
      organization: { id: ORG.dunmoreMaritime, name: 'Dunmore Maritime Security LLC' },
    });
    expect(dunmore.previousStanding).not.toBe('SUSPENDED');
    expect(dunmore.knownAt.slice(0, 10)).toBe(today());
    const nordhavn = nodes.find((n) => n.organizationId === ORG.nordhavn);
    expect(nordhavn).toMatchObject({
      previousStanding: 'CERTIFIED_MEMBER',
      previousCertificationStatus: 'CERTIFIED',
      certificationStatus: 'SUSPENDED',
      effectiveOn: today(),
    });
    // The Secretariat reads every organization's changes; the same ones are there.
    const all = await feedUntil(null, secretariat, (n) => n.some((c) => c.id === nordhavn.id));
    expect(all.nodes.filter((c) => c.organizationId === ORG.dunmoreMaritime).at(-1)).toEqual(dunmore);
  });

  it('records a rename as a change of name, the standing unchanged', async () => {
    const list = await newWatchlist('Cyprus', [ORG.pallasCrisis]);
    const { endCursor } = await feedUntil(list.id, partner, () => true);
    await ok(
      `mutation { renameOrganization(organizationId: "${ORG.pallasCrisis}", name: "Pallas Risk & Crisis Response Ltd",
        reason: "Registered name changed") { id } }`,
      {}, secretariat,
    );
    const { nodes } = await feedUntil(list.id, partner, (n) => n.length > 0, endCursor);
    expect(nodes).toHaveLength(1);
    expect(nodes[0].organizationName).toBe('Pallas Risk & Crisis Response Ltd');
    expect(nodes[0].standing).toBe(nodes[0].previousStanding);
  });

  it('records an admission in the Secretariat\'s feed: the first standing of a new member company', async () => {
    const submitted = (await ok(
      'mutation S($input: MembershipApplicationInput!) { submitMembershipApplication(input: $input) { id } }',
      { input: applicationInput({ organizationName: 'Watchful Guarding Ltd', website: 'https://watchful.example' }) },
    )).submitMembershipApplication;
    const decided = (await ok(
      'mutation D($id: ID!) { decideMembershipApplication(id: $id, decision: ADMIT, note: "Admitted") { organization { id } } }',
      { id: submitted.id }, secretariat,
    )).decideMembershipApplication;
    const id = decided.organization.id;
    const { nodes } = await feedUntil(null, secretariat, (n) => n.some((c) => c.organizationId === id));
    expect(nodes.filter((c) => c.organizationId === id)).toMatchObject([
      { organizationName: 'Watchful Guarding Ltd', previousStanding: null, standing: 'MEMBER_PENDING_CERTIFICATION', membershipStatus: 'ACTIVE' },
    ]);
  });

  // The clock tests come last: a run on a later day moves the snapshots past today's facts.
  // The standing tracker runs in the background (every 500 ms here); the whole process's clock is set to the day
  // it should check, so its daily check runs for that day as it would in production. Tokens are issued on that day.
  const onDay = async (date: string) => {
    vi.setSystemTime(new Date(`${date}T12:00:00.000Z`));
    return stack.token('partner', 'partner-org-unhcr-procurement');
  };
  /** Long enough for several passes of the tracker (each 500 ms after the last). */
  const severalPasses = () => new Promise((resolve) => setTimeout(resolve, 3000));

  describe('with a controllable clock', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('records a certification deadline passing on the day after it (controllable clock)', async () => {
      const facts = await Promise.all(Object.values(ORG).map(async (id) => ({ id, ...(await ok(CERTIFICATE, { id })).organization })));
      const pending = facts.find((f) => f.standing === 'MEMBER_PENDING_CERTIFICATION' && f.certificationDeadline);
      expect(pending).toBeDefined();
      const list = await newWatchlist('Pending', [pending!.id]);
      const { endCursor } = await feedUntil(list.id, partner, () => true);
      await onDay(pending!.certificationDeadline);
      await severalPasses();
      await onDay(addDays(pending!.certificationDeadline, 40));
      await severalPasses();
      const token = await onDay(addDays(pending!.certificationDeadline, 41));
      await severalPasses();
      const { nodes } = await feedUntil(list.id, token, (n) => n.length > 0, endCursor);
      expect(nodes).toHaveLength(1);
      expect(nodes[0]).toMatchObject({
        previousStanding: 'MEMBER_PENDING_CERTIFICATION', standing: 'CERTIFICATION_OVERDUE', effectiveOn: addDays(pending!.certificationDeadline, 1),
      });
    }, 60_000);

    it('records the changes due to the passage of time once, however often the daily check runs (controllable clock)', async () => {
      const facts = (await ok(CERTIFICATE, { id: ORG.harbourline })).organization;
      expect(facts.standing).toBe('CERTIFIED_MEMBER');
      const list = await newWatchlist('Singapore', [ORG.harbourline]);
      const { endCursor } = await feedUntil(list.id, partner, () => true);
      const expiry = facts.currentCertification.expiresOn as string;
      const onExpiry = await onDay(expiry); // still valid on its last day
      await severalPasses();
      expect((await ok(FEED, { watchlistId: list.id, since: endCursor }, onExpiry)).standingChanges.edges).toEqual([]);
      const token = await onDay(addDays(expiry, 3));
      await severalPasses();
      const { nodes } = await feedUntil(list.id, token, (n) => n.length > 0, endCursor);
      expect(nodes).toHaveLength(1);
      expect(nodes[0]).toMatchObject({
        organizationId: ORG.harbourline,
        previousStanding: 'CERTIFIED_MEMBER',
        previousCertificationStatus: 'CERTIFIED',
        certificationStatus: 'EXPIRED',
        effectiveOn: addDays(expiry, 1),
      });
    }, 60_000);
  });

  describe('access', () => {
    let list: any;
    beforeAll(async () => {
      list = await newWatchlist('Private to its partner', [ORG.aegisMeridian]);
    });

    it('asks the public to sign in', async () => {
      for (const [query, variables] of [[ALL, {}], [ONE, { id: list.id }], [CREATE, { name: 'x' }], [FEED, { watchlistId: list.id }]] as const) {
        expect(codes(await stack.query(query, variables))).toEqual(['UNAUTHENTICATED']);
      }
    });

    it('never shows a partner another partner\'s watchlists or feed', async () => {
      expect((await ok(ALL, {}, otherPartner)).watchlists).toEqual([]);
      expect(codes(await stack.query(ONE, { id: list.id }, { token: otherPartner }))).toEqual(['NOT_FOUND']);
      expect(codes(await stack.query(FEED, { watchlistId: list.id }, { token: otherPartner }))).toEqual(['NOT_FOUND']);
      expect(codes(await stack.query(ADD, { id: list.id, ids: [ORG.bastionShield], v: list.version }, { token: otherPartner }))).toEqual(['NOT_FOUND']);
      expect(codes(await stack.query(DELETE, { id: list.id, v: list.version }, { token: otherPartner }))).toEqual(['NOT_FOUND']);
      expect(codes(await stack.query(FEED, {}, { token: otherPartner }))).toEqual(['BAD_USER_INPUT']);
      expect((await ok(ONE, { id: list.id }, partner)).watchlist).toMatchObject({ version: list.version, entries: [{ organizationId: ORG.aegisMeridian }] });
    });

    it('keeps partners\' watchlists from the Secretariat and member companies', async () => {
      const member = await stack.token('member', ORG.aegisMeridian);
      for (const token of [secretariat, member]) {
        expect(codes(await stack.query(ALL, {}, { token }))).toEqual(['FORBIDDEN']);
        expect(codes(await stack.query(ONE, { id: list.id }, { token }))).toEqual(['FORBIDDEN']);
      }
    });

    it('answers the subgraph only with the gateway secret', async () => {
      const direct = await stack.querySubgraph('certification', ALL, {}, { token: partner, withSecret: false });
      expect(direct.status).toBe(403);
      const outbox = await fetch(new URL('/outbox', stack.subgraphs.membership.url));
      expect(outbox.status).toBe(403);
    });
  });
});
