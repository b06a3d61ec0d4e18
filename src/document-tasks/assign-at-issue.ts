/**
 * At issue, inside the issuing statement of document-actions.service.ts (no round trip of its own): one assignment per
 * task and lead unit (a group's members each; the unit's agency when it works in this system), with its reminders —
 * TASK_REMIND_BEFORE_HOURS before the deadline (when that is still ahead at issue), at it, and
 * TASK_ESCALATE_AFTER_HOURS after it, to the head of the lead unit (task-reminders.service.ts). The rows of a reminder
 * letter only name tasks given before (source_task_id): they assign nothing.
 *
 * CTEs of that statement, reading its parameters: `$1` the document id, `$16` the time of the action, `$19` whether
 * this action issues, `$31` the hours before and `$32` the hours after the deadline.
 */
export const TASKS_AT_ISSUE_SQL = `
  task_leads AS (
    SELECT t.id AS task_id, coalesce(gm.member_id, l.rid) AS recipient_id
      FROM document_tasks t CROSS JOIN LATERAL unnest(t.lead_recipient_ids) AS l(rid)
      LEFT JOIN recipient_group_members gm ON gm.group_id = l.rid
     WHERE $19::boolean AND t.document_id = $1 AND t.source_task_id IS NULL),
  task_assigned AS (
    INSERT INTO task_assignments (task_id, document_id, recipient_id, agency_id)
    SELECT DISTINCT l.task_id, $1::uuid, l.recipient_id, r.agency_id
      FROM task_leads l JOIN recipients r ON r.id = l.recipient_id WHERE r.kind <> 'group'
    ON CONFLICT DO NOTHING
    RETURNING id, task_id),
  task_reminded AS (
    INSERT INTO task_reminders (assignment_id, kind, due_at)
    SELECT a.id, k.kind, CASE k.kind WHEN 'before' THEN t.due_at - $31::int * interval '1 hour'
                                     WHEN 'due' THEN t.due_at ELSE t.due_at + $32::int * interval '1 hour' END
      FROM task_assigned a JOIN document_tasks t ON t.id = a.task_id CROSS JOIN (VALUES ('before'), ('due'), ('overdue')) AS k(kind)
     WHERE k.kind <> 'before' OR t.due_at - $31::int * interval '1 hour' > $16::timestamptz)`;
