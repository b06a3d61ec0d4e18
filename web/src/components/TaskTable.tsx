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
  coordinatingText: string;
  deadline: string;
}

/**
 * The tasks a draft gives (bảng nhiệm vụ, its appendix): imported from the appendix as a CSV or Excel file; the units
 * the directory knows are linked, those it does not are pointed out. `onChanged` runs after each change (the draft's
 * version moved).
 */
export function TaskTable({ documentId, onChanged }: { documentId: string; onChanged: () => Promise<void> }) {
  const [tasks, setTasks] = useState<TaskRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api<TaskRow[]>('GET', `/documents/${encodeURIComponent(documentId)}/tasks`)
      .then(setTasks)
      .catch((err) => setError(messageOf(err)));
  }, [documentId]);

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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
