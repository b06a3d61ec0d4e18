/**
 * Consultation (xin ý kiến) at a multi-instance task: the consulted items (unit ids) and their answers live in the
 * route machine's context (compile-route.ts: `context.instances[taskId] = { items, answers }`).
 */
export interface InstanceState {
  items: string[];
  answers: Record<string, string>;
}

/** The instances of a task in a persisted snapshot ({ value, context }), if it has any. */
export function instancesOf(snapshot: unknown, taskId: string): InstanceState | undefined {
  const context = (snapshot as { context?: { instances?: Record<string, InstanceState> } } | null)?.context;
  return context?.instances?.[taskId];
}

/** The items that have not answered. */
export function pendingOf(inst: InstanceState | null | undefined): string[] {
  return inst ? inst.items.filter((i) => !(i in inst.answers)) : [];
}

/** The items of a multi-instance task of a persisted snapshot that have not answered. */
export function pendingItems(snapshot: unknown, taskId: string): string[] {
  return pendingOf(instancesOf(snapshot, taskId));
}
