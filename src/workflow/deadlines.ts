import { parseDuration } from './bpmn/duration.js';
import type { TimerInfo } from './bpmn/compile-route.js';
import { addCalendarTime, addWorkingTime, type WorkingCalendar } from './working-calendar.js';

/** When a route's timer (a boundary timer event) started at `start` is due: working or plain time, as it says. */
export function dueAt(timer: Pick<TimerInfo, 'duration' | 'calendar'>, start: Date, calendar: WorkingCalendar): Date {
  const d = parseDuration(timer.duration);
  return timer.calendar === 'calendar' ? addCalendarTime(start, d) : addWorkingTime(calendar, start, d);
}
