import { describe, expect, it } from 'vitest';
import { membershipEntryOn, Standing, standingOn } from '../services/certification/src/standing/standing.rules';

const company = (status: string | null, category: string | null, certificationDeadline: string | null = '2026-12-31') => ({
  isCompany: true,
  status,
  category,
  certificationDeadline,
});
const other = (status: string | null, category: string | null) => ({ isCompany: false, status, category, certificationDeadline: null });

describe('standing rules', () => {
  it('gives companies every standing the Association distinguishes', () => {
    expect(standingOn(company('ACTIVE', 'MEMBER'), true, '2026-06-01')).toBe(Standing.CERTIFIED_MEMBER);
    expect(standingOn(company('ACTIVE', 'MEMBER'), false, '2026-12-31')).toBe(Standing.MEMBER_PENDING_CERTIFICATION);
    expect(standingOn(company('ACTIVE', 'MEMBER'), false, '2027-01-01')).toBe(Standing.CERTIFICATION_OVERDUE);
    expect(standingOn(company('ACTIVE', 'AFFILIATE'), false, '2027-01-01')).toBe(Standing.AFFILIATE);
    expect(standingOn(company('SUSPENDED', 'MEMBER'), true, '2026-06-01')).toBe(Standing.SUSPENDED);
    for (const status of [null, 'TERMINATED', 'WITHDRAWN']) {
      expect(standingOn(company(status, 'MEMBER'), true, '2026-06-01')).toBe(Standing.NOT_A_MEMBER);
    }
  });

  it('gives States, IGOs and civil society member, observer, suspended or not a member', () => {
    expect(standingOn(other('ACTIVE', 'MEMBER'), false, '2026-06-01')).toBe(Standing.MEMBER);
    expect(standingOn(other('ACTIVE', 'OBSERVER'), false, '2026-06-01')).toBe(Standing.OBSERVER);
    expect(standingOn(other('SUSPENDED', 'MEMBER'), false, '2026-06-01')).toBe(Standing.SUSPENDED);
    expect(standingOn(other('WITHDRAWN', 'MEMBER'), false, '2026-06-01')).toBe(Standing.NOT_A_MEMBER);
  });

  it('reads the membership entry in force on a date', () => {
    const history = [
      { status: 'ACTIVE', category: 'MEMBER', effectiveFrom: '2020-01-01' },
      { status: 'SUSPENDED', category: 'MEMBER', effectiveFrom: '2025-10-06' },
    ];
    expect(membershipEntryOn(history, '2019-12-31')).toBeNull();
    expect(membershipEntryOn(history, '2025-10-05')?.status).toBe('ACTIVE');
    expect(membershipEntryOn(history, '2025-10-06')?.status).toBe('SUSPENDED');
  });
});
