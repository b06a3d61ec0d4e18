/**
 * Handovers: a task waiting for someone (the owner) handed to a deputy, who may then act on the owner's behalf while the
 * owner keeps the task. A handover belongs to one stay of the document at one step: it ends when the document moves,
 * or when the owner takes the task back. Absences hand over by themselves the tasks that reach an absent person.
 */
export interface ActiveHandover {
  id: string;
  ownerId: string;
  ownerName: string;
  delegateId: string;
  delegateName: string;
  reason: string | null;
  absenceId: string | null;
  createdAt: string;
}

/**
 * The active handovers of a document's current stay, as a JSON array (ActiveHandover) over `documents d`:
 * a scalar sub-select, so that reads and the action's row lock fetch them in the same round trip.
 */
export const ACTIVE_HANDOVERS_SQL = `(SELECT coalesce(json_agg(json_build_object('id', h.id, 'ownerId', h.owner_id, 'ownerName', hou.full_name,
      'delegateId', h.delegate_id, 'delegateName', hdu.full_name, 'reason', h.reason, 'absenceId', h.absence_id,
      'createdAt', h.created_at) ORDER BY h.created_at), '[]')
    FROM task_handovers h JOIN users hou ON hou.id = h.owner_id JOIN users hdu ON hdu.id = h.delegate_id
   WHERE h.document_id = d.id AND h.step_id = d.step_id AND h.step_since = d.step_since AND h.ended_at IS NULL)`;

/**
 * The handover that lets `userId` act at the current step: one to them from a person the step is assigned to.
 * Undefined when there is none (the user acts in their own right, or may not act).
 */
export function handoverFor(userId: string, handovers: readonly ActiveHandover[], assigneeIds: readonly string[]): ActiveHandover | undefined {
  return handovers.find((h) => h.delegateId === userId && h.ownerId !== userId && assigneeIds.includes(h.ownerId));
}

/** An absence: while it runs, tasks that reach `userId` are handed to `standInId`. */
export interface Absence {
  id: string;
  userId: string;
  standInId: string;
  reason: string | null;
}

/** The handovers that the absences of a step's new assignees make: one per absent assignee with a stand-in. */
export function absenceHandovers(assigneeIds: readonly string[], absences: readonly Absence[]): Absence[] {
  const out: Absence[] = [];
  for (const id of assigneeIds) {
    const a = absences.find((x) => x.userId === id && x.standInId !== id);
    if (a) out.push(a);
  }
  return out;
}
