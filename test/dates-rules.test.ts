/** The calendar arithmetic every subgraph relies on (services/shared/src/dates.ts), at its edges. */
import { describe, expect, it } from 'vitest';
import { addDays, addYears, anniversary, dayBefore, daysBetween, isCalendarDate, today } from '../services/shared/src/dates';

describe('calendar dates', () => {
  it('accepts only real calendar days written YYYY-MM-DD', () => {
    for (const day of ['2024-02-29', '2000-02-29', '2026-01-31', '2026-12-31']) expect(isCalendarDate(day)).toBe(true);
    for (const text of ['2025-02-29', '1900-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-5', '2026-01-01T00:00:00Z', ''])
      expect(isCalendarDate(text)).toBe(false);
  });

  it("knows today in UTC, as a calendar day", () => {
    const before = new Date().toISOString().slice(0, 10);
    const day = today();
    expect(isCalendarDate(day)).toBe(true);
    expect([before, new Date().toISOString().slice(0, 10)]).toContain(day);
  });

  it('moves by days across month ends, leap days and years, both ways', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2025-03-01')).toBe('2025-02-28');
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
  });

  it('counts whole days between two dates, negative backwards', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
    expect(daysBetween('2026-06-01', '2026-06-01')).toBe(0);
  });

  it('falls an anniversary of 29 February on 28 February in common years', () => {
    expect(anniversary('2024-02-29', 1)).toBe('2025-02-28');
    expect(anniversary('2024-02-29', 4)).toBe('2028-02-29');
    expect(anniversary('2024-02-29', -1)).toBe('2023-02-28');
    expect(anniversary('2025-01-31', 1)).toBe('2026-01-31');
    expect(anniversary('2025-12-31', 3)).toBe('2028-12-31');
  });

  it('moves by years as text, so that 29 February + 1 year sorts between 28 February and 1 March', () => {
    expect(addYears('2025-06-15', 3)).toBe('2028-06-15');
    const limit = addYears('2024-02-29', 1);
    expect(limit).toBe('2025-02-29');
    expect('2025-02-28' < limit && limit < '2025-03-01').toBe(true);
    // A limit "within N years" admits the same calendar days as the anniversary does.
    expect('2027-02-28' > addYears('2024-02-29', 3)).toBe(false);
    expect('2027-03-01' > addYears('2024-02-29', 3)).toBe(true);
  });
});
