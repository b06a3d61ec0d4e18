import { describe, expect, it } from '@jest/globals';
import {
  addCalendarTime,
  addWorkingTime,
  DEFAULT_WORKING_PERIODS,
  DEFAULT_WORKING_WEEKDAYS,
  isWorkingDay,
  isWorkingTime,
  parseWorkingPeriods,
  workingMsBetween,
  type WorkingCalendar,
  type WorkingDuration,
} from './working-calendar.js';

/** Tết 2026: civil servants are off from Saturday 14 to Sunday 22 February 2026. */
const TET_2026 = ['14', '15', '16', '17', '18', '19', '20', '21', '22'].map((day) => `2026-02-${day}`);

const cal: WorkingCalendar = {
  periods: [...DEFAULT_WORKING_PERIODS],
  workingWeekdays: [...DEFAULT_WORKING_WEEKDAYS],
  holidays: TET_2026,
  workingDays: [],
};
/** Saturday 7 March 2026 is worked in exchange for a bridge day. */
const withWorkingSaturday: WorkingCalendar = { ...cal, workingDays: ['2026-03-07'] };

/** '2026-03-02 10:00' in Vietnam time → the instant. */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
/** The instant → '2026-03-02 10:00' in Vietnam time. */
const local = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const HOUR = 3_600_000;

// Calendar of March 2026: Mon 2, Fri 6, Sat 7, Sun 8, Mon 9. Tết: Fri 13 Feb is the last working day before it,
// Mon 23 Feb the first after it.
describe('parseWorkingPeriods', () => {
  it.each([
    ['07:30-11:30,13:00-17:00', DEFAULT_WORKING_PERIODS],
    [' 7:30 - 11:30 , 13:00-17:00 ', DEFAULT_WORKING_PERIODS],
    ['08:00-12:00', [{ from: '08:00', to: '12:00' }]],
    ['08:00-12:00,12:00-16:00', [{ from: '08:00', to: '12:00' }, { from: '12:00', to: '16:00' }]],
    ['00:00-24:00', [{ from: '00:00', to: '24:00' }]],
  ])('%j', (text, expected) => {
    expect(parseWorkingPeriods(text)).toEqual(expected);
  });

  it.each([
    ['', /Invalid working period ""/],
    ['07:30', /Invalid working period "07:30": expected HH:MM-HH:MM/],
    ['07:30-11:30;13:00-17:00', /Invalid working period "07:30-11:30;13:00-17:00"/],
    ['7h30-11h30', /Invalid time "7h30"/],
    ['07:60-11:30', /Invalid time "07:60"/],
    ['07:30-25:00', /Invalid time "25:00"/],
    ['11:30-07:30', /11:30-07:30 must end after it starts/],
    ['08:00-08:00', /08:00-08:00 must end after it starts/],
    ['07:30-11:30,11:00-17:00', /11:00-17:00 overlaps or comes before 07:30-11:30/],
    ['13:00-17:00,07:30-11:30', /07:30-11:30 overlaps or comes before 13:00-17:00/],
  ])('rejects %j', (text, message) => {
    expect(() => parseWorkingPeriods(text)).toThrow(message);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-03-02', cal, true], // Monday
    ['2026-03-06', cal, true], // Friday
    ['2026-03-07', cal, false], // Saturday
    ['2026-03-08', cal, false], // Sunday
    ['2026-02-13', cal, true], // Friday before Tết
    ['2026-02-16', cal, false], // Monday in Tết
    ['2026-02-20', cal, false], // Friday in Tết
    ['2026-02-23', cal, true], // Monday after Tết
    ['2026-03-07', withWorkingSaturday, true], // worked Saturday
    ['2026-03-08', withWorkingSaturday, false],
    ['2026-02-16', { ...cal, workingDays: ['2026-02-16'] }, false], // a holiday wins over a working day
    ['2026-03-07', { ...cal, workingWeekdays: [1, 2, 3, 4, 5, 6] }, true], // six-day week
  ])('%s', (date, calendar, expected) => {
    expect(isWorkingDay(calendar, date)).toBe(expected);
  });

  it.each(['2026-3-2', '2026-02-30', '2026-13-01', '02/03/2026', ''])('rejects %j', (date) => {
    expect(() => isWorkingDay(cal, date)).toThrow(`Invalid date "${date}"`);
  });
});

describe('isWorkingTime', () => {
  it.each([
    ['2026-03-02T03:00:00Z', true], // Monday 10:00 in Vietnam
    ['2026-03-02T00:30:00Z', true], // Monday 07:30: a period includes its start
    ['2026-03-02T00:29:59Z', false], // Monday 07:29:59
    ['2026-03-02T04:30:00Z', false], // Monday 11:30: a period excludes its end
    ['2026-03-02T05:00:00Z', false], // Monday 12:00, lunch
    ['2026-03-02T06:00:00Z', true], // Monday 13:00
    ['2026-03-02T10:00:00Z', false], // Monday 17:00
    ['2026-03-01T23:00:00Z', false], // Monday 06:00 (still Sunday in UTC)
    ['2026-03-06T20:00:00Z', false], // Saturday 03:00 (still Friday in UTC)
    ['2026-03-07T03:00:00Z', false], // Saturday 10:00
    ['2026-02-17T03:00:00Z', false], // Tuesday 10:00 in Tết
  ])('%s → %s', (iso, expected) => {
    expect(isWorkingTime(cal, new Date(iso))).toBe(expected);
  });

  it('counts a worked Saturday', () => {
    expect(isWorkingTime(withWorkingSaturday, vn('2026-03-07 10:00'))).toBe(true);
  });
});

describe('addWorkingTime', () => {
  it.each<[string, WorkingDuration, string]>([
    // within a period, and a deadline exactly at the end of a period stays there
    ['2026-03-02 10:00', { hours: 1 }, '2026-03-02 11:00'],
    ['2026-03-02 10:00', { hours: 1, minutes: 30 }, '2026-03-02 11:30'],
    ['2026-03-02 10:00', { minutes: 90 }, '2026-03-02 11:30'],
    ['2026-03-02 11:00', { minutes: 30 }, '2026-03-02 11:30'],
    ['2026-03-02 16:00', { hours: 1 }, '2026-03-02 17:00'],
    // across the lunch break and the night
    ['2026-03-02 11:00', { hours: 1 }, '2026-03-02 13:30'],
    ['2026-03-02 16:30', { hours: 1 }, '2026-03-03 08:00'],
    ['2026-03-06 16:00', { hours: 2 }, '2026-03-09 08:30'], // Friday → Monday
    // a start outside working time starts at the next working moment
    ['2026-03-02 06:00', { hours: 1 }, '2026-03-02 08:30'],
    ['2026-03-02 11:30', { hours: 1 }, '2026-03-02 14:00'],
    ['2026-03-02 12:00', { hours: 1 }, '2026-03-02 14:00'],
    ['2026-03-02 18:00', { hours: 1 }, '2026-03-03 08:30'],
    ['2026-03-07 09:00', { hours: 1 }, '2026-03-09 08:30'], // Saturday
    ['2026-02-17 09:00', { hours: 1 }, '2026-02-23 08:30'], // in Tết
    ['2026-03-07 09:00', {}, '2026-03-09 07:30'],
    ['2026-03-02 11:30', {}, '2026-03-02 13:00'],
    ['2026-03-02 10:00', {}, '2026-03-02 10:00'],
    // whole working days: a working day is 8 h
    ['2026-03-02 10:00', { days: 1 }, '2026-03-03 10:00'],
    ['2026-03-02 10:00', { hours: 8 }, '2026-03-03 10:00'],
    ['2026-03-06 10:00', { days: 1 }, '2026-03-09 10:00'], // Friday → Monday
    ['2026-03-02 07:30', { days: 1 }, '2026-03-02 17:00'],
    ['2026-03-02 11:30', { days: 1 }, '2026-03-03 11:30'],
    ['2026-03-07 09:00', { days: 1 }, '2026-03-09 17:00'], // Saturday: all of Monday
    ['2026-02-13 10:00', { days: 2 }, '2026-02-24 10:00'], // across Tết
    ['2026-02-13 10:00', { days: 1 }, '2026-02-23 10:00'],
    ['2026-03-02 10:00', { weeks: 1 }, '2026-03-09 10:00'],
    ['2026-03-02 10:00', { days: 5 }, '2026-03-09 10:00'],
    // days then hours combine
    ['2026-03-02 10:00', { days: 1, hours: 2 }, '2026-03-03 13:30'],
    ['2026-03-06 16:00', { days: 1, hours: 2 }, '2026-03-10 08:30'],
    ['2026-03-02 10:00', { days: 1, hours: 1, minutes: 30 }, '2026-03-03 11:30'],
  ])('%s + %j → %s', (start, duration, expected) => {
    expect(local(addWorkingTime(cal, vn(start), duration))).toBe(expected);
  });

  it.each<[string, WorkingDuration, string]>([
    ['2026-03-06 10:00', { days: 1 }, '2026-03-07 10:00'], // Friday → the worked Saturday
    ['2026-03-06 16:00', { hours: 2 }, '2026-03-07 08:30'],
    ['2026-03-07 10:00', { days: 1 }, '2026-03-09 10:00'],
  ])('with a worked Saturday: %s + %j → %s', (start, duration, expected) => {
    expect(local(addWorkingTime(withWorkingSaturday, vn(start), duration))).toBe(expected);
  });

  it('counts a working week as the number of working weekdays', () => {
    const sixDays = { ...cal, workingWeekdays: [1, 2, 3, 4, 5, 6] };
    expect(local(addWorkingTime(sixDays, vn('2026-03-02 10:00'), { weeks: 1 }))).toBe('2026-03-09 10:00');
  });

  it('works in Vietnam time whatever the time zone of the machine', () => {
    const mondayTenInVietnam = new Date('2026-03-02T03:00:00Z');
    expect(addWorkingTime(cal, mondayTenInVietnam, { hours: 1 }).toISOString()).toBe('2026-03-02T04:00:00.000Z');
    expect(addWorkingTime(cal, mondayTenInVietnam, { hours: 2 }).toISOString()).toBe('2026-03-02T06:30:00.000Z');
    expect(addWorkingTime(cal, mondayTenInVietnam, { days: 1 }).toISOString()).toBe('2026-03-03T03:00:00.000Z');
  });

  it.each<[WorkingDuration, RegExp]>([
    [{ hours: -1 }, /hours must be a non-negative number, got -1/],
    [{ days: NaN }, /days must be a non-negative number/],
    [{ minutes: Infinity }, /minutes must be a non-negative number/],
  ])('rejects %j', (duration, message) => {
    expect(() => addWorkingTime(cal, vn('2026-03-02 10:00'), duration)).toThrow(message);
  });

  it('rejects a broken calendar', () => {
    const start = vn('2026-03-02 10:00');
    expect(() => addWorkingTime({ ...cal, workingWeekdays: [] }, start, { hours: 1 })).toThrow(/no working day/);
    expect(() => addWorkingTime({ ...cal, periods: [] }, start, { hours: 1 })).toThrow(/must not be empty/);
    const overlapping = [{ from: '13:00', to: '17:00' }, { from: '07:30', to: '11:30' }];
    expect(() => addWorkingTime({ ...cal, periods: overlapping }, start, { hours: 1 })).toThrow(/overlaps/);
  });
});

describe('addCalendarTime', () => {
  it.each<[string, WorkingDuration, string]>([
    ['2026-03-06 16:00', { hours: 2 }, '2026-03-06 18:00'],
    ['2026-03-06 16:00', { days: 1 }, '2026-03-07 16:00'],
    ['2026-03-06 16:00', { weeks: 1 }, '2026-03-13 16:00'],
    ['2026-03-06 16:00', { days: 1, hours: 2, minutes: 30 }, '2026-03-07 18:30'],
    ['2026-02-13 10:00', { days: 2 }, '2026-02-15 10:00'], // holidays do not matter
    ['2026-03-06 16:00', {}, '2026-03-06 16:00'],
  ])('%s + %j → %s', (start, duration, expected) => {
    expect(local(addCalendarTime(vn(start), duration))).toBe(expected);
  });

  it('rejects a negative duration', () => {
    expect(() => addCalendarTime(vn('2026-03-06 16:00'), { days: -1 })).toThrow(/days must be a non-negative number/);
  });
});

describe('workingMsBetween', () => {
  it.each([
    ['2026-03-02 10:00', '2026-03-02 11:00', 1 * HOUR],
    ['2026-03-02 10:00', '2026-03-02 14:00', 2.5 * HOUR], // lunch does not count
    ['2026-03-02 12:00', '2026-03-02 12:30', 0],
    ['2026-03-02 06:00', '2026-03-02 20:00', 8 * HOUR],
    ['2026-03-06 16:00', '2026-03-09 08:30', 2 * HOUR], // Friday → Monday
    ['2026-03-07 08:00', '2026-03-08 20:00', 0], // weekend
    ['2026-02-13 10:00', '2026-02-24 10:00', 16 * HOUR], // across Tết
    ['2026-03-02 10:00', '2026-03-02 10:00', 0],
    ['2026-03-02 11:00', '2026-03-02 10:00', -1 * HOUR], // late by a negative amount: not late yet
    ['2026-03-08 20:00', '2026-03-07 08:00', 0],
  ])('%s → %s = %d ms', (from, to, expected) => {
    expect(workingMsBetween(cal, vn(from), vn(to))).toBe(expected);
  });

  it('counts a worked Saturday', () => {
    expect(workingMsBetween(withWorkingSaturday, vn('2026-03-06 16:00'), vn('2026-03-09 08:30'))).toBe(10 * HOUR);
  });

  it('does not need a working day in a short span', () => {
    expect(workingMsBetween({ ...cal, workingWeekdays: [] }, vn('2026-03-02 10:00'), vn('2026-03-03 10:00'))).toBe(0);
  });

  const starts = ['2026-03-02 07:30', '2026-03-02 10:00', '2026-03-02 11:30', '2026-03-02 12:15', '2026-03-06 16:45', '2026-03-07 09:00', '2026-02-12 15:00'];
  const durations: WorkingDuration[] = [{}, { minutes: 1 }, { hours: 1 }, { hours: 4, minutes: 30 }, { days: 1 }, { days: 2, hours: 7 }, { weeks: 1 }, { days: 3, minutes: 15 }];
  const msOf = ({ weeks = 0, days = 0, hours = 0, minutes = 0 }: WorkingDuration) => ((weeks * 5 + days) * 8 + hours) * HOUR + minutes * 60_000;

  it.each(starts.flatMap((start) => durations.map((duration): [string, WorkingDuration] => [start, duration])))(
    'gives back the duration added: %s + %j',
    (start, duration) => {
      for (const calendar of [cal, withWorkingSaturday]) {
        const deadline = addWorkingTime(calendar, vn(start), duration);
        expect(workingMsBetween(calendar, vn(start), deadline)).toBe(msOf(duration));
      }
    },
  );
});
