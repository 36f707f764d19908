import { describe, expect, it } from 'vitest';
import { certificationSettings } from '../services/certification/src/config';
import { settledPosition, SETTLE_MS } from '../services/certification/src/outbox/outbox.rules';
import { ConfigError, loadSubgraphConfig } from '../services/shared/src';

const entry = (position: number, agoMs: number, now: number) => ({
  position, organizationId: `org-${position}`, effectiveFrom: '2026-01-01', recordedAt: new Date(now - agoMs).toISOString(),
});

describe('how far the standing tracker moves its outbox cursor', () => {
  const now = Date.parse('2026-11-29T12:00:00.000Z');

  it('moves past contiguous entries', () => {
    expect(settledPosition([entry(5, 10, now), entry(6, 10, now), entry(7, 10, now)], 4, now)).toBe(7);
  });

  it('stops before a recent gap: the transaction holding the missing position may still commit', () => {
    expect(settledPosition([entry(5, 10, now), entry(7, 10, now), entry(8, 10, now)], 4, now)).toBe(5);
    expect(settledPosition([entry(6, 10, now)], 4, now)).toBe(4);
  });

  it('moves past an old gap: a rolled-back transaction left it', () => {
    expect(settledPosition([entry(5, SETTLE_MS + 1000, now), entry(7, SETTLE_MS + 1000, now), entry(9, 10, now)], 4, now)).toBe(7);
  });
});

describe('what one partner organization may hold and call at once', () => {
  const settings = (env: Record<string, string | undefined>) => certificationSettings(loadSubgraphConfig('certification', 4002, env));

  it('reads the caps and the delivery concurrency from the environment, with defaults', () => {
    expect(settings({})).toMatchObject({ partnerLimits: { watchlists: 100, webhooks: 20 }, webhook: { concurrency: 20, partnerConcurrency: 4 } });
    expect(settings({ PARTNER_MAX_WATCHLISTS: '5', PARTNER_MAX_WEBHOOKS: '0', WEBHOOK_CONCURRENCY: '50', WEBHOOK_CONCURRENCY_PER_PARTNER: '2' }))
      .toMatchObject({ partnerLimits: { watchlists: 5, webhooks: 0 }, webhook: { concurrency: 50, partnerConcurrency: 2 } });
  });

  it('refuses to start with a cap or a concurrency that is not a whole number in range', () => {
    for (const env of [{ PARTNER_MAX_WATCHLISTS: '0' }, { PARTNER_MAX_WEBHOOKS: 'many' }, { WEBHOOK_CONCURRENCY: '0' }, { WEBHOOK_CONCURRENCY_PER_PARTNER: '1.5' }]) {
      expect(() => settings(env), JSON.stringify(env)).toThrow(ConfigError);
    }
  });
});
