import { parseDuration } from './bpmn/duration.js';
import type { CompiledRoute } from './bpmn/compile-route.js';
import { addCalendarTime, addWorkingTime, type WorkingCalendar } from './working-calendar.js';

/** A boundary timer of a route's user task, as the compiler lists it (CompiledRoute.timers). */
export interface RouteTimer {
  /** The boundary event's id. */
  id: string;
  /** The user task it is attached to. */
  attachedTo: string;
  /** ISO-8601 duration (PnW, PnDTnHnM). */
  duration: string;
  /** Whether days and hours count working time (the calendar of app-config) or plain time. */
  calendar: 'working' | 'calendar';
  /** Interrupting: when due, the document leaves the task by the timer's flow (escalate, re-route). Otherwise a reminder. */
  interrupting: boolean;
}

/** When a timer started at `start` is due. */
export function dueAt(timer: Pick<RouteTimer, 'duration' | 'calendar'>, start: Date, calendar: WorkingCalendar): Date {
  const d = parseDuration(timer.duration);
  return timer.calendar === 'calendar' ? addCalendarTime(start, d) : addWorkingTime(calendar, start, d);
}

/** The boundary timers of a route. */
export function timersOf(route: CompiledRoute): RouteTimer[] {
  return (route as CompiledRoute & { timers?: RouteTimer[] }).timers ?? [];
}
