/**
 * Working-time calendar of a provincial administration, for step deadlines and "how late is it".
 *
 * All inputs and outputs are instants (JS `Date`); the calendar itself works in Vietnam time (UTC+7, no daylight
 * saving time), independently of the time zone of the machine. Periods are half-open: 07:30–11:30 includes 07:30 and
 * excludes 11:30, yet a deadline that lands exactly at the end of a period stays there (11:30, not 13:00).
 */
export interface WorkingCalendar {
  /** Working periods of a working day, in Vietnam local time, e.g. [{ from: '07:30', to: '11:30' }, { from: '13:00', to: '17:00' }]. */
  periods: Array<{ from: string; to: string }>;
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday); default Monday–Friday. */
  workingWeekdays: number[];
  /** Days off in Vietnam local dates 'YYYY-MM-DD' (public holidays, Tết, compensatory days). */
  holidays: string[];
  /** Extra working days that would otherwise be off (a Saturday worked in exchange for a bridge day), 'YYYY-MM-DD'. */
  workingDays: string[];
}

/** ISO-8601 duration components; all non-negative. */
export interface WorkingDuration {
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
}

export const DEFAULT_WORKING_PERIODS: ReadonlyArray<{ from: string; to: string }> = [
  { from: '07:30', to: '11:30' },
  { from: '13:00', to: '17:00' },
];

export const DEFAULT_WORKING_WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const VIETNAM_OFFSET = 7 * HOUR;
/** A calendar without a single working day in this many consecutive days is considered broken. */
const MAX_IDLE_DAYS = 5 * 366;

/** 'H:MM' or 'HH:MM' (00:00–24:00) → minutes after midnight. */
function minutesOf(time: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || minutes > 24 * 60) throw new Error(`Invalid time "${time}": expected HH:MM between 00:00 and 24:00`);
  return minutes;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Periods as [from, to] minutes after midnight; throws unless they are non-empty, in order and non-overlapping. */
function periodMinutes(periods: ReadonlyArray<{ from: string; to: string }>): Array<[number, number]> {
  if (periods.length === 0) throw new Error('Working periods must not be empty');
  const result = periods.map(({ from, to }): [number, number] => [minutesOf(from), minutesOf(to)]);
  result.forEach(([from, to], i) => {
    const label = `${periods[i].from}-${periods[i].to}`;
    if (from >= to) throw new Error(`Working period ${label} must end after it starts`);
    if (i > 0 && from < result[i - 1][1]) {
      const previous = `${periods[i - 1].from}-${periods[i - 1].to}`;
      throw new Error(`Working period ${label} overlaps or comes before ${previous}: periods must be in order and must not overlap`);
    }
  });
  return result;
}

/** Parses "07:30-11:30,13:00-17:00" into periods (times normalized to HH:MM); throws on bad input. */
export function parseWorkingPeriods(text: string): Array<{ from: string; to: string }> {
  const periods = text.split(',').map((part) => {
    const match = /^\s*([^-\s]+)\s*-\s*([^-\s]+)\s*$/.exec(part);
    if (!match) throw new Error(`Invalid working period "${part.trim()}": expected HH:MM-HH:MM, e.g. "07:30-11:30,13:00-17:00"`);
    return { from: match[1], to: match[2] };
  });
  return periodMinutes(periods).map(([from, to]) => ({ from: hhmm(from), to: hhmm(to) }));
}

/** Vietnam local date of an instant (ms). */
const localDate = (ms: number) => new Date(ms + VIETNAM_OFFSET).toISOString().slice(0, 10);
/** The instant (ms) at which a Vietnam local date begins. */
const startOfDate = (date: string) => Date.parse(`${date}T00:00:00Z`) - VIETNAM_OFFSET;

export function isWorkingDay(cal: WorkingCalendar, date: string): boolean {
  const start = /^\d{4}-\d{2}-\d{2}$/.test(date) ? startOfDate(date) : NaN;
  if (Number.isNaN(start) || localDate(start) !== date) {
    throw new Error(`Invalid date "${date}": expected YYYY-MM-DD`);
  }
  if (cal.holidays.includes(date)) return false;
  if (cal.workingDays.includes(date)) return true;
  const isoWeekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  return cal.workingWeekdays.includes(isoWeekday);
}

export function isWorkingTime(cal: WorkingCalendar, at: Date): boolean {
  const ms = at.getTime();
  const periods = periodMinutes(cal.periods);
  const date = localDate(ms);
  const sinceMidnight = ms - startOfDate(date);
  return isWorkingDay(cal, date) && periods.some(([from, to]) => from * MINUTE <= sinceMidnight && sinceMidnight < to * MINUTE);
}

/**
 * The working intervals [start, end) in ms that end after `from`, in order, the first one clipped to start at `from`;
 * stops before the day that begins at or after `until`.
 */
function* workingIntervals(cal: WorkingCalendar, from: number, until = Infinity): Generator<[number, number]> {
  const periods = periodMinutes(cal.periods);
  let idleDays = 0;
  for (let date = localDate(from); startOfDate(date) < until; date = localDate(startOfDate(date) + DAY)) {
    if (!isWorkingDay(cal, date)) {
      if (++idleDays > MAX_IDLE_DAYS) throw new Error(`Working calendar has no working day in ${MAX_IDLE_DAYS} days`);
      continue;
    }
    idleDays = 0;
    const base = startOfDate(date);
    for (const [start, end] of periods) {
      if (base + end * MINUTE > from) yield [Math.max(base + start * MINUTE, from), base + end * MINUTE];
    }
  }
}

function checkDuration(d: WorkingDuration): Required<WorkingDuration> {
  const { weeks = 0, days = 0, hours = 0, minutes = 0 } = d;
  for (const [name, value] of Object.entries({ weeks, days, hours, minutes })) {
    if (!Number.isFinite(value) || value < 0) throw new Error(`Invalid duration: ${name} must be a non-negative number, got ${value}`);
  }
  return { weeks, days, hours, minutes };
}

/**
 * Adds working time. A working day is the sum of the periods (e.g. 8 h), so P1D from 10:00 is 10:00 on the next
 * working day; a week is as many working days as there are working weekdays (5 by default). Hours and minutes are
 * working hours and minutes. A start outside working time starts at the next working moment; the result is the
 * first instant at which the duration has been worked (so it may be the end of a period).
 */
export function addWorkingTime(cal: WorkingCalendar, start: Date, d: WorkingDuration): Date {
  const { weeks, days, hours, minutes } = checkDuration(d);
  const dayMs = periodMinutes(cal.periods).reduce((sum, [from, to]) => sum + (to - from) * MINUTE, 0);
  let remaining = (weeks * cal.workingWeekdays.length + days) * dayMs + hours * HOUR + minutes * MINUTE;
  for (const [from, to] of workingIntervals(cal, start.getTime())) {
    if (remaining <= to - from) return new Date(from + remaining);
    remaining -= to - from;
  }
  throw new Error('Working calendar ended unexpectedly');
}

/** Plain calendar time, for timers marked calendar="calendar": days = 24 h, weeks = 7 days. */
export function addCalendarTime(start: Date, d: WorkingDuration): Date {
  const { weeks, days, hours, minutes } = checkDuration(d);
  return new Date(start.getTime() + (weeks * 7 + days) * DAY + hours * HOUR + minutes * MINUTE);
}

/** Working time elapsed between two instants, in ms; negative when `to` is before `from`. */
export function workingMsBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  const [start, end] = [from.getTime(), to.getTime()];
  if (end < start) return 0 - workingMsBetween(cal, to, from); // 0 - x rather than -x: never -0
  let total = 0;
  for (const [intervalStart, intervalEnd] of workingIntervals(cal, start, end)) {
    if (intervalStart >= end) break;
    total += Math.min(intervalEnd, end) - intervalStart;
  }
  return total;
}
