import { describe, expect, it } from '@jest/globals';
import { calendarMinutes, DurationError, parseDuration } from './duration.js';

describe('ISO-8601 durations of timers', () => {
  it.each([
    ['P2D', { weeks: 0, days: 2, hours: 0, minutes: 0 }, 2 * 24 * 60],
    ['PT4H', { weeks: 0, days: 0, hours: 4, minutes: 0 }, 4 * 60],
    ['PT30M', { weeks: 0, days: 0, hours: 0, minutes: 30 }, 30],
    ['P1DT12H', { weeks: 0, days: 1, hours: 12, minutes: 0 }, 36 * 60],
    ['P1DT2H30M', { weeks: 0, days: 1, hours: 2, minutes: 30 }, 24 * 60 + 150],
    ['PT1H15M', { weeks: 0, days: 0, hours: 1, minutes: 15 }, 75],
    ['P2W', { weeks: 2, days: 0, hours: 0, minutes: 0 }, 14 * 24 * 60],
    ['P0DT1M', { weeks: 0, days: 0, hours: 0, minutes: 1 }, 1],
    [' P3D ', { weeks: 0, days: 3, hours: 0, minutes: 0 }, 3 * 24 * 60],
  ])('%s', (source, expected, minutes) => {
    const d = parseDuration(source);
    expect(d).toEqual(expected);
    expect(calendarMinutes(d)).toBe(minutes);
  });

  const expected = 'expected an ISO-8601 duration PnW or PnDTnHnM (e.g. P2D, PT4H, P1DT12H, P2W)';
  it.each([
    ['', `bad duration "": empty; ${expected}`],
    ['2D', `bad duration "2D": ${expected}`],
    ['P', `bad duration "P": ${expected}`],
    ['PT', `bad duration "PT": ${expected}`],
    ['P2X', `bad duration "P2X": ${expected}`],
    ['P4H', `bad duration "P4H": ${expected}`],
    ['PT2D', `bad duration "PT2D": ${expected}`],
    ['P1W2D', `bad duration "P1W2D": ${expected}`],
    ['p2d', `bad duration "p2d": ${expected}`],
    ['P1Y', 'bad duration "P1Y": years and months are not supported: use days or weeks'],
    ['P1M', 'bad duration "P1M": years and months are not supported: use days or weeks'],
    ['P1Y2M3D', 'bad duration "P1Y2M3D": years and months are not supported: use days or weeks'],
    ['PT30S', 'bad duration "PT30S": seconds are not supported: use minutes'],
    ['PT1.5H', 'bad duration "PT1.5H": fractions are not supported: use a smaller unit (PT90M rather than PT1.5H)'],
    ['P0,5D', 'bad duration "P0,5D": fractions are not supported: use a smaller unit (PT90M rather than PT1.5H)'],
    ['-P1D', 'bad duration "-P1D": a duration cannot be negative'],
    ['P0D', 'bad duration "P0D": a duration must be longer than zero'],
    ['PT0H0M', 'bad duration "PT0H0M": a duration must be longer than zero'],
    ['P100001D', 'bad duration "P100001D": a number is larger than 100000'],
  ])('refuses %j', (source, message) => {
    let error: unknown;
    try {
      parseDuration(source);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DurationError);
    expect((error as Error).message).toBe(message);
  });
});
