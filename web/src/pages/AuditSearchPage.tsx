import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, download, messageOf, type SessionUser } from '../api';
import { ErrorBox, Loading } from '../components/common';
import { ACTION_LABELS, formatTime, STATE_LABELS } from '../labels';
import { Link } from '../router';
import './forms.css';

/** An entry of GET /api/audit (src/audit/audit-filter.ts, toAuditEntryResponse). */
interface AuditItem {
  id: string;
  at: string;
  actor: { id: string | null; fullName: string; position: string | null };
  action: string;
  document: { id: string; numberSymbol: string | null; subject: string | null } | null;
  fromState: string | null;
  toState: string | null;
  comment: string | null;
  onBehalfOf: { id: string; fullName: string } | null;
}

const actionLabel = (a: string) => ACTION_LABELS[a] ?? a;

/** Entries about an incoming document: their documentId is not an outgoing document's, so no link to /van-ban. */
const isIncomingAction = (a: string) => a === 'receive' || a === 'recall-request' || a.startsWith('incoming-');

interface Filters {
  q: string;
  numberSymbol: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { q: '', numberSymbol: '', action: '', from: '', to: '' };

/** `2026-01-31` plus one day, as a calendar date. */
function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return next.toISOString().slice(0, 10);
}

/**
 * The API's query string: dates are days in Vietnam time; `to` includes its whole day (the API's `to` is exclusive).
 * Diacritics need no care: the API folds them.
 */
function toQuery(f: Filters): URLSearchParams {
  const qs = new URLSearchParams();
  if (f.q.trim()) qs.set('q', f.q.trim());
  if (f.numberSymbol.trim()) qs.set('numberSymbol', f.numberSymbol.trim());
  if (f.action) qs.set('action', f.action);
  if (f.from) qs.set('from', `${f.from}T00:00:00+07:00`);
  if (f.to) qs.set('to', `${nextDay(f.to)}T00:00:00+07:00`);
  return qs;
}

function problemsOf(f: Filters): Partial<Record<keyof Filters, string>> {
  const p: Partial<Record<keyof Filters, string>> = {};
  const q = f.q.trim();
  if (q && q.replace(/\s+/g, '').length < 2) p.q = 'Từ khóa cần ít nhất 2 chữ.';
  if (f.from && f.to && f.from > f.to) p.to = '“Đến ngày” phải sau hoặc bằng “Từ ngày”.';
  return p;
}

const API_FIELDS: Record<string, keyof Filters> = { q: 'q', numberSymbol: 'numberSymbol', action: 'action', from: 'from', to: 'to' };

/** The archivists' search over the audit trail (Tra cứu nhật ký). */
export function AuditSearchPage({ user }: { user: SessionUser }) {
  const allowed = user.roles.includes('archivist') || user.roles.includes('admin');
  const [form, setForm] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters | null>(null);
  const [items, setItems] = useState<AuditItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<Partial<Record<keyof Filters, string>>>({});
  const [busy, setBusy] = useState<null | 'search' | 'more' | 'csv'>(null);
  const resultsRef = useRef<HTMLHeadingElement>(null);

  const set = (key: keyof Filters, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setInvalid((p) => {
      if (!p[key]) return p;
      const next = { ...p };
      delete next[key];
      return next;
    });
  };

  const fail = (err: unknown) => {
    setError(messageOf(err));
    if (err instanceof ApiError && err.status === 400) {
      const fields = (err.details?.fields as Array<{ field: string }> | undefined) ?? [];
      const p: Partial<Record<keyof Filters, string>> = {};
      for (const f of fields) {
        const key = API_FIELDS[f.field];
        if (key) p[key] = 'Giá trị chưa hợp lệ.';
      }
      setInvalid(p);
    }
  };

  const fetchPage = (f: Filters, after: string | null) => {
    const qs = toQuery(f);
    qs.set('limit', '50');
    if (after) qs.set('cursor', after);
    return api<{ items: AuditItem[]; nextCursor: string | null }>('GET', `/audit?${qs}`);
  };

  const search = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const p = problemsOf(form);
    setInvalid(p);
    if (Object.keys(p).length) {
      setError(Object.values(p).join(' '));
      const first = Object.keys(p)[0];
      document.getElementById(`audit-${first}`)?.focus();
      return;
    }
    setError(null);
    setBusy('search');
    setItems(null);
    try {
      const page = await fetchPage(form, null);
      setApplied(form);
      setItems(page.items);
      setCursor(page.nextCursor);
      requestAnimationFrame(() => resultsRef.current?.focus());
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const more = async () => {
    if (!applied || !cursor || busy) return;
    setBusy('more');
    setError(null);
    try {
      const page = await fetchPage(applied, cursor);
      setItems((prev) => [...(prev ?? []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const exportCsv = async () => {
    if (busy) return;
    const f = applied ?? form;
    const p = problemsOf(f);
    if (Object.keys(p).length) {
      setInvalid(p);
      setError(Object.values(p).join(' '));
      return;
    }
    setBusy('csv');
    setError(null);
    try {
      const qs = toQuery(f).toString();
      await download(`/audit/export${qs ? `?${qs}` : ''}`, 'nhat-ky.csv');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const invalidProps = (key: keyof Filters) => (invalid[key] ? { 'aria-invalid': true as const } : {});

  if (!allowed) {
    return (
      <section aria-labelledby="audit-title">
        <h1 id="audit-title">Tra cứu nhật ký</h1>
        <div className="error" role="alert">
          Chỉ cán bộ lưu trữ được tra cứu toàn bộ nhật ký. Lịch sử của từng văn bản xem ở trang văn bản.
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Tra cứu nhật ký</h1>
      <form className="card form-card" onSubmit={search} noValidate role="search" aria-label="Tra cứu nhật ký">
        <div className="form-grid two">
          <div>
            <label htmlFor="audit-q">Từ khóa (trích yếu, ý kiến)</label>
            <input id="audit-q" type="search" value={form.q} maxLength={200} onChange={(e) => set('q', e.target.value)} {...invalidProps('q')} />
            <p className="hint">Có thể gõ không dấu, ví dụ: chuyen doi so.</p>
          </div>
          <div>
            <label htmlFor="audit-numberSymbol">Số, ký hiệu</label>
            <input
              id="audit-numberSymbol"
              value={form.numberSymbol}
              maxLength={200}
              placeholder="ví dụ: 05/UBND-VP"
              onChange={(e) => set('numberSymbol', e.target.value)}
              {...invalidProps('numberSymbol')}
            />
          </div>
        </div>
        <div className="form-grid dates">
          <div>
            <label htmlFor="audit-action">Hành động</label>
            <select id="audit-action" value={form.action} onChange={(e) => set('action', e.target.value)} {...invalidProps('action')}>
              <option value="">Tất cả</option>
              {Object.entries(ACTION_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="audit-from">Từ ngày</label>
            <input id="audit-from" type="date" value={form.from} max={form.to || undefined} onChange={(e) => set('from', e.target.value)} {...invalidProps('from')} />
          </div>
          <div>
            <label htmlFor="audit-to">Đến ngày</label>
            <input id="audit-to" type="date" value={form.to} min={form.from || undefined} onChange={(e) => set('to', e.target.value)} {...invalidProps('to')} />
          </div>
        </div>
        <ErrorBox message={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy !== null}>
            {busy === 'search' ? 'Đang tìm…' : 'Tìm kiếm'}
          </button>
          <button type="button" onClick={exportCsv} disabled={busy !== null}>
            {busy === 'csv' ? 'Đang xuất…' : 'Xuất CSV'}
          </button>
          <button
            type="button"
            disabled={busy !== null}
            onClick={() => {
              setForm(EMPTY);
              setInvalid({});
              setError(null);
            }}
          >
            Xóa bộ lọc
          </button>
        </div>
      </form>

      {busy === 'search' && <Loading />}
      {items && (
        <section aria-labelledby="audit-results" className="desk-section">
          <h2 id="audit-results" ref={resultsRef} tabIndex={-1}>
            Kết quả <span className="result-count">({items.length}{cursor ? '+' : ''} mục)</span>
          </h2>
          {items.length === 0 && <p className="empty">Không tìm thấy mục nào khớp với điều kiện tra cứu.</p>}
          {items.length > 0 && (
            <div className="table-wrap">
              <table className="rtable">
                <thead>
                  <tr>
                    <th scope="col">Thời gian</th>
                    <th scope="col">Người thực hiện</th>
                    <th scope="col">Hành động</th>
                    <th scope="col">Số, ký hiệu</th>
                    <th scope="col">Trích yếu</th>
                    <th scope="col">Ý kiến</th>
                    <th scope="col">
                      <span className="muted">Văn bản</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((it) => {
                    const doc = it.document;
                    const linkable = doc && !isIncomingAction(it.action);
                    const transition = it.toState && it.fromState !== it.toState ? STATE_LABELS[it.toState] : null;
                    return (
                      <tr key={it.id}>
                        <td data-label="Thời gian" className="num">
                          {formatTime(it.at)}
                        </td>
                        <td data-label="Người thực hiện">
                          {it.actor.fullName}
                          {it.actor.position && <span className="muted"> ({it.actor.position})</span>}
                          {it.onBehalfOf && <span className="muted"> thay {it.onBehalfOf.fullName}</span>}
                        </td>
                        <td data-label="Hành động">
                          {actionLabel(it.action)}
                          {transition && <span className="muted"> → {transition}</span>}
                        </td>
                        <td data-label="Số, ký hiệu" className={`num${doc?.numberSymbol ? '' : ' empty-cell'}`}>
                          {doc?.numberSymbol ?? ''}
                        </td>
                        <td data-label="Trích yếu" className={doc?.subject ? '' : 'empty-cell'}>
                          {doc?.subject ?? ''}
                        </td>
                        <td data-label="Ý kiến" className={it.comment ? '' : 'empty-cell'}>
                          {it.comment ?? ''}
                        </td>
                        <td data-label="Văn bản" className={linkable ? 'nowrap' : 'empty-cell'}>
                          {linkable && (
                            <Link to={`/van-ban/${doc.id}`}>
                              Xem văn bản
                            </Link>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {cursor && (
            <div className="more">
              <button type="button" onClick={more} disabled={busy !== null}>
                {busy === 'more' ? 'Đang tải…' : 'Xem thêm'}
              </button>
            </div>
          )}
        </section>
      )}
    </section>
  );
}
