import { useEffect, useState, type FormEvent } from 'react';
import { api, download, messageOf, postForm } from '../api';
import { ErrorBox, Loading, OutcomeBadge } from '../components/common';
import { formatDue, formatTime, TASK_STATUS_LABELS } from '../labels';
import { Link, usePath } from '../router';

/** A task as its lead unit holds it (GET /api/document-tasks). */
export interface TaskAssignment {
  id: string;
  ordinal: number;
  section: string | null;
  content: string;
  deadline: string;
  dueAt: string;
  product: string;
  lead: { id: string; name: string; inSystem: boolean; agencyId: string | null };
  unit: { id: string; name: string } | null;
  coordinatingText: string;
  status: string;
  outcome: string;
  progress: string | null;
  completedAt: string | null;
  document: { id: string; type: string; subject: string; numberSymbol: string | null; issuedAt: string | null };
}

interface TaskReport {
  id: string;
  kind: 'progress' | 'completion';
  text: string;
  reportedAt: string;
  reportedBy: { fullName: string };
  decision: 'accepted' | 'returned' | null;
  decisionReason: string | null;
  decidedBy: { fullName: string } | null;
  files: Array<{ id: string; name: string; size: number }>;
}

interface TaskDetail extends TaskAssignment {
  reports: TaskReport[];
  reminders: Array<{ kind: string; dueAt: string; firedAt: string | null; outcome: string | null }>;
  /** What the caller may do now. */
  can: { report: boolean; review: boolean; handOut: boolean };
}

const SCOPES: Array<[string, string]> = [
  ['unit', 'Của đơn vị tôi'],
  ['agency', 'Của cơ quan'],
  ['coordinating', 'Phối hợp'],
  ['issued', 'Đã giao'],
];

/** The tasks given to my unit (or my agency, or by documents of my agency), nearest deadline first: made for a phone. */
export function TasksPage() {
  const path = usePath();
  const scope = new URLSearchParams(path.split('?')[1] ?? '').get('pham-vi') ?? 'unit';
  const [items, setItems] = useState<TaskAssignment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setItems(null);
    setError(null);
    api<TaskAssignment[]>('GET', `/document-tasks?scope=${encodeURIComponent(scope)}`)
      .then((list) => live && setItems(list))
      .catch((err) => live && setError(messageOf(err)));
    return () => {
      live = false;
    };
  }, [scope]);
  return (
    <section aria-labelledby="tasks-title">
      <div className="page-head">
        <h1 id="tasks-title">Nhiệm vụ được giao</h1>
        <Link to="/nhiem-vu/bao-cao">Báo cáo tình hình thực hiện</Link>
      </div>
      <div className="tabs" role="tablist" aria-label="Phạm vi">
        {SCOPES.map(([key, label]) => (
          <Link key={key} to={key === 'unit' ? '/nhiem-vu' : `/nhiem-vu?pham-vi=${key}`} role="tab" aria-selected={scope === key} className="tab">
            {label}
          </Link>
        ))}
      </div>
      <ErrorBox message={error} />
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p className="empty">Không có nhiệm vụ nào.</p>}
      {items && items.length > 0 && (
        <ul className="doc-list">
          {items.map((t) => (
            <li key={t.id} className={`doc-item task-item outcome-${t.outcome}`}>
              <Link to={`/nhiem-vu/${t.id}`} className="doc-link">
                <span className="doc-marks">
                  <OutcomeBadge outcome={t.outcome} />
                  <span>
                    Nhiệm vụ {t.ordinal} · {t.document.numberSymbol ? `${t.document.type === 'CV' ? 'Công văn' : 'Văn bản'} số ${t.document.numberSymbol}` : t.document.subject}
                  </span>
                </span>
                <span className="subject">{t.content}</span>
                <span className="meta">
                  <span className={t.outcome === 'overdue' ? 'overdue' : ''}>
                    Hạn: {formatDue(t.dueAt)}
                    {t.deadline !== formatDue(t.dueAt) ? ` (${t.deadline})` : ''}
                  </span>
                  <span>Chủ trì: {t.lead.name}{t.unit ? ` — ${t.unit.name}` : ''}</span>
                  <span>{TASK_STATUS_LABELS[t.status] ?? t.status}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One task: what it asks, where it stands, its reports; the lead unit reports, the issuer decides. */
export function TaskPage({ id }: { id: string }) {
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<'progress' | 'completion'>('completion');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<FileList | null>(null);
  const [reason, setReason] = useState('');
  const [units, setUnits] = useState<Array<{ id: string; name: string }>>([]);
  const [unitId, setUnitId] = useState('');

  const load = () =>
    api<TaskDetail>('GET', `/document-tasks/${encodeURIComponent(id)}`)
      .then(setTask)
      .catch((err) => setError(messageOf(err)));
  useEffect(() => {
    void load();
    api<Array<{ id: string; name: string }>>('GET', '/units')
      .then(setUnits)
      .catch(() => setUnits([]));
  }, [id]);

  const run = async (what: () => Promise<TaskDetail>, done: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setTask(await what());
      setNotice(done);
      setText('');
      setReason('');
      setFiles(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const report = (e: FormEvent) => {
    e.preventDefault();
    const form = new FormData();
    form.append('kind', kind);
    form.append('text', text);
    for (const f of Array.from(files ?? [])) form.append('files', f, f.name);
    void run(() => postForm<TaskDetail>(`/document-tasks/${encodeURIComponent(id)}/reports`, form), kind === 'completion' ? 'Đã gửi báo cáo hoàn thành.' : 'Đã gửi báo cáo tiến độ.');
  };

  if (!task) return error ? <ErrorBox message={error} /> : <Loading />;
  return (
    <article aria-labelledby="task-title" className="task-page">
      <p>
        <Link to="/nhiem-vu">← Nhiệm vụ được giao</Link>
      </p>
      <h1 id="task-title">Nhiệm vụ {task.ordinal}</h1>
      <p className="doc-marks">
        <OutcomeBadge outcome={task.outcome} /> <span>{TASK_STATUS_LABELS[task.status] ?? task.status}</span>
      </p>
      <p className="task-content">{task.content}</p>
      <dl className="facts">
        <dt>Thời hạn</dt>
        <dd className={task.outcome === 'overdue' ? 'overdue' : ''}>
          {formatDue(task.dueAt)}
          {task.deadline !== formatDue(task.dueAt) ? ` (${task.deadline})` : ''}
        </dd>
        <dt>Đơn vị chủ trì</dt>
        <dd>
          {task.lead.name}
          {task.unit ? ` — ${task.unit.name}` : ''}
        </dd>
        {task.coordinatingText && (
          <>
            <dt>Đơn vị phối hợp</dt>
            <dd>{task.coordinatingText}</dd>
          </>
        )}
        {task.product && (
          <>
            <dt>Sản phẩm</dt>
            <dd>{task.product}</dd>
          </>
        )}
        <dt>Giao tại</dt>
        <dd>
          <Link to={`/van-ban/${task.document.id}`}>{task.document.numberSymbol ? `Số ${task.document.numberSymbol}` : 'Văn bản'}</Link> — {task.document.subject}
        </dd>
      </dl>

      <h2>Báo cáo</h2>
      {task.reports.length === 0 && <p className="empty">Chưa có báo cáo.</p>}
      <ol className="reports">
        {task.reports.map((r) => (
          <li key={r.id}>
            <strong>{r.kind === 'completion' ? 'Báo cáo hoàn thành' : 'Báo cáo tiến độ'}</strong> · {r.reportedBy.fullName} · {formatTime(r.reportedAt)}
            <p>{r.text}</p>
            {r.files.map((f) => (
              <button key={f.id} type="button" className="link" onClick={() => void download(`/document-tasks/${encodeURIComponent(id)}/files/${encodeURIComponent(f.id)}`, f.name)}>
                {f.name}
              </button>
            ))}
            {r.decision && (
              <p className={r.decision === 'accepted' ? 'notice' : 'error'}>
                {r.decision === 'accepted' ? 'Đã công nhận kết quả' : `Trả lại: ${r.decisionReason ?? ''}`} — {r.decidedBy?.fullName}
              </p>
            )}
          </li>
        ))}
      </ol>

      <ErrorBox message={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}

      {task.can.report && (
        <form onSubmit={report} className="report-form">
          <fieldset>
            <legend>Báo cáo kết quả thực hiện</legend>
            <label>
              <input type="radio" name="kind" checked={kind === 'completion'} onChange={() => setKind('completion')} /> Đã hoàn thành
            </label>
            <label>
              <input type="radio" name="kind" checked={kind === 'progress'} onChange={() => setKind('progress')} /> Tiến độ (chưa hoàn thành)
            </label>
            <label htmlFor="task-text">Kết quả thực hiện (theo mục tiêu và sản phẩm)</label>
            <textarea id="task-text" required rows={4} value={text} onChange={(e) => setText(e.target.value)} />
            <label htmlFor="task-files">Tệp minh chứng (tối đa 5 tệp)</label>
            <input id="task-files" type="file" multiple onChange={(e) => setFiles(e.target.files)} />
            <button type="submit" className="primary" disabled={busy || !text.trim()}>
              Gửi báo cáo
            </button>
          </fieldset>
        </form>
      )}

      {task.can.review && (
        <fieldset>
          <legend>Đánh giá kết quả</legend>
          <label htmlFor="task-reason">Lý do trả lại (khi trả lại)</label>
          <textarea id="task-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="actions-bar">
            <button type="button" className="primary" disabled={busy} onClick={() => void run(() => api('POST', `/document-tasks/${encodeURIComponent(id)}/review`, { decision: 'accept' }), 'Đã công nhận kết quả.')}>
              Công nhận hoàn thành
            </button>
            <button
              type="button"
              disabled={busy || !reason.trim()}
              onClick={() => void run(() => api('POST', `/document-tasks/${encodeURIComponent(id)}/review`, { decision: 'return', reason }), 'Đã trả lại kết quả.')}
            >
              Trả lại
            </button>
          </div>
        </fieldset>
      )}

      {task.can.handOut && units.length > 0 && (
        <fieldset>
          <legend>Giao đơn vị thực hiện</legend>
          <select aria-label="Đơn vị" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            <option value="">— Chọn đơn vị —</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <button type="button" disabled={busy || !unitId} onClick={() => void run(() => api('POST', `/document-tasks/${encodeURIComponent(id)}/unit`, { unitId }), 'Đã giao đơn vị.')}>
            Giao
          </button>
        </fieldset>
      )}
    </article>
  );
}
