/**
 * Compiles a route — a BPMN 2.0 file of workflows/ — into an XState v5 machine.
 *
 * Supported subset:
 * - one process; one plain start event, leading straight to a user task; plain end events; sequence flows; messages,
 *   documentation, text annotations and the diagram;
 * - user tasks (one state each), with exactly one outgoing flow;
 * - exclusive gateways whose outgoing flows carry conditions (condition.ts) or are the default;
 * - block-structured parallel gateways: a fork (one incoming flow, N outgoing) and its join (N incoming, one outgoing).
 *   Each branch begins with a user task or a nested block, runs through user tasks, exclusive gateways and nested
 *   blocks (it may loop within itself) and reaches the join through exactly one flow. A branch leaves its block only
 *   through the join, or through a boundary event of one of its tasks leading to an end event, which ends the whole
 *   process (as a terminate end event would). Compiled to a parallel state (key: the fork id) with one region per
 *   branch (key: the id of the flow leaving the fork); each region ends in a final state named after the join, and the
 *   parallel state's onDone follows the join's outgoing flow;
 * - parallel multi-instance user tasks (<bpmn:multiInstanceLoopCharacteristics isSequential="false">): one instance
 *   per item of a list carried by the event that enters the task; the task completes when every instance has answered
 *   or when cv:completion holds;
 * - boundary events on user tasks: interrupting message events (e.g. "withdraw"), and timer events with a
 *   <bpmn:timeDuration> (ISO-8601 PnW or PnDTnHnM, duration.ts). An interrupting timer takes its flow when it fires;
 *   a non-interrupting timer is a reminder: it changes no state, its flow leads to an end event or is left out.
 * Anything else (inclusive/event-based gateways, sequential multi-instance, standard loops, timeDate/timeCycle timers,
 * blocks that are not properly nested…) is a RouteDefinitionError naming the file, the element id and the reason.
 *
 * Extension attributes, namespace https://congvan.vn/schema/bpmn (prefix cv):
 *   userTask      cv:phase       lifecycle phase of the document while at this task: drafting|review|signing|issuing|distribution
 *                 cv:candidates  who may act, space-separated (candidates.ts): drafter, drafting-unit-head, signer, role:<role>
 *                 cv:actions     the actions that complete the task, space-separated (e.g. "approve return"); on a
 *                                multi-instance task it is left out (or "answer"): its only action is "answer"
 *                 cv:collection  multi-instance only (on the task or on its multiInstanceLoopCharacteristics): the name of
 *                                the list whose items get one instance each, read from `event.data[name]`, else
 *                                `event.doc[name]`, of the event that enters the task (e.g. consultedUnits)
 *                 cv:completion  multi-instance only (same places), optional: a condition that completes the task before
 *                                every instance has answered; it sees the counts `total`, `answered`, `pending`,
 *                                `agreed`, `disagreed`, `others` and `doc` (e.g. "disagreed != 0": the language has
 *                                only == and !=)
 *   endEvent      cv:phase       the document's phase once the route ends here (completed, withdrawn …); not needed on an
 *                                end event reached only from reminders (it is not a step)
 *   boundaryEvent cv:candidates  message events: who may send the message (the message's name is the action)
 *                 cv:calendar    timer events: "working" (default: days and hours count working time) or "calendar"
 *
 * What conditions see: gateway conditions see `action` (the event that completed the task: an action, a message name,
 * "timer" or "answer"), `doc` (type, urgency, confidentiality …) and `outcomes`; after a multi-instance task also its
 * counts (`disagreed`, …). After a join they see only `outcomes`: `outcomes.<taskId>` is the action that last
 * completed that task of the block (for a multi-instance task, its counts: `outcomes.consult.disagreed`).
 *
 * The machine is pure: one state per user task, one final state per end event, one parallel state per block, named
 * parametrised guards and assign actions only. Events (RouteEvent):
 *   { type: <action>, doc?, data?, task? }               completes a task (data carries the lists of multi-instance
 *                                                        tasks it enters); `task` is required for tasks inside blocks
 *   { type: <message>, doc?, data?, task? }              a message boundary event (e.g. withdraw)
 *   { type: 'answer', item, answer, doc?, data?, task? } one instance of a multi-instance task answers:
 *                                                        answer is agree | disagree | other
 *   { type: 'timer', timerId, doc?, data? }              the interrupting timer boundary event `timerId` fired
 * Context (JSON): { instances?: { [taskId]: { items, answers: { [item]: answer } } }, outcomes?: { [taskId]: … } };
 * a route with no block and no multi-instance task keeps the empty context {}.
 */
import { BpmnModdle } from 'bpmn-moddle';
import {
  assign,
  initialTransition,
  setup,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
} from 'xstate';
import {
  evaluateCondition,
  isAlwaysFalse,
  isAlwaysTrue,
  negate,
  parseCondition,
  specializeCondition,
  type Condition,
} from './condition.js';
import { DurationError, parseDuration } from './duration.js';

export const CV_NAMESPACE = 'https://congvan.vn/schema/bpmn';

export const TASK_PHASES = ['drafting', 'review', 'signing', 'issuing', 'distribution'] as const;

/** The answers of an instance of a multi-instance task. */
export const ANSWERS = ['agree', 'disagree', 'other'] as const;
export type Answer = (typeof ANSWERS)[number];

/** Event types the compiler gives a meaning of its own: no cv:actions or message may use them. */
export const RESERVED_EVENTS = ['answer', 'timer'] as const;

export interface MultiInstanceInfo {
  /** The name of the list in the entering event's data (or document) whose items get one instance each. */
  collection: string;
  /** cv:completion, as written. */
  completion?: string;
}
export interface TaskInfo {
  id: string;
  name: string;
  phase: string;
  candidates: string[];
  actions: string[];
  /** Set on a parallel multi-instance task; its only action is "answer". */
  multiInstance?: MultiInstanceInfo;
  /** Set on a task inside a parallel block: the innermost block (fork id) and branch (id of the flow leaving the fork). */
  block?: { fork: string; branch: string };
}
export interface BoundaryActionInfo {
  action: string;
  candidates: string[];
  attachedTo: string;
  target: string;
}
export interface EndInfo {
  id: string;
  name: string;
  phase: string;
}
export interface TimerInfo {
  /** The boundary event's id: the `timerId` of the event the runtime sends when the timer fires. */
  id: string;
  /** The user task the timer runs on: start it when the task is entered, drop it when the task is left. */
  attachedTo: string;
  /** The ISO-8601 duration, as written (parse it with duration.ts). */
  duration: string;
  calendar: 'working' | 'calendar';
  interrupting: boolean;
  /** Interrupting timers: the step the timer leads to first (a task, end event or fork id). Reminders have none. */
  target?: string;
}
export interface ParallelBlockInfo {
  fork: string;
  join: string;
  /** The enclosing block's region when this block is nested. */
  parent?: { fork: string; branch: string };
  /** One per region, in order: the id of the flow leaving the fork, and every user task of the branch (nested ones too). */
  branches: Array<{ flow: string; tasks: string[] }>;
}
export interface CompiledRoute {
  id: string;
  name: string;
  file: string;
  machine: AnyStateMachine;
  tasks: Record<string, TaskInfo>;
  ends: Record<string, EndInfo>;
  boundaryActions: BoundaryActionInfo[];
  initialTask: string;
  /** Every timer boundary event, interrupting or not. */
  timers: TimerInfo[];
  /** Every parallel block, by fork id. */
  blocks: Record<string, ParallelBlockInfo>;
}

export interface RouteEvent {
  type: string;
  doc?: Record<string, unknown>;
  /** The lists of the multi-instance tasks this event enters (e.g. `{ consultedUnits: ['u1', 'u2'] }`). */
  data?: Record<string, unknown>;
  /** The task this event is for: required for the tasks inside a parallel block, ignored elsewhere. */
  task?: string;
  /** `answer` events: the instance's item and its answer. */
  item?: string;
  answer?: string;
  /** `timer` events: the boundary event's id. */
  timerId?: string;
}

export interface InstanceSet {
  items: string[];
  answers: Record<string, Answer>;
}
export interface InstanceCounts {
  total: number;
  answered: number;
  pending: number;
  agreed: number;
  disagreed: number;
  others: number;
}
export interface RouteContext {
  instances?: Record<string, InstanceSet>;
  outcomes?: Record<string, string | InstanceCounts>;
}

export class RouteDefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly elementId: string | undefined,
    readonly reason: string,
  ) {
    super(`${file}: ${elementId ? `element "${elementId}": ` : ''}${reason}`);
    this.name = 'RouteDefinitionError';
  }
}

const CV_PACKAGE = {
  name: 'congvan',
  prefix: 'cv',
  uri: CV_NAMESPACE,
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  enumerations: [],
  types: [
    {
      name: 'RouteUserTask',
      extends: ['bpmn:UserTask'],
      properties: [
        { name: 'phase', isAttr: true, type: 'String' },
        { name: 'candidates', isAttr: true, type: 'String' },
        { name: 'actions', isAttr: true, type: 'String' },
        { name: 'collection', isAttr: true, type: 'String' },
        { name: 'completion', isAttr: true, type: 'String' },
      ],
    },
    {
      name: 'RouteMultiInstance',
      extends: ['bpmn:MultiInstanceLoopCharacteristics'],
      properties: [
        { name: 'collection', isAttr: true, type: 'String' },
        { name: 'completion', isAttr: true, type: 'String' },
      ],
    },
    { name: 'RouteEndEvent', extends: ['bpmn:EndEvent'], properties: [{ name: 'phase', isAttr: true, type: 'String' }] },
    {
      name: 'RouteBoundaryEvent',
      extends: ['bpmn:BoundaryEvent'],
      properties: [
        { name: 'candidates', isAttr: true, type: 'String' },
        { name: 'calendar', isAttr: true, type: 'String' },
      ],
    },
  ],
};

/* Moddle elements are dynamic objects: this is the part of their shape the compiler reads. */
interface El {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, string>;
  get(name: string): unknown;
  flowElements?: El[];
  artifacts?: El[];
  rootElements?: El[];
  sourceRef?: El;
  targetRef?: El;
  conditionExpression?: { body?: string };
  default?: El;
  eventDefinitions?: El[];
  messageRef?: El;
  attachedToRef?: El;
  cancelActivity?: boolean;
  loopCharacteristics?: El;
  laneSets?: El[];
  isSequential?: boolean;
  loopCardinality?: unknown;
  completionCondition?: unknown;
  loopDataInputRef?: unknown;
  loopDataOutputRef?: unknown;
  inputDataItem?: unknown;
  outputDataItem?: unknown;
  timeDuration?: { body?: string };
  timeDate?: { body?: string };
  timeCycle?: { body?: string };
}

const FLOW_ELEMENTS = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:UserTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:SequenceFlow',
  'bpmn:BoundaryEvent',
]);
const ROOT_ELEMENTS = new Set(['bpmn:Process', 'bpmn:Message']);
const ARTIFACTS = new Set(['bpmn:TextAnnotation', 'bpmn:Association']);
const KNOWN_CV_ATTRIBUTES = ['cv:phase', 'cv:candidates', 'cv:actions', 'cv:collection', 'cv:completion', 'cv:calendar'];
/** The names a cv:completion condition may use. */
const COMPLETION_SCOPE = ['total', 'answered', 'pending', 'agreed', 'disagreed', 'others', 'doc'];

function words(v: unknown): string[] {
  return typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : [];
}

/** Action names become XState event types: plain names only (no "*" wildcard, no "." partial descriptors). */
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Path = { conds: Condition[]; target: string };

/** The first names of the paths a condition reads (`doc` for `doc.urgency`). */
function conditionRoots(c: Condition): string[] {
  switch (c.kind) {
    case 'or':
    case 'and':
      return c.items.flatMap(conditionRoots);
    case 'not':
      return conditionRoots(c.item);
    case 'compare':
      return [c.left, c.right].flatMap((o) => (o.kind === 'path' ? [o.path[0]] : []));
    case 'in':
      return c.left.kind === 'path' ? [c.left.path[0]] : [];
    case 'test':
      return c.operand.kind === 'path' ? [c.operand.path[0]] : [];
  }
}

/** The counts of a set of instances, as cv:completion and the gateways after the task see them. */
export function instanceCounts(set: InstanceSet): InstanceCounts {
  const answers = set.items.map((i) => (Object.prototype.hasOwnProperty.call(set.answers, i) ? set.answers[i] : undefined));
  const answered = answers.filter((a) => a !== undefined).length;
  return {
    total: set.items.length,
    answered,
    pending: set.items.length - answered,
    agreed: answers.filter((a) => a === 'agree').length,
    disagreed: answers.filter((a) => a === 'disagree').length,
    others: answers.filter((a) => a === 'other').length,
  };
}

/** The items a multi-instance task gets from the event that enters it, or null when there is no usable list. */
function itemsOf(event: RouteEvent, collection: string): string[] | null {
  const own = (o: Record<string, unknown> | undefined) =>
    o && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, collection) ? o[collection] : undefined;
  const list = own(event.data) ?? own(event.doc);
  if (!Array.isArray(list) || list.length === 0) return null;
  if (!list.every((i) => typeof i === 'string' && i.length > 0)) return null;
  return [...new Set(list as string[])];
}

interface MiGuard {
  task: string;
  completion?: Condition;
  /** true: the answer completes the task; false: a valid answer that does not. */
  completes: boolean;
}
interface RouteGuardParams {
  /** Inside a block: the event must name this task. */
  task?: string;
  timerId?: string;
  cond?: Condition;
  mi?: MiGuard;
  /** The multi-instance tasks the transition enters: the event must carry their lists. */
  enter?: Array<{ task: string; collection: string }>;
  /** A flow after a join: conditions see only `outcomes`. */
  afterJoin?: boolean;
}

/** The counts after `event` answers an instance of `task`, or null when the event is not a valid answer for it. */
function countsAfterAnswer(context: RouteContext, event: RouteEvent, task: string): InstanceCounts | null {
  const set = context.instances?.[task];
  if (!set || event.type !== 'answer') return null;
  const { item, answer } = event;
  if (typeof item !== 'string' || !set.items.includes(item)) return null;
  if (Object.prototype.hasOwnProperty.call(set.answers, item)) return null; // answered already
  if (!(ANSWERS as readonly string[]).includes(answer as string)) return null;
  return instanceCounts({ items: set.items, answers: { ...set.answers, [item]: answer as Answer } });
}

function routeGuard(context: RouteContext, event: RouteEvent, p: RouteGuardParams): boolean {
  if (p.task !== undefined && event.task !== p.task) return false;
  if (p.timerId !== undefined && event.timerId !== p.timerId) return false;
  const doc = event.doc ?? {};
  let scope: Record<string, unknown> = p.afterJoin
    ? { outcomes: context.outcomes ?? {} }
    : { action: event.type, doc, outcomes: context.outcomes ?? {} };
  if (p.mi) {
    const counts = countsAfterAnswer(context, event, p.mi.task);
    if (!counts) return false;
    const done = counts.answered === counts.total || (p.mi.completion ? evaluateCondition(p.mi.completion, { ...counts, doc }) : false);
    if (done !== p.mi.completes) return false;
    scope = { ...scope, ...counts };
  }
  if (p.cond && !evaluateCondition(p.cond, scope)) return false;
  if (p.enter && !p.enter.every((e) => itemsOf(event, e.collection))) return false;
  return true;
}

const machineSetup = setup({
  types: {} as { context: RouteContext; events: RouteEvent },
  guards: {
    condition: ({ context, event }, params: { cond: Condition }) =>
      evaluateCondition(params.cond, { action: event.type, doc: event.doc ?? {}, outcomes: context.outcomes ?? {} }),
    route: ({ context, event }, params: RouteGuardParams) => routeGuard(context, event, params),
  },
  actions: {
    openInstances: assign(({ context, event }, params: { task: string; collection: string }) => ({
      instances: { ...(context.instances ?? {}), [params.task]: { items: itemsOf(event, params.collection) ?? [], answers: {} } },
    })),
    recordAnswer: assign(({ context, event }, params: { task: string }) => {
      const set = context.instances?.[params.task];
      if (!set || typeof event.item !== 'string') return {};
      return {
        instances: {
          ...context.instances,
          [params.task]: { items: set.items, answers: { ...set.answers, [event.item]: event.answer as Answer } },
        },
      };
    }),
    recordOutcome: assign(({ context, event }, params: { task: string; counts?: boolean }) => {
      const set = context.instances?.[params.task];
      const outcome = params.counts && set ? instanceCounts(set) : event.type;
      return { outcomes: { ...(context.outcomes ?? {}), [params.task]: outcome } };
    }),
    clearOutcomes: assign(({ context }, params: { tasks: string[] }) => {
      if (!context.outcomes) return {};
      const outcomes = { ...context.outcomes };
      for (const t of params.tasks) delete outcomes[t];
      return { outcomes };
    }),
  },
});

interface Block {
  fork: El;
  join: El;
  branches: Array<{ flow: El; members: Set<string>; direct: Set<string> }>;
}

export async function compileRoute(xml: string, file: string): Promise<CompiledRoute> {
  const fail = (el: { id?: string } | undefined, reason: string): never => {
    throw new RouteDefinitionError(file, el?.id, reason);
  };
  const moddle = new BpmnModdle({ cv: CV_PACKAGE });
  let parsed: { rootElement: El; warnings: Array<{ message: string; element?: { id?: string } }> };
  try {
    parsed = (await moddle.fromXML(xml, 'bpmn:Definitions')) as unknown as typeof parsed;
  } catch (err) {
    return fail(undefined, `not a BPMN 2.0 file: ${(err as Error).message}`);
  }
  if (parsed.warnings.length > 0) {
    const w = parsed.warnings[0];
    fail(w.element, `unsupported or malformed content: ${w.message}`);
  }
  const defs = parsed.rootElement;
  for (const root of defs.rootElements ?? []) {
    if (!ROOT_ELEMENTS.has(root.$type)) fail(root, `unsupported element ${root.$type}`);
  }
  const processes = (defs.rootElements ?? []).filter((r) => r.$type === 'bpmn:Process');
  if (processes.length !== 1) fail(undefined, `a route file holds exactly one bpmn:process, found ${processes.length}`);
  const proc = processes[0];
  if (!proc.id) fail(undefined, 'the process needs an id');
  if ((proc.laneSets ?? []).length > 0) fail(proc, 'lanes are not supported: name who acts with cv:candidates');
  for (const a of proc.artifacts ?? []) if (!ARTIFACTS.has(a.$type)) fail(a, `unsupported element ${a.$type}`);

  const elements = proc.flowElements ?? [];
  for (const el of elements) {
    if (!FLOW_ELEMENTS.has(el.$type)) fail(el, `unsupported element ${el.$type}`);
    for (const attr of Object.keys(el.$attrs ?? {})) {
      if (attr.startsWith('cv:') && !KNOWN_CV_ATTRIBUTES.includes(attr)) fail(el, `unknown attribute ${attr}`);
    }
  }
  const byType = (t: string) => elements.filter((e) => e.$type === t);
  const byId = new Map(elements.map((e) => [e.id!, e]));
  // Derived from the flows themselves: <bpmn:outgoing> children are optional in BPMN files.
  const flows = byType('bpmn:SequenceFlow');
  const outgoingOf = (el: El) => flows.filter((f) => f.sourceRef?.id === el.id);
  const incomingOf = (el: El) => flows.filter((f) => f.targetRef?.id === el.id);
  const boundariesOf = (el: El) => byType('bpmn:BoundaryEvent').filter((b) => b.attachedToRef?.id === el.id);
  const starts = byType('bpmn:StartEvent');
  if (starts.length !== 1) fail(proc, `a route has exactly one start event, found ${starts.length}`);
  const start = starts[0];
  if ((start.eventDefinitions ?? []).length) fail(start, 'a start event with an event definition is not supported');

  const conditionOf = (flow: El): Condition | null => {
    const body = flow.conditionExpression?.body?.trim();
    if (!body) return null;
    try {
      return parseCondition(body);
    } catch (err) {
      return fail(flow, `bad condition "${body}": ${(err as Error).message}`);
    }
  };

  const tasks: Record<string, TaskInfo> = {};
  const completions: Record<string, Condition> = {};
  for (const el of byType('bpmn:UserTask')) {
    const phase = el.get('cv:phase');
    if (typeof phase !== 'string' || !(TASK_PHASES as readonly string[]).includes(phase)) {
      fail(el, `a user task needs cv:phase, one of ${TASK_PHASES.join(', ')}`);
    }
    const candidates = words(el.get('cv:candidates'));
    if (candidates.length === 0) fail(el, 'a user task needs cv:candidates (who may act)');
    const loop = el.loopCharacteristics;
    let multiInstance: MultiInstanceInfo | undefined;
    let actions: string[];
    if (loop) {
      if (loop.$type === 'bpmn:StandardLoopCharacteristics') {
        fail(el, 'standard loops (bpmn:standardLoopCharacteristics) are not supported: loop back with an exclusive gateway');
      }
      if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') fail(el, `unsupported loop characteristics ${loop.$type}`);
      if (loop.isSequential) {
        fail(el, 'sequential multi-instance tasks (isSequential="true") are not supported: only parallel ones');
      }
      for (const [prop, hint] of [
        ['loopCardinality', 'cv:collection'],
        ['loopDataInputRef', 'cv:collection'],
        ['inputDataItem', 'cv:collection'],
        ['loopDataOutputRef', 'the answers kept in the context'],
        ['outputDataItem', 'the answers kept in the context'],
        ['completionCondition', 'cv:completion'],
      ] as const) {
        if (loop[prop]) fail(el, `bpmn:${prop} is not supported on a multi-instance task: use ${hint}`);
      }
      const attr = (name: string): string | undefined => {
        const onTask = el.get(name);
        const onLoop = loop.get(name);
        if (typeof onTask === 'string' && typeof onLoop === 'string') fail(el, `${name} is given twice: on the task and on its multiInstanceLoopCharacteristics`);
        return (typeof onTask === 'string' ? onTask : typeof onLoop === 'string' ? onLoop : undefined)?.trim();
      };
      const collection = attr('cv:collection');
      if (!collection) {
        fail(el, 'a multi-instance user task needs cv:collection: the name of the list in the entering event data whose items get one instance each');
      }
      if (!COLLECTION_NAME.test(collection!)) fail(el, `bad cv:collection "${collection}": a plain name (letters, digits, "_")`);
      const completion = attr('cv:completion');
      multiInstance = { collection: collection! };
      if (completion) {
        let cond: Condition;
        try {
          cond = parseCondition(completion);
        } catch (err) {
          return fail(el, `bad cv:completion "${completion}": ${(err as Error).message}`);
        }
        const unknown = conditionRoots(cond).find((r) => !COMPLETION_SCOPE.includes(r));
        if (unknown) fail(el, `cv:completion "${completion}" uses "${unknown}": it sees only ${COMPLETION_SCOPE.join(', ')}`);
        completions[el.id!] = cond;
        multiInstance.completion = completion;
      }
      const declared = words(el.get('cv:actions'));
      if (declared.length > 0 && !(declared.length === 1 && declared[0] === 'answer')) {
        fail(el, 'the only action of a multi-instance task is "answer": leave cv:actions out');
      }
      actions = ['answer'];
    } else {
      for (const name of ['cv:collection', 'cv:completion']) {
        if (el.get(name) !== undefined) fail(el, `${name} is only for multi-instance tasks (bpmn:multiInstanceLoopCharacteristics)`);
      }
      actions = words(el.get('cv:actions'));
      if (actions.length === 0) fail(el, 'a user task needs cv:actions (what completes it)');
      const badAction = actions.find((a) => !ACTION_NAME.test(a));
      if (badAction) fail(el, `bad action name "${badAction}" in cv:actions (letters, digits, "-" and "_", starting with a letter)`);
      const twice = actions.find((a, i) => actions.indexOf(a) !== i);
      if (twice) fail(el, `the action "${twice}" is listed twice in cv:actions`);
      const reserved = actions.find((a) => (RESERVED_EVENTS as readonly string[]).includes(a));
      if (reserved) fail(el, `"${reserved}" is a reserved event name and cannot be an action in cv:actions`);
    }
    if (outgoingOf(el).length !== 1) fail(el, 'a user task has exactly one outgoing sequence flow (branch with an exclusive gateway)');
    tasks[el.id!] = { id: el.id!, name: el.name ?? el.id!, phase: phase as string, candidates, actions };
    if (multiInstance) tasks[el.id!].multiInstance = multiInstance;
  }
  if (Object.keys(tasks).length === 0) fail(proc, 'a route needs at least one user task');

  const isTimer = (b: El) => (b.eventDefinitions ?? []).some((d) => d.$type === 'bpmn:TimerEventDefinition');
  const isReminder = (b: El) => b.$type === 'bpmn:BoundaryEvent' && isTimer(b) && b.cancelActivity === false;
  const ends: Record<string, EndInfo> = {};
  /** End events reached only from reminders: not steps of the document. */
  const reminderEnds = new Set<string>();
  for (const el of byType('bpmn:EndEvent')) {
    if ((el.eventDefinitions ?? []).length) fail(el, 'an end event with an event definition is not supported');
    const incoming = incomingOf(el);
    if (incoming.length > 0 && incoming.every((f) => f.sourceRef && isReminder(f.sourceRef))) {
      reminderEnds.add(el.id!);
      continue;
    }
    const phase = el.get('cv:phase');
    if (typeof phase !== 'string' || !phase) fail(el, 'an end event needs cv:phase (the document phase at the end)');
    ends[el.id!] = { id: el.id!, name: el.name ?? el.id!, phase: phase as string };
  }

  for (const flow of flows) {
    if (!flow.sourceRef || !flow.targetRef) fail(flow, 'a sequence flow needs a sourceRef and a targetRef');
    if (flow.sourceRef!.$type === 'bpmn:EndEvent') fail(flow, 'no flow may leave an end event');
    if (flow.targetRef!.$type === 'bpmn:StartEvent' || flow.targetRef!.$type === 'bpmn:BoundaryEvent') {
      fail(flow, `no flow may lead to a ${flow.targetRef!.$type}`);
    }
    const cond = conditionOf(flow);
    if (cond && flow.sourceRef?.$type !== 'bpmn:ExclusiveGateway') {
      fail(flow, 'conditions are supported only on flows leaving an exclusive gateway');
    }
  }

  // State names: XState reads "." in a target as a path.
  for (const el of elements) {
    if (el.$type !== 'bpmn:BoundaryEvent' && el.id!.includes('.')) fail(el, 'an element id cannot contain "." (it names a state)');
  }

  // Parallel gateways: a fork has one incoming flow and several outgoing; a join several incoming and one outgoing.
  const isFork = (el: El | undefined) => el?.$type === 'bpmn:ParallelGateway' && outgoingOf(el).length >= 2;
  const isJoin = (el: El | undefined) => el?.$type === 'bpmn:ParallelGateway' && incomingOf(el).length >= 2;
  for (const g of byType('bpmn:ParallelGateway')) {
    const i = incomingOf(g).length;
    const o = outgoingOf(g).length;
    if (i >= 2 && o >= 2) {
      fail(g, `a parallel gateway either forks (one incoming flow, several outgoing) or joins (several incoming, one outgoing), not both: it has ${i} incoming and ${o} outgoing flows`);
    }
    if (!((i === 1 && o >= 2) || (i >= 2 && o === 1))) {
      fail(g, `unsupported element bpmn:ParallelGateway with ${i} incoming and ${o} outgoing flows: a parallel gateway forks (one incoming flow, several outgoing) or joins (several incoming, one outgoing)`);
    }
  }

  /** The default flow of an exclusive gateway, after checking its flows. */
  const defaultFlowOf = (gateway: El): El | undefined => {
    const outgoing = outgoingOf(gateway);
    if (outgoing.length === 0) fail(gateway, 'a gateway needs at least one outgoing flow');
    if (gateway.default && !outgoing.includes(gateway.default)) fail(gateway, 'the default flow must leave this gateway');
    if (gateway.default && conditionOf(gateway.default)) fail(gateway.default, 'the default flow of a gateway cannot have a condition');
    const unconditioned = outgoing.filter((f) => !conditionOf(f) && f !== gateway.default);
    const defaultFlow = gateway.default ?? (unconditioned.length === 1 ? unconditioned[0] : undefined);
    if (unconditioned.filter((f) => f !== defaultFlow).length > 0) {
      fail(gateway, 'every flow leaving an exclusive gateway needs a condition, except its one default flow');
    }
    return defaultFlow;
  };

  // Gateway cycles with no user task in between would loop forever at run time.
  for (const gateway of byType('bpmn:ExclusiveGateway')) {
    defaultFlowOf(gateway);
    const seen = new Set<string>();
    const stack = outgoingOf(gateway).map((f) => f.targetRef!);
    while (stack.length) {
      const n = stack.pop()!;
      if (n.$type !== 'bpmn:ExclusiveGateway') continue;
      if (n.id === gateway.id) fail(gateway, 'a cycle of gateways with no user task in between');
      if (seen.has(n.id!)) continue;
      seen.add(n.id!);
      stack.push(...outgoingOf(n).map((f) => f.targetRef!));
    }
  }

  const startOut = outgoingOf(start);
  if (startOut.length !== 1) fail(start, 'the start event has exactly one outgoing flow');
  const first = startOut[0].targetRef;
  if (!first || !tasks[first.id!]) fail(start, 'the start event must lead straight to a user task');
  const initialTask = first!.id!;
  if (tasks[initialTask].multiInstance) {
    fail(first, 'the first task cannot be a multi-instance task: its items come with the event that enters it');
  }

  // Every element must be reachable from the start.
  const successors = (el: El): El[] => [...outgoingOf(el).map((f) => f.targetRef!), ...boundariesOf(el)];
  /** Everything reachable from `from`, not going past `sink` (which is included when reached). */
  const reach = (from: El[], sink?: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...from];
    while (stack.length) {
      const el = stack.pop()!;
      if (seen.has(el.id!)) continue;
      seen.add(el.id!);
      if (el.id !== sink) stack.push(...successors(el));
    }
    return seen;
  };
  const reachable = reach([start]);
  for (const el of elements) {
    if (el.$type !== 'bpmn:SequenceFlow' && !reachable.has(el.id!)) fail(el, 'cannot be reached from the start event');
  }

  /* ---- Boundary events: checked before the blocks, whose analysis follows their flows ---- */
  interface Boundary {
    kind: 'message' | 'timer';
    host: El;
    action?: string;
    candidates?: string[];
    duration?: string;
    calendar?: 'working' | 'calendar';
    interrupting: boolean;
  }
  const boundaries = new Map<string, Boundary>();
  for (const el of byType('bpmn:BoundaryEvent')) {
    const defsOf = el.eventDefinitions ?? [];
    const kind = defsOf.length === 1 ? defsOf[0].$type : undefined;
    if (kind !== 'bpmn:MessageEventDefinition' && kind !== 'bpmn:TimerEventDefinition') {
      fail(el, `unsupported boundary event ${defsOf[0]?.$type ?? '(none)'}: only message and timer boundary events are supported`);
    }
    const host = el.attachedToRef;
    const out = outgoingOf(el);
    if (kind === 'bpmn:TimerEventDefinition') {
      if (!host || !tasks[host.id!]) fail(el, `a timer boundary event must be attached to a user task, not ${host ? `a ${host.$type}` : 'nothing'}`);
      if (el.get('cv:candidates') !== undefined) fail(el, 'a timer has no cv:candidates: the runtime fires it');
      const def = defsOf[0];
      if (def.timeDate) fail(el, 'timeDate timers are not supported: use a bpmn:timeDuration (an ISO-8601 duration such as P2D)');
      if (def.timeCycle) fail(el, 'timeCycle timers are not supported: use a bpmn:timeDuration (an ISO-8601 duration such as P2D)');
      const duration = def.timeDuration?.body?.trim();
      if (!duration) fail(el, 'a bpmn:TimerEventDefinition needs a bpmn:timeDuration (an ISO-8601 duration such as P2D)');
      try {
        parseDuration(duration!);
      } catch (err) {
        if (err instanceof DurationError) fail(el, err.message);
        throw err;
      }
      const calendar = el.get('cv:calendar') ?? 'working';
      if (calendar !== 'working' && calendar !== 'calendar') fail(el, `bad cv:calendar "${String(calendar)}": working or calendar`);
      const interrupting = el.cancelActivity !== false;
      if (!interrupting && (out.length > 1 || (out.length === 1 && out[0].targetRef!.$type !== 'bpmn:EndEvent'))) {
        fail(el, 'a non-interrupting timer is a reminder and changes no state: its flow may only lead to an end event, or be left out');
      }
      if (interrupting && out.length !== 1) fail(el, 'a boundary event has exactly one outgoing flow');
      boundaries.set(el.id!, { kind: 'timer', host: host!, duration, calendar: calendar as 'working' | 'calendar', interrupting });
      continue;
    }
    if (el.get('cv:calendar') !== undefined) fail(el, 'cv:calendar is only for timer boundary events');
    if (el.cancelActivity === false) fail(el, 'non-interrupting message boundary events are not supported');
    if (!host || !tasks[host.id!]) fail(el, 'a boundary event must be attached to a user task');
    const action = defsOf[0].messageRef?.name;
    if (!action) fail(el, 'the boundary event needs a messageRef to a bpmn:message with a name (the action)');
    if (!ACTION_NAME.test(action!)) fail(el, `bad message name "${action}" (letters, digits, "-" and "_", starting with a letter)`);
    if ((RESERVED_EVENTS as readonly string[]).includes(action!)) fail(el, `"${action}" is a reserved event name and cannot be a message name`);
    const twice = [...boundaries.values()].some((o) => o.kind === 'message' && o.host.id === host!.id && o.action === action);
    if (twice) fail(el, `"${host!.id}" already has a boundary event for "${action}"`);
    const candidates = words(el.get('cv:candidates'));
    if (candidates.length === 0) fail(el, 'a message boundary event needs cv:candidates (who may send it)');
    if (tasks[host!.id!].actions.includes(action!)) fail(el, `"${action}" is already an action of ${host!.id}`);
    if (out.length !== 1) fail(el, 'a boundary event has exactly one outgoing flow');
    boundaries.set(el.id!, { kind: 'message', host: host!, action, candidates, interrupting: true });
  }

  /* ---- Parallel blocks ---- */
  const blocks = new Map<string, Block>();
  const analyzing = new Set<string>();
  /** Container of a state: '' for the root, `${fork}/${branchFlow}` for a region. */
  const containerOf = new Map<string, string>();
  const regionKey = (fork: string, branch: string) => `${fork}/${branch}`;

  const analyzeBlock = (fork: El): Block => {
    const known = blocks.get(fork.id!);
    if (known) return known;
    if (analyzing.has(fork.id!)) return fail(fork, 'parallel blocks are not properly nested');
    analyzing.add(fork.id!);
    const pre = reach([start], fork.id);
    type Step = { flow: El; viaBoundary: boolean };
    const explored = outgoingOf(fork).map((flow) => {
      const head = flow.targetRef!;
      if (isJoin(head)) {
        fail(flow, `an empty branch: the parallel fork "${fork.id}" leads straight to the join "${head.id}"; a branch needs at least one user task`);
      }
      if (head.$type !== 'bpmn:UserTask' && !isFork(head)) {
        fail(flow, `a branch of the parallel fork "${fork.id}" must begin with a user task or a nested parallel fork, not a ${head.$type}`);
      }
      const members = new Set<string>();
      const direct = new Set<string>();
      const steps: Step[] = [];
      const queue: Step[] = [{ flow, viaBoundary: false }];
      while (queue.length) {
        const step = queue.shift()!;
        steps.push(step);
        const el = step.flow.targetRef!;
        if (isJoin(el) || el.$type === 'bpmn:EndEvent' || pre.has(el.id!) || members.has(el.id!)) continue;
        members.add(el.id!);
        direct.add(el.id!);
        if (el.$type === 'bpmn:UserTask') {
          queue.push(...outgoingOf(el).map((f) => ({ flow: f, viaBoundary: false })));
          for (const b of boundariesOf(el)) {
            members.add(b.id!);
            direct.add(b.id!);
            queue.push(...outgoingOf(b).map((f) => ({ flow: f, viaBoundary: true })));
          }
        } else if (el.$type === 'bpmn:ExclusiveGateway') {
          queue.push(...outgoingOf(el).map((f) => ({ flow: f, viaBoundary: step.viaBoundary })));
        } else if (isFork(el)) {
          const inner = analyzeBlock(el);
          for (const b of inner.branches) for (const m of b.members) members.add(m);
          members.add(inner.join.id!);
          queue.push(...outgoingOf(inner.join).map((f) => ({ flow: f, viaBoundary: false })));
        }
      }
      return { flow, members, direct, steps };
    });

    // The join: the one most branches reach.
    const tally = new Map<string, number>();
    for (const b of explored) {
      for (const id of new Set(b.steps.filter((s) => isJoin(s.flow.targetRef)).map((s) => s.flow.targetRef!.id!))) {
        tally.set(id, (tally.get(id) ?? 0) + 1);
      }
    }
    if (tally.size === 0) fail(fork, `the branches of the parallel fork "${fork.id}" never reach a parallel join`);
    const joinId = [...tally.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    const join = byId.get(joinId)!;
    const post = reach(outgoingOf(join).map((f) => f.targetRef!), fork.id);
    const outside = (id: string) => pre.has(id) || post.has(id);
    const span = `the parallel block "${fork.id}"…"${joinId}"`;

    const branches = explored.map((b) => {
      const real = new Set([...b.members].filter((m) => !post.has(m)));
      const inside = (s: El) => s.id === fork.id || real.has(s.id!);
      const own = b.steps.filter((s) => inside(s.flow.sourceRef!));
      for (const s of own) {
        const t = s.flow.targetRef!;
        if (t.$type === 'bpmn:EndEvent' || t.id === joinId) continue;
        if (outside(t.id!)) {
          // An outside element that runs on to the join is a way into the block, not out of it.
          const entry = reach([t], fork.id).has(joinId) ? incomingOf(t).find((f) => !inside(f.sourceRef!)) : undefined;
          if (entry) fail(entry, `enters ${span} from outside: a block is entered only through its fork`);
          fail(s.flow, `leaves ${span} for "${t.id}": a branch leaves its block only through its join, or through a boundary event to an end event`);
        }
      }
      return { ...b, real, own };
    });
    for (const b of branches) {
      for (const s of b.own) {
        const t = s.flow.targetRef!;
        if (isJoin(t) && t.id !== joinId) {
          fail(s.flow, `reaches the parallel join "${t.id}", but the branches of the fork "${fork.id}" meet at "${joinId}": parallel blocks must be properly nested`);
        }
      }
      const intoJoin = b.own.filter((s) => s.flow.targetRef!.id === joinId);
      if (intoJoin.length === 0) fail(b.flow, `this branch of the parallel fork "${fork.id}" never reaches its join "${joinId}"`);
      if (intoJoin.length > 1) {
        fail(join, `the branch of the flow "${b.flow.id}" reaches the join through ${intoJoin.length} flows: each branch of ${span} reaches its join through exactly one flow`);
      }
    }
    const nIn = incomingOf(join).length;
    const nOut = outgoingOf(fork).length;
    if (nIn !== nOut) {
      fail(join, `the parallel join has ${nIn} incoming flows but its fork "${fork.id}" has ${nOut} outgoing flows: each branch reaches the join through exactly one flow`);
    }
    branches.forEach((b, i) => {
      for (const other of branches.slice(0, i)) {
        const shared = [...b.real].find((m) => other.real.has(m));
        if (shared) {
          fail(byId.get(shared), `is on two branches of the parallel fork "${fork.id}" (flows "${other.flow.id}" and "${b.flow.id}"): branches meet only at their join`);
        }
      }
    });
    for (const b of branches) {
      for (const s of b.own) {
        if (s.flow.targetRef!.$type === 'bpmn:EndEvent' && !s.viaBoundary) {
          fail(s.flow, `ends the process from inside ${span}: only a boundary event may lead from a block to an end event`);
        }
      }
      for (const m of b.real) {
        for (const f of incomingOf(byId.get(m)!)) {
          if (f.sourceRef!.id !== fork.id && !b.real.has(f.sourceRef!.id!)) {
            fail(f, `enters ${span} from outside: a block is entered only through its fork`);
          }
        }
      }
    }
    for (const other of blocks.values()) {
      if (other.join.id === joinId) fail(join, `is the join of both "${other.fork.id}" and "${fork.id}"`);
    }
    const block: Block = {
      fork,
      join,
      branches: branches.map((b) => ({ flow: b.flow, members: b.real, direct: new Set([...b.direct].filter((d) => b.real.has(d))) })),
    };
    for (const b of block.branches) for (const d of b.direct) containerOf.set(d, regionKey(fork.id!, b.flow.id!));
    for (const b of block.branches) {
      if (b.flow.id!.includes('.') || b.flow.id!.includes('/')) fail(b.flow, 'the id of a flow leaving a fork names a region: it cannot contain "." or "/"');
    }
    blocks.set(fork.id!, block);
    analyzing.delete(fork.id!);
    return block;
  };
  for (const g of byType('bpmn:ParallelGateway')) if (isFork(g)) analyzeBlock(g);
  for (const g of byType('bpmn:ParallelGateway')) {
    if (isJoin(g) && ![...blocks.values()].some((b) => b.join.id === g.id)) {
      fail(g, 'a parallel join without a matching fork: it closes no parallel block (a block opens with a parallel fork whose branches all meet here)');
    }
  }
  const container = (id: string) => containerOf.get(id) ?? '';
  const blockOfRegion = (region: string) => blocks.get(region.slice(0, region.indexOf('/')))!;
  for (const t of Object.values(tasks)) {
    const c = container(t.id);
    if (c) t.block = { fork: c.slice(0, c.indexOf('/')), branch: c.slice(c.indexOf('/') + 1) };
  }

  /**
   * Follows a flow through exclusive gateways to the user tasks / end events / forks / joins that `action` (of
   * `origin`) may reach, in the order XState must try them. Conditions are specialised for the action now: a branch
   * that cannot match it is dropped, one that always matches ends the list. A branch that is taken but leads to a
   * gateway that may match nothing keeps the branches after it from applying (their guards get its negation), as in
   * BPMN. After a join (`action` null) conditions may read only `outcomes`.
   */
  const pathsFrom = (flow: El, seen: string[], action: string | null, origin: string): Path[] => {
    const target = flow.targetRef!;
    if (target.$type === 'bpmn:UserTask' || target.$type === 'bpmn:EndEvent' || target.$type === 'bpmn:ParallelGateway') {
      return [{ conds: [], target: target.id! }];
    }
    if (target.$type !== 'bpmn:ExclusiveGateway') return fail(target, `a flow cannot lead to ${target.$type}`);
    if (seen.includes(target.id!)) return fail(target, 'a cycle of gateways with no user task in between');
    const outgoing = outgoingOf(target);
    const defaultFlow = defaultFlowOf(target);
    const ordered = [...outgoing.filter((f) => f !== defaultFlow), ...(defaultFlow ? [defaultFlow] : [])];
    const paths: Path[] = [];
    const excluded: Condition[] = []; // conditions of earlier branches that may be taken yet reach nothing
    for (const f of ordered) {
      const raw = f === defaultFlow ? null : conditionOf(f);
      if (raw && action === null) {
        const other = conditionRoots(raw).find((r) => r !== 'outcomes');
        if (other) {
          fail(f, `after the parallel join "${origin}" a condition sees only "outcomes" (e.g. outcomes.<taskId> == 'approve'), not "${other}"`);
        }
      }
      const cond = raw ? specializeCondition(raw, action === null ? {} : { action }) : null;
      if (cond && isAlwaysFalse(cond)) continue;
      const always = !cond || isAlwaysTrue(cond);
      const sub = pathsFrom(f, [...seen, target.id!], action, origin);
      const prefix = [...excluded.map(negate), ...(always ? [] : [cond!])];
      for (const p of sub) paths.push({ conds: [...prefix, ...p.conds], target: p.target });
      if (always) break; // this branch is taken whenever the earlier ones are not: nothing after it applies
      const exhaustive = sub.length > 0 && sub[sub.length - 1].conds.length === 0;
      if (!exhaustive) excluded.push(cond!);
    }
    if (paths.length === 0) {
      fail(
        target,
        action === null
          ? `the flow after the parallel join "${origin}" matches no flow leaving this gateway, and it has no default flow`
          : `the action "${action}" of "${origin}" matches no flow leaving this gateway, and it has no default flow`,
      );
    }
    return paths;
  };

  /** The multi-instance tasks entered when `id` is entered (a fork enters the heads of all its branches). */
  const entering = (id: string): Array<{ task: string; collection: string }> => {
    const mi = tasks[id]?.multiInstance;
    if (mi) return [{ task: id, collection: mi.collection }];
    const block = blocks.get(id);
    return block ? block.branches.flatMap((b) => entering(b.flow.targetRef!.id!)) : [];
  };
  /** End events targeted from inside a region get an explicit state id. */
  const crossTargets = new Set<string>();
  const targetFor = (from: string, id: string): string => {
    if (isJoin(byId.get(id))) return id; // the region's final state, a sibling
    if (container(id) === from) return id;
    if (!ends[id]) fail(byId.get(id), `internal error: "${id}" is targeted from another parallel region`);
    crossTargets.add(id);
    return `#${id}`;
  };
  interface TransitionOptions {
    from: string;
    task?: string;
    timerId?: string;
    mi?: Omit<MiGuard, 'completes'>;
    actions?: unknown[];
    afterJoin?: boolean;
  }
  const toTransitions = (paths: Path[], o: TransitionOptions) => {
    const out: Array<Record<string, unknown>> = [];
    for (const p of paths) {
      const cond = p.conds.length === 0 ? undefined : p.conds.length === 1 ? p.conds[0] : { kind: 'and' as const, items: p.conds };
      const enter = entering(p.target);
      const params: RouteGuardParams = {};
      if (o.task) params.task = o.task;
      if (o.timerId) params.timerId = o.timerId;
      if (o.mi) params.mi = { ...o.mi, completes: true };
      if (cond) params.cond = cond;
      if (cond && o.afterJoin) params.afterJoin = true;
      const t: Record<string, unknown> = { target: targetFor(o.from, p.target) };
      const only = Object.keys(params);
      if (only.length === 1 && cond) t.guard = { type: 'condition', params: { cond } };
      else if (only.length > 0 || enter.length > 0) t.guard = { type: 'route', params: enter.length ? { ...params, enter } : params };
      if (enter.length || blocks.has(p.target)) t.reenter = true; // a loop back re-opens the instances / regions
      if (o.actions?.length) t.actions = o.actions;
      out.push(t);
      // Taken but without the lists it needs: the event does nothing (no fall-through to later branches).
      if (enter.length) out.push(Object.keys(params).length ? { guard: { type: 'route', params } } : {});
    }
    return out;
  };
  const outcomeActions = (taskId: string): unknown[] => {
    const inBlock = container(taskId) !== '';
    const mi = !!tasks[taskId].multiInstance;
    return [
      ...(mi ? [{ type: 'recordAnswer', params: { task: taskId } }] : []),
      ...(inBlock ? [{ type: 'recordOutcome', params: mi ? { task: taskId, counts: true } : { task: taskId } }] : []),
    ];
  };

  /* ---- Boundary events ---- */
  const boundaryActions: BoundaryActionInfo[] = [];
  const timers: TimerInfo[] = [];
  const boundaryOn: Record<string, Record<string, Array<Record<string, unknown>>>> = {};
  for (const el of byType('bpmn:BoundaryEvent')) {
    const b = boundaries.get(el.id!)!;
    const host = b.host;
    const from = container(host.id!);
    const inBlock = from !== '';
    const outcome = inBlock ? [{ type: 'recordOutcome', params: { task: host.id! } }] : undefined;
    const out = outgoingOf(el);
    if (b.kind === 'timer') {
      const base = { id: el.id!, attachedTo: host.id!, duration: b.duration!, calendar: b.calendar! };
      if (!b.interrupting) {
        timers.push({ ...base, interrupting: false });
        continue;
      }
      const paths = pathsFrom(out[0], [], 'timer', el.id!);
      timers.push({ ...base, interrupting: true, target: paths[0].target });
      ((boundaryOn[host.id!] ??= {}).timer ??= []).push(...toTransitions(paths, { from, timerId: el.id!, actions: outcome }));
      continue;
    }
    const action = b.action!;
    const paths = pathsFrom(out[0], [], action, el.id!);
    boundaryActions.push({ action, candidates: b.candidates!, attachedTo: host.id!, target: paths[0].target });
    (boundaryOn[host.id!] ??= {})[action] = toTransitions(paths, { from, task: inBlock ? host.id! : undefined, actions: outcome });
  }

  /* ---- States ---- */
  const taskState = (task: TaskInfo): Record<string, unknown> => {
    const el = byId.get(task.id)!;
    const from = container(task.id);
    const guardTask = from !== '' ? task.id : undefined;
    const on: Record<string, unknown> = { ...(boundaryOn[task.id] ?? {}) };
    const state: Record<string, unknown> = { meta: { ...task }, on };
    const mi = task.multiInstance;
    if (mi) {
      const completion = completions[task.id];
      const miGuard = completion ? { task: task.id, completion } : { task: task.id };
      const paths = pathsFrom(outgoingOf(el)[0], [], 'answer', task.id);
      const withTask = guardTask ? { task: guardTask } : {};
      on.answer = [
        ...toTransitions(paths, { from, task: guardTask, mi: miGuard, actions: outcomeActions(task.id) }),
        // The answer completes the task but no flow matches it: nothing happens.
        { guard: { type: 'route', params: { ...withTask, mi: { ...miGuard, completes: true } } } },
        { guard: { type: 'route', params: { ...withTask, mi: { ...miGuard, completes: false } } }, actions: [{ type: 'recordAnswer', params: { task: task.id } }] },
      ];
      state.entry = [{ type: 'openInstances', params: { task: task.id, collection: mi.collection } }];
    } else {
      for (const action of task.actions) {
        on[action] = toTransitions(pathsFrom(outgoingOf(el)[0], [], action, task.id), {
          from,
          task: guardTask,
          actions: outcomeActions(task.id),
        });
      }
    }
    return state;
  };
  const statesOf = (c: string): Record<string, unknown> => {
    const states: Record<string, unknown> = {};
    for (const task of Object.values(tasks)) if (container(task.id) === c) states[task.id] = taskState(task);
    for (const block of blocks.values()) {
      if (container(block.fork.id!) !== c) continue;
      const regions: Record<string, unknown> = {};
      for (const b of block.branches) {
        const key = regionKey(block.fork.id!, b.flow.id!);
        regions[b.flow.id!] = {
          initial: b.flow.targetRef!.id!,
          states: { ...statesOf(key), [block.join.id!]: { type: 'final' } },
        };
      }
      const joinOut = outgoingOf(block.join)[0];
      const paths = pathsFrom(joinOut, [], null, block.join.id!);
      const mi = paths.map((p) => entering(p.target)).find((e) => e.length > 0);
      if (mi) {
        fail(byId.get(mi[0].task), `a multi-instance task cannot be entered from the parallel join "${block.join.id}": its items come with the event that enters it, and a join has none; put a user task in between`);
      }
      const blockTasks = block.branches.flatMap((b) => [...b.members].filter((m) => tasks[m]));
      states[block.fork.id!] = {
        type: 'parallel',
        meta: { block: { fork: block.fork.id!, join: block.join.id! } },
        entry: [{ type: 'clearOutcomes', params: { tasks: blockTasks } }],
        states: regions,
        onDone: toTransitions(paths, { from: c, afterJoin: true }),
      };
    }
    return states;
  };
  const states = statesOf('');
  for (const end of Object.values(ends)) {
    states[end.id] = crossTargets.has(end.id) ? { id: end.id, type: 'final', meta: { ...end } } : { type: 'final', meta: { ...end } };
  }

  const machine: AnyStateMachine = machineSetup.createMachine({
    id: proc.id!,
    initial: initialTask,
    context: {},
    // The state config is built from data; its shape is checked by the walk above.
    states: states as never,
  }) as unknown as AnyStateMachine;

  const blockInfos: Record<string, ParallelBlockInfo> = {};
  for (const block of blocks.values()) {
    const c = container(block.fork.id!);
    const info: ParallelBlockInfo = {
      fork: block.fork.id!,
      join: block.join.id!,
      branches: block.branches.map((b) => ({ flow: b.flow.id!, tasks: Object.keys(tasks).filter((t) => b.members.has(t)) })),
    };
    if (c) info.parent = { fork: blockOfRegion(c).fork.id!, branch: c.slice(c.indexOf('/') + 1) };
    blockInfos[block.fork.id!] = info;
  }

  return {
    id: proc.id!,
    name: proc.name ?? proc.id!,
    file,
    machine,
    tasks,
    ends,
    boundaryActions,
    initialTask,
    timers,
    blocks: blockInfos,
  };
}

export function initialSnapshot(route: CompiledRoute): AnyMachineSnapshot {
  return initialTransition(route.machine)[0] as AnyMachineSnapshot;
}

/**
 * What is stored in documents.snapshot: JSON `{ value, context }`, restorable by restoreSnapshot. `value` is a task or
 * end event id, or inside a parallel block an object `{ <forkId>: { <branchFlowId>: <task id | join id | nested
 * object> } }`; `context` is {} or holds `instances` and `outcomes` (see RouteContext).
 */
export function persistSnapshot(snapshot: AnyMachineSnapshot): Record<string, unknown> {
  return { value: snapshot.value, context: snapshot.context ?? {} };
}

/** Whether `value` is a possible state value in the container (`''` root, or `fork/branch`) of the route. */
function validValue(route: CompiledRoute, c: string, value: unknown): boolean {
  const regionOf = (t: TaskInfo) => (t.block ? `${t.block.fork}/${t.block.branch}` : '');
  const containerOfBlock = (b: ParallelBlockInfo) => (b.parent ? `${b.parent.fork}/${b.parent.branch}` : '');
  if (typeof value === 'string') {
    if (Object.prototype.hasOwnProperty.call(route.tasks, value)) return regionOf(route.tasks[value]) === c;
    if (c === '') return Object.prototype.hasOwnProperty.call(route.ends, value);
    return route.blocks[c.slice(0, c.indexOf('/'))]?.join === value;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !Object.prototype.hasOwnProperty.call(route.blocks, keys[0])) return false;
  const block = route.blocks[keys[0]];
  if (containerOfBlock(block) !== c) return false;
  const regions = (value as Record<string, unknown>)[keys[0]];
  if (!regions || typeof regions !== 'object' || Array.isArray(regions)) return false;
  const regionKeys = Object.keys(regions);
  if (regionKeys.length !== block.branches.length || !block.branches.every((b) => regionKeys.includes(b.flow))) return false;
  return block.branches.every((b) => validValue(route, `${block.fork}/${b.flow}`, (regions as Record<string, unknown>)[b.flow]));
}

export function restoreSnapshot(route: CompiledRoute, persisted: unknown): AnyMachineSnapshot {
  const p = persisted as { value?: unknown; context?: unknown };
  if (!validValue(route, '', p?.value)) {
    const shown = typeof p?.value === 'string' ? p.value : JSON.stringify(p?.value);
    throw new Error(`${route.file}: cannot restore a snapshot at "${shown}"; the route has no such step`);
  }
  const context = (p.context ?? {}) as RouteContext;
  if (typeof context !== 'object' || Array.isArray(context)) throw new Error(`${route.file}: cannot restore a snapshot: its context is not an object`);
  const snapshot = route.machine.resolveState({ value: p.value as never, context: context as never }) as AnyMachineSnapshot;
  for (const t of activeTasks(route, snapshot)) {
    const set = context.instances?.[t.id];
    if (t.multiInstance && (!set || !Array.isArray(set.items) || typeof set.answers !== 'object' || set.answers === null)) {
      throw new Error(`${route.file}: cannot restore a snapshot at the multi-instance task "${t.id}" without its instances in the context`);
    }
  }
  return snapshot;
}

/** The snapshot after `event`, or null when the event changes nothing in this state. */
export function nextSnapshot(route: CompiledRoute, snapshot: AnyMachineSnapshot, event: RouteEvent): AnyMachineSnapshot | null {
  if (snapshot.status !== 'active' || !snapshot.can(event)) return null;
  return transition(route.machine, snapshot, event)[0] as AnyMachineSnapshot;
}

/** Every active user task: one outside parallel blocks, one per branch still running inside one (none at an end). */
export function activeTasks(route: CompiledRoute, snapshot: AnyMachineSnapshot): TaskInfo[] {
  const out: TaskInfo[] = [];
  const visit = (v: unknown) => {
    if (typeof v === 'string') {
      if (Object.prototype.hasOwnProperty.call(route.tasks, v)) out.push(route.tasks[v]);
    } else if (v && typeof v === 'object') {
      for (const inner of Object.values(v)) visit(inner);
    }
  };
  visit(snapshot.value);
  return out;
}

/**
 * The one step a snapshot stands at, outside parallel blocks. Inside a parallel block several tasks may be active:
 * this throws then (use activeTasks).
 */
export function currentNode(
  route: CompiledRoute,
  snapshot: AnyMachineSnapshot,
): { kind: 'task'; task: TaskInfo } | { kind: 'end'; end: EndInfo } {
  if (typeof snapshot.value !== 'string') {
    const tasks = activeTasks(route, snapshot).map((t) => t.id);
    throw new Error(
      `${route.file}: the snapshot stands in the parallel block "${Object.keys(snapshot.value)[0]}" (active tasks: ${tasks.join(', ') || 'none'}); use activeTasks()`,
    );
  }
  const id = snapshot.value;
  if (route.tasks[id]) return { kind: 'task', task: route.tasks[id] };
  if (route.ends[id]) return { kind: 'end', end: route.ends[id] };
  throw new Error(`${route.file}: the snapshot stands at unknown step "${id}"`);
}
