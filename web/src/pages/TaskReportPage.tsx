import { useEffect, useState } from 'react';
import { api, download, messageOf } from '../api';
import { ErrorBox, Loading } from '../components/common';
import { TASK_OUTCOME_LABELS } from '../labels';
import { Link, navigate } from '../router';

type Counts = { total: number; 'done-on-time': number; 'done-late': number; overdue: number; 'in-progress': number };

interface Figures {
  totals: Counts;
  byDocument: Array<Counts & { document: { id: string; numberSymbol: string | null; subject: string } }>;
  byUnit: Array<Counts & { lead: { id: string; name: string } }>;
}

const OUTCOMES = ['done-on-time', 'done-late', 'overdue', 'in-progress'] as const;
const COLORS: Record<(typeof OUTCOMES)[number], string> = { 'done-on-time': '#2e7d32', 'done-late': '#f9a825', overdue: '#c62828', 'in-progress': '#1565c0' };

/** One horizontal bar per row, its parts the outcomes: readable on a phone, every figure also in the table beside. */
function Chart({ rows }: { rows: Array<{ label: string; counts: Counts }> }) {
  const max = Math.max(1, ...rows.map((r) => r.counts.total));
  const barH = 22;
  const labelW = 150;
  const w = 360;
  return (
    <svg className="chart" viewBox={`0 0 ${labelW + w + 40} ${rows.length * (barH + 10) + 10}`} role="img" aria-label="Biểu đồ tình hình thực hiện nhiệm vụ theo đơn vị">
      {rows.map((r, i) => {
        let x = labelW;
        const y = 10 + i * (barH + 10);
        return (
          <g key={r.label}>
            <text x={labelW - 6} y={y + barH / 2 + 4} textAnchor="end" fontSize="11">
              {r.label.length > 24 ? `${r.label.slice(0, 23)}…` : r.label}
            </text>
            {OUTCOMES.map((o) => {
              const width = (r.counts[o] / max) * w;
              const part = (
                <rect key={o} x={x} y={y} width={width} height={barH} fill={COLORS[o]}>
                  <title>{`${TASK_OUTCOME_LABELS[o]}: ${r.counts[o]}`}</title>
                </rect>
              );
              x += width;
              return part;
            })}
            <text x={x + 4} y={y + barH / 2 + 4} fontSize="11">
              {r.counts.total}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Done on time, done late, overdue, in progress: per lead unit and per issuing document, for a period; CSV for more. */
export function TaskReportPage() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [figures, setFigures] = useState<Figures | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();
  useEffect(() => {
    let live = true;
    setFigures(null);
    api<Figures>('GET', `/document-tasks/report${query ? `?${query}` : ''}`)
      .then((f) => live && setFigures(f))
      .catch((err) => live && setError(messageOf(err)));
    return () => {
      live = false;
    };
  }, [query]);
  const numbers = (c: Counts) => [c.total, ...OUTCOMES.map((o) => c[o])];
  return (
    <section aria-labelledby="report-title">
      <p>
        <Link to="/nhiem-vu">← Nhiệm vụ được giao</Link>
      </p>
      <h1 id="report-title">Báo cáo tình hình thực hiện nhiệm vụ</h1>
      <div className="filters">
        <label>
          Hạn từ ngày <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          đến ngày <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="button" onClick={() => void download(`/document-tasks/report.csv${query ? `?${query}` : ''}`, 'bao-cao-nhiem-vu.csv').catch((err) => setError(messageOf(err)))}>
          Tải về CSV
        </button>
        <button type="button" onClick={() => void download(`/document-tasks/report.pdf${query ? `?${query}` : ''}`, 'bao-cao-nhiem-vu.pdf').catch((err) => setError(messageOf(err)))}>
          Tải về PDF
        </button>
      </div>
      <ErrorBox message={error} />
      {!figures && !error && <Loading />}
      {figures && (
        <>
          <ul className="legend">
            {OUTCOMES.map((o) => (
              <li key={o}>
                <span className="swatch" style={{ background: COLORS[o] }} /> {TASK_OUTCOME_LABELS[o]}: <strong>{figures.totals[o]}</strong>
              </li>
            ))}
            <li>
              Tổng số: <strong>{figures.totals.total}</strong>
            </li>
          </ul>
          {figures.byUnit.length > 0 && <Chart rows={figures.byUnit.map((u) => ({ label: u.lead.name, counts: u }))} />}
          <h2>Theo đơn vị chủ trì</h2>
          <div className="table-wrap">
            <table className="figures">
              <thead>
                <tr>
                  <th>Đơn vị chủ trì</th>
                  <th>Tổng số</th>
                  {OUTCOMES.map((o) => (
                    <th key={o}>{TASK_OUTCOME_LABELS[o]}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {figures.byUnit.map((u) => (
                  <tr key={u.lead.id}>
                    <td>{u.lead.name}</td>
                    {numbers(u).map((n, i) => (
                      <td key={i}>{n}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Theo văn bản giao nhiệm vụ</h2>
          <div className="table-wrap">
            <table className="figures">
              <thead>
                <tr>
                  <th>Văn bản</th>
                  <th>Tổng số</th>
                  {OUTCOMES.map((o) => (
                    <th key={o}>{TASK_OUTCOME_LABELS[o]}</th>
                  ))}
                  <th>
                    <span className="visually-hidden">Đôn đốc</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {figures.byDocument.map((d) => (
                  <tr key={d.document.id}>
                    <td>
                      <Link to={`/van-ban/${d.document.id}`}>{d.document.numberSymbol ? `Số ${d.document.numberSymbol}` : 'Văn bản'}</Link> — {d.document.subject}
                    </td>
                    {numbers(d).map((n, i) => (
                      <td key={i}>{n}</td>
                    ))}
                    <td>
                      {d.overdue > 0 && (
                        <button
                          type="button"
                          onClick={() =>
                            void api<{ id: string }>('POST', `/documents/${encodeURIComponent(d.document.id)}/reminder-letter`, {})
                              .then((letter) => navigate(`/van-ban/${letter.id}/sua`))
                              .catch((err) => setError(messageOf(err)))
                          }
                        >
                          Soạn công văn đôn đốc
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
