import { describe, expect, it } from 'vitest';
import { MembershipCategory, MembershipStatus } from '../services/membership/src/membership-status/membership-status.entity';
import {
  categoryRefusal,
  certificationDeadlineFor,
  checkMembershipChange,
  checkReasonCode,
  DeadlineFirstYear,
  entryOn,
  observerKindRefusal,
} from '../services/membership/src/membership-status/membership-status.rules';
import { ObserverKind } from '../services/shared/src';
import { foldName } from '../services/membership/src/organization/name-matching.rules';
import { CertificationDeadlineRule, Pillar } from '../services/membership/src/organization/organization.entity';

const { ACTIVE, SUSPENDED, TERMINATED, WITHDRAWN } = MembershipStatus;
const { MEMBER, AFFILIATE, OBSERVER } = MembershipCategory;
const PSC = Pillar.PRIVATE_SECURITY_COMPANY;

describe('membership rules', () => {
  it('allows suspension, reinstatement, termination and withdrawal, and nothing out of a final status', () => {
    const allowed: [MembershipStatus, MembershipStatus][] = [
      [ACTIVE, SUSPENDED],
      [ACTIVE, TERMINATED],
      [ACTIVE, WITHDRAWN],
      [SUSPENDED, ACTIVE],
      [SUSPENDED, TERMINATED],
      [SUSPENDED, WITHDRAWN],
    ];
    for (const [from, to] of allowed) {
      expect(() => checkMembershipChange(PSC, { status: from, category: MEMBER }, { status: to, category: MEMBER })).not.toThrow();
    }
    for (const from of [TERMINATED, WITHDRAWN]) {
      for (const to of [ACTIVE, SUSPENDED, TERMINATED, WITHDRAWN]) {
        expect(() => checkMembershipChange(PSC, { status: from, category: MEMBER }, { status: to, category: MEMBER })).toThrow(
          /cannot become|already/,
        );
      }
    }
    expect(() => checkMembershipChange(PSC, { status: ACTIVE, category: MEMBER }, { status: ACTIVE, category: MEMBER })).toThrow(
      /already active/,
    );
  });

  it('changes category only while active and only to one the pillar allows', () => {
    expect(() =>
      checkMembershipChange(PSC, { status: ACTIVE, category: MEMBER }, { status: ACTIVE, category: AFFILIATE }),
    ).not.toThrow();
    expect(() =>
      checkMembershipChange(PSC, { status: ACTIVE, category: MEMBER }, { status: SUSPENDED, category: AFFILIATE }),
    ).toThrow(/only while the organization is active/);
    expect(categoryRefusal(Pillar.CIVIL_SOCIETY, AFFILIATE)).toMatch(/Only private security companies/);
    expect(categoryRefusal(PSC, OBSERVER)).toMatch(/cannot be an observer/);
    // Observers are admitted beside the three pillars, with a kind (a State observing has the kind GOVERNMENT).
    expect(categoryRefusal(Pillar.GOVERNMENT, OBSERVER)).toMatch(/pillar OBSERVER/);
    expect(categoryRefusal(Pillar.OBSERVER, OBSERVER)).toBeNull();
    expect(categoryRefusal(Pillar.OBSERVER, MEMBER)).toMatch(/can only be an observer/);
    expect(observerKindRefusal(Pillar.OBSERVER, ObserverKind.ACADEMIC)).toBeNull();
    expect(observerKindRefusal(Pillar.OBSERVER, null)).toMatch(/needs its observerKind/);
    expect(observerKindRefusal(PSC, ObserverKind.OTHER_INDUSTRY)).toMatch(/Only the OBSERVER pillar/);
    expect(() =>
      checkMembershipChange(Pillar.GOVERNMENT, { status: ACTIVE, category: MEMBER }, { status: ACTIVE, category: OBSERVER }),
    ).toThrow(/pillar OBSERVER/);
  });

  it('sets a member company\'s deadline at 31 December of the third calendar year after joining', () => {
    expect(certificationDeadlineFor(PSC, MEMBER, '2026-01-01')).toEqual({
      deadline: '2029-12-31',
      rule: CertificationDeadlineRule.END_OF_THIRD_CALENDAR_YEAR,
    });
    expect(certificationDeadlineFor(PSC, MEMBER, '2026-12-31')?.deadline).toBe('2029-12-31');
    expect(certificationDeadlineFor(PSC, AFFILIATE, '2026-01-01')).toBeNull();
    expect(certificationDeadlineFor(Pillar.GOVERNMENT, MEMBER, '2026-01-01')).toBeNull();
  });

  it('counts the three calendar years from the year after joining, or from the year of joining when so set', () => {
    expect(certificationDeadlineFor(PSC, MEMBER, '2026-07-14', DeadlineFirstYear.YEAR_AFTER_JOINING)?.deadline).toBe('2029-12-31');
    expect(certificationDeadlineFor(PSC, MEMBER, '2026-07-14', DeadlineFirstYear.YEAR_OF_JOINING)?.deadline).toBe('2028-12-31');
  });

  it('requires a reason code for a termination and refuses one for other changes', () => {
    const field = (fn: () => void) => {
      try {
        fn();
        return null;
      } catch (error) {
        return (error as { extensions?: { field?: string } }).extensions?.field;
      }
    };
    expect(field(() => checkReasonCode(TERMINATED, null))).toBe('reasonCode');
    expect(field(() => checkReasonCode(TERMINATED, 'OTHER'))).toBeNull();
    expect(field(() => checkReasonCode(SUSPENDED, 'OTHER'))).toBe('reasonCode');
    expect(field(() => checkReasonCode(WITHDRAWN, null))).toBeNull();
  });

  it('finds the entry in force on a date, the later entry winning on the same day', () => {
    const history = [
      { sequence: 1, effectiveFrom: '2020-01-01', status: ACTIVE },
      { sequence: 2, effectiveFrom: '2024-05-04', status: SUSPENDED },
      { sequence: 3, effectiveFrom: '2024-05-04', status: TERMINATED },
    ];
    expect(entryOn(history, '2019-12-31')).toBeNull();
    expect(entryOn(history, '2020-01-01')?.status).toBe(ACTIVE);
    expect(entryOn(history, '2024-05-03')?.status).toBe(ACTIVE);
    expect(entryOn(history, '2024-05-04')?.status).toBe(TERMINATED);
  });

  it('folds names for search: case, accents and spacing', () => {
    expect(foldName('  Éclat   Sécurité SARL ')).toBe('eclat securite sarl');
    expect(foldName('MONTAÑA Azul')).toBe('montana azul');
    expect(foldName('Lindqvist Säkerhet AB')).toBe('lindqvist sakerhet ab');
  });
});
