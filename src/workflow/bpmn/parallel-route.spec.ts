import { describe, expect, it } from '@jest/globals';
import type { AnyMachineSnapshot } from 'xstate';
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
  type RouteEvent,
} from './compile-route.js';
import { actionsAtStep } from '../available-actions.js';

/* ---- Inline BPMN fixtures ---- */
const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cv="https://congvan.vn/schema/bpmn"`;
/** A route file: `parts` go inside the process, `roots` (messages) beside it. */
const bpmn = (parts: string[], roots = '') =>
  `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="t">${roots}<bpmn:process id="p">${parts.join('')}</bpmn:process></bpmn:definitions>`;
const start = '<bpmn:startEvent id="s" />';
const task = (id: string, actions = 'approve return', phase = 'review', candidates = 'signer') =>
  `<bpmn:userTask id="${id}" cv:phase="${phase}" cv:candidates="${candidates}" cv:actions="${actions}" />`;
const drafting = task('drafting', 'submit', 'drafting', 'drafter');
const signing = task('signing', 'sign', 'signing');
/** A parallel multi-instance task; `attrs` go on the task, `loop` on its multiInstanceLoopCharacteristics. */
const miTask = (id: string, attrs = 'cv:collection="consultedUnits"', loop = 'isSequential="false"') =>
  `<bpmn:userTask id="${id}" cv:phase="review" cv:candidates="role:liaison" ${attrs}><bpmn:multiInstanceLoopCharacteristics ${loop} /></bpmn:userTask>`;
const par = (id: string) => `<bpmn:parallelGateway id="${id}" />`;
const xor = (id: string, dflt?: string) => `<bpmn:exclusiveGateway id="${id}"${dflt ? ` default="${dflt}"` : ''} />`;
const end = (id = 'completed', phase: string | null = 'completed') => `<bpmn:endEvent id="${id}"${phase ? ` cv:phase="${phase}"` : ''} />`;
const flow = (id: string, from: string, to: string, cond?: string) =>
  cond
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${cond}</bpmn:conditionExpression></bpmn:sequenceFlow>`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
const timer = (id: string, on: string, definition = '<bpmn:timeDuration>P2D</bpmn:timeDuration>', attrs = '') =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${on}" ${attrs}><bpmn:timerEventDefinition>${definition}</bpmn:timerEventDefinition></bpmn:boundaryEvent>`;
const withdrawMessage = '<bpmn:message id="m_withdraw" name="withdraw" />';
const withdraw = (id: string, on: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${on}" cv:candidates="drafter"><bpmn:messageEventDefinition messageRef="m_withdraw" /></bpmn:boundaryEvent>`;

/* ---- Walking ---- */
/** "submit", "legal:approve" (an action for a task of a block), "timer:hrTimeout", or a whole event. */
type Step = string | RouteEvent;
const toEvent = (step: Step): RouteEvent => {
  if (typeof step !== 'string') return step;
  const [a, b] = step.split(':');
  if (a === 'timer') return { type: 'timer', timerId: b };
  return b ? { type: b, task: a } : { type: a };
};
function walk(route: CompiledRoute, steps: Step[], from = initialSnapshot(route)): AnyMachineSnapshot {
  let snap = from;
  for (const step of steps) {
    const next = nextSnapshot(route, snap, toEvent(step));
    if (!next) throw new Error(`${JSON.stringify(step)} is not possible at ${JSON.stringify(snap.value)}`);
    snap = next;
  }
  return snap;
}
/** Where a snapshot stands: the active task ids, or the end event's id. */
const at = (route: CompiledRoute, snap: AnyMachineSnapshot): string[] =>
  snap.status === 'done' ? [`end:${String(snap.value)}`] : activeTasks(route, snap).map((t) => t.id);
/** Through JSON, as documents.snapshot stores it. */
const roundTrip = (route: CompiledRoute, snap: AnyMachineSnapshot) =>
  restoreSnapshot(route, JSON.parse(JSON.stringify(persistSnapshot(snap))));

/*
 * drafting → consult (fork) ─ legal ─────────────────────────────────────┐
 *                            ├ finance → financeDecision (return → financeRework → finance) ┤→ consulted (join) → exit
 *                            └ hr (timer hrTimeout P2D → hrEscalated) → hrMerge ─────────────┘
 * exit: a return by legal or hr → drafting, otherwise → signing → completed.
 * legal: withdraw (message) → withdrawn; legalReminder (non-interrupting, PT4H calendar) → reminded.
 */
const consultationXml = bpmn(
  [
    start,
    drafting,
    par('consult'),
    task('legal'),
    task('finance'),
    task('financeRework', 'resubmit', 'drafting', 'drafter'),
    task('hr'),
    task('hrEscalated', 'approve return', 'review', 'role:director'),
    xor('financeDecision', 'f_fin_ok'),
    xor('hrMerge'),
    par('consulted'),
    xor('exit', 'f_exit_ok'),
    signing,
    end(),
    end('withdrawn', 'withdrawn'),
    end('reminded', null),
    timer('hrTimeout', 'hr'),
    timer('legalReminder', 'legal', '<bpmn:timeDuration>PT4H</bpmn:timeDuration>', 'cancelActivity="false" cv:calendar="calendar"'),
    withdraw('legalWithdraw', 'legal'),
    flow('f1', 's', 'drafting'),
    flow('f2', 'drafting', 'consult'),
    flow('b_legal', 'consult', 'legal'),
    flow('b_finance', 'consult', 'finance'),
    flow('b_hr', 'consult', 'hr'),
    flow('f_legal', 'legal', 'consulted'),
    flow('f_fin', 'finance', 'financeDecision'),
    flow('f_fin_return', 'financeDecision', 'financeRework', "action == 'return'"),
    flow('f_fin_ok', 'financeDecision', 'consulted'),
    flow('f_rework', 'financeRework', 'finance'),
    flow('f_hr', 'hr', 'hrMerge'),
    flow('f_hr_timeout', 'hrTimeout', 'hrEscalated'),
    flow('f_hr_esc', 'hrEscalated', 'hrMerge'),
    flow('f_hr_done', 'hrMerge', 'consulted'),
    flow('f_reminder', 'legalReminder', 'reminded'),
    flow('f_withdraw', 'legalWithdraw', 'withdrawn'),
    flow('f_joined', 'consulted', 'exit'),
    flow('f_exit_back', 'exit', 'drafting', "outcomes.legal == 'return' || outcomes.hr == 'return' || outcomes.hrEscalated == 'return'"),
    flow('f_exit_ok', 'exit', 'signing'),
    flow('f_sign', 'signing', 'completed'),
  ],
  withdrawMessage,
);

describe('a parallel consultation block (fork → 3 branches → join → next task)', () => {
  let route: CompiledRoute;
  it('compiles to a parallel state and lists its blocks and timers', async () => {
    route = await compileRoute(consultationXml, 'consultation.bpmn');
    expect(route.blocks).toEqual({
      consult: {
        fork: 'consult',
        join: 'consulted',
        branches: [
          { flow: 'b_legal', tasks: ['legal'] },
          { flow: 'b_finance', tasks: ['finance', 'financeRework'] },
          { flow: 'b_hr', tasks: ['hr', 'hrEscalated'] },
        ],
      },
    });
    expect(route.timers).toEqual([
      { id: 'hrTimeout', attachedTo: 'hr', duration: 'P2D', calendar: 'working', interrupting: true, target: 'hrEscalated' },
      { id: 'legalReminder', attachedTo: 'legal', duration: 'PT4H', calendar: 'calendar', interrupting: false },
    ]);
    expect(route.tasks.legal.block).toEqual({ fork: 'consult', branch: 'b_legal' });
    expect(route.tasks.drafting.block).toBeUndefined();
    // An end event reached only from a reminder is not a step.
    expect(Object.keys(route.ends)).toEqual(['completed', 'withdrawn']);
    const states = route.machine.config.states as Record<string, { type?: string; states?: Record<string, unknown> }>;
    expect(states.consult.type).toBe('parallel');
    expect(Object.keys(states.consult.states!)).toEqual(['b_legal', 'b_finance', 'b_hr']);
    expect(actionsAtStep(route, 'legal')).toEqual([
      { action: 'approve', candidates: ['signer'] },
      { action: 'return', candidates: ['signer'] },
      { action: 'withdraw', candidates: ['drafter'] },
    ]);
  });

  it('entering the block opens every branch', () => {
    const snap = walk(route, ['submit']);
    expect(snap.value).toEqual({ consult: { b_legal: 'legal', b_finance: 'finance', b_hr: 'hr' } });
    expect(activeTasks(route, snap).map((t) => t.id)).toEqual(['legal', 'finance', 'hr']);
    expect(snap.context).toEqual({});
  });

  it.each<[Step[], string[]]>([
    [[], ['drafting']],
    [['submit'], ['legal', 'finance', 'hr']],
    [['submit', 'legal:approve'], ['finance', 'hr']],
    [['submit', 'hr:approve', 'legal:approve'], ['finance']],
    [['submit', 'legal:approve', 'finance:approve', 'hr:approve'], ['signing']],
    [['submit', 'hr:approve', 'finance:approve', 'legal:approve'], ['signing']],
    // a loop inside a branch
    [['submit', 'finance:return'], ['legal', 'financeRework', 'hr']],
    [['submit', 'finance:return', 'financeRework:resubmit'], ['legal', 'finance', 'hr']],
    [['submit', 'finance:return', 'financeRework:resubmit', 'finance:approve', 'legal:approve', 'hr:approve'], ['signing']],
    // the exit gateway loops back to drafting, and the block runs again from scratch
    [['submit', 'legal:return', 'finance:approve', 'hr:approve'], ['drafting']],
    [['submit', 'legal:approve', 'finance:approve', 'hr:return'], ['drafting']],
    [['submit', 'legal:return', 'finance:approve', 'hr:approve', 'submit'], ['legal', 'finance', 'hr']],
    [['submit', 'legal:return', 'finance:approve', 'hr:approve', 'submit', 'legal:approve', 'finance:approve', 'hr:approve'], ['signing']],
    // an interrupting timer escalates inside its branch
    [['submit', 'timer:hrTimeout'], ['legal', 'finance', 'hrEscalated']],
    [['submit', 'timer:hrTimeout', 'hrEscalated:approve', 'legal:approve', 'finance:approve'], ['signing']],
    [['submit', 'timer:hrTimeout', 'hrEscalated:return', 'legal:approve', 'finance:approve'], ['drafting']],
    // a boundary message ends the whole process from inside the block
    [['submit', 'finance:approve', 'legal:withdraw'], ['end:withdrawn']],
    [['submit', 'legal:approve', 'finance:approve', 'hr:approve', 'sign'], ['end:completed']],
  ])('%j → %j', (steps, expected) => {
    expect(at(route, walk(route, steps))).toEqual(expected);
  });

  it('records what completed each task of the block, and clears it when the block is entered again', () => {
    const snap = walk(route, ['submit', 'legal:return', 'timer:hrTimeout']);
    expect(snap.context).toEqual({ outcomes: { legal: 'return', hr: 'timer' } });
    const again = walk(route, ['finance:approve', 'hrEscalated:approve', 'submit'], snap);
    expect(again.context).toEqual({ outcomes: {} });
  });

  it.each<[Step[], Step]>([
    [['submit'], { type: 'approve' }], // inside a block an event must name its task
    [['submit'], { type: 'approve', task: 'drafting' }],
    [['submit'], 'financeRework:resubmit'], // not active
    [['submit', 'legal:approve'], 'legal:approve'], // that branch has reached the join
    [['submit'], 'timer:nowhere'],
    [['submit'], 'timer:legalReminder'], // a reminder changes no state
    [['submit', 'timer:hrTimeout'], 'timer:hrTimeout'],
    [['submit', 'legal:approve'], 'legal:withdraw'],
    [[], 'legal:approve'],
  ])('after %j, %j does nothing', (steps, step) => {
    expect(nextSnapshot(route, walk(route, steps), toEvent(step))).toBeNull();
  });

  it('persists in the middle of the block as JSON and continues after restoring', () => {
    const snap = walk(route, ['submit', 'legal:approve', 'finance:return']);
    const stored = JSON.parse(JSON.stringify(persistSnapshot(snap)));
    expect(stored).toEqual({
      value: { consult: { b_legal: 'consulted', b_finance: 'financeRework', b_hr: 'hr' } },
      context: { outcomes: { legal: 'approve', finance: 'return' } },
    });
    const restored = restoreSnapshot(route, stored);
    expect(at(route, restored)).toEqual(['financeRework', 'hr']);
    expect(at(route, walk(route, ['financeRework:resubmit', 'finance:approve', 'hr:approve'], restored))).toEqual(['signing']);
    expect(at(route, walk(route, ['timer:hrTimeout', 'hrEscalated:approve', 'financeRework:resubmit', 'finance:approve'], roundTrip(route, snap)))).toEqual([
      'signing',
    ]);
  });

  it.each([
    [{ value: { consult: { b_legal: 'legal', b_finance: 'finance' } } }, /no such step/],
    [{ value: { consult: { b_legal: 'finance', b_finance: 'finance', b_hr: 'hr' } } }, /no such step/],
    [{ value: { consult: { b_legal: 'legal', b_finance: 'finance', b_hr: 'hr', extra: 'hr' } } }, /no such step/],
    [{ value: { nowhere: {} } }, 'consultation.bpmn: cannot restore a snapshot at "{"nowhere":{}}"; the route has no such step'],
    [{ value: 'legal' }, /"legal"; the route has no such step/],
    [{ value: 'consulted' }, /"consulted"; the route has no such step/],
  ])('refuses to restore %j', (persisted, message) => {
    expect(() => restoreSnapshot(route, persisted)).toThrow(message);
  });

  it('currentNode works outside the block and refuses inside it (use activeTasks)', () => {
    expect(currentNode(route, walk(route, []))).toEqual({ kind: 'task', task: route.tasks.drafting });
    expect(() => currentNode(route, walk(route, ['submit', 'legal:approve']))).toThrow(
      'consultation.bpmn: the snapshot stands in the parallel block "consult" (active tasks: finance, hr); use activeTasks()',
    );
    expect(currentNode(route, walk(route, ['submit', 'legal:approve', 'finance:approve', 'hr:approve']))).toEqual({
      kind: 'task',
      task: route.tasks.signing,
    });
    expect(activeTasks(route, walk(route, ['submit', 'legal:withdraw']))).toEqual([]);
  });
});

/*
 * drafting → consultUnits (one instance per item of consultedUnits; completes when all answered or disagreed != 0)
 *   → decision: disagreed != 0 → drafting, otherwise → signing → completed.
 * consultUnits: interrupting timer consultTimeout (P3D, calendar) → escalation → signing.
 */
const multiXml = bpmn([
  start,
  drafting,
  miTask('consultUnits', '', 'isSequential="false" cv:collection="consultedUnits" cv:completion="disagreed != 0"'),
  xor('decision', 'f_ok'),
  task('escalation', 'approve', 'review', 'role:director'),
  signing,
  end(),
  timer('consultTimeout', 'consultUnits', '<bpmn:timeDuration>P3D</bpmn:timeDuration>', 'cv:calendar="calendar"'),
  flow('f1', 's', 'drafting'),
  flow('f2', 'drafting', 'consultUnits'),
  flow('f3', 'consultUnits', 'decision'),
  flow('f_back', 'decision', 'drafting', 'disagreed != 0'),
  flow('f_ok', 'decision', 'signing'),
  flow('f_timeout', 'consultTimeout', 'escalation'),
  flow('f_esc', 'escalation', 'signing'),
  flow('f_sign', 'signing', 'completed'),
]);

const units = (...items: string[]): RouteEvent => ({ type: 'submit', data: { consultedUnits: items } });
const answer = (item: string, value: string, task?: string): RouteEvent => ({ type: 'answer', item, answer: value, ...(task ? { task } : {}) });

describe('a parallel multi-instance consultation task', () => {
  let route: CompiledRoute;
  it('compiles', async () => {
    route = await compileRoute(multiXml, 'multi.bpmn');
    expect(route.tasks.consultUnits).toMatchObject({
      actions: ['answer'],
      candidates: ['role:liaison'],
      multiInstance: { collection: 'consultedUnits', completion: 'disagreed != 0' },
    });
    expect(route.timers).toEqual([
      { id: 'consultTimeout', attachedTo: 'consultUnits', duration: 'P3D', calendar: 'calendar', interrupting: true, target: 'escalation' },
    ]);
  });

  it('opens one instance per item of the entering event', () => {
    const snap = walk(route, [units('u1', 'u2', 'u3', 'u2')]);
    expect(snap.value).toBe('consultUnits');
    expect(snap.context).toEqual({ instances: { consultUnits: { items: ['u1', 'u2', 'u3'], answers: {} } } });
  });

  it.each<[Step[], string[]]>([
    [[units('u1', 'u2', 'u3'), answer('u1', 'agree')], ['consultUnits']],
    [[units('u1', 'u2', 'u3'), answer('u1', 'agree'), answer('u3', 'other')], ['consultUnits']],
    [[units('u1', 'u2', 'u3'), answer('u1', 'agree'), answer('u3', 'other'), answer('u2', 'agree')], ['signing']],
    [[units('u1'), answer('u1', 'agree')], ['signing']],
    // the completion condition short-circuits: one disagreement completes the task, and the gateway loops back
    [[units('u1', 'u2', 'u3'), answer('u2', 'disagree')], ['drafting']],
    [[units('u1', 'u2', 'u3'), answer('u1', 'agree'), answer('u2', 'disagree')], ['drafting']],
    [[units('u1', 'u2'), answer('u2', 'disagree'), units('u4'), answer('u4', 'agree'), 'sign'], ['end:completed']],
    // the list may also come from the document
    [[{ type: 'submit', doc: { consultedUnits: ['u9'] } }, answer('u9', 'agree')], ['signing']],
    // the interrupting timer escalates
    [[units('u1', 'u2'), answer('u1', 'agree'), 'timer:consultTimeout'], ['escalation']],
    [[units('u1', 'u2'), 'timer:consultTimeout', 'approve', 'sign'], ['end:completed']],
  ])('%j → %j', (steps, expected) => {
    expect(at(route, walk(route, steps))).toEqual(expected);
  });

  it('keeps the answers in the context; entering again opens fresh instances', () => {
    const snap = walk(route, [units('u1', 'u2', 'u3'), answer('u1', 'agree'), answer('u3', 'other')]);
    expect(snap.context).toEqual({ instances: { consultUnits: { items: ['u1', 'u2', 'u3'], answers: { u1: 'agree', u3: 'other' } } } });
    const back = walk(route, [answer('u2', 'disagree')], snap);
    expect(back.value).toBe('drafting');
    expect(walk(route, [units('u7')], back).context).toEqual({ instances: { consultUnits: { items: ['u7'], answers: {} } } });
  });

  it.each<[Step[], Step]>([
    [[], 'submit'], // no list
    [[], units()], // an empty list
    [[], { type: 'submit', data: { consultedUnits: 'u1' } }],
    [[], { type: 'submit', data: { consultedUnits: [1, 2] } }],
    [[units('u1', 'u2')], answer('u3', 'agree')], // not an item
    [[units('u1', 'u2'), answer('u1', 'agree')], answer('u1', 'disagree')], // answered already
    [[units('u1', 'u2')], answer('u1', 'maybe')],
    [[units('u1', 'u2')], { type: 'answer', answer: 'agree' }],
    [[units('u1', 'u2')], 'approve'],
  ])('after %j, %j does nothing', (steps, step) => {
    expect(nextSnapshot(route, walk(route, steps), toEvent(step))).toBeNull();
  });

  it('persists with its instances and continues after restoring', () => {
    const snap = walk(route, [units('u1', 'u2'), answer('u1', 'agree')]);
    const stored = JSON.parse(JSON.stringify(persistSnapshot(snap)));
    expect(stored).toEqual({ value: 'consultUnits', context: { instances: { consultUnits: { items: ['u1', 'u2'], answers: { u1: 'agree' } } } } });
    const restored = restoreSnapshot(route, stored);
    expect(nextSnapshot(route, restored, answer('u1', 'agree'))).toBeNull();
    expect(at(route, walk(route, [answer('u2', 'agree')], restored))).toEqual(['signing']);
    expect(() => restoreSnapshot(route, { value: 'consultUnits', context: {} })).toThrow(
      'multi.bpmn: cannot restore a snapshot at the multi-instance task "consultUnits" without its instances in the context',
    );
  });
});

/* A multi-instance branch beside a plain one; the exit gateway reads the branch's counts from `outcomes`. */
const mixedXml = bpmn([
  start,
  drafting,
  par('fork'),
  miTask('units'),
  task('legal', 'approve'),
  par('join'),
  xor('exit', 'f_ok'),
  signing,
  end(),
  flow('f1', 's', 'drafting'),
  flow('f2', 'drafting', 'fork'),
  flow('b_units', 'fork', 'units'),
  flow('b_legal', 'fork', 'legal'),
  flow('f_units', 'units', 'join'),
  flow('f_legal', 'legal', 'join'),
  flow('f_joined', 'join', 'exit'),
  flow('f_back', 'exit', 'drafting', 'outcomes.units.disagreed != 0'),
  flow('f_ok', 'exit', 'signing'),
  flow('f_sign', 'signing', 'completed'),
]);

describe('a multi-instance task inside a parallel block', () => {
  let route: CompiledRoute;
  it('compiles', async () => {
    route = await compileRoute(mixedXml, 'mixed.bpmn');
    expect(route.blocks.fork.branches).toEqual([
      { flow: 'b_units', tasks: ['units'] },
      { flow: 'b_legal', tasks: ['legal'] },
    ]);
  });

  it.each<[Step[], string[]]>([
    [[units('a', 'b')], ['units', 'legal']],
    [[units('a', 'b'), answer('a', 'agree', 'units'), 'legal:approve'], ['units']],
    [[units('a', 'b'), answer('a', 'agree', 'units'), 'legal:approve', answer('b', 'agree', 'units')], ['signing']],
    [[units('a', 'b'), answer('a', 'disagree', 'units'), answer('b', 'agree', 'units'), 'legal:approve'], ['drafting']],
  ])('%j → %j', (steps, expected) => {
    expect(at(route, walk(route, steps))).toEqual(expected);
  });

  it('needs the list to enter the block, and the task name on answers', () => {
    expect(nextSnapshot(route, initialSnapshot(route), { type: 'submit' })).toBeNull();
    expect(nextSnapshot(route, walk(route, [units('a')]), answer('a', 'agree'))).toBeNull();
  });

  it('round-trips a snapshot with a parallel value and instances', () => {
    const snap = walk(route, [units('a', 'b'), answer('a', 'disagree', 'units'), 'legal:approve']);
    const restored = roundTrip(route, snap);
    expect(restored.value).toEqual({ fork: { b_units: 'units', b_legal: 'join' } });
    expect(restored.context).toEqual({
      instances: { units: { items: ['a', 'b'], answers: { a: 'disagree' } } },
      outcomes: { legal: 'approve' },
    });
    const done = walk(route, [answer('b', 'agree', 'units')], restored);
    expect(done.value).toBe('drafting');
    expect(done.context.outcomes).toEqual({ legal: 'approve', units: { total: 2, answered: 2, pending: 0, agreed: 1, disagreed: 1, others: 0 } });
  });
});

describe('nested parallel blocks', () => {
  const xml = bpmn([
    start,
    drafting,
    par('outer'),
    task('a', 'approve'),
    par('inner'),
    task('b', 'approve'),
    task('c', 'approve'),
    par('innerJoin'),
    task('e', 'approve'),
    par('outerJoin'),
    signing,
    end(),
    flow('f1', 's', 'drafting'),
    flow('f2', 'drafting', 'outer'),
    flow('o1', 'outer', 'a'),
    flow('o2', 'outer', 'inner'),
    flow('i1', 'inner', 'b'),
    flow('i2', 'inner', 'c'),
    flow('f_b', 'b', 'innerJoin'),
    flow('f_c', 'c', 'innerJoin'),
    flow('f_in', 'innerJoin', 'e'),
    flow('f_e', 'e', 'outerJoin'),
    flow('f_a', 'a', 'outerJoin'),
    flow('f_out', 'outerJoin', 'signing'),
    flow('f_sign', 'signing', 'completed'),
  ]);

  it.each<[Step[], string[]]>([
    [['submit'], ['a', 'b', 'c']],
    [['submit', 'b:approve', 'c:approve'], ['a', 'e']],
    [['submit', 'b:approve', 'a:approve', 'c:approve', 'e:approve'], ['signing']],
  ])('%j → %j', async (steps, expected) => {
    const route = await compileRoute(xml, 'nested.bpmn');
    expect(route.blocks.inner.parent).toEqual({ fork: 'outer', branch: 'o2' });
    const snap = walk(route, steps);
    expect(at(route, snap)).toEqual(expected);
    expect(at(route, roundTrip(route, snap))).toEqual(expected);
  });
});

async function rejection(xml: string): Promise<RouteDefinitionError> {
  try {
    await compileRoute(xml, 'bad.bpmn');
  } catch (err) {
    expect(err).toBeInstanceOf(RouteDefinitionError);
    return err as RouteDefinitionError;
  }
  throw new Error('the route compiled');
}

/** s → drafting → F → (a, b) → J → signing → completed, with `extra` parts and flows replacing the defaults by id. */
const block = (extra: string[] = [], without: string[] = []) =>
  bpmn([
    start,
    drafting,
    par('F'),
    task('a', 'approve'),
    task('b', 'approve'),
    par('J'),
    signing,
    end(),
    ...[
      flow('f1', 's', 'drafting'),
      flow('f2', 'drafting', 'F'),
      flow('fa', 'F', 'a'),
      flow('fb', 'F', 'b'),
      flow('fa_j', 'a', 'J'),
      flow('fb_j', 'b', 'J'),
      flow('fj', 'J', 'signing'),
      flow('fs', 'signing', 'completed'),
    ].filter((f) => !without.some((id) => f.includes(`id="${id}"`))),
    ...extra,
  ]);

describe('constructs outside the supported subset are refused with a clear message', () => {
  it('the block fixture itself compiles', async () => {
    expect(Object.keys((await compileRoute(block(), 'ok.bpmn')).blocks)).toEqual(['F']);
  });

  it.each([
    [
      'an inclusive gateway',
      block([`<bpmn:inclusiveGateway id="inc" />`, flow('fx', 'inc', 'signing')]),
      'inc',
      'unsupported element bpmn:InclusiveGateway',
    ],
    [
      'a join without its fork',
      bpmn([
        start,
        task('a', 'approve reject'),
        xor('g'),
        task('b', 'approve'),
        task('c', 'approve'),
        par('J'),
        end(),
        flow('f1', 's', 'a'),
        flow('f2', 'a', 'g'),
        flow('f3', 'g', 'b', "action == 'approve'"),
        flow('f4', 'g', 'c'),
        flow('f5', 'b', 'J'),
        flow('f6', 'c', 'J'),
        flow('f7', 'J', 'completed'),
      ]),
      'J',
      'a parallel join without a matching fork: it closes no parallel block (a block opens with a parallel fork whose branches all meet here)',
    ],
    [
      'a branch escaping its block (a loop back to drafting from inside)',
      block([xor('gb'), flow('fb_g', 'b', 'gb'), flow('fb_j2', 'gb', 'J', "action == 'approve'"), flow('fb_back', 'gb', 'drafting')], ['fb_j']),
      'fb_back',
      'leaves the parallel block "F"…"J" for "drafting": a branch leaves its block only through its join, or through a boundary event to an end event',
    ],
    [
      'a branch escaping its block forward, past the join',
      block([xor('gb'), flow('fb_g', 'b', 'gb'), flow('fb_j2', 'gb', 'J', "action == 'approve'"), flow('fb_skip', 'gb', 'signing')], ['fb_j']),
      'fb_skip',
      'leaves the parallel block "F"…"J" for "signing": a branch leaves its block only through its join, or through a boundary event to an end event',
    ],
    [
      'a branch ending the process without a boundary event',
      block([xor('gb'), flow('fb_g', 'b', 'gb'), flow('fb_j2', 'gb', 'J', "action == 'approve'"), flow('fb_end', 'gb', 'completed')], ['fb_j']),
      'fb_end',
      'ends the process from inside the parallel block "F"…"J": only a boundary event may lead from a block to an end event',
    ],
    [
      'mismatched counts: a join with more incoming flows than its fork has branches',
      block([task('x', 'approve'), xor('gd'), flow('f2', 'drafting', 'gd'), flow('fg_f', 'gd', 'F', 'doc.parallel == true'), flow('fg_x', 'gd', 'x'), flow('fx_j', 'x', 'J')], ['f2']),
      'J',
      'the parallel join has 3 incoming flows but its fork "F" has 2 outgoing flows: each branch reaches the join through exactly one flow',
    ],
    [
      'a branch reaching its join through two flows',
      block([xor('gb'), flow('fb_g', 'b', 'gb'), flow('fb_j1', 'gb', 'J', "doc.x == 1"), flow('fb_j2', 'gb', 'J')], ['fb_j']),
      'J',
      'the branch of the flow "fb" reaches the join through 2 flows: each branch of the parallel block "F"…"J" reaches its join through exactly one flow',
    ],
    [
      'nested blocks that are not balanced (an inner fork closed by the outer join)',
      block([par('F2'), task('c', 'approve'), flow('fb2', 'F', 'F2'), flow('f2b', 'F2', 'b'), flow('f2c', 'F2', 'c'), flow('fc_j', 'c', 'J')], ['fb']),
      'J',
      'the parallel join has 3 incoming flows but its fork "F2" has 2 outgoing flows: each branch reaches the join through exactly one flow',
    ],
    [
      'a block entered from the side',
      block([xor('gd'), flow('f2', 'drafting', 'gd'), flow('fg_f', 'gd', 'F', 'doc.parallel == true'), flow('fg_b', 'gd', 'b')], ['f2']),
      'fg_b',
      'enters the parallel block "F"…"J" from outside: a block is entered only through its fork',
    ],
    [
      'a gateway that forks and joins at once',
      bpmn([
        start,
        par('F'),
        task('a', 'approve'),
        task('b', 'approve'),
        par('FJ'),
        task('c', 'approve'),
        task('x', 'approve'),
        par('J'),
        end(),
        ...[['s', 'F'], ['F', 'a'], ['F', 'b'], ['a', 'FJ'], ['b', 'FJ'], ['FJ', 'c'], ['FJ', 'x'], ['c', 'J'], ['x', 'J'], ['J', 'completed']].map(([from, to], i) =>
          flow(`f${i}`, from, to),
        ),
      ]),
      'FJ',
      'a parallel gateway either forks (one incoming flow, several outgoing) or joins (several incoming, one outgoing), not both: it has 2 incoming and 2 outgoing flows',
    ],
    [
      'an empty branch',
      block([flow('fempty', 'F', 'J'), flow('fa_j', 'a', 'J'), flow('fb_j', 'b', 'J')], ['fa_j', 'fb_j']),
      'fempty',
      'an empty branch: the parallel fork "F" leads straight to the join "J"; a branch needs at least one user task',
    ],
    [
      'a condition after a join that reads the document',
      block([xor('gx', 'fx_ok'), flow('fj', 'J', 'gx'), flow('fx_back', 'gx', 'drafting', "doc.urgency == 'khan'"), flow('fx_ok', 'gx', 'signing')], ['fj']),
      'fx_back',
      `after the parallel join "J" a condition sees only "outcomes" (e.g. outcomes.<taskId> == 'approve'), not "doc"`,
    ],
    [
      'a sequential multi-instance task',
      bpmn([start, miTask('m', 'cv:collection="consultedUnits"', 'isSequential="true"'), end(), flow('f1', 's', 'm'), flow('f2', 'm', 'completed')]),
      'm',
      'sequential multi-instance tasks (isSequential="true") are not supported: only parallel ones',
    ],
    [
      'a standard loop',
      bpmn([
        start,
        `<bpmn:userTask id="m" cv:phase="review" cv:candidates="signer" cv:actions="approve"><bpmn:standardLoopCharacteristics /></bpmn:userTask>`,
        end(),
        flow('f1', 's', 'm'),
        flow('f2', 'm', 'completed'),
      ]),
      'm',
      'standard loops (bpmn:standardLoopCharacteristics) are not supported: loop back with an exclusive gateway',
    ],
    [
      'a multi-instance task without cv:collection',
      bpmn([start, drafting, miTask('m', ''), end(), flow('f1', 's', 'drafting'), flow('f2', 'drafting', 'm'), flow('f3', 'm', 'completed')]),
      'm',
      'a multi-instance user task needs cv:collection: the name of the list in the entering event data whose items get one instance each',
    ],
    [
      'a multi-instance task with a BPMN completionCondition',
      bpmn([
        start,
        drafting,
        `<bpmn:userTask id="m" cv:phase="review" cv:candidates="signer" cv:collection="units"><bpmn:multiInstanceLoopCharacteristics><bpmn:completionCondition>x</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>`,
        end(),
        flow('f1', 's', 'drafting'),
        flow('f2', 'drafting', 'm'),
        flow('f3', 'm', 'completed'),
      ]),
      'm',
      'bpmn:completionCondition is not supported on a multi-instance task: use cv:completion',
    ],
    [
      'a cv:completion that reads an unknown name',
      bpmn([start, drafting, miTask('m', 'cv:collection="units" cv:completion="action == \'x\'"'), end(), flow('f1', 's', 'drafting'), flow('f2', 'drafting', 'm'), flow('f3', 'm', 'completed')]),
      'm',
      `cv:completion "action == 'x'" uses "action": it sees only total, answered, pending, agreed, disagreed, others, doc`,
    ],
    [
      'a multi-instance task as the first task',
      bpmn([start, miTask('m'), end(), flow('f1', 's', 'm'), flow('f2', 'm', 'completed')]),
      'm',
      'the first task cannot be a multi-instance task: its items come with the event that enters it',
    ],
    [
      'a multi-instance task right after a join',
      block([miTask('m'), flow('fj', 'J', 'm'), flow('fm', 'm', 'signing')], ['fj']),
      'm',
      'a multi-instance task cannot be entered from the parallel join "J": its items come with the event that enters it, and a join has none; put a user task in between',
    ],
    [
      'cv:collection on a plain task',
      bpmn([start, `<bpmn:userTask id="t" cv:phase="review" cv:candidates="signer" cv:actions="approve" cv:collection="units" />`, end(), flow('f1', 's', 't'), flow('f2', 't', 'completed')]),
      't',
      'cv:collection is only for multi-instance tasks (bpmn:multiInstanceLoopCharacteristics)',
    ],
    [
      'a reserved action name',
      bpmn([start, task('t', 'approve timer'), end(), flow('f1', 's', 't'), flow('f2', 't', 'completed')]),
      't',
      '"timer" is a reserved event name and cannot be an action in cv:actions',
    ],
    [
      'a timeDate timer',
      block([timer('tm', 'a', '<bpmn:timeDate>2030-01-01T00:00:00Z</bpmn:timeDate>'), flow('ft', 'tm', 'completed')]),
      'tm',
      'timeDate timers are not supported: use a bpmn:timeDuration (an ISO-8601 duration such as P2D)',
    ],
    [
      'a timeCycle timer',
      block([timer('tm', 'a', '<bpmn:timeCycle>R3/P1D</bpmn:timeCycle>', 'cancelActivity="false"')]),
      'tm',
      'timeCycle timers are not supported: use a bpmn:timeDuration (an ISO-8601 duration such as P2D)',
    ],
    [
      'a bad duration',
      block([timer('tm', 'a', '<bpmn:timeDuration>P1M</bpmn:timeDuration>', 'cancelActivity="false"')]),
      'tm',
      'bad duration "P1M": years and months are not supported: use days or weeks',
    ],
    [
      'a duration that is not ISO-8601',
      block([timer('tm', 'a', '<bpmn:timeDuration>2 days</bpmn:timeDuration>', 'cancelActivity="false"')]),
      'tm',
      'bad duration "2 days": expected an ISO-8601 duration PnW or PnDTnHnM (e.g. P2D, PT4H, P1DT12H, P2W)',
    ],
    [
      'a bad cv:calendar',
      block([timer('tm', 'a', undefined, 'cancelActivity="false" cv:calendar="lunar"')]),
      'tm',
      'bad cv:calendar "lunar": working or calendar',
    ],
    [
      'a timer on something other than a user task',
      bpmn([
        start,
        task('t'),
        xor('g'),
        end(),
        timer('tm', 'g', undefined, 'cancelActivity="false"'),
        flow('f1', 's', 't'),
        flow('f2', 't', 'g'),
        flow('f3', 'g', 'completed'),
      ]),
      'tm',
      'a timer boundary event must be attached to a user task, not a bpmn:ExclusiveGateway',
    ],
    [
      'a non-interrupting timer that changes the state',
      block([timer('tm', 'a', undefined, 'cancelActivity="false"'), task('nag', 'approve'), flow('ft', 'tm', 'nag'), flow('fn', 'nag', 'completed')]),
      'tm',
      'a non-interrupting timer is a reminder and changes no state: its flow may only lead to an end event, or be left out',
    ],
    [
      'an interrupting timer that escapes its block',
      block([timer('tm', 'a'), flow('ft', 'tm', 'signing')]),
      'ft',
      'leaves the parallel block "F"…"J" for "signing": a branch leaves its block only through its join, or through a boundary event to an end event',
    ],
  ])('%s', async (_name, xml, elementId, reason) => {
    const err = await rejection(xml);
    expect(err.elementId).toBe(elementId);
    expect(err.reason).toBe(reason);
    expect(err.message).toBe(`bad.bpmn: element "${elementId}": ${reason}`);
  });
});
