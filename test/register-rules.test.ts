import { describe, expect, it } from 'vitest';
import { checkImportedCertifications } from '../services/certification/src/register-import/certification-import.rules';
import { OrganizationChangeKind } from '../services/membership/src/organization/organization-change.entity';
import { OrganizationNameKind } from '../services/membership/src/organization/organization-name.entity';
import { checkChangeDate, regionCodes, registeredNameOn, valueOn } from '../services/membership/src/organization/organization-profile.rules';
import { checkImportedOrganization, sameFileLookAlikes } from '../services/membership/src/register-import/register-import.rules';
import { DeadlineFirstYear } from '../services/membership/src/membership-status/membership-status.rules';
import { dayBefore, RowChecker } from '../services/shared/src';
import { csvRows } from '../scripts/register-file';

const thrownField = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { field?: string } }).extensions?.field;
  }
  return undefined;
};

describe('profile change rules', () => {
  it('knows the day before, across months, leap days and years', () => {
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2025-03-01')).toBe('2025-02-28');
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
  });

  it('dates a change between admission and today, never before the latest of its kind', () => {
    const limits = { today: '2026-06-01', memberSince: '2020-01-01', latestOfKind: '2025-01-01' };
    expect(thrownField(() => checkChangeDate('2026-06-02', limits))).toBe('effectiveFrom');
    expect(thrownField(() => checkChangeDate('2019-12-31', limits))).toBe('effectiveFrom');
    expect(thrownField(() => checkChangeDate('2024-12-31', limits))).toBe('effectiveFrom');
    expect(thrownField(() => checkChangeDate('2025-01-01', limits))).toBeUndefined();
  });

  it('accepts ISO 3166-2 codes of real countries only', () => {
    expect(regionCodes(['iq-ba', 'KE-30', 'IQ-BA'], 'regions')).toEqual(['IQ-BA', 'KE-30']);
    expect(thrownField(() => regionCodes(['ZZ-01'], 'regions'))).toBe('regions');
    expect(thrownField(() => regionCodes(['Baghdad'], 'regions'))).toBe('regions');
    // Well-formed but not on the ISO 3166-2 list: Iraq has no IQ-ZZ, Kenya's counties stop at KE-47.
    expect(thrownField(() => regionCodes(['IQ-ZZ'], 'regions'))).toBe('regions');
    expect(thrownField(() => regionCodes(['KE-48'], 'regions'))).toBe('regions');
    expect(regionCodes(['fr-75c', 'GB-ENG', 'FR-IDF'], 'regions')).toEqual(['FR-75C', 'GB-ENG', 'FR-IDF']);
  });

  it('answers a value on a past day from dated changes', () => {
    const kind = OrganizationChangeKind.COUNTRIES_OF_OPERATION_CHANGED;
    const changes = [
      { kind, sequence: 1, effectiveFrom: '2024-01-01', before: ['PE'], after: ['PE', 'BO'] },
      { kind: OrganizationChangeKind.WEBSITE_CHANGED, sequence: 2, effectiveFrom: '2024-06-01', before: [], after: ['https://x.example/'] },
      { kind, sequence: 3, effectiveFrom: '2025-01-01', before: ['PE', 'BO'], after: ['CL'] },
    ];
    expect(valueOn(changes, kind, '2023-12-31', ['CL'])).toEqual(['PE']);
    expect(valueOn(changes, kind, '2024-01-01', ['CL'])).toEqual(['PE', 'BO']);
    expect(valueOn(changes, kind, '2026-01-01', ['CL'])).toEqual(['CL']);
    expect(valueOn([], kind, '2020-01-01', ['CL'])).toEqual(['CL']);
  });

  it('names the registered name of a past day, the current one when no record covers it', () => {
    const names = [
      { name: 'New Ltd', kind: OrganizationNameKind.REGISTERED, validFrom: '2024-03-01', validUntil: null },
      { name: 'Old Ltd', kind: OrganizationNameKind.FORMER, validFrom: '2010-01-01', validUntil: '2024-02-29' },
      { name: 'Brand', kind: OrganizationNameKind.TRADING, validFrom: '2000-01-01', validUntil: null },
    ];
    expect(registeredNameOn(names, '2024-02-29', 'New Ltd')).toBe('Old Ltd');
    expect(registeredNameOn(names, '2024-03-01', 'New Ltd')).toBe('New Ltd');
    expect(registeredNameOn(names, '2001-01-01', 'New Ltd')).toBe('New Ltd');
  });
});

describe('import rules', () => {
  const valid = {
    externalReference: 'R-1', name: 'Example Guarding Ltd', pillar: 'PRIVATE_SECURITY_COMPANY', headquartersCountry: 'ke',
    statusHistory: [{ status: 'ACTIVE', category: 'MEMBER', effectiveFrom: '2023-05-02', reason: 'Admitted' }],
  };

  it('checks an organization as the API does, computing the deadline by the current rule', () => {
    const check = new RowChecker(4);
    const organization = checkImportedOrganization(check, valid);
    expect(check.problems).toEqual([]);
    expect(organization).toMatchObject({
      headquartersCountry: 'KE', registeredSince: '2023-05-02', countriesOfOperation: [],
      certificationDeadline: { deadline: '2026-12-31', rule: 'END_OF_THIRD_CALENDAR_YEAR' },
    });
  });

  it('collects every refusal of a row with its field, nested paths included', () => {
    const check = new RowChecker(7);
    const organization = checkImportedOrganization(check, {
      ...valid, externalReference: '', pillar: 'PSC', website: 'javascript:alert(1)',
      statusHistory: [valid.statusHistory[0], { status: 'TERMINATED', category: 'MEMBER', effectiveFrom: '2022-01-01', reason: 'x' }],
      formerNames: [{ name: 'Old Name', validFrom: '2020-01-01' }],
      contacts: [{ name: '', email: 'a@b.example' }],
    });
    expect(organization).toBeUndefined();
    expect(check.problems.map((p) => [p.row, p.field])).toEqual([
      [7, 'externalReference'], [7, 'pillar'], [7, 'website'], [7, 'formerNames[0].validUntil'], [7, 'contacts[0].name'],
    ]);
    const history = new RowChecker(8);
    checkImportedOrganization(history, { ...valid, statusHistory: [valid.statusHistory[0], { status: 'TERMINATED', category: 'MEMBER', effectiveFrom: '2022-01-01', reason: 'x' }] });
    expect(history.problems.map((p) => p.field)).toEqual(['statusHistory[1].effectiveFrom']);
  });

  it('accepts an observer with its kind, and refuses a kind elsewhere or an observer without one', () => {
    const observerHistory = [{ status: 'ACTIVE', category: 'OBSERVER', effectiveFrom: '2024-04-02', reason: 'Observer status granted' }];
    const check = new RowChecker(1);
    const observer = checkImportedOrganization(check, { ...valid, pillar: 'OBSERVER', observerKind: 'CERTIFICATION_BODY', statusHistory: observerHistory });
    expect(check.problems).toEqual([]);
    expect(observer).toMatchObject({ pillar: 'OBSERVER', observerKind: 'CERTIFICATION_BODY', certificationDeadline: null });
    const refused = (raw: Record<string, unknown>) => {
      const rowCheck = new RowChecker(2);
      checkImportedOrganization(rowCheck, { ...valid, ...raw });
      return rowCheck.problems.map((p) => p.field);
    };
    expect(refused({ pillar: 'OBSERVER', statusHistory: observerHistory })).toEqual(['observerKind']);
    expect(refused({ pillar: 'OBSERVER', observerKind: 'ASTROLOGER', statusHistory: observerHistory })).toEqual(['observerKind']);
    expect(refused({ observerKind: 'OTHER_INDUSTRY' })).toEqual(['observerKind']);
    expect(refused({ statusHistory: observerHistory })).toEqual(['statusHistory[0].category']);
    expect(checkImportedOrganization(new RowChecker(3), { ...valid, observerKind: '' })).toMatchObject({ observerKind: null });
  });

  it('reads the deadline counting setting, a government row\'s kind and Montreux Document periods, and coded terminations', () => {
    const counted = checkImportedOrganization(new RowChecker(1), valid, DeadlineFirstYear.YEAR_OF_JOINING);
    expect(counted?.certificationDeadline).toEqual({ deadline: '2025-12-31', rule: 'END_OF_THIRD_CALENDAR_YEAR' });
    const state = {
      ...valid, pillar: 'GOVERNMENT', governmentKind: 'STATE', statusHistory: [{ ...valid.statusHistory[0], category: 'MEMBER' }],
      montreuxDocumentParticipation: [{ since: '2008-09-17', until: '2012-01-01' }, { since: '2015-02-02' }],
    };
    const check = new RowChecker(2);
    expect(checkImportedOrganization(check, state)).toMatchObject({
      governmentKind: 'STATE', montreuxDocumentParticipation: [{ since: '2008-09-17', until: '2012-01-01' }, { since: '2015-02-02', until: null }],
    });
    expect(check.problems).toEqual([]);
    const refused = (raw: Record<string, unknown>) => {
      const c = new RowChecker(3);
      checkImportedOrganization(c, raw);
      return c.problems.map((p) => p.field);
    };
    expect(refused({ ...state, governmentKind: undefined })).toEqual(['governmentKind']);
    expect(refused({ ...valid, governmentKind: 'STATE' })).toEqual(['governmentKind']);
    expect(refused({ ...valid, montreuxDocumentParticipation: [{ since: '2010-01-01' }] })).toEqual(['montreuxDocumentParticipation[0].since']);
    expect(refused({ ...state, montreuxDocumentParticipation: [{ since: '2010-01-01' }, { since: '2012-01-01' }] })).toEqual(['montreuxDocumentParticipation[1].since']);
    expect(refused({ ...state, montreuxDocumentParticipation: [{ since: '2010-01-01', until: '2009-01-01' }] })).toEqual(['montreuxDocumentParticipation[0].until']);
    const terminated = { status: 'TERMINATED', category: 'MEMBER', effectiveFrom: '2024-01-01', reason: 'Dues unpaid' };
    expect(refused({ ...valid, statusHistory: [valid.statusHistory[0], terminated] })).toEqual(['statusHistory[1].reasonCode']);
    expect(refused({ ...valid, statusHistory: [valid.statusHistory[0], { ...terminated, reasonCode: 'UNPAID' }] })).toEqual(['statusHistory[1].reasonCode']);
    expect(refused({ ...valid, statusHistory: [valid.statusHistory[0], { ...terminated, reasonCode: 'NON_PAYMENT_OF_DUES' }] })).toEqual([]);
  });

  it('reads acknowledgeSimilarNames as a flag, and finds look-alike names across the rows of one file', () => {
    const organizations = [
      { ...valid, name: 'Kittiwake Patrol Ltd' },
      { ...valid, externalReference: 'R-2', name: 'Kittiwake Patrol GmbH', formerNames: [{ name: 'Fulmar Guarding', validFrom: null, validUntil: '2020-01-01' }] },
      { ...valid, externalReference: 'R-3', name: 'FULMAR GUARDING S.A.', acknowledgeSimilarNames: 'true' },
      { ...valid, externalReference: 'R-4', name: 'Kittiwake Patrol Ltd', acknowledgeSimilarNames: true },
      { ...valid, externalReference: 'R-5', name: 'Guillemot Watch', tradingNames: [{ name: 'Guillemot Watch Ltd' }] },
    ].map((raw, i) => checkImportedOrganization(new RowChecker(i + 1), raw)!);
    expect(organizations.map((o) => o.acknowledgeSimilarNames)).toEqual([false, false, true, true, false]);
    // Row 3 acknowledges; a row's own names may look alike; the same registered name twice is refused whatever the flag.
    expect(sameFileLookAlikes(organizations).map((p) => [p.row, p.field, p.message.split(',')[0]])).toEqual([
      [2, 'name', '"Kittiwake Patrol GmbH" looks like "Kittiwake Patrol Ltd"'],
      [4, 'name', '"Kittiwake Patrol Ltd" is also the registered name on row 1'],
    ]);
    const check = new RowChecker(9);
    checkImportedOrganization(check, { ...valid, acknowledgeSimilarNames: 1 });
    expect(check.problems).toEqual([{ row: 9, field: 'acknowledgeSimilarNames', message: 'acknowledgeSimilarNames must be true or false' }]);
  });

  it('checks a certificate\'s history: transitions, renewals and dates', () => {
    const certificate = {
      standard: 'ANSI/ASIS PSC.1-2012', certificationBody: { name: 'B', accreditationBody: 'A', country: 'GB' },
      certificateNumber: 'N-1', scope: 'Guarding', countriesCovered: ['KE'], issuedOn: '2023-01-01', expiresOn: '2025-12-31',
    };
    const ok = new RowChecker(1);
    const [checked] = checkImportedCertifications(ok, [{
      ...certificate,
      statusHistory: [
        { status: 'SUSPENDED', effectiveFrom: '2024-01-01', reason: 'Audit overdue' },
        { status: 'ACTIVE', effectiveFrom: '2024-02-01', reason: 'Audit done' },
        { status: 'ACTIVE', effectiveFrom: '2025-12-01', expiresOn: '2028-12-31', reason: 'Renewed' },
      ],
    }]);
    expect(ok.problems).toEqual([]);
    expect(checked.history.map((e) => e.event)).toEqual(['ISSUED', 'SUSPENDED', 'REINSTATED', 'RENEWED']);
    expect(checked).toMatchObject({ standard: 'PSC_1', expiresOn: '2028-12-31' });

    const bad = new RowChecker(2);
    expect(checkImportedCertifications(bad, [{
      ...certificate, statusHistory: [{ status: 'WITHDRAWN', effectiveFrom: '2024-01-01', reason: 'x' }, { status: 'ACTIVE', effectiveFrom: '2024-02-01', reason: 'y' }],
    }])).toEqual([]);
    expect(bad.problems).toEqual([expect.objectContaining({ row: 2, field: 'certifications[0].statusHistory[1].status' })]);
  });

  it('reads CSV with quoted fields, doubled quotes, line breaks inside quotes and a BOM', () => {
    const rows = csvRows('\uFEFFexternalReference,name,countriesOfOperation,contacts\r\nR-1,"Smith, Jones ""&"" Co",KE; UG,"[{""name"":""A"",\n""email"":""a@b.example""}]"\r\n');
    expect(rows).toEqual([{ row: 2, value: {
      externalReference: 'R-1', name: 'Smith, Jones "&" Co', countriesOfOperation: ['KE', 'UG'], contacts: [{ name: 'A', email: 'a@b.example' }],
    } }]);
  });
});
