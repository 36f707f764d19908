import { describe, expect, it } from 'vitest';
import { membershipEntryOn, membershipOn, Standing, standingOn } from '../services/certification/src/standing/standing.rules';
import { checkVerificationKey, differingFacts } from '../services/certification/src/verification/verification.rules';

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

describe('verification rules: receipts rest on the facts the membership subgraph states', () => {
  const stated = {
    name: 'Garrison Point Security (Pty) Ltd',
    pillar: 'PRIVATE_SECURITY_COMPANY',
    certificationDeadline: '2019-12-31',
    statusHistory: [
      { status: 'ACTIVE', category: 'MEMBER', effectiveFrom: '2018-02-19' },
      { status: 'TERMINATED', category: 'MEMBER', effectiveFrom: '2025-08-30' },
    ],
  };

  it('reads the membership on a date from the dated history', () => {
    expect(membershipOn(stated, '2025-08-29')).toEqual({
      isCompany: true,
      status: 'ACTIVE',
      category: 'MEMBER',
      certificationDeadline: '2019-12-31',
    });
    expect(membershipOn(stated, '2018-02-18')).toMatchObject({ status: null, category: null });
  });

  it('names the represented facts that differ from the stated ones, and only those that were sent', () => {
    const honest = {
      organizationName: stated.name,
      pillar: 'PRIVATE_SECURITY_COMPANY',
      membershipStatus: 'TERMINATED',
      membershipCategory: 'MEMBER',
      certificationDeadline: '2019-12-31',
    };
    expect(differingFacts(honest, stated, '2026-03-01')).toEqual([]);
    expect(differingFacts({ ...honest, membershipStatus: 'ACTIVE' }, stated, '2026-03-01')).toEqual(['membershipStatus']);
    expect(differingFacts({ ...honest, membershipStatus: 'ACTIVE' }, stated, '2025-01-01')).toEqual([]);
    expect(differingFacts({ ...honest, organizationName: 'x'.repeat(500_000), certificationDeadline: null }, stated, '2026-03-01'))
      .toEqual(['organizationName', 'certificationDeadline']);
    expect(differingFacts({}, stated, '2026-03-01')).toEqual([]);
    expect(differingFacts({ membershipStatus: null, membershipCategory: null }, stated, '2010-01-01')).toEqual([]);
  });

  it('accepts only a calendar date, not in the future, and an id of plausible length as the key', () => {
    const id = '5a3e0000-0000-4000-8000-000000000007';
    expect(checkVerificationKey({ organizationId: id, asOf: '2026-03-01', pillar: 'x' }, '2026-03-01')).toEqual({
      organizationId: id,
      asOf: '2026-03-01',
    });
    for (const asOf of ['garbage', '2026-02-30', '2026-3-1', '', null, 20260301, '2026-03-02']) {
      expect(() => checkVerificationKey({ organizationId: id, asOf }, '2026-03-01')).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'asOf' } }),
      );
    }
    for (const organizationId of ['', 'x'.repeat(101), 7, null, { id }]) {
      expect(() => checkVerificationKey({ organizationId, asOf: '2026-03-01' }, '2026-03-01')).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'organizationId' } }),
      );
    }
  });
});
