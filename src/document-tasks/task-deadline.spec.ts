import { describe, expect, it } from '@jest/globals';
import { formatDeadline, parseDeadline } from './task-deadline.js';

describe('parseDeadline', () => {
  it.each([
    ['Hoàn thành trong tháng 6/2025', '2025-06-30T16:59:59.000Z', false],
    ['Hoàn thành\ntrong tháng\n6/2025', '2025-06-30T16:59:59.000Z', false],
    ['Trong tháng 02/2024', '2024-02-29T16:59:59.000Z', false],
    ['tháng 12 năm 2025', '2025-12-31T16:59:59.000Z', false],
    ['30/6/2025', '2025-06-30T16:59:59.000Z', false],
    ['trước ngày 30/06/2025', '2025-06-30T16:59:59.000Z', false],
    ['ngày 05 tháng 01 năm 2026', '2026-01-05T16:59:59.000Z', false],
    ['14h00 ngày 30/6/2025', '2025-06-30T07:00:00.000Z', true],
    ['trước 14h ngày 30/6/2025', '2025-06-30T07:00:00.000Z', true],
    ['14:30 30/6/2025', '2025-06-30T07:30:00.000Z', true],
    ['Quý II/2025', '2025-06-30T16:59:59.000Z', false],
    ['quý 4 năm 2025', '2025-12-31T16:59:59.000Z', false],
    ['Năm 2026', '2026-12-31T16:59:59.000Z', false],
    ['2025-06-30', '2025-06-30T16:59:59.000Z', false],
    ['2025-06-30T14:00', '2025-06-30T07:00:00.000Z', true],
    ['2025-06-30T14:00:00+07:00', '2025-06-30T07:00:00.000Z', true],
    ['2025-06-30T07:00:00Z', '2025-06-30T07:00:00.000Z', true],
  ])('%s', (text, iso, hasTime) => {
    expect(parseDeadline(text)).toEqual({ dueAt: new Date(iso), hasTime });
  });

  it.each(['', 'sớm', 'Thường xuyên', '31/2/2025', '30/13/2025', '25h00 ngày 30/6/2025', 'tháng 13/2025', '2025-02-30', 'Quý V/2025'])('reads no deadline in %j', (text) => {
    expect(parseDeadline(text)).toBeNull();
  });
});

describe('formatDeadline', () => {
  it('prints a date, or a time and a date, as agencies write them', () => {
    expect(formatDeadline(parseDeadline('30/06/2025')!)).toBe('30/6/2025');
    expect(formatDeadline(parseDeadline('2025-06-30T14:00')!)).toBe('14h00 ngày 30/6/2025');
  });
});
