/**
 * Where a task's assignment stands at a moment, for lists and reports (báo cáo theo kết quả, seeds 000 and 004: by
 * results, not by progress). Pure.
 *
 * - `done-on-time`: its completion was accepted, and it was reported by the deadline;
 * - `done-late`: accepted, but reported after the deadline;
 * - `overdue`: not accepted yet and the deadline has passed (a completion waiting for the issuer's decision counts
 *   here when it came late, and as in progress when it came in time);
 * - `in-progress`: not accepted yet, the deadline still ahead (or met by a completion awaiting the decision).
 */
export type TaskOutcome = 'done-on-time' | 'done-late' | 'overdue' | 'in-progress';

export const TASK_OUTCOMES: readonly TaskOutcome[] = ['done-on-time', 'done-late', 'overdue', 'in-progress'];

export interface AssignmentFacts {
  status: 'assigned' | 'in-progress' | 'submitted' | 'done';
  dueAt: Date;
  /** When the completion now standing (accepted or awaiting the decision) was reported. */
  completedAt: Date | null;
}

export function taskOutcome(a: AssignmentFacts, now: Date): TaskOutcome {
  if (a.status === 'done') return a.completedAt && a.completedAt <= a.dueAt ? 'done-on-time' : 'done-late';
  if (a.status === 'submitted' && a.completedAt && a.completedAt <= a.dueAt) return 'in-progress';
  return now > a.dueAt ? 'overdue' : 'in-progress';
}

/** Counts of each outcome, and the total. */
export function countOutcomes(items: readonly AssignmentFacts[], now: Date): Record<TaskOutcome, number> & { total: number } {
  const counts = { 'done-on-time': 0, 'done-late': 0, overdue: 0, 'in-progress': 0, total: items.length };
  for (const a of items) counts[taskOutcome(a, now)]++;
  return counts;
}
