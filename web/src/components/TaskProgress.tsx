import { useEffect, useState } from 'react';
import { api } from '../api';
import { formatDue } from '../labels';
import { Link } from '../router';
import { OutcomeBadge } from './common';

interface TaskWithAssignments {
  id: string;
  ordinal: number;
  content: string;
  deadline: string;
  assignments: Array<{ id: string; outcome: string; dueAt: string; lead: { name: string }; unit: { name: string } | null }>;
}

/** On an issued document that gives tasks: where each lead unit stands on each, each linking to the task's page. */
export function TaskProgress({ documentId }: { documentId: string }) {
  const [tasks, setTasks] = useState<TaskWithAssignments[] | null>(null);
  useEffect(() => {
    api<TaskWithAssignments[]>('GET', `/documents/${encodeURIComponent(documentId)}/tasks`)
      .then(setTasks)
      .catch(() => setTasks(null));
  }, [documentId]);
  const given = (tasks ?? []).filter((t) => t.assignments.length > 0);
  if (given.length === 0) return null;
  return (
    <section className="doc-section" aria-labelledby="task-progress-title">
      <h2 id="task-progress-title">Tình hình thực hiện nhiệm vụ</h2>
      <ol className="reports">
        {given.map((t) => (
          <li key={t.id} value={t.ordinal}>
            <span>{t.content}</span>
            <ul className="task-leads">
              {t.assignments.map((a) => (
                <li key={a.id}>
                  <Link to={`/nhiem-vu/${a.id}`}>
                    {a.lead.name}
                    {a.unit ? ` — ${a.unit.name}` : ''}
                  </Link>{' '}
                  <OutcomeBadge outcome={a.outcome} /> <span className="muted">hạn {formatDue(a.dueAt)}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
