import { CONFIDENTIALITY_MARKS, TASK_OUTCOME_LABELS, URGENCY_MARKS } from '../labels';

/** Urgency in red (HỎA TỐC, THƯỢNG KHẨN, KHẨN) and confidentiality marks. */
export function Marks({ urgency, confidentiality }: { urgency: string; confidentiality: string }) {
  const u = URGENCY_MARKS[urgency];
  const c = CONFIDENTIALITY_MARKS[confidentiality];
  return (
    <>
      {u && <span className={`mark urgency urgency-${urgency}`}>{u}</span>}
      {c && <span className="mark confidential">{c}</span>}
    </>
  );
}

export function ErrorBox({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="error" role="alert">
      {message}
    </div>
  );
}

export function Loading() {
  return (
    <p className="loading" role="status">
      Đang tải…
    </p>
  );
}

/** Where a task stands: done on time, done late, overdue, in progress. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <span className={`badge outcome-${outcome}`}>{TASK_OUTCOME_LABELS[outcome] ?? outcome}</span>;
}
