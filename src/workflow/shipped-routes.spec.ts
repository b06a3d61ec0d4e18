import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { compileRoute, currentNode, initialSnapshot, nextSnapshot, type CompiledRoute } from './bpmn/compile-route.js';

/** The routes shipped in workflows/, compiled and walked path by path (no HTTP, no database). */
const load = (file: string) => compileRoute(fs.readFileSync(new URL(`../../workflows/${file}`, import.meta.url), 'utf8'), file);

function stepAfter(route: CompiledRoute, actions: string[], doc: Record<string, unknown> = {}) {
  let snap = initialSnapshot(route);
  for (const type of actions) {
    const next = nextSnapshot(route, snap, { type, doc });
    if (!next) throw new Error(`${type} is not possible at ${String(snap.value)}`);
    snap = next;
  }
  const node = currentNode(route, snap);
  return node.kind === 'task' ? `${node.task.id}/${node.task.phase}` : `${node.end.id}/${node.end.phase}`;
}

describe('workflows/quyet-dinh.bpmn', () => {
  let route: CompiledRoute;
  const legal = { flags: { needsLegalReview: true } };
  const plain = { flags: { needsLegalReview: false } };
  it('compiles, with legal review by Sở Tư pháp', async () => {
    route = await load('quyet-dinh.bpmn');
    expect(route.id).toBe('quyet-dinh');
    expect(route.tasks.legalReview).toMatchObject({ phase: 'review', candidates: ['agency:STP:legal-reviewer'], actions: ['approve', 'return'] });
  });

  it.each([
    [[], legal, 'drafting/drafting'],
    [['submit'], legal, 'contentReview/review'],
    [['submit', 'approve'], legal, 'legalReview/review'],
    [['submit', 'approve'], plain, 'formatCheck/review'],
    [['submit', 'approve'], {}, 'formatCheck/review'],
    [['submit', 'approve', 'approve'], legal, 'formatCheck/review'],
    [['submit', 'approve', 'return'], legal, 'drafting/drafting'],
    [['submit', 'return'], legal, 'drafting/drafting'],
    [['submit', 'approve', 'approve', 'return'], legal, 'drafting/drafting'],
    [['submit', 'approve', 'approve', 'approve'], legal, 'signing/signing'],
    [['submit', 'approve', 'approve'], plain, 'signing/signing'],
    [['submit', 'approve', 'approve', 'return'], plain, 'drafting/drafting'],
    [['submit', 'approve', 'approve', 'sign', 'issue', 'complete'], plain, 'completed/completed'],
    [['submit', 'approve', 'approve', 'approve', 'sign', 'issue', 'complete'], legal, 'completed/completed'],
    [['submit', 'approve', 'withdraw'], legal, 'withdrawn/withdrawn'],
    [['submit', 'approve', 'withdraw'], plain, 'withdrawn/withdrawn'],
    [['withdraw'], plain, 'withdrawn/withdrawn'],
  ])('%j with %j → %s', (actions, doc, expected) => {
    expect(stepAfter(route, actions, doc)).toBe(expected);
  });

  it('lets the drafter withdraw until signing, legal review included, and not after', () => {
    expect(route.boundaryActions.filter((b) => b.action === 'withdraw').map((b) => b.attachedTo).sort()).toEqual(
      ['contentReview', 'drafting', 'formatCheck', 'legalReview'],
    );
    expect(() => stepAfter(route, ['submit', 'approve', 'approve', 'withdraw'], plain)).toThrow(/withdraw is not possible at signing/);
  });
});

describe('workflows/to-trinh.bpmn', () => {
  let route: CompiledRoute;
  it('compiles', async () => {
    route = await load('to-trinh.bpmn');
    expect(route).toMatchObject({ id: 'to-trinh', name: 'Tờ trình', initialTask: 'drafting' });
  });

  it.each([
    [['submit', 'approve', 'approve', 'sign', 'issue', 'complete'], 'completed/completed'],
    [['submit', 'return'], 'drafting/drafting'],
    [['submit', 'approve', 'return'], 'drafting/drafting'],
    [['submit', 'approve', 'approve', 'return'], 'drafting/drafting'],
    [['withdraw'], 'withdrawn/withdrawn'],
  ])('%j → %s', (actions, expected) => {
    expect(stepAfter(route, actions)).toBe(expected);
  });
});

describe('workflows/ke-hoach.bpmn', () => {
  let route: CompiledRoute;
  const units = { consultedUnits: ['th', 'kt', 'kgvx'] };
  it('compiles, with a consultation of the chosen units and its deadlines', async () => {
    route = await load('ke-hoach.bpmn');
    expect(route.tasks.consultation).toMatchObject({ phase: 'review', candidates: ['consulted-unit-head'], actions: ['answer'], multiInstance: { collection: 'consultedUnits' } });
    expect(route.timers).toEqual([
      expect.objectContaining({ id: 'consultReminder', attachedTo: 'consultation', duration: 'P2D', calendar: 'working', interrupting: false }),
      expect.objectContaining({ id: 'consultDeadline', attachedTo: 'consultation', duration: 'P3D', calendar: 'working', interrupting: true }),
    ]);
  });

  /** Walks with answers: ['answer', unit, value] entries next to plain actions. */
  function walk(steps: Array<string | [string, string, string]>) {
    let snap = initialSnapshot(route);
    for (const s of steps) {
      const event =
        typeof s === 'string'
          ? s === 'timer'
            ? { type: 'timer', timerId: 'consultDeadline' }
            : { type: s, data: units, doc: { flags: { consult: true } } }
          : { type: 'answer', item: s[1], answer: s[2] };
      const next = nextSnapshot(route, snap, event);
      if (!next) throw new Error(`${JSON.stringify(s)} is not possible at ${JSON.stringify(snap.value)}`);
      snap = next;
    }
    return String(snap.value);
  }

  it.each([
    [['submit', 'approve'], 'consultation'],
    [['submit', 'approve', ['answer', 'th', 'agree'], ['answer', 'kt', 'agree']], 'consultation'],
    [['submit', 'approve', ['answer', 'th', 'agree'], ['answer', 'kt', 'other'], ['answer', 'kgvx', 'agree']], 'formatCheck'],
    [['submit', 'approve', ['answer', 'th', 'agree'], ['answer', 'kt', 'disagree'], ['answer', 'kgvx', 'agree']], 'drafting'],
    [['submit', 'approve', ['answer', 'th', 'agree'], 'timer'], 'formatCheck'],
    [['submit', 'approve', ['answer', 'th', 'agree'], ['answer', 'kt', 'agree'], ['answer', 'kgvx', 'agree'], 'approve', 'sign', 'issue', 'complete'], 'completed'],
    [['submit', 'return'], 'drafting'],
    [['submit', 'withdraw'], 'withdrawn'],
  ] as Array<[Array<string | [string, string, string]>, string]>)('%j → %s', (steps, expected) => {
    expect(walk(steps)).toBe(expected);
  });

  it('skips the consultation when no unit is chosen', () => {
    let snap = initialSnapshot(route);
    for (const type of ['submit', 'approve']) snap = nextSnapshot(route, snap, { type, doc: { flags: { consult: false } } })!;
    expect(snap.value).toBe('formatCheck');
  });

  it('does not take an answer twice, nor from a unit not consulted', () => {
    expect(() => walk(['submit', 'approve', ['answer', 'th', 'agree'], ['answer', 'th', 'disagree']])).toThrow(/not possible/);
    expect(() => walk(['submit', 'approve', ['answer', 'vp', 'agree']])).toThrow(/not possible/);
  });
});
