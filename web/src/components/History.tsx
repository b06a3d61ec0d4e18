import { useId, useState } from 'react';
import { ACTION_LABELS, ANSWER_LABELS, formatTime } from '../labels';
import type { HistoryEntry } from '../types';

/** A history row as GET /api/documents/:id/history returns it: types.ts lacks the step the action was taken at. */
export type HistoryRow = HistoryEntry & { fromStep?: string | null };

/** Entries that record a reading, not a handling step (confidential documents audit every read). */
const READS = new Set(['read', 'read-history', 'read-pdf', 'read-signatures']);
const LABELS = ACTION_LABELS;

/** What a comment says: a consultation answer's code (`agree: …`) in words. */
function commentText(entry: HistoryRow): string | null {
  const c = entry.comment?.trim();
  if (!c) return null;
  if (entry.action === 'answer') {
    const m = /^(agree|disagree|other)(?::\s*([\s\S]*))?$/.exec(c);
    if (m) return m[2] ? `${ANSWER_LABELS[m[1]]}: ${m[2]}` : ANSWER_LABELS[m[1]];
  }
  return c;
}

/** The timeline of a document, oldest first: when, who (and for whom), what, at which step, and the comment. */
export function History({ entries, stepNames }: { entries: HistoryRow[]; stepNames: Record<string, string> }) {
  const [showReads, setShowReads] = useState(false);
  const toggleId = useId();
  const reads = entries.filter((e) => READS.has(e.action)).length;
  const shown = showReads ? entries : entries.filter((e) => !READS.has(e.action));
  return (
    <>
      {reads > 0 && (
        <p className="history-toggle">
          <input id={toggleId} type="checkbox" checked={showReads} onChange={(e) => setShowReads(e.target.checked)} />
          <label htmlFor={toggleId}>Hiện cả các lượt xem văn bản ({reads})</label>
        </p>
      )}
      {shown.length === 0 ? (
        <p className="empty">Chưa có lịch sử xử lý.</p>
      ) : (
        <ol className="timeline">
          {shown.map((e) => (
            <Entry key={e.id} entry={e} stepNames={stepNames} />
          ))}
        </ol>
      )}
    </>
  );
}

function Entry({ entry: e, stepNames }: { entry: HistoryRow; stepNames: Record<string, string> }) {
  const name = (step: string | null | undefined) => (step ? stepNames[step] ?? step : null);
  const from = name(e.fromStep);
  const to = name(e.step);
  const comment = commentText(e);
  return (
    <li className={`timeline-item action-${e.action}`}>
      <time dateTime={e.at} className="timeline-time">
        {formatTime(e.at)}
      </time>
      <p className="timeline-what">
        <strong>{LABELS[e.action] ?? e.action}</strong>
        {e.numberSymbol && e.action === 'issue' && <> — số {e.numberSymbol}</>}
      </p>
      <p className="timeline-who">
        {e.actor.fullName}
        {e.actor.position && <span className="muted">, {e.actor.position}</span>}
        {e.onBehalfOf && <span> (thay mặt {e.onBehalfOf.fullName})</span>}
      </p>
      {(from || to) && (
        <p className="timeline-step muted">
          Bước: {from && to && from !== to ? `${from} → ${to}` : (to ?? from)}
        </p>
      )}
      {comment && <blockquote className="timeline-comment">{comment}</blockquote>}
    </li>
  );
}
