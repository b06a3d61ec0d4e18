import { useEffect, useState } from 'react';
import { api, messageOf, type SessionUser } from '../api';
import { ErrorBox, Loading, Marks } from '../components/common';
import { formatTime, STATE_LABELS, waitedFor } from '../labels';
import { Link, navigate, usePath } from '../router';
import type { DocumentSummary } from '../types';

const BOXES: Array<[string, string]> = [
  ['inbox', 'Chờ xử lý'],
  ['done', 'Đã xử lý'],
  ['mine', 'Của tôi'],
];

/** What waits for me, what I handled, what I drafted: most urgent first, then longest waiting. */
export function InboxPage({ user }: { user: SessionUser }) {
  const path = usePath();
  const box = new URLSearchParams(path.split('?')[1] ?? '').get('hop') ?? 'inbox';
  const [counts, setCounts] = useState<Record<string, number> | null>(null);
  const [items, setItems] = useState<DocumentSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setItems(null);
    Promise.all([
      api<Record<string, number>>('GET', '/documents/counts'),
      api<{ items: DocumentSummary[] }>('GET', `/documents?box=${box}&limit=50`),
    ])
      .then(([c, list]) => {
        if (!live) return;
        setCounts(c);
        setItems(list.items);
      })
      .catch((err) => live && setError(messageOf(err)));
    return () => {
      live = false;
    };
  }, [box]);
  return (
    <section aria-labelledby="inbox-title">
      <div className="page-head">
        <h1 id="inbox-title">Hộp văn bản</h1>
        {user.roles.includes('drafter') && (
          <button type="button" className="primary" onClick={() => navigate('/van-ban/moi')}>
            Soạn văn bản mới
          </button>
        )}
      </div>
      <div className="tabs" role="tablist" aria-label="Hộp văn bản">
        {BOXES.map(([key, label]) => (
          <Link key={key} to={key === 'inbox' ? '/' : `/?hop=${key}`} role="tab" aria-selected={box === key} className="tab">
            {label} <span className="count">{counts ? counts[key] : '…'}</span>
          </Link>
        ))}
      </div>
      <ErrorBox message={error} />
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p className="empty">Không có văn bản nào.</p>}
      {items && items.length > 0 && (
        <ul className="doc-list">
          {items.map((d) => {
            const overdue = d.dueAt && new Date(d.dueAt).getTime() < Date.now();
            return (
              <li key={d.id} className={`doc-item urgency-${d.urgency}`}>
                <Link to={`/van-ban/${d.id}`} className="doc-link">
                  <span className="doc-marks">
                    <Marks urgency={d.urgency} confidentiality={d.confidentiality} />
                    <span className="type">{d.typeName}</span>
                    {d.numberSymbol && <span className="number">Số {d.numberSymbol}</span>}
                  </span>
                  <span className="subject">{d.subject}</span>
                  <span className="meta">
                    <span>
                      {STATE_LABELS[d.state] ?? d.state} · {d.step.name}
                    </span>
                    <span>Chờ từ {formatTime(d.waitingSince)} ({waitedFor(d.waitingSince)})</span>
                    {d.dueAt && <span className={overdue ? 'overdue' : ''}>Hạn xử lý: {formatTime(d.dueAt)}{overdue ? ' — quá hạn' : ''}</span>}
                    <span>Người soạn: {d.drafter.fullName}</span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
