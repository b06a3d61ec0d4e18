import { describe, expect, it } from '@jest/globals';
import { formatDateLine, vietnamDate } from './format-date-line.js';

describe('formatDateLine', () => {
  it.each([
    [{ year: 2026, month: 1, day: 5 }, 'Thanh Hóa, ngày 05 tháng 01 năm 2026'],
    [{ year: 2026, month: 2, day: 28 }, 'Thanh Hóa, ngày 28 tháng 02 năm 2026'],
    [{ year: 2025, month: 6, day: 29 }, 'Thanh Hóa, ngày 29 tháng 6 năm 2025'],
    [{ year: 2025, month: 12, day: 9 }, 'Thanh Hóa, ngày 09 tháng 12 năm 2025'],
  ])('%j → %s', (date, expected) => {
    expect(formatDateLine('Thanh Hóa', date)).toBe(expected);
  });

  // Every month: a leading zero for January and February only.
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('month %i', (month) => {
    const expected = month <= 2 ? `0${month}` : String(month);
    expect(formatDateLine('Hà Nội', { year: 2026, month, day: 15 })).toBe(`Hà Nội, ngày 15 tháng ${expected} năm 2026`);
  });

  // Every day: a leading zero for 1 to 9.
  it.each(Array.from({ length: 31 }, (_, i) => i + 1))('day %i', (day) => {
    const expected = day < 10 ? `0${day}` : String(day);
    expect(formatDateLine('Thanh Hóa', { year: 2026, month: 3, day })).toBe(`Thanh Hóa, ngày ${expected} tháng 3 năm 2026`);
  });
});

describe('vietnamDate', () => {
  it('uses Vietnam time (UTC+7), not the machine clock', () => {
    // 31 Dec 2025 18:30 UTC is already 1 January 2026 in Hà Nội.
    expect(vietnamDate(new Date('2025-12-31T18:30:00Z'))).toEqual({ year: 2026, month: 1, day: 1 });
    expect(vietnamDate(new Date('2025-12-31T16:59:59Z'))).toEqual({ year: 2025, month: 12, day: 31 });
    expect(vietnamDate(new Date('2026-02-28T17:00:00Z'))).toEqual({ year: 2026, month: 3, day: 1 });
  });
});
