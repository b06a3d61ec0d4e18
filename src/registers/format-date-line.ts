/**
 * The place-and-date line (địa danh, ngày tháng năm), Decree 30/2020 App. I:
 * `Thanh Hóa, ngày 05 tháng 01 năm 2026` — days 1–9 and months 1–2 take a leading zero, months 3–12 do not.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The calendar date of an instant in Vietnam time. */
export function vietnamDate(at: Date): CalendarDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: VIETNAM_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

export function formatDateLine(place: string, date: CalendarDate): string {
  const day = date.day < 10 ? `0${date.day}` : String(date.day);
  const month = date.month <= 2 ? `0${date.month}` : String(date.month);
  return `${place}, ngày ${day} tháng ${month} năm ${date.year}`;
}

/** ISO 8601 in Vietnam time (UTC+07:00, no daylight saving): `2026-01-01T01:30:00.123+07:00`. */
export function vietnamIso(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().replace('Z', '+07:00');
}
