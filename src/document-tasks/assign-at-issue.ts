import type { EntityManager } from 'typeorm';

/**
 * At issue, inside the issuing transaction (document-actions.service.ts): one assignment per task and lead unit (a
 * group's members each; the unit's agency when it works in this system), with its reminders — `remindBeforeHours`
 * before the deadline (when that is still ahead at issue), at it, and `escalateAfterHours` after it, to the head of
 * the lead unit (task-reminders.service.ts). The rows of a reminder letter only name tasks given before
 * (source_task_id): they assign nothing. A document without tasks costs one statement that inserts nothing.
 */
export async function assignTasksAtIssue(
  m: EntityManager,
  documentId: string,
  at: Date,
  hours: { remindBeforeHours: number; escalateAfterHours: number },
): Promise<void> {
  await m.query(
    `WITH leads AS (
       SELECT t.id AS task_id, coalesce(gm.member_id, l.rid) AS recipient_id
         FROM document_tasks t CROSS JOIN LATERAL unnest(t.lead_recipient_ids) AS l(rid)
         LEFT JOIN recipient_group_members gm ON gm.group_id = l.rid
        WHERE t.document_id = $1 AND t.source_task_id IS NULL),
     assigned AS (
       INSERT INTO task_assignments (task_id, document_id, recipient_id, agency_id)
       SELECT DISTINCT l.task_id, $1::uuid, l.recipient_id, r.agency_id
         FROM leads l JOIN recipients r ON r.id = l.recipient_id WHERE r.kind <> 'group'
       ON CONFLICT DO NOTHING
       RETURNING id, task_id)
     INSERT INTO task_reminders (assignment_id, kind, due_at)
     SELECT a.id, k.kind, CASE k.kind WHEN 'before' THEN t.due_at - $2 * interval '1 hour'
                                      WHEN 'due' THEN t.due_at ELSE t.due_at + $3 * interval '1 hour' END
       FROM assigned a JOIN document_tasks t ON t.id = a.task_id CROSS JOIN (VALUES ('before'), ('due'), ('overdue')) AS k(kind)
      WHERE k.kind <> 'before' OR t.due_at - $2 * interval '1 hour' > $4`,
    [documentId, hours.remindBeforeHours, hours.escalateAfterHours, at],
  );
}
