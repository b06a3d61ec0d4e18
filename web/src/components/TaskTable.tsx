import { useEffect, useState } from 'react';
import { api, messageOf, upload } from '../api';
import { ErrorBox } from './common';

interface TaskRow {
  id: string;
  ordinal: number;
  section: string | null;
  content: string;
  leadIds: string[];
  leadText: string;
  coordinatingIds: string[];
  coordinatingText: string;
  deadline: string;
  product: string;
  sourceTaskId: string | null;
}

/** A row as PUT /api/documents/:id/tasks takes it. */
interface TaskInput {
  section?: string;
  content: string;
  leadIds: string[];
  leadText?: string;
  coordinatingIds?: string[];
  coordinatingText?: string;
  deadline: string;
  product?: string;
  sourceTaskId?: string;
}

/** What PUT /api/documents/:id/tasks takes for a row kept as it is. */
const asInput = (t: TaskRow): TaskInput => ({
  section: t.section ?? undefined,
  content: t.content,
  leadIds: t.leadIds,
  leadText: t.leadText,
  coordinatingIds: t.coordinatingIds,
  coordinatingText: t.coordinatingText,
  deadline: t.deadline,
  product: t.product || undefined,
  sourceTaskId: t.sourceTaskId ?? undefined,
});

/**
 * The tasks a draft gives (bảng nhiệm vụ, its appendix): entered row by row, or imported from the appendix as a CSV or
 * Excel file (the units the directory knows are linked, those it does not are pointed out); a row can be edited in
 * the same form, or removed. `onChanged` runs after each change (the draft's
 * version moved).
 */
export function TaskTable({ documentId, onChanged }: { documentId: string; onChanged: () => Promise<void> }) {
  const [tasks, setTasks] = useState<TaskRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recipients, setRecipients] = useState<Array<{ id: string; name: string }>>([]);
  const EMPTY = { content: '', leadId: '', coordinatingText: '', deadline: '', product: '' };
  const [draft, setDraft] = useState(EMPTY);
  /** The row being edited in the form, or null when the form adds one. */
  const [editing, setEditing] = useState<TaskRow | null>(null);
  useEffect(() => {
    api<TaskRow[]>('GET', `/documents/${encodeURIComponent(documentId)}/tasks`)
      .then(setTasks)
      .catch((err) => setError(messageOf(err)));
    api<Array<{ id: string; name: string }>>('GET', '/recipients')
      .then(setRecipients)
      .catch(() => setRecipients([]));
  }, [documentId]);

  /** Replaces the table with `rows` (each change sends the whole table, as the API takes it). */
  const save = async (rows: TaskInput[], done: string) => {
    if (busy) return false;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setTasks(await api<TaskRow[]>('PUT', `/documents/${encodeURIComponent(documentId)}/tasks`, { tasks: rows }));
      setNotice(done);
      await onChanged();
      return true;
    } catch (err) {
      setError(messageOf(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const add = async () => {
    const row: TaskInput = {
      content: draft.content,
      leadIds: draft.leadId ? [draft.leadId] : [],
      coordinatingText: draft.coordinatingText || undefined,
      deadline: draft.deadline,
      product: draft.product || undefined,
    };
    if (editing) {
      // The lead units stay as they were (several, with their printed text) unless another was picked.
      const sameLead = draft.leadId === (editing.leadIds[0] ?? '');
      const edited: TaskInput = { ...asInput(editing), ...row, ...(sameLead ? { leadIds: editing.leadIds, leadText: editing.leadText } : { leadText: undefined }) };
      if (await save(tasks.map((t) => (t.id === editing.id ? edited : asInput(t))), `Đã sửa nhiệm vụ ${editing.ordinal}.`)) {
        setEditing(null);
        setDraft(EMPTY);
      }
      return;
    }
    if (await save([...tasks.map(asInput), row], 'Đã thêm nhiệm vụ.')) setDraft(EMPTY);
  };

  const edit = (t: TaskRow) => {
    setEditing(t);
    setDraft({ content: t.content, leadId: t.leadIds[0] ?? '', coordinatingText: t.coordinatingText, deadline: t.deadline, product: t.product });
  };

  const importFile = async (file: File | undefined) => {
    if (!file || busy) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const res = await upload<{ tasks: TaskRow[]; unmatched: number[] }>(`/documents/${encodeURIComponent(documentId)}/tasks/import`, file);
      setTasks(res.tasks);
      setNotice(
        `Đã nhập ${res.tasks.length} nhiệm vụ.` +
          (res.unmatched.length ? ` Chưa xác định được đơn vị chủ trì trong danh bạ của nhiệm vụ ${res.unmatched.join(', ')}.` : ''),
      );
      await onChanged();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="task-table">
      <h2 id="draft-tasks">Nhiệm vụ giao tại văn bản ({tasks.length})</h2>
      <label htmlFor="draft-tasks-file">Nhập bảng nhiệm vụ từ tệp CSV hoặc Excel (TT, Nội dung nhiệm vụ, Đơn vị chủ trì, Đơn vị phối hợp, Thời gian hoàn thành)</label>
      <input
        id="draft-tasks-file"
        type="file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={busy}
        onChange={(e) => {
          void importFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <fieldset className="task-add">
        <legend>{editing ? `Sửa nhiệm vụ ${editing.ordinal}` : 'Thêm nhiệm vụ'}</legend>
        <label htmlFor="task-add-content">Nội dung nhiệm vụ</label>
        <textarea id="task-add-content" rows={2} value={draft.content} onChange={(e) => setDraft({ ...draft, content: e.target.value })} />
        <label htmlFor="task-add-lead">Đơn vị chủ trì</label>
        <select id="task-add-lead" value={draft.leadId} onChange={(e) => setDraft({ ...draft, leadId: e.target.value })}>
          <option value="">— Chọn đơn vị —</option>
          {recipients.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        <label htmlFor="task-add-coordinating">Đơn vị phối hợp</label>
        <input id="task-add-coordinating" value={draft.coordinatingText} onChange={(e) => setDraft({ ...draft, coordinatingText: e.target.value })} />
        <label htmlFor="task-add-deadline">Thời gian hoàn thành (ví dụ: 30/6/2027, 14h00 ngày 30/6/2027, tháng 6/2027)</label>
        <input id="task-add-deadline" value={draft.deadline} onChange={(e) => setDraft({ ...draft, deadline: e.target.value })} />
        <label htmlFor="task-add-product">Sản phẩm</label>
        <input id="task-add-product" value={draft.product} onChange={(e) => setDraft({ ...draft, product: e.target.value })} />
        <button type="button" disabled={busy || !draft.content.trim() || !draft.leadId || !draft.deadline.trim()} onClick={() => void add()}>
          {editing ? 'Lưu nhiệm vụ' : 'Thêm nhiệm vụ'}
        </button>
        {editing && (
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setEditing(null);
              setDraft(EMPTY);
            }}
          >
            Hủy sửa
          </button>
        )}
      </fieldset>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorBox message={error} />
      {tasks.length > 0 && (
        <div className="table-wrap">
          <table aria-labelledby="draft-tasks">
            <thead>
              <tr>
                <th>TT</th>
                <th>Nội dung nhiệm vụ</th>
                <th>Đơn vị chủ trì</th>
                <th>Đơn vị phối hợp</th>
                <th>Thời gian hoàn thành</th>
                <th>
                  <span className="visually-hidden">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((t) => (
                <tr key={t.id}>
                  <td>{t.ordinal}</td>
                  <td>{t.content}</td>
                  <td className={t.leadIds.length === 0 ? 'overdue' : undefined}>
                    {t.leadText}
                    {t.leadIds.length === 0 ? ' (chưa có trong danh bạ)' : ''}
                  </td>
                  <td>{t.coordinatingText}</td>
                  <td>{t.deadline}</td>
                  <td>
                    <button type="button" aria-label={`Sửa nhiệm vụ ${t.ordinal}`} disabled={busy} onClick={() => edit(t)}>
                      Sửa
                    </button>
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Xóa nhiệm vụ ${t.ordinal}`}
                      disabled={busy}
                      onClick={() => void save(tasks.filter((x) => x.id !== t.id).map(asInput), `Đã xóa nhiệm vụ ${t.ordinal}.`)}
                    >
                      Xóa
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
