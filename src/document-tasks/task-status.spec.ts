import { describe, expect, it } from '@jest/globals';
import { countOutcomes, taskOutcome } from './task-status.js';

const due = new Date('2025-06-30T16:59:59Z');
const before = new Date('2025-06-29T03:00:00Z');
const after = new Date('2025-07-02T03:00:00Z');

describe('taskOutcome', () => {
  it.each([
    [{ status: 'done', completedAt: before }, after, 'done-on-time'],
    [{ status: 'done', completedAt: after }, after, 'done-late'],
    [{ status: 'submitted', completedAt: before }, after, 'in-progress'],
    [{ status: 'submitted', completedAt: after }, after, 'overdue'],
    [{ status: 'in-progress', completedAt: null }, after, 'overdue'],
    [{ status: 'assigned', completedAt: null }, before, 'in-progress'],
    [{ status: 'assigned', completedAt: null }, due, 'in-progress'],
  ] as const)('%j at %s → %s', (a, now, outcome) => {
    expect(taskOutcome({ ...a, dueAt: due }, now)).toBe(outcome);
  });

  it('counts each outcome', () => {
    expect(
      countOutcomes(
        [
          { status: 'done', completedAt: before, dueAt: due },
          { status: 'done', completedAt: after, dueAt: due },
          { status: 'assigned', completedAt: null, dueAt: due },
        ],
        after,
      ),
    ).toEqual({ 'done-on-time': 1, 'done-late': 1, overdue: 1, 'in-progress': 0, total: 3 });
  });
});
