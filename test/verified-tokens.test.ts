import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier, loadSubgraphConfig, type Logger, type TokenVerifier } from '../services/shared/src';
import { DATABASES } from './support/databases';
import { ORG } from './support/membership';
import { keycloakSettings, startOidcProvider, type TestProvider } from './support/oidc';
import { codes, startStack, type Stack } from './support/stack';

/**
 * The cache of verified tokens: a token signed as production's are (RS256, keys from the provider's
 * JWKS) costs one signature check per process, then a look-up, until its `exp` and never after; every
 * token is an entry of its own, the bound evicts the least recently used, and refusals are never kept.
 * Signature checks are counted at WebCrypto's `verify`, which jose calls once per verification.
 */
const MEMBER = { realm_access: { roles: ['icoca-member'] } };
const SECRETARIAT = { realm_access: { roles: ['icoca-secretariat'] } };

function recordingLogger(): Logger & { refusals: unknown[] } {
  const refusals: unknown[] = [];
  const logger: Logger & { refusals: unknown[] } = {
    refusals,
    debug: () => {},
    info: () => {},
    warn: (message, fields) => {
      if (message === 'token refused') refusals.push(fields);
    },
    error: () => {},
    child: () => logger,
  };
  return logger;
}

/** Signature checks made while `run` runs. */
async function signatureChecks(run: () => Promise<unknown>): Promise<number> {
  const verify = vi.spyOn(crypto.subtle, 'verify');
  try {
    await run();
    return verify.mock.calls.length;
  } finally {
    verify.mockRestore();
  }
}

const bearer = (token: string) => `Bearer ${token}`;

describe('the verified-token cache of a process', () => {
  let provider: TestProvider;
  beforeAll(async () => {
    provider = await startOidcProvider();
  }, 60_000);
  afterAll(() => provider?.stop());
  afterEach(() => vi.useRealTimers());

  const verifierWith = (env: Record<string, string>, logger?: Logger): TokenVerifier =>
    createTokenVerifier(
      loadSubgraphConfig('membership', 0, { NODE_ENV: 'test', ...keycloakSettings(provider.issuer), AUTH_CLOCK_TOLERANCE: '0', ...env }).auth,
      logger,
    );

  it('checks a token\'s signature once, then answers the same frozen viewer from the cache', async () => {
    const verify = verifierWith({});
    const token = await provider.token('aegisPortal');
    await verify(bearer(token)); // the provider's keys are fetched on first use
    const other = await provider.token('aegisPortal');
    let first: unknown;
    expect(await signatureChecks(async () => (first = await verify(bearer(other))))).toBe(1);
    let again: unknown;
    expect(await signatureChecks(async () => (again = await verify(`bearer  ${other}`)))).toBe(0);
    expect(again).toBe(first);
    expect(again).toMatchObject({ role: 'member', organizationId: ORG.aegisMeridian, clientId: 'aegisPortal' });
    expect(Object.isFrozen(again)).toBe(true);
    // With the cache off, every request pays the check.
    const uncached = verifierWith({ AUTH_VERIFIED_TOKEN_CACHE: '0' });
    await uncached(bearer(other));
    expect(await signatureChecks(() => uncached(bearer(other)))).toBe(1);
  });

  it('keeps two tokens of one subject apart, each with its own role and organization', async () => {
    const verify = verifierWith({});
    const subject = 'staff-member-7';
    const ofAegis = await provider.craft({ ...MEMBER, sub: subject, organization_id: ORG.aegisMeridian });
    const ofBastion = await provider.craft({ ...MEMBER, sub: subject, organization_id: ORG.bastionShield });
    const asSecretariat = await provider.craft({ ...SECRETARIAT, sub: subject });
    expect(await signatureChecks(() => Promise.all([ofAegis, ofBastion, asSecretariat].map((t) => verify(bearer(t)))))).toBe(3);
    let viewers: unknown[] = [];
    expect(await signatureChecks(async () => (viewers = await Promise.all([ofAegis, ofBastion, asSecretariat].map((t) => verify(bearer(t))))))).toBe(0);
    expect(viewers).toEqual([
      expect.objectContaining({ role: 'member', subject, organizationId: ORG.aegisMeridian }),
      expect.objectContaining({ role: 'member', subject, organizationId: ORG.bastionShield }),
      expect.objectContaining({ role: 'secretariat', subject }),
    ]);
  });

  it('refuses a cached token once its exp has passed, though the cache still holds it', async () => {
    const verify = verifierWith({});
    const now = Math.floor(Date.now() / 1000);
    const token = await provider.craft({ ...SECRETARIAT, iat: now, exp: now + 2 });
    await verify(bearer(token));
    expect(await signatureChecks(() => verify(bearer(token)))).toBe(0);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime((now + 2) * 1000);
    const refusal = verify(bearer(token));
    await expect(refusal).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('never holds a token before its nbf: one accepted early within the clock tolerance is checked in full until then', async () => {
    const verify = verifierWith({ AUTH_CLOCK_TOLERANCE: '30' });
    const now = Math.floor(Date.now() / 1000);
    const early = await provider.craft({ ...SECRETARIAT, iat: now, nbf: now + 10, exp: now + 300 });
    await verify(bearer(early));
    expect(await signatureChecks(() => verify(bearer(early)))).toBe(1);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime((now + 11) * 1000);
    expect(await signatureChecks(() => verify(bearer(early)))).toBe(1);
    expect(await signatureChecks(() => verify(bearer(early)))).toBe(0);
  });

  it('holds at most AUTH_VERIFIED_TOKEN_CACHE tokens, the least recently used going first', async () => {
    const verify = verifierWith({ AUTH_VERIFIED_TOKEN_CACHE: '3' });
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map((n) => provider.craft({ ...SECRETARIAT, sub: `staff-${n}` })));
    await verify(bearer(a)); // keys fetched
    expect(await signatureChecks(async () => {
      await verify(bearer(b));
      await verify(bearer(c));
    })).toBe(2);
    // a is used again, so b is now the least recently used: d pushes b out.
    expect(await signatureChecks(() => verify(bearer(a)))).toBe(0);
    expect(await signatureChecks(() => verify(bearer(d)))).toBe(1);
    expect(await signatureChecks(async () => {
      for (const token of [a, c, d]) await verify(bearer(token));
    })).toBe(0);
    expect(await signatureChecks(() => verify(bearer(b)))).toBe(1);
  });

  it('keeps no refusal: a refused token is checked, refused and logged again each time', async () => {
    const logger = recordingLogger();
    const verify = verifierWith({}, logger);
    const roleless = await provider.token('roleless');
    const expired = await provider.craft({ ...SECRETARIAT, iat: Math.floor(Date.now() / 1000) - 600, exp: Math.floor(Date.now() / 1000) - 300 });
    for (const token of [roleless, expired]) {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const checks = await signatureChecks(() =>
          expect(verify(bearer(token))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } }),
        );
        expect(checks).toBe(1);
      }
    }
    expect(logger.refusals).toEqual([
      { reason: expect.stringMatching(/grants no role/) },
      { reason: expect.stringMatching(/grants no role/) },
      { reason: expect.stringMatching(/exp/) },
      { reason: expect.stringMatching(/exp/) },
    ]);
  });

  it('answers 503, not 401, when the provider\'s keys cannot be fetched: the token may well be good', async () => {
    // A port that refuses connections: Node's fetch fails with a TypeError, which once read as "not a JWT".
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const logger = recordingLogger();
    const verify = verifierWith({ AUTH_JWKS_URL: `http://127.0.0.1:${port}/certs` }, logger);
    const token = await provider.token('procurementOffice');
    await expect(verify(bearer(token))).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
    expect(logger.refusals).toEqual([]);
  });
});

describe.each(DATABASES)('verified tokens through the gateway on %s', (database) => {
  let provider: TestProvider;
  let stack: Stack;
  beforeAll(async () => {
    provider = await startOidcProvider();
    stack = await startStack({ database, authEnv: keycloakSettings(provider.issuer) });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await provider?.stop();
  });

  const OWN = /* GraphQL */ `query Own($id: ID!) { organization(id: $id) { name standing contacts { email } } }`;

  it('checks a token once in each process it reaches, then not at all on the next request', async () => {
    const token = await provider.token('secretariatConsole');
    // Keys fetched by every process before counting.
    expect((await stack.query(`{ membershipApplications(first: 1) { totalCount } }`, {}, { token })).status).toBe(200);
    const fresh = await provider.craft({ ...SECRETARIAT, sub: 'secretariat-officer' });
    const first = await signatureChecks(async () => {
      const answer = await stack.query<any>(OWN, { id: ORG.aegisMeridian }, { token: fresh });
      expect(answer.errors).toBeUndefined();
      expect(answer.data.organization.contacts.length).toBeGreaterThan(0);
    });
    // The gateway, membership and certification (standing) each verify it once.
    expect(first).toBe(3);
    const second = await signatureChecks(async () => {
      const answer = await stack.query<any>(OWN, { id: ORG.aegisMeridian }, { token: fresh });
      expect(answer.errors).toBeUndefined();
    });
    expect(second).toBe(0);
  });

  it('keeps each member token\'s own organization: a cached token of one organization opens nothing of another', async () => {
    const subject = 'compliance-officer';
    const ofAegis = await provider.craft({ ...MEMBER, sub: subject, organization_id: ORG.aegisMeridian });
    const ofBastion = await provider.craft({ ...MEMBER, sub: subject, organization_id: ORG.bastionShield });
    for (let round = 0; round < 2; round += 1) {
      const own = await stack.query<any>(OWN, { id: ORG.aegisMeridian }, { token: ofAegis });
      expect(own.errors, `round ${round}`).toBeUndefined();
      expect(own.data.organization.contacts.length).toBeGreaterThan(0);
      expect(codes(await stack.query(OWN, { id: ORG.aegisMeridian }, { token: ofBastion })), `round ${round}`).toEqual(['FORBIDDEN']);
      expect((await stack.query<any>(OWN, { id: ORG.bastionShield }, { token: ofBastion })).errors, `round ${round}`).toBeUndefined();
    }
  });
});
