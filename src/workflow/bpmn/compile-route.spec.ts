import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import {
  activeTasks,
  compileRoute,
  currentNode,
  initialSnapshot,
  nextSnapshot,
  persistSnapshot,
  restoreSnapshot,
  RouteDefinitionError,
  type CompiledRoute,
} from './compile-route.js';
import { actionsAtStep } from '../available-actions.js';

const congVanXml = fs.readFileSync(new URL('../../../workflows/cong-van.bpmn', import.meta.url), 'utf8');

function walk(route: CompiledRoute, actions: string[], doc: Record<string, unknown> = {}) {
  let snap = initialSnapshot(route);
  for (const type of actions) {
    const next = nextSnapshot(route, snap, { type, doc });
    if (!next) throw new Error(`${type} is not possible at ${String(snap.value)}`);
    snap = next;
  }
  return snap;
}

const stepOf = (route: CompiledRoute, actions: string[]) => {
  const node = currentNode(route, walk(route, actions));
  return node.kind === 'task' ? `${node.task.id}/${node.task.phase}` : `${node.end.id}/${node.end.phase}`;
};

describe('the compiled công văn route (no HTTP, no database)', () => {
  let route: CompiledRoute;
  it('compiles', async () => {
    route = await compileRoute(congVanXml, 'cong-van.bpmn');
    expect(route.id).toBe('cong-van');
    expect(route.initialTask).toBe('drafting');
    expect(Object.keys(route.tasks)).toEqual(['drafting', 'contentReview', 'consultation', 'formatCheck', 'signing', 'issuing', 'distribution']);
    expect(Object.values(route.tasks).map((t) => t.phase)).toEqual(['drafting', 'review', 'review', 'review', 'signing', 'issuing', 'distribution']);
    expect(route.tasks.consultation).toMatchObject({ candidates: ['consulted-unit-head'], actions: ['answer'], multiInstance: { collection: 'consultedUnits' } });
    expect(route.tasks.contentReview).toMatchObject({ name: 'Kiểm tra nội dung', candidates: ['drafting-unit-head'], actions: ['approve', 'return'] });
  });

  it.each([
    [[], 'drafting/drafting'],
    [['submit'], 'contentReview/review'],
    [['submit', 'return'], 'drafting/drafting'],
    [['submit', 'approve'], 'formatCheck/review'],
    [['submit', 'approve', 'return'], 'drafting/drafting'],
    [['submit', 'approve', 'approve'], 'signing/signing'],
    [['submit', 'approve', 'approve', 'return'], 'drafting/drafting'],
    [['submit', 'approve', 'approve', 'sign'], 'issuing/issuing'],
    [['submit', 'approve', 'approve', 'sign', 'issue'], 'distribution/distribution'],
    [['submit', 'approve', 'approve', 'sign', 'issue', 'complete'], 'completed/completed'],
    [['submit', 'return', 'submit', 'approve', 'approve', 'sign'], 'issuing/issuing'],
    [['withdraw'], 'withdrawn/withdrawn'],
    [['submit', 'withdraw'], 'withdrawn/withdrawn'],
    [['submit', 'approve', 'withdraw'], 'withdrawn/withdrawn'],
  ])('%j → %s', (actions, expected) => {
    expect(stepOf(route, actions)).toBe(expected);
  });

  it.each([
    [['submit', 'approve', 'approve'], 'withdraw'],
    [['submit', 'approve', 'approve', 'sign'], 'withdraw'],
    [['submit'], 'sign'],
    [[], 'approve'],
    [['submit', 'approve', 'approve', 'sign', 'issue', 'complete'], 'submit'],
  ])('after %j, "%s" does nothing', (actions, event) => {
    expect(nextSnapshot(route, walk(route, actions), { type: event })).toBeNull();
  });

  it('persists as JSON and restores to continue where it stopped', () => {
    const stored = JSON.parse(JSON.stringify(persistSnapshot(walk(route, ['submit', 'approve']))));
    const restored = restoreSnapshot(route, stored);
    expect(restored.value).toBe('formatCheck');
    const next = nextSnapshot(route, restored, { type: 'approve' })!;
    expect(currentNode(route, next)).toMatchObject({ kind: 'task', task: { id: 'signing' } });
    expect(() => restoreSnapshot(route, { value: 'nowhere' })).toThrow(/nowhere/);
  });

  it('lists the actions of each step with who may take them', () => {
    expect(actionsAtStep(route, 'drafting')).toEqual([
      { action: 'submit', candidates: ['drafter'] },
      { action: 'withdraw', candidates: ['drafter'] },
    ]);
    expect(actionsAtStep(route, 'formatCheck')).toEqual([
      { action: 'approve', candidates: ['role:format-checker'] },
      { action: 'return', candidates: ['role:format-checker'] },
      { action: 'withdraw', candidates: ['drafter'] },
    ]);
    expect(actionsAtStep(route, 'signing')).toEqual([
      { action: 'sign', candidates: ['signer'] },
      { action: 'return', candidates: ['signer'] },
    ]);
    expect(actionsAtStep(route, 'issuing')).toEqual([{ action: 'issue', candidates: ['role:clerk'] }]);
    expect(actionsAtStep(route, 'completed')).toEqual([]);
  });

  it.each([
    [[], [['submit', ['drafter']], ['withdraw', ['drafter']]]],
    [['submit'], [['approve', ['drafting-unit-head']], ['return', ['drafting-unit-head']], ['withdraw', ['drafter']]]],
    [['submit', 'approve'], [['approve', ['role:format-checker']], ['return', ['role:format-checker']], ['withdraw', ['drafter']]]],
    [['submit', 'approve', 'approve'], [['sign', ['signer']], ['return', ['signer']]]],
    [['submit', 'approve', 'approve', 'sign'], [['issue', ['role:clerk']]]],
    [['submit', 'approve', 'approve', 'sign', 'issue'], [['complete', ['role:clerk']]]],
    [['submit', 'approve', 'approve', 'sign', 'issue', 'complete'], []],
    [['submit', 'withdraw'], []],
  ])('the actions at the step after %j are exactly those the machine accepts', (actions, expected) => {
    const snap = walk(route, actions);
    const events = actionsAtStep(route, String(snap.value));
    expect(events).toEqual(expected.map(([action, candidates]) => ({ action, candidates })));
    for (const e of events) expect(nextSnapshot(route, snap, { type: e.action })).not.toBeNull();
  });

  it('specialises action conditions at compile time: only the choice to consult is left as a guard', () => {
    const states = route.machine.config.states as Record<string, { on?: Record<string, Array<{ target: string; guard?: unknown }>> }>;
    // To the consultation when units were chosen (a targetless guard in between stops an entry without any), else on.
    expect(states.contentReview.on!.approve.map((t) => t.target)).toEqual(['consultation', undefined, 'formatCheck']);
    expect(states.contentReview.on!.approve.every((t) => t.guard !== undefined)).toBe(true);
    expect(states.formatCheck.on!.approve).toEqual([{ target: 'signing' }]);
    expect(states.contentReview.on!.return).toEqual([{ target: 'drafting' }]);
    expect(states.signing.on!.sign).toEqual([{ target: 'issuing' }]);
    expect(states.drafting.on!.withdraw).toEqual([{ target: 'withdrawn' }]);
    expect(route.boundaryActions).toEqual([
      { action: 'withdraw', candidates: ['drafter'], attachedTo: 'drafting', target: 'withdrawn' },
      { action: 'withdraw', candidates: ['drafter'], attachedTo: 'contentReview', target: 'withdrawn' },
      { action: 'withdraw', candidates: ['drafter'], attachedTo: 'formatCheck', target: 'withdrawn' },
    ]);
    expect(route.ends).toEqual({
      completed: { id: 'completed', name: 'Hoàn thành', phase: 'completed' },
      withdrawn: { id: 'withdrawn', name: 'Đã thu hồi', phase: 'withdrawn' },
    });
  });

  it('has one active task outside parallel blocks, none at an end, and keeps an empty context', () => {
    expect(activeTasks(route, walk(route, ['submit'])).map((t) => t.id)).toEqual(['contentReview']);
    expect(activeTasks(route, walk(route, ['submit', 'withdraw']))).toEqual([]);
    expect(persistSnapshot(walk(route, ['submit', 'return', 'submit']))).toEqual({ value: 'contentReview', context: {} });
    expect(route.timers.map((t) => [t.id, t.attachedTo, t.duration, t.interrupting])).toEqual([
      ['consultReminder', 'consultation', 'P2D', false],
      ['consultDeadline', 'consultation', 'P3D', true],
    ]);
    expect(route.blocks).toEqual({});
  });

  it('the persisted snapshot is plain JSON, also in a final state', () => {
    const done = walk(route, ['submit', 'withdraw']);
    const stored = persistSnapshot(done);
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
    const restored = restoreSnapshot(route, JSON.parse(JSON.stringify(stored)));
    expect(restored.status).toBe('done');
    expect(currentNode(route, restored)).toEqual({ kind: 'end', end: route.ends.withdrawn });
    expect(nextSnapshot(route, restored, { type: 'submit' })).toBeNull();
  });
});

const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cv="https://congvan.vn/schema/bpmn"`;
const bpmn = (body: string) =>
  `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="t"><bpmn:process id="p">${body}</bpmn:process></bpmn:definitions>`;
const task = (id: string, extra = 'cv:phase="review" cv:candidates="signer" cv:actions="approve"') =>
  `<bpmn:userTask id="${id}" ${extra} />`;
const seq = (id: string, from: string, to: string, cond?: string) =>
  cond
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${cond}</bpmn:conditionExpression></bpmn:sequenceFlow>`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
const end = `<bpmn:endEvent id="end" cv:phase="completed" />`;

async function rejection(xml: string): Promise<RouteDefinitionError> {
  try {
    await compileRoute(xml, 'bad.bpmn');
  } catch (err) {
    expect(err).toBeInstanceOf(RouteDefinitionError);
    return err as RouteDefinitionError;
  }
  throw new Error('the route compiled');
}

describe('routes outside the supported subset are refused, naming file and element', () => {
  it.each([
    [
      'a service task',
      bpmn(`<bpmn:startEvent id="s" />${task('a')}<bpmn:serviceTask id="svc" />${end}${seq('f1', 's', 'a')}${seq('f2', 'a', 'svc')}${seq('f3', 'svc', 'end')}`),
      'svc',
      /unsupported element bpmn:ServiceTask/,
    ],
    [
      'a parallel gateway',
      bpmn(`<bpmn:startEvent id="s" />${task('a')}<bpmn:parallelGateway id="par" />${end}${seq('f1', 's', 'a')}${seq('f2', 'a', 'par')}${seq('f3', 'par', 'end')}`),
      'par',
      /unsupported element bpmn:ParallelGateway/,
    ],
    [
      'a timer boundary event',
      bpmn(`<bpmn:startEvent id="s" />${task('a')}<bpmn:boundaryEvent id="timer" attachedToRef="a"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>${end}${seq('f1', 's', 'a')}${seq('f2', 'a', 'end')}${seq('f3', 'timer', 'end')}`),
      'timer',
      /TimerEventDefinition/,
    ],
    [
      'a user task without cv:phase',
      bpmn(`<bpmn:startEvent id="s" />${task('a', 'cv:candidates="signer" cv:actions="approve"')}${end}${seq('f1', 's', 'a')}${seq('f2', 'a', 'end')}`),
      'a',
      /cv:phase/,
    ],
    [
      'a bad condition',
      bpmn(`<bpmn:startEvent id="s" />${task('a')}<bpmn:exclusiveGateway id="g" />${end}${seq('f1', 's', 'a')}${seq('f2', 'a', 'g')}${seq('f3', 'g', 'end', "action == == 'x'")}`),
      'f3',
      /bad condition/,
    ],
    [
      'an unreachable task',
      bpmn(`<bpmn:startEvent id="s" />${task('a')}${task('lost')}${end}${seq('f1', 's', 'a')}${seq('f2', 'a', 'end')}${seq('f3', 'lost', 'end')}`),
      'lost',
      /cannot be reached/,
    ],
    [
      'an action no gateway branch can take, with no default flow',
      bpmn(`<bpmn:startEvent id="s" />${task('a', 'cv:phase="review" cv:candidates="signer" cv:actions="approve reject"')}<bpmn:exclusiveGateway id="g" />${end}${seq('f1', 's', 'a')}${seq('f2', 'a', 'g')}${seq('f3', 'g', 'end', "action == 'approve'")}`),
      'g',
      /the action "reject" of "a" matches no flow/,
    ],
    [
      'a wildcard action',
      bpmn(`<bpmn:startEvent id="s" />${task('a', 'cv:phase="review" cv:candidates="signer" cv:actions="*"')}${end}${seq('f1', 's', 'a')}${seq('f2', 'a', 'end')}`),
      'a',
      /bad action name "\*"/,
    ],
    [
      'a cycle of gateways',
      bpmn(`<bpmn:startEvent id="s" />${task('a')}<bpmn:exclusiveGateway id="g1" /><bpmn:exclusiveGateway id="g2" />${end}${seq('f1', 's', 'a')}${seq('f2', 'a', 'g1')}${seq('f3', 'g1', 'g2', 'doc.x == 1')}${seq('f4', 'g1', 'end')}${seq('f5', 'g2', 'g1', 'doc.y == 1')}${seq('f6', 'g2', 'end')}`),
      'g1',
      /cycle of gateways/,
    ],
  ])('%s', async (_name, xml, elementId, reason) => {
    const err = await rejection(xml);
    expect(err.elementId).toBe(elementId);
    expect(err.message).toContain('bad.bpmn');
    expect(err.message).toContain(`"${elementId}"`);
    expect(err.message).toMatch(reason);
  });

  it('a file that is not BPMN', async () => {
    const err = await rejection('<html></html>');
    expect(err.message).toMatch(/^bad\.bpmn: /);
  });
});

describe('conditions on document fields', () => {
  const xml = bpmn(
    `<bpmn:startEvent id="s" />${task('review')}<bpmn:exclusiveGateway id="g" default="f_normal" />` +
      `${task('fast', 'cv:phase="signing" cv:candidates="signer" cv:actions="sign"')}` +
      `${task('normal', 'cv:phase="signing" cv:candidates="signer" cv:actions="sign"')}${end}` +
      `${seq('f1', 's', 'review')}${seq('f2', 'review', 'g')}` +
      `${seq('f_fast', 'g', 'fast', "doc.urgency == 'hoa-toc' || doc.urgency in ['thuong-khan']")}${seq('f_normal', 'g', 'normal')}` +
      `${seq('f3', 'fast', 'end')}${seq('f4', 'normal', 'end')}`,
  );

  it.each([
    ['hoa-toc', 'fast'],
    ['thuong-khan', 'fast'],
    ['khan', 'normal'],
    [undefined, 'normal'],
  ])('urgency %s → %s', async (urgency, expected) => {
    const route = await compileRoute(xml, 'cond.bpmn');
    const next = nextSnapshot(route, initialSnapshot(route), { type: 'approve', doc: { urgency } })!;
    expect(next.value).toBe(expected);
  });
});

describe('nested gateways', () => {
  // g1: doc.a == 1 → g2 (doc.b == 1 → x, no default), otherwise → y.
  // BPMN takes the first matching branch of g1; when g2 then matches nothing the action goes nowhere:
  // it must not fall through to g1's default.
  const xml = bpmn(
    `<bpmn:startEvent id="s" />${task('t')}<bpmn:exclusiveGateway id="g1" /><bpmn:exclusiveGateway id="g2" />` +
      `${task('x', 'cv:phase="signing" cv:candidates="signer" cv:actions="sign"')}` +
      `${task('y', 'cv:phase="signing" cv:candidates="signer" cv:actions="sign"')}${end}` +
      `${seq('f1', 's', 't')}${seq('f2', 't', 'g1')}${seq('f3', 'g1', 'g2', 'doc.a == 1')}${seq('f4', 'g1', 'y')}` +
      `${seq('f5', 'g2', 'x', 'doc.b == 1')}${seq('f6', 'x', 'end')}${seq('f7', 'y', 'end')}`,
  );

  it.each([
    [{ a: 1, b: 1 }, 'x'],
    [{ a: 2, b: 1 }, 'y'],
    [{}, 'y'],
    [{ a: 1, b: 2 }, null],
  ])('doc %j → %s', async (doc, expected) => {
    const route = await compileRoute(xml, 'nested.bpmn');
    const next = nextSnapshot(route, initialSnapshot(route), { type: 'approve', doc });
    expect(next?.value ?? null).toBe(expected);
  });
});
