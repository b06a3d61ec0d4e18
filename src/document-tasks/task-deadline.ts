/**
 * A task's deadline (thời gian hoàn thành) as agencies write it in an appendix, read into the moment it falls due, in
 * Vietnam time. Pure.
 *
 * - `Hoàn thành trong tháng 6/2025`, `Trong tháng 06/2025`, `tháng 6 năm 2025` → the end of that month;
 * - `30/6/2025`, `ngày 30/6/2025`, `trước ngày 30/06/2025` → the end of that day;
 * - `14h00 ngày 30/6/2025`, `trước 14h ngày 30/6/2025`, `14:30 30/6/2025` → that minute;
 * - `Quý II/2025`, `quý 2 năm 2025` → the end of the quarter; `Năm 2025` → the end of the year;
 * - ISO 8601: `2025-06-30`, `2025-06-30T14:00` (Vietnam time unless it says otherwise).
 * A date alone falls due at the end of its day (23:59:59 +07:00): done that day is on time.
 */
export interface Deadline {
  /** The moment it falls due. */
  dueAt: Date;
  /** Whether a time of day was given (`14h00 ngày 30/6/2025`) or only a date, month, quarter or year. */
  hasTime: boolean;
}

const OFFSET_MS = 7 * 3_600_000;
const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };

/** The instant of a Vietnam wall-clock time. */
function vietnamInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - OFFSET_MS);
}

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const endOfDay = (y: number, m: number, d: number) => vietnamInstant(y, m, d, 23, 59, 59, 0);
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The deadline a text states, or null when it states none that can be read. */
export function parseDeadline(text: string): Deadline | null {
  const t = text.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!t) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (!validDate(y, m, d)) return null;
    if (iso[4] === undefined) return { dueAt: endOfDay(y, m, d), hasTime: false };
    const [h, min, s] = [Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0)];
    if (h > 23 || min > 59 || s > 59) return null;
    const at = iso[7] ? new Date(`${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}:${String(s).padStart(2, '0')}${iso[7] === 'Z' ? 'Z' : iso[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`) : vietnamInstant(y, m, d, h, min, s);
    return { dueAt: at, hasTime: true };
  }
  const lower = t.toLocaleLowerCase('vi');
  const date = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/.exec(lower) ?? /ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})/.exec(lower);
  if (date) {
    const [d, m, y] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (!validDate(y, m, d)) return null;
    const time = /(\d{1,2})\s*(?:h|giờ|:)\s*(\d{2})?(?!\d)/.exec(lower.slice(0, date.index) + ' ' + lower.slice(date.index + date[0].length));
    if (time) {
      const [h, min] = [Number(time[1]), Number(time[2] ?? 0)];
      if (h > 23 || min > 59) return null;
      return { dueAt: vietnamInstant(y, m, d, h, min), hasTime: true };
    }
    return { dueAt: endOfDay(y, m, d), hasTime: false };
  }
  const month = /tháng (\d{1,2})\s*(?:\/|năm)\s*(\d{4})/.exec(lower);
  if (month) {
    const [m, y] = [Number(month[1]), Number(month[2])];
    if (!validDate(y, m, 1)) return null;
    return { dueAt: endOfDay(y, m, lastDay(y, m)), hasTime: false };
  }
  const quarter = /quý (i{1,3}|iv|[1-4])\s*(?:\/|năm)\s*(\d{4})/.exec(lower);
  if (quarter) {
    const q = ROMAN[quarter[1].toUpperCase()] ?? Number(quarter[1]);
    const y = Number(quarter[2]);
    if (!validDate(y, 1, 1)) return null;
    return { dueAt: endOfDay(y, q * 3, lastDay(y, q * 3)), hasTime: false };
  }
  const year = /^(?:trong |hoàn thành trong )?năm (\d{4})$/.exec(lower);
  if (year && validDate(Number(year[1]), 1, 1)) return { dueAt: endOfDay(Number(year[1]), 12, 31), hasTime: false };
  return null;
}

/** The deadline as a table prints it when no text was given: `30/6/2025`, `14h00 ngày 30/6/2025`. */
export function formatDeadline(d: Deadline): string {
  const local = new Date(d.dueAt.getTime() + OFFSET_MS);
  const date = `${local.getUTCDate()}/${local.getUTCMonth() + 1}/${local.getUTCFullYear()}`;
  if (!d.hasTime) return date;
  return `${String(local.getUTCHours()).padStart(2, '0')}h${String(local.getUTCMinutes()).padStart(2, '0')} ngày ${date}`;
}
