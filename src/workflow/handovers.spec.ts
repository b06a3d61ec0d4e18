import { describe, expect, it } from '@jest/globals';
import { absenceHandovers, handoverFor, type ActiveHandover } from './handovers.js';

const h = (ownerId: string, delegateId: string): ActiveHandover => ({
  id: `${ownerId}-${delegateId}`,
  ownerId,
  ownerName: ownerId,
  delegateId,
  delegateName: delegateId,
  reason: null,
  absenceId: null,
  createdAt: '2026-11-23T00:00:00Z',
});

describe('handovers', () => {
  it.each([
    ['the delegate of an assignee', 'deputy', [h('head', 'deputy')], ['head'], 'head-deputy'],
    ['nobody handed to', 'other', [h('head', 'deputy')], ['head'], undefined],
    ['an owner who is no longer an assignee', 'deputy', [h('head', 'deputy')], ['someone'], undefined],
    ['a handover to oneself', 'head', [h('head', 'head')], ['head'], undefined],
    ['the first of several owners', 'deputy', [h('x', 'deputy'), h('head', 'deputy')], ['head', 'x'], 'x-deputy'],
  ])('%s', (_what, user, handovers, assignees, expected) => {
    expect(handoverFor(user, handovers, assignees)?.id).toBe(expected);
  });

  it('hands over the tasks of absent assignees to their stand-ins, once each', () => {
    const absences = [
      { id: 'a1', userId: 'head', standInId: 'deputy', reason: 'nghỉ phép' },
      { id: 'a2', userId: 'head', standInId: 'other', reason: 'later one' },
      { id: 'a3', userId: 'self', standInId: 'self', reason: null },
    ];
    expect(absenceHandovers(['head', 'clerk', 'self'], absences).map((a) => a.id)).toEqual(['a1']);
    expect(absenceHandovers([], absences)).toEqual([]);
  });
});
