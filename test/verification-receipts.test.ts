import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { Standing } from '../services/certification/src/standing/standing.rules';
import { checkReceipt, RECEIPT_ISSUER, signReceipt } from '../services/certification/src/verification/receipt';
import { ConfigError, createLogger, loadSigningKeys } from '../services/shared/src';
import { startStack } from './support/stack';

const logger = createLogger({ service: 'test', level: 'silent' });

async function privateKey(kid: string) {
  const { privateKey: key } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { ...(await exportJWK(key)), kid };
}

const payload = {
  iss: RECEIPT_ISSUER,
  organizationId: 'org-1',
  organizationName: 'Example Guarding Ltd',
  asOf: '2026-03-01',
  standing: Standing.CERTIFIED_MEMBER,
  membershipStatus: 'ACTIVE',
  certificate: null,
  checkedAt: '2026-03-01T10:00:00.000Z',
};

describe('receipt signing keys', () => {
  it('refuses to start in production without a signing key, and generates and keeps one in development', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'icoca-keys-'));
    await expect(loadSigningKeys({ env: {}, production: true, dataDir, logger, service: 'certification' })).rejects.toThrow(ConfigError);
    const first = await loadSigningKeys({ env: {}, production: false, dataDir, logger, service: 'certification' });
    const again = await loadSigningKeys({ env: {}, production: false, dataDir, logger, service: 'certification' });
    expect(again.kid).toBe(first.kid);
    const receipt = await signReceipt(first, payload);
    expect(await checkReceipt(again, receipt)).toMatchObject({ genuine: true, payload: { standing: 'CERTIFIED_MEMBER' } });
  });

  it('keeps receipts signed with a retired key checkable after a rotation, by kid', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'icoca-keys-'));
    const old = await privateKey('receipts-2025');
    const current = await privateKey('receipts-2026');
    const before = await loadSigningKeys({
      env: { RECEIPT_SIGNING_KEY: JSON.stringify(old) },
      production: true,
      dataDir,
      logger,
      service: 'certification',
    });
    const oldReceipt = await signReceipt(before, payload);
    const { d: _secret, ...oldPublic } = old;
    const after = await loadSigningKeys({
      env: { RECEIPT_SIGNING_KEY: JSON.stringify(current), RECEIPT_PREVIOUS_PUBLIC_KEYS: JSON.stringify([oldPublic]) },
      production: true,
      dataDir,
      logger,
      service: 'certification',
    });
    expect(after.jwks.keys.map((k) => k.kid)).toEqual(['receipts-2026', 'receipts-2025']);
    expect(JSON.stringify(after.jwks)).not.toContain('"d"');
    expect(await checkReceipt(after, oldReceipt)).toMatchObject({ genuine: true, kid: 'receipts-2025' });
    const stranger = await loadSigningKeys({
      env: { RECEIPT_SIGNING_KEY: JSON.stringify(await privateKey('other')) },
      production: true,
      dataDir,
      logger,
      service: 'certification',
    });
    expect(await checkReceipt(stranger, oldReceipt)).toMatchObject({ genuine: false });
    await expect(
      loadSigningKeys({ env: { RECEIPT_SIGNING_KEY: '{"kty":"oct"}' }, production: true, dataDir, logger, service: 'c' }),
    ).rejects.toThrow(/Ed25519/);
  });

  it('signs nothing where the subgraph does not answer the gateway alone (forged @requires inputs)', async () => {
    const stack = await startStack({ database: 'sqlite', only: ['membership', 'certification'], withoutGatewaySecret: ['certification'] });
    try {
      // What the gateway would hand over by @requires, forged by whoever reaches the subgraph straight.
      const forged = {
        __typename: 'VerificationResult',
        organizationId: 'org-1',
        asOf: '2026-03-01',
        organizationName: 'Terminated Guarding Ltd',
        pillar: 'PRIVATE_SECURITY_COMPANY',
        membershipStatus: 'ACTIVE',
        membershipCategory: 'MEMBER',
        certificationDeadline: null,
      };
      const answer = await stack.querySubgraph(
        'certification',
        /* GraphQL */ `query R($representations: [_Any!]!) { _entities(representations: $representations) { ... on VerificationResult { receipt } } }`,
        { representations: [forged] },
        { withSecret: false },
      );
      expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    } finally {
      await stack.stop();
    }
  });
});
