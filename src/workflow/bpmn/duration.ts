/**
 * The ISO-8601 durations of timer boundary events (`<bpmn:timeDuration>P2D</bpmn:timeDuration>`).
 *
 * Supported forms: `PnW` (weeks alone, as ISO-8601 requires) and `PnDTnHnM` (days, hours, minutes, each optional but
 * at least one present; the `T` is required before hours and minutes and only then). Numbers are whole and not negative;
 * the total must be positive. Years and months (variable length), seconds (too fine for a document route) and
 * fractions are refused. Whether days and hours count working time is said by the timer's `cv:calendar`, not here.
 */

export interface Duration {
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
}

export class DurationError extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`bad duration "${source}": ${reason}`);
    this.name = 'DurationError';
  }
}

const WEEKS = /^P(\d+)W$/;
const DAY_TIME = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;
const EXPECTED = 'expected an ISO-8601 duration PnW or PnDTnHnM (e.g. P2D, PT4H, P1DT12H, P2W)';
const MAX = 100_000;

/** Parses an ISO-8601 duration of the supported subset; throws a {@link DurationError} saying why otherwise. */
export function parseDuration(source: string): Duration {
  const fail = (reason: string): never => {
    throw new DurationError(source, reason);
  };
  if (typeof source !== 'string' || source.trim() === '') return fail(`empty; ${EXPECTED}`);
  const s = source.trim();
  if (/[.,]\d/.test(s)) fail('fractions are not supported: use a smaller unit (PT90M rather than PT1.5H)');
  if (/^-/.test(s)) fail('a duration cannot be negative');
  const [datePart, timePart = ''] = s.split('T');
  if (/^P/.test(datePart) && /\d[YM]/.test(datePart)) fail('years and months are not supported: use days or weeks');
  if (/\dS/.test(timePart)) fail('seconds are not supported: use minutes');
  const w = WEEKS.exec(s);
  let d: Duration;
  if (w) {
    d = { weeks: Number(w[1]), days: 0, hours: 0, minutes: 0 };
  } else {
    const m = DAY_TIME.exec(s);
    if (!m || s === 'P' || s.endsWith('T')) return fail(EXPECTED);
    if (/W/.test(s)) fail(EXPECTED);
    d = { weeks: 0, days: Number(m[1] ?? 0), hours: Number(m[2] ?? 0), minutes: Number(m[3] ?? 0) };
  }
  if (Object.values(d).some((n) => n > MAX)) fail(`a number is larger than ${MAX}`);
  if (d.weeks + d.days + d.hours + d.minutes === 0) fail('a duration must be longer than zero');
  return d;
}

/** The duration in minutes of plain calendar time (a day is 24 hours, a week 7 days). */
export function calendarMinutes(d: Duration): number {
  return ((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes;
}
