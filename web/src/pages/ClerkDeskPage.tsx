import { useEffect, useState, type MouseEvent } from 'react';
import { api, ApiError, download, messageOf, session, type SessionUser } from '../api';
import { ErrorBox, Loading, Marks } from '../components/common';
import { DELIVERY_STATUS_LABELS, formatTime, waitedFor } from '../labels';
import { Link } from '../router';
import type { DocumentSummary } from '../types';
import './forms.css';

/** A register of GET /api/registers. */
interface Register {
  id: string;
  issuer: { id: string; code: string; name: string };
  year: number;
  series: string;
  name: string;
  lastNumber: number;
  entries: number;
}

/** A row of the outgoing register book (src/registers/register-book.ts). */
interface RegisterEntry {
  documentId: string;
  numberSymbol: string;
  date: string;
  typeAndSubject: string;
  signer: string;
  recipients: string;
  filedWith: string;
  copies: number;
  sentOn: string;
  receivedBy: string;
  notes: string;
}

/** A delivery that needs the clerk (GET /api/deliveries/flagged). */
interface FlaggedDelivery {
  id: string;
  documentId: string;
  subject: string;
  numberSymbol: string | null;
  recipient: { id: string; code: string; name: string };
  channel: string;
  status: string;
  statusAt: string | null;
  statusReason: string | null;
  flag: 'refused' | 'undeliverable';
  lastError: string | null;
}

/** The decree's ten columns (Decree 30/2020 App. IV), in order. */
const COLUMNS: Array<[keyof RegisterEntry, string]> = [
  ['numberSymbol', 'Số, ký hiệu văn bản'],
  ['date', 'Ngày tháng văn bản'],
  ['typeAndSubject', 'Tên loại và trích yếu nội dung văn bản'],
  ['signer', 'Người ký'],
  ['recipients', 'Nơi nhận văn bản'],
  ['filedWith', 'Đơn vị, người nhận bản lưu'],
  ['copies', 'Số lượng bản'],
  ['sentOn', 'Ngày chuyển'],
  ['receivedBy', 'Ký nhận'],
  ['notes', 'Ghi chú'],
];

const URGENCY_ORDER = ['hoa-toc', 'thuong-khan', 'khan', 'normal'];
const urgencyRank = (u: string) => {
  const i = URGENCY_ORDER.indexOf(u);
  return i < 0 ? URGENCY_ORDER.length : i;
};

const CHANNEL_LABELS: Record<string, string> = { internal: 'Trên hệ thống', edxml: 'Trục liên thông', manual: 'Bản giấy' };

/** The clerk's desk (Bàn làm việc văn thư): what waits to be issued, the outgoing register, deliveries to handle. */
/** Entries the desk shows without dates: the latest ones (the export and the printable book take the whole range). */
const LATEST = 50;

export function ClerkDeskPage({ user }: { user: SessionUser }) {
  const clerk = user.roles.includes('clerk');
  const readsRegisters = clerk || user.roles.includes('archivist') || user.roles.includes('admin');
  return (
    <section aria-labelledby="clerk-title">
      <h1 id="clerk-title">Bàn làm việc văn thư</h1>
      {!readsRegisters && <div className="error" role="alert">Trang này dành cho văn thư.</div>}
      {clerk && <IssuingQueue />}
      {readsRegisters && <RegisterBook />}
      {clerk && <FlaggedDeliveries />}
    </section>
  );
}

function IssuingQueue() {
  const [items, setItems] = useState<DocumentSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api<{ items: DocumentSummary[] }>('GET', '/documents?box=inbox&state=issuing&limit=100')
      .then((r) => {
        if (!live) return;
        const sorted = [...r.items].sort(
          (a, b) => urgencyRank(a.urgency) - urgencyRank(b.urgency) || new Date(a.waitingSince).getTime() - new Date(b.waitingSince).getTime(),
        );
        setItems(sorted);
      })
      .catch((err) => live && setError(messageOf(err)));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="desk-section" aria-labelledby="clerk-issuing">
      <h2 id="clerk-issuing">
        Văn bản chờ phát hành {items && <span className="count">{items.length}</span>}
      </h2>
      <ErrorBox message={error} />
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p className="empty">Không có văn bản nào chờ phát hành.</p>}
      {items && items.length > 0 && (
        <ul className="doc-list">
          {items.map((d) => (
            <li key={d.id} className={`doc-item urgency-${d.urgency}`}>
              <Link to={`/van-ban/${d.id}`} className="doc-link">
                <span className="doc-marks">
                  <Marks urgency={d.urgency} confidentiality={d.confidentiality} />
                  <span className="type">{d.typeName}</span>
                </span>
                <span className="subject">{d.subject}</span>
                <span className="meta">
                  <span>Người ký: {d.signer.fullName}</span>
                  <span>
                    Chờ từ {formatTime(d.waitingSince)} ({waitedFor(d.waitingSince)})
                  </span>
                  <span>Đơn vị soạn: {d.draftingUnit.name}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RegisterBook() {
  const [registers, setRegisters] = useState<Register[] | null>(null);
  const [registerId, setRegisterId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [entries, setEntries] = useState<RegisterEntry[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | 'csv' | 'book'>(null);

  useEffect(() => {
    let live = true;
    api<Register[]>('GET', '/registers')
      .then((list) => {
        if (!live) return;
        setRegisters(list);
        if (list.length) setRegisterId(list[0].id);
      })
      .catch((err) => live && setError(messageOf(err)));
    return () => {
      live = false;
    };
  }, []);

  const badRange = !!(from && to && from > to);
  const query = () => {
    const qs = new URLSearchParams();
    if (from) qs.set('from', from);
    if (to) qs.set('to', to);
    const s = qs.toString();
    return s ? `?${s}` : '';
  };

  useEffect(() => {
    if (!registerId || badRange) return;
    let live = true;
    setEntries(null);
    setError(null);
    // Without dates, the desk shows the latest entries; the dates, the export and the book take the whole range.
    const q = query();
    api<{ entries: RegisterEntry[]; total: number }>('GET', `/registers/${registerId}/entries${q ? `${q}&latest=1000` : `?latest=${LATEST}`}`)
      .then((r) => {
        if (!live) return;
        setEntries(r.entries);
        setTotal(r.total);
      })
      .catch((err) => live && setError(messageOf(err)));
    return () => {
      live = false;
    };
  }, [registerId, from, to, badRange]);

  const exportCsv = async () => {
    setBusy('csv');
    setError(null);
    try {
      await download(`/registers/${registerId}/export${query()}`, 'so-dang-ky.csv');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  /** The printable book needs the bearer token: fetch it, then show it from a blob URL in a new tab. */
  const openBook = async (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    // Opened now, inside the click, so that the browser does not block it; filled when the book arrives.
    const tab = window.open('', '_blank');
    setBusy('book');
    try {
      const s = session();
      const res = await fetch(`/api/registers/${registerId}/book${query()}`, { headers: s ? { Authorization: `Bearer ${s.token}` } : {} });
      if (!res.ok) throw new ApiError(res.status, '', '', undefined);
      const html = await res.text();
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
      if (tab) tab.location.href = url;
      else {
        const a = document.createElement('a');
        a.href = url;
        a.target = '_blank';
        a.rel = 'noopener';
        a.click();
      }
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      tab?.close();
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  const current = registers?.find((r) => r.id === registerId);

  return (
    <section className="desk-section" aria-labelledby="clerk-register">
      <h2 id="clerk-register">Sổ đăng ký văn bản đi</h2>
      {!registers && !error && <Loading />}
      {registers && registers.length === 0 && <p className="empty">Chưa có sổ đăng ký nào: sổ được mở khi phát hành văn bản đầu tiên của năm.</p>}
      {registers && registers.length > 0 && (
        <>
          <div className="filters">
            <div className="wide">
              <label htmlFor="clerk-register-select">Sổ đăng ký</label>
              <select id="clerk-register-select" value={registerId} onChange={(e) => setRegisterId(e.target.value)}>
                {registers.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                    {registers.some((x) => x.issuer.id !== r.issuer.id) ? ` — ${r.issuer.code}` : ''} ({r.entries} văn bản)
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="clerk-register-from">Từ ngày</label>
              <input id="clerk-register-from" type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
            </div>
            <div>
              <label htmlFor="clerk-register-to">Đến ngày</label>
              <input
                id="clerk-register-to"
                type="date"
                value={to}
                min={from || undefined}
                aria-invalid={badRange || undefined}
                onChange={(e) => setTo(e.target.value)}
              />
            </div>
          </div>
          {badRange && (
            <div className="error" role="alert">
              “Đến ngày” phải sau hoặc bằng “Từ ngày”.
            </div>
          )}
          <div className="actions-bar">
            <button type="button" onClick={exportCsv} disabled={!registerId || busy !== null || badRange}>
              {busy === 'csv' ? 'Đang xuất…' : 'Xuất CSV'}
            </button>
            <a className="link-button" href={`/api/registers/${registerId}/book${query()}`} target="_blank" rel="noopener" onClick={openBook} aria-busy={busy === 'book' || undefined}>
              {busy === 'book' ? 'Đang mở bản in…' : 'Bản in sổ'}
            </a>
          </div>
        </>
      )}
      <ErrorBox message={error} />
      {registerId && !entries && !error && !badRange && <Loading />}
      {entries && entries.length === 0 && <p className="empty">Không có văn bản nào trong khoảng thời gian này.</p>}
      {entries && entries.length > 0 && (
        <div className="table-wrap">
          <table className="rtable">
            <caption>
              {current?.name ?? 'Sổ đăng ký'}: {entries.length < total ? `${entries.length} văn bản gần nhất trong số ${total}` : `${entries.length} văn bản`}
            </caption>
            <thead>
              <tr>
                {COLUMNS.map(([key, label]) => (
                  <th key={key} scope="col">
                    {label}
                  </th>
                ))}
              </tr>
              <tr>
                {COLUMNS.map(([key], i) => (
                  <th key={key} scope="col" aria-hidden="true">
                    ({i + 1})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.documentId}>
                  {COLUMNS.map(([key, label]) => {
                    const value = e[key];
                    const empty = value === '' || value === null;
                    return (
                      <td key={key} data-label={label} className={`${key === 'numberSymbol' || key === 'date' ? 'num' : ''}${empty ? ' empty-cell' : ''}`}>
                        {key === 'numberSymbol' ? <Link to={`/van-ban/${e.documentId}`}>{e.numberSymbol}</Link> : String(value ?? '')}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FlaggedDeliveries() {
  const [items, setItems] = useState<FlaggedDelivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api<FlaggedDelivery[]>('GET', '/deliveries/flagged')
      .then((r) => live && setItems(r))
      .catch((err) => live && setError(messageOf(err)));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="desk-section" aria-labelledby="clerk-flagged">
      <h2 id="clerk-flagged">
        Cần xử lý chuyển phát {items && <span className="count">{items.length}</span>}
      </h2>
      <ErrorBox message={error} />
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p className="empty">Không có nơi nhận nào từ chối hoặc không gửi được.</p>}
      {items && items.length > 0 && (
        <ul className="card-list">
          {items.map((d) => (
            <li key={d.id} className="item-card">
              <div className="head">
                <span className="status-badge flag">{d.flag === 'refused' ? 'Nơi nhận từ chối' : 'Không gửi được'}</span>
                {d.numberSymbol && <span>Số {d.numberSymbol}</span>}
                <span>{CHANNEL_LABELS[d.channel] ?? d.channel}</span>
              </div>
              <Link to={`/van-ban/${d.documentId}`} className="subject">
                {d.subject}
              </Link>
              <div>
                Nơi nhận: <strong>{d.recipient.name}</strong>
              </div>
              <div className="meta">
                <span>
                  Trạng thái: {DELIVERY_STATUS_LABELS[d.status] ?? d.status}
                  {d.statusAt ? ` (${formatTime(d.statusAt)})` : ''}
                </span>
              </div>
              {d.statusReason && <div>Lý do: {d.statusReason}</div>}
              {d.lastError && <div className="muted">Lỗi gửi gần nhất: {d.lastError}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
