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
