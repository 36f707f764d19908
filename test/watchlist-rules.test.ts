import { describe, expect, it } from 'vitest';
import { settledPosition, SETTLE_MS } from '../services/certification/src/outbox/outbox.service';

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
