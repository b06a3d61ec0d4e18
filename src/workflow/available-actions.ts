import type { CompiledRoute } from './bpmn/compile-route.js';
import { satisfiesAny, type CandidateDocument, type CandidateUser } from './candidates.js';

export interface StepAction {
  action: string;
  candidates: string[];
}

/** Every action that can be taken at a step of a route, by anyone: the task's own, then boundary ones. */
export function actionsAtStep(route: CompiledRoute, stepId: string): StepAction[] {
  const task = route.tasks[stepId];
  if (!task) return []; // an end event: nothing more to do
  return [
    ...task.actions.map((action) => ({ action, candidates: task.candidates })),
    ...route.boundaryActions
      .filter((b) => b.attachedTo === stepId)
      .map((b) => ({ action: b.action, candidates: b.candidates })),
  ];
}

/**
 * The actions `user` may take now on `doc` standing at `stepId`. `forAssignee`: the user holds a handover from an
 * assignee of the step (handovers.ts), and may take the task's own actions on their behalf.
 */
export function availableActions(
  route: CompiledRoute,
  stepId: string,
  user: CandidateUser,
  doc: CandidateDocument,
  forAssignee = false,
): string[] {
  const out: string[] = forAssignee ? [...(route.tasks[stepId]?.actions ?? [])] : [];
  for (const a of actionsAtStep(route, stepId)) {
    if (!out.includes(a.action) && satisfiesAny(user, doc, a.candidates)) out.push(a.action);
  }
  return out;
}
