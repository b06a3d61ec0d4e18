import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, messageOf, type SessionUser } from '../api';
import { ErrorBox, Loading, Marks } from '../components/common';
import { DELIVERY_STATUS_LABELS, formatTime } from '../labels';
import './forms.css';

type IncomingAction = 'register' | 'refuse' | 'assign' | 'progress' | 'complete' | 'answer-recall';

/** An incoming document as GET /api/incoming returns it (src/recipients/incoming.service.ts). */
interface Incoming {
  id: string;
  source: 'internal' | 'edxml';
  sender: { organId: string | null; name: string };
  numberSymbol: string;
  promulgationDate: string;
  place: string | null;
  typeName: string;
  subject: string;
  content: string | null;
  signer: { competence?: string; position?: string; fullName?: string } | null;
  priority: number;
  dueDate: string | null;
  status: { code: string; name: string; at: string; reason: string | null };
  arrival: { number: string; year: number; registeredAt?: string } | null;
  assignment: { leadUnitId: string; coordinatingUnitIds: string[]; deadline: string | null; assignedAt: string } | null;
  recall: { status: string; name: string; reason: string | null; at: string; answerReason: string | null } | null;
  receivedAt: string;
  availableActions: IncomingAction[];
}

interface Unit {
  id: string;
  code: string;
  name: string;
}

type PanelKind = 'refuse' | 'assign' | 'recall-refuse';

/** edXML priority 0..3 as the urgency marks. */
const PRIORITY_URGENCY = ['normal', 'khan', 'thuong-khan', 'hoa-toc'];

const STATUS_FILTERS: Array<[string, string]> = [
  ['', 'Tất cả'],
  ['01', 'Đã đến (chờ vào sổ)'],
  ['03', 'Đã tiếp nhận (chờ phân công)'],
  ['04', 'Đã phân công'],
  ['05', 'Đang xử lý'],
  ['06', 'Hoàn thành'],
  ['02', 'Từ chối tiếp nhận'],
];

/** `2026-01-05` as `05/01/2026`. */
function dayText(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Today in Vietnam, `YYYY-MM-DD`: the earliest deadline one may set. */
function todayVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The incoming desk (Văn bản đến): register or refuse, assign, report progress, answer a recall. */
export function IncomingPage(_: { user: SessionUser }) {
  const [status, setStatus] = useState('');
  const [recallOnly, setRecallOnly] = useState(false);
  const [items, setItems] = useState<Incoming[] | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [panel, setPanel] = useState<{ id: string; kind: PanelKind } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async (): Promise<Incoming[] | null> => {
    const qs = new URLSearchParams();
    if (status) qs.set('status', status);
    if (recallOnly) qs.set('recall', 'true');
    const s = qs.toString();
    try {
      const list = await api<Incoming[]>('GET', `/incoming${s ? `?${s}` : ''}`);
      setItems(list);
      return list;
    } catch (err) {
      setError(messageOf(err));
      return null;
    }
  }, [status, recallOnly]);

  useEffect(() => {
    setItems(null);
    setError(null);
    void load();
  }, [load]);

  useEffect(() => {
    api<Unit[]>('GET', '/units')
      .then(setUnits)
      .catch(() => setUnits([]));
  }, []);

  const unitName = (uid: string) => units.find((u) => u.id === uid)?.name ?? 'Đơn vị khác';

  /** Runs one action, reloads the desk and says what happened. */
  const act = async (doc: Incoming, path: string, body: unknown, done: (fresh: Incoming | undefined) => string) => {
    if (busy) return;
    setBusy(doc.id);
    setError(null);
    setNotice(null);
    try {
      await api('POST', `/incoming/${doc.id}/${path}`, body);
      setPanel(null);
      const list = await load();
      setNotice(done(list?.find((x) => x.id === doc.id)));
      requestAnimationFrame(() => noticeRef.current?.focus());
    } catch (err) {
      setError(messageOf(err));
      void load();
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="incoming-title">
      <h1 id="incoming-title">Văn bản đến</h1>
      <div className="filters">
        <div className="wide">
          <label htmlFor="incoming-status">Trạng thái</label>
          <select id="incoming-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {STATUS_FILTERS.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <label className="check wide">
          <input type="checkbox" checked={recallOnly} onChange={(e) => setRecallOnly(e.target.checked)} />
          Chỉ văn bản có đề nghị thu hồi
        </label>
      </div>
      <div ref={noticeRef} tabIndex={-1}>
        {notice && (
          <div className="notice" role="status">
            {notice}
          </div>
        )}
      </div>
      <ErrorBox message={error} />
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p className="empty">Không có văn bản đến nào.</p>}
      {items && items.length > 0 && (
        <ul className="card-list">
          {items.map((d) => (
            <IncomingCard
              key={d.id}
              doc={d}
              units={units}
              unitName={unitName}
              panel={panel?.id === d.id ? panel.kind : null}
              busy={busy === d.id}
              disabled={busy !== null}
              onPanel={(kind) => setPanel(kind ? { id: d.id, kind } : null)}
              act={act}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function IncomingCard({
  doc,
  units,
  unitName,
  panel,
  busy,
  disabled,
  onPanel,
  act,
}: {
  doc: Incoming;
  units: Unit[];
  unitName: (id: string) => string;
  panel: PanelKind | null;
  busy: boolean;
  disabled: boolean;
  onPanel: (kind: PanelKind | null) => void;
  act: (doc: Incoming, path: string, body: unknown, done: (fresh: Incoming | undefined) => string) => Promise<void>;
}) {
  const actions = doc.availableActions;
  const titleId = `incoming-${doc.id}-subject`;
  const recallWaiting = doc.recall?.status === '13';
  return (
    <li className={`item-card${recallWaiting ? ' recall' : ''}`} aria-labelledby={titleId}>
      <div className="head">
        <Marks urgency={PRIORITY_URGENCY[doc.priority] ?? 'normal'} confidentiality="normal" />
        <span className={`status-badge s-${doc.status.code}`}>{doc.status.name ?? DELIVERY_STATUS_LABELS[doc.status.code] ?? doc.status.code}</span>
        <span>{doc.typeName}</span>
        <span>Số {doc.numberSymbol}</span>
        {doc.promulgationDate && <span>ngày {dayText(doc.promulgationDate)}</span>}
      </div>
      <h2 id={titleId} className="subject" style={{ fontSize: '1rem', margin: '2px 0' }}>
        {doc.subject}
      </h2>
      <div>
        Nơi gửi: <strong>{doc.sender.name}</strong>
        {doc.source === 'edxml' ? ' (qua trục liên thông)' : ''}
      </div>
      {doc.arrival && (
        <div className="arrival">
          Số đến: {doc.arrival.number}/{doc.arrival.year}
        </div>
      )}
      <div className="meta">
        <span>Nhận lúc {formatTime(doc.receivedAt)}</span>
        {doc.status.at && (
          <span>
            {doc.status.name}: {formatTime(doc.status.at)}
          </span>
        )}
        {doc.dueDate && <span>Hạn trả lời: {dayText(doc.dueDate)}</span>}
        {doc.signer?.fullName && (
          <span>
            Người ký: {doc.signer.fullName}
            {doc.signer.position ? ` (${doc.signer.position})` : ''}
          </span>
        )}
      </div>
      {doc.status.reason && <div>Lý do: {doc.status.reason}</div>}
      {doc.assignment && (
        <div className="meta">
          <span>Đơn vị chủ trì: {unitName(doc.assignment.leadUnitId)}</span>
          {doc.assignment.coordinatingUnitIds.length > 0 && (
            <span>Phối hợp: {doc.assignment.coordinatingUnitIds.map(unitName).join(', ')}</span>
          )}
          {doc.assignment.deadline && <span>Hạn xử lý: {dayText(doc.assignment.deadline)}</span>}
        </div>
      )}
      {doc.recall && (
        <div className={recallWaiting ? 'overdue' : 'muted'}>
          {doc.recall.name}
          {doc.recall.at ? ` (${formatTime(doc.recall.at)})` : ''}
          {doc.recall.reason ? `: ${doc.recall.reason}` : ''}
          {doc.recall.answerReason ? ` — Trả lời: ${doc.recall.answerReason}` : ''}
        </div>
      )}
      {doc.content && (
        <details>
          <summary>Nội dung</summary>
          <p style={{ whiteSpace: 'pre-wrap' }}>{doc.content}</p>
        </details>
      )}

      {actions.length > 0 && (
        <div className="row-actions">
          {actions.includes('register') && (
            <button
              type="button"
              className="primary"
              disabled={disabled}
              onClick={() =>
                act(doc, 'register', undefined, (fresh) =>
                  fresh?.arrival ? `Đã vào sổ văn bản đến. Số đến: ${fresh.arrival.number}/${fresh.arrival.year}.` : 'Đã vào sổ văn bản đến.',
                )
              }
            >
              Vào sổ
            </button>
          )}
          {actions.includes('refuse') && (
            <button type="button" className="danger" disabled={disabled} aria-expanded={panel === 'refuse'} onClick={() => onPanel(panel === 'refuse' ? null : 'refuse')}>
              Từ chối
            </button>
          )}
          {actions.includes('assign') && (
            <button type="button" className="primary" disabled={disabled} aria-expanded={panel === 'assign'} onClick={() => onPanel(panel === 'assign' ? null : 'assign')}>
              Phân công
            </button>
          )}
          {actions.includes('progress') && (
            <button type="button" disabled={disabled} onClick={() => act(doc, 'progress', {}, () => 'Đã báo đang xử lý.')}>
              Đang xử lý
            </button>
          )}
          {actions.includes('complete') && (
            <button type="button" disabled={disabled} onClick={() => act(doc, 'complete', {}, () => 'Đã báo hoàn thành xử lý.')}>
              Hoàn thành
            </button>
          )}
          {actions.includes('answer-recall') && (
            <>
              <button
                type="button"
                className="primary"
                disabled={disabled}
                onClick={() => act(doc, 'recall-answer', { agree: true }, () => 'Đã đồng ý thu hồi: văn bản được gỡ khỏi sổ văn bản đến.')}
              >
                Đồng ý thu hồi
              </button>
              <button
                type="button"
                className="danger"
                disabled={disabled}
                aria-expanded={panel === 'recall-refuse'}
                onClick={() => onPanel(panel === 'recall-refuse' ? null : 'recall-refuse')}
              >
                Từ chối thu hồi
              </button>
            </>
          )}
          {busy && (
            <span className="muted" role="status">
              Đang thực hiện…
            </span>
          )}
        </div>
      )}

      {panel === 'refuse' && (
        <ReasonPanel
          id={`incoming-${doc.id}-refuse`}
          label="Lý do từ chối"
          confirm="Xác nhận từ chối"
          disabled={disabled}
          onCancel={() => onPanel(null)}
          onSubmit={(reason) => act(doc, 'refuse', { reason }, () => 'Đã từ chối tiếp nhận văn bản; nơi gửi được báo lại.')}
        />
      )}
      {panel === 'recall-refuse' && (
        <ReasonPanel
          id={`incoming-${doc.id}-recall`}
          label="Lý do từ chối thu hồi"
          confirm="Xác nhận từ chối thu hồi"
          disabled={disabled}
          onCancel={() => onPanel(null)}
          onSubmit={(reason) => act(doc, 'recall-answer', { agree: false, reason }, () => 'Đã từ chối thu hồi; nơi gửi được báo lại.')}
        />
      )}
      {panel === 'assign' && (
        <AssignPanel
          id={`incoming-${doc.id}-assign`}
          units={units}
          current={doc.assignment}
          disabled={disabled}
          onCancel={() => onPanel(null)}
          onSubmit={(body) => act(doc, 'assign', body, () => `Đã phân công: ${unitName(body.leadUnitId)} chủ trì.`)}
        />
      )}
    </li>
  );
}

function ReasonPanel({
  id,
  label,
  confirm,
  disabled,
  onCancel,
  onSubmit,
}: {
  id: string;
  label: string;
  confirm: string;
  disabled: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      document.getElementById(id)?.focus();
      return;
    }
    onSubmit(reason.trim());
  };
  return (
    <form className="panel" onSubmit={submit} noValidate>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={reason}
        rows={3}
        maxLength={2000}
        required
        autoFocus
        aria-invalid={missing || undefined}
        aria-describedby={missing ? `${id}-error` : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setMissing(false);
        }}
      />
      {missing && (
        <p className="field-error" id={`${id}-error`} role="alert">
          Vui lòng nhập lý do.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="danger" disabled={disabled}>
          {confirm}
        </button>
        <button type="button" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

function AssignPanel({
  id,
  units,
  current,
  disabled,
  onCancel,
  onSubmit,
}: {
  id: string;
  units: Unit[];
  current: Incoming['assignment'];
  disabled: boolean;
  onCancel: () => void;
  onSubmit: (body: { leadUnitId: string; coordinatingUnitIds: string[]; deadline?: string }) => void;
}) {
  const [lead, setLead] = useState(current?.leadUnitId ?? '');
  const [coordinating, setCoordinating] = useState<string[]>(current?.coordinatingUnitIds ?? []);
  const [deadline, setDeadline] = useState(current?.deadline ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!lead) {
      setProblem('Chọn đơn vị chủ trì.');
      document.getElementById(`${id}-lead`)?.focus();
      return;
    }
    onSubmit({
      leadUnitId: lead,
      coordinatingUnitIds: coordinating.filter((u) => u !== lead),
      ...(deadline ? { deadline } : {}),
    });
  };
  return (
    <form className="panel" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-lead`}>Đơn vị chủ trì</label>
      <select
        id={`${id}-lead`}
        value={lead}
        autoFocus
        aria-invalid={problem ? true : undefined}
        onChange={(e) => {
          setLead(e.target.value);
          setProblem(null);
        }}
      >
        <option value="">— Chọn đơn vị —</option>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <fieldset>
        <legend>Đơn vị phối hợp</legend>
        <ul className="check-list cols">
          {units.map((u) => (
            <li key={u.id}>
              <label className={`check${u.id === lead ? ' disabled' : ''}`}>
                <input
                  type="checkbox"
                  disabled={u.id === lead}
                  checked={u.id !== lead && coordinating.includes(u.id)}
                  onChange={(e) => setCoordinating((prev) => (e.target.checked ? [...prev, u.id] : prev.filter((x) => x !== u.id)))}
                />
                {u.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <label htmlFor={`${id}-deadline`}>Hạn xử lý</label>
      <input id={`${id}-deadline`} type="date" value={deadline} min={todayVietnam()} onChange={(e) => setDeadline(e.target.value)} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={disabled}>
          Xác nhận phân công
        </button>
        <button type="button" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}
