/**
 * Compiles a route — a BPMN 2.0 file of workflows/ — into an XState v5 machine.
 *
 * Supported subset: one process; one plain start event; user tasks; exclusive gateways whose outgoing flows carry
 * conditions (condition.ts) or are the default; interrupting message boundary events on user tasks (e.g. "withdraw");
 * plain end events; sequence flows; messages, documentation, text annotations and the diagram. Anything else is a
 * RouteDefinitionError naming the file, the element id and the reason.
 *
 * Extension attributes, namespace https://congvan.vn/schema/bpmn (prefix cv):
 *   userTask      cv:phase       lifecycle phase of the document while at this task: drafting|review|signing|issuing|distribution
 *                 cv:candidates  who may act, space-separated (candidates.ts): drafter, drafting-unit-head, signer, role:<role>
 *                 cv:actions     the actions that complete the task, space-separated (e.g. "approve return")
 *   endEvent      cv:phase       the document's phase once the route ends here (completed, withdrawn …)
 *   boundaryEvent cv:candidates  who may send the message (the message's name is the action)
 *
 * Gateway conditions see `action` (the action that completed the task) and `doc` (type, urgency, confidentiality …).
 * The machine is pure: one state per user task, one final state per end event, named parametrised guards, no side effects.
 */
import { BpmnModdle } from 'bpmn-moddle';
import {
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

export const CV_NAMESPACE = 'https://congvan.vn/schema/bpmn';

export const TASK_PHASES = ['drafting', 'review', 'signing', 'issuing', 'distribution'] as const;

export interface TaskInfo {
  id: string;
  name: string;
  phase: string;
  candidates: string[];
  actions: string[];
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
export interface CompiledRoute {
  id: string;
  name: string;
  file: string;
  machine: AnyStateMachine;
  tasks: Record<string, TaskInfo>;
  ends: Record<string, EndInfo>;
  boundaryActions: BoundaryActionInfo[];
  initialTask: string;
}

export interface RouteEvent {
  type: string;
  doc?: Record<string, unknown>;
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
      ],
    },
    { name: 'RouteEndEvent', extends: ['bpmn:EndEvent'], properties: [{ name: 'phase', isAttr: true, type: 'String' }] },
    {
      name: 'RouteBoundaryEvent',
      extends: ['bpmn:BoundaryEvent'],
      properties: [{ name: 'candidates', isAttr: true, type: 'String' }],
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
}

const FLOW_ELEMENTS = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:UserTask',
  'bpmn:ExclusiveGateway',
  'bpmn:SequenceFlow',
  'bpmn:BoundaryEvent',
]);
const ROOT_ELEMENTS = new Set(['bpmn:Process', 'bpmn:Message']);
const ARTIFACTS = new Set(['bpmn:TextAnnotation', 'bpmn:Association']);

function words(v: unknown): string[] {
  return typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : [];
}

/** Action names become XState event types: plain names only (no "*" wildcard, no "." partial descriptors). */
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

type Path = { conds: Condition[]; target: string };

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
      const known = ['cv:phase', 'cv:candidates', 'cv:actions'];
      if (attr.startsWith('cv:') && !known.includes(attr)) fail(el, `unknown attribute ${attr}`);
    }
  }
  const byType = (t: string) => elements.filter((e) => e.$type === t);
  // Derived from the flows themselves: <bpmn:outgoing> children are optional in BPMN files.
  const flows = byType('bpmn:SequenceFlow');
  const outgoingOf = (el: El) => flows.filter((f) => f.sourceRef?.id === el.id);
  const starts = byType('bpmn:StartEvent');
  if (starts.length !== 1) fail(proc, `a route has exactly one start event, found ${starts.length}`);
  const start = starts[0];
  if ((start.eventDefinitions ?? []).length) fail(start, 'a start event with an event definition is not supported');

  const tasks: Record<string, TaskInfo> = {};
  for (const el of byType('bpmn:UserTask')) {
    if (el.loopCharacteristics) fail(el, 'multi-instance and loop user tasks are not supported yet');
    const phase = el.get('cv:phase');
    if (typeof phase !== 'string' || !(TASK_PHASES as readonly string[]).includes(phase)) {
      fail(el, `a user task needs cv:phase, one of ${TASK_PHASES.join(', ')}`);
    }
    const candidates = words(el.get('cv:candidates'));
    if (candidates.length === 0) fail(el, 'a user task needs cv:candidates (who may act)');
    const actions = words(el.get('cv:actions'));
    if (actions.length === 0) fail(el, 'a user task needs cv:actions (what completes it)');
    const badAction = actions.find((a) => !ACTION_NAME.test(a));
    if (badAction) fail(el, `bad action name "${badAction}" in cv:actions (letters, digits, "-" and "_", starting with a letter)`);
    const twice = actions.find((a, i) => actions.indexOf(a) !== i);
    if (twice) fail(el, `the action "${twice}" is listed twice in cv:actions`);
    if (outgoingOf(el).length !== 1) fail(el, 'a user task has exactly one outgoing sequence flow (branch with an exclusive gateway)');
    tasks[el.id!] = { id: el.id!, name: el.name ?? el.id!, phase: phase as string, candidates, actions };
  }
  const ends: Record<string, EndInfo> = {};
  for (const el of byType('bpmn:EndEvent')) {
    if ((el.eventDefinitions ?? []).length) fail(el, 'an end event with an event definition is not supported');
    const phase = el.get('cv:phase');
    if (typeof phase !== 'string' || !phase) fail(el, 'an end event needs cv:phase (the document phase at the end)');
    ends[el.id!] = { id: el.id!, name: el.name ?? el.id!, phase: phase as string };
  }
  if (Object.keys(tasks).length === 0) fail(proc, 'a route needs at least one user task');

  const conditionOf = (flow: El): Condition | null => {
    const body = flow.conditionExpression?.body?.trim();
    if (!body) return null;
    try {
      return parseCondition(body);
    } catch (err) {
      return fail(flow, `bad condition "${body}": ${(err as Error).message}`);
    }
  };
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

  /**
   * Follows a flow through exclusive gateways to the user tasks / end events that `action` (of `origin`) may reach,
   * in the order XState must try them. Conditions are specialised for the action now: a branch that cannot match it
   * is dropped, one that always matches ends the list. A branch that is taken but leads to a gateway that may match
   * nothing keeps the branches after it from applying (their guards get its negation), as in BPMN.
   */
  const pathsFrom = (flow: El, seen: string[], action: string, origin: string): Path[] => {
    const target = flow.targetRef!;
    if (target.$type === 'bpmn:UserTask' || target.$type === 'bpmn:EndEvent') return [{ conds: [], target: target.id! }];
    if (target.$type !== 'bpmn:ExclusiveGateway') return fail(target, `a flow cannot lead to ${target.$type}`);
    if (seen.includes(target.id!)) return fail(target, 'a cycle of gateways with no user task in between');
    const outgoing = outgoingOf(target);
    const defaultFlow = defaultFlowOf(target);
    const ordered = [...outgoing.filter((f) => f !== defaultFlow), ...(defaultFlow ? [defaultFlow] : [])];
    const paths: Path[] = [];
    const excluded: Condition[] = []; // conditions of earlier branches that may be taken yet reach nothing
    for (const f of ordered) {
      const raw = f === defaultFlow ? null : conditionOf(f);
      const cond = raw ? specializeCondition(raw, { action }) : null;
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
      fail(target, `the action "${action}" of "${origin}" matches no flow leaving this gateway, and it has no default flow`);
    }
    return paths;
  };
  const toTransitions = (paths: Path[]) =>
    paths.map((p) =>
      p.conds.length === 0
        ? { target: p.target }
        : { target: p.target, guard: { type: 'condition' as const, params: { cond: p.conds.length === 1 ? p.conds[0] : { kind: 'and' as const, items: p.conds } } } },
    );

  const startOut = outgoingOf(start);
  if (startOut.length !== 1) fail(start, 'the start event has exactly one outgoing flow');
  const first = startOut[0].targetRef;
  if (!first || !tasks[first.id!]) fail(start, 'the start event must lead straight to a user task');
  const initialTask = first!.id!;

  const boundaryActions: BoundaryActionInfo[] = [];
  const boundaryOn: Record<string, Record<string, unknown>> = {};
  for (const el of byType('bpmn:BoundaryEvent')) {
    const defsOf = el.eventDefinitions ?? [];
    if (defsOf.length !== 1 || defsOf[0].$type !== 'bpmn:MessageEventDefinition') {
      fail(el, `unsupported boundary event ${defsOf[0]?.$type ?? '(none)'}: only message boundary events are supported`);
    }
    if (el.cancelActivity === false) fail(el, 'non-interrupting message boundary events are not supported');
    const host = el.attachedToRef;
    if (!host || !tasks[host.id!]) fail(el, 'a boundary event must be attached to a user task');
    const action = defsOf[0].messageRef?.name;
    if (!action) fail(el, 'the boundary event needs a messageRef to a bpmn:message with a name (the action)');
    if (!ACTION_NAME.test(action!)) fail(el, `bad message name "${action}" (letters, digits, "-" and "_", starting with a letter)`);
    if (boundaryOn[host!.id!]?.[action!]) fail(el, `"${host!.id}" already has a boundary event for "${action}"`);
    const candidates = words(el.get('cv:candidates'));
    if (candidates.length === 0) fail(el, 'a message boundary event needs cv:candidates (who may send it)');
    if (tasks[host!.id!].actions.includes(action!)) fail(el, `"${action}" is already an action of ${host!.id}`);
    const out = outgoingOf(el);
    if (out.length !== 1) fail(el, 'a boundary event has exactly one outgoing flow');
    const paths = pathsFrom(out[0], [], action!, el.id!);
    boundaryActions.push({ action: action!, candidates, attachedTo: host!.id!, target: paths[0].target });
    (boundaryOn[host!.id!] ??= {})[action!] = toTransitions(paths);
  }

  const states: Record<string, unknown> = {};
  for (const task of Object.values(tasks)) {
    const el = elements.find((e) => e.id === task.id)!;
    const on: Record<string, unknown> = { ...(boundaryOn[task.id] ?? {}) };
    for (const action of task.actions) on[action] = toTransitions(pathsFrom(outgoingOf(el)[0], [], action, task.id));
    states[task.id] = { meta: { ...task }, on };
  }
  for (const end of Object.values(ends)) states[end.id] = { type: 'final', meta: { ...end } };

  // Every element must be reachable from the start.
  const reachable = new Set<string>([start.id!]);
  const queue: El[] = [start];
  while (queue.length) {
    const el = queue.shift()!;
    const next = [
      ...outgoingOf(el).map((f) => f.targetRef!),
      ...byType('bpmn:BoundaryEvent').filter((b) => b.attachedToRef?.id === el.id),
    ];
    for (const n of next) {
      if (!reachable.has(n.id!)) {
        reachable.add(n.id!);
        queue.push(n);
      }
    }
  }
  for (const el of elements) {
    if (el.$type !== 'bpmn:SequenceFlow' && !reachable.has(el.id!)) fail(el, 'cannot be reached from the start event');
  }

  const machine: AnyStateMachine = setup({
    types: {} as { context: Record<string, never>; events: RouteEvent },
    guards: {
      condition: ({ event }, params: { cond: Condition }) =>
        evaluateCondition(params.cond, { action: event.type, doc: event.doc ?? {} }),
    },
  }).createMachine({
    id: proc.id!,
    initial: initialTask,
    context: {},
    // The state config is built from data; its shape is checked by the walk above.
    states: states as never,
  }) as unknown as AnyStateMachine;

  return { id: proc.id!, name: proc.name ?? proc.id!, file, machine, tasks, ends, boundaryActions, initialTask };
}

export function initialSnapshot(route: CompiledRoute): AnyMachineSnapshot {
  return initialTransition(route.machine)[0] as AnyMachineSnapshot;
}

/** What is stored in documents.snapshot: JSON, restorable by restoreSnapshot. */
export function persistSnapshot(snapshot: AnyMachineSnapshot): Record<string, unknown> {
  return { value: snapshot.value, context: snapshot.context ?? {} };
}

export function restoreSnapshot(route: CompiledRoute, persisted: unknown): AnyMachineSnapshot {
  const p = persisted as { value?: unknown; context?: unknown };
  if (typeof p?.value !== 'string' || !(p.value in route.tasks || p.value in route.ends)) {
    throw new Error(`${route.file}: cannot restore a snapshot at "${String(p?.value)}"; the route has no such step`);
  }
  return route.machine.resolveState({ value: p.value, context: (p.context ?? {}) as never }) as AnyMachineSnapshot;
}

/** The snapshot after `event`, or null when the event changes nothing in this state. */
export function nextSnapshot(route: CompiledRoute, snapshot: AnyMachineSnapshot, event: RouteEvent): AnyMachineSnapshot | null {
  if (snapshot.status !== 'active' || !snapshot.can(event)) return null;
  return transition(route.machine, snapshot, event)[0] as AnyMachineSnapshot;
}

export function currentNode(
  route: CompiledRoute,
  snapshot: AnyMachineSnapshot,
): { kind: 'task'; task: TaskInfo } | { kind: 'end'; end: EndInfo } {
  const id = snapshot.value as string;
  if (route.tasks[id]) return { kind: 'task', task: route.tasks[id] };
  if (route.ends[id]) return { kind: 'end', end: route.ends[id] };
  throw new Error(`${route.file}: the snapshot stands at unknown step "${id}"`);
}

