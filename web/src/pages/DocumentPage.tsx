import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, download, messageOf, type SessionUser } from '../api';
import { ActionDialog, actionLabel } from '../components/ActionDialog';
import { AttachmentList, type Attachment } from '../components/Attachments';
import { ErrorBox, Loading, Marks } from '../components/common';
import { History, type HistoryRow } from '../components/History';
import { OfficialPagePreview } from '../components/OfficialPagePreview';
import { TaskProgress } from '../components/TaskProgress';
import { RouteDiagram } from '../components/RouteDiagram';
import { DELIVERY_STATUS_LABELS, formatTime, STATE_LABELS } from '../labels';
import { Link } from '../router';
import type { DocumentDetail } from '../types';
import './DocumentPage.css';

/** A signature as GET /api/documents/:id/signatures reports it. */
interface SignatureReport {
  index: number;
  signer: string | null;
  signingTime: string | null;
  valid: boolean;
  coversWholeDocument: boolean;
}

/** GET /api/workflows/:key?version=N, the parts this page reads. */
interface Workflow {
  key: string;
  name: string;
  version: number;
  xml: string;
  tasks?: Array<{ id: string; name: string }>;
}

const CHANNEL_LABELS: Record<string, string> = {
  internal: 'Trong hệ thống',
  edxml: 'Trục liên thông (edXML)',
  manual: 'Bản giấy',
};

const ROLE_LABELS: Record<string, string> = { addressee: 'Kính gửi', copy: 'Đồng gửi' };

/** What the notice says after an action succeeded; the document as reloaded. */
function doneMessage(action: string, doc: DocumentDetail | null): string {
  switch (action) {
    case 'submit':
      return 'Đã trình văn bản.';
    case 'approve':
      return 'Đã duyệt văn bản.';
    case 'return':
      return 'Đã trả lại văn bản.';
    case 'sign':
      return 'Đã ký ban hành văn bản.';
    case 'issue':
      return doc?.numberSymbol ? `Đã phát hành văn bản số ${doc.numberSymbol}.` : 'Đã phát hành văn bản.';
    case 'withdraw':
      return 'Đã rút văn bản.';
    case 'complete':
      return 'Đã hoàn thành chuyển phát văn bản.';
    case 'answer':
      return 'Đã gửi ý kiến.';
    default:
      return `Đã thực hiện: ${actionLabel(action)}.`;
  }
}

/** Every BPMN element's name by id (tasks, events, gateways), read from the route's XML. */
function namesOf(xml: string): Record<string, string> {
  const names: Record<string, string> = {};
  try {
    const dom = new DOMParser().parseFromString(xml, 'application/xml');
    for (const el of Array.from(dom.querySelectorAll('[id][name]'))) {
      names[el.getAttribute('id')!] = el.getAttribute('name')!;
    }
  } catch {
    // names fall back to ids
  }
  return names;
}

/** A document: its official page, what the user may do with it now, its route and its history. */
export function DocumentPage({ user, id }: { user: SessionUser; id?: string }) {
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [pdfError, setPdfError] = useState<string | null>(null);
  const [signatures, setSignatures] = useState<SignatureReport[] | null>(null);
  const signedAt = doc?.signedAt ?? null;
  useEffect(() => {
    if (!id || !signedAt) return;
    let live = true;
    api<{ signatures: SignatureReport[] }>('GET', `/documents/${id}/signatures`)
      .then((r) => live && setSignatures(r.signatures))
      .catch(() => live && setSignatures(null));
    return () => {
      live = false;
    };
  }, [id, signedAt]);
  const [history, setHistory] = useState<HistoryRow[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [workflow, setWorkflow] = useState<Workflow | null>(null);
  const [workflowError, setWorkflowError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reloadError, setReloadError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const currentId = useRef(id);
  currentId.current = id;

  const loadDocument = useCallback(async (): Promise<DocumentDetail | null> => {
    if (!id) return null;
    const d = await api<DocumentDetail>('GET', `/documents/${encodeURIComponent(id)}`);
    if (currentId.current !== id) return null;
    setDoc(d);
    return d;
  }, [id]);

  const loadHistory = useCallback(async () => {
    if (!id) return;
    try {
      const h = await api<HistoryRow[]>('GET', `/documents/${encodeURIComponent(id)}/history`);
      if (currentId.current !== id) return;
      setHistory(h);
      setHistoryError(null);
    } catch (err) {
      if (currentId.current === id) setHistoryError(messageOf(err));
    }
  }, [id]);

  // First load, and again when another document is opened.
  useEffect(() => {
    setDoc(null);
    setHistory(null);
    setLoadError(null);
    setHistoryError(null);
    setNotice(null);
    setReloadError(null);
    if (!id) {
      setLoadError('Không tìm thấy văn bản, hoặc bạn không có quyền xem văn bản này.');
      return;
    }
    loadDocument().catch((err) => {
      if (currentId.current === id) setLoadError(messageOf(err));
    });
    void loadHistory();
  }, [id, loadDocument, loadHistory]);

  // The route the document follows, in the version it started on.
  const routeKey = doc?.route.key;
  const routeVersion = doc?.route.version;
  useEffect(() => {
    if (!routeKey) return;
    let live = true;
    setWorkflowError(null);
    api<Workflow>('GET', `/workflows/${encodeURIComponent(routeKey)}?version=${routeVersion}`)
      .then((w) => live && setWorkflow(w))
      .catch((err) => {
        if (!live) return;
        setWorkflow(null);
        setWorkflowError(`Không tải được sơ đồ quy trình. ${messageOf(err)}`);
      });
    return () => {
      live = false;
    };
  }, [routeKey, routeVersion]);

  const stepNames = useMemo(() => {
    const names = workflow ? namesOf(workflow.xml) : {};
    if (doc) names[doc.step.id] = doc.step.name;
    return names;
  }, [workflow, doc]);

  const doneSteps = useMemo(() => {
    const ids = new Set<string>();
    for (const h of history ?? []) {
      if (h.fromStep) ids.add(h.fromStep);
      if (h.step) ids.add(h.step);
    }
    return [...ids];
  }, [history]);

  const onDone = useCallback(
    async (action: string) => {
      setNotice(null);
      setReloadError(null);
      let reloaded: DocumentDetail | null = null;
      try {
        [reloaded] = await Promise.all([loadDocument(), loadHistory()]);
      } catch (err) {
        setReloadError(`Thao tác đã thực hiện nhưng chưa tải lại được văn bản. ${messageOf(err)}`);
      }
      setNotice(doneMessage(action, reloaded));
    },
    [loadDocument, loadHistory],
  );

  const onStale = useCallback(async () => {
    setNotice(null);
    await Promise.all([loadDocument(), loadHistory()]);
  }, [loadDocument, loadHistory]);

  const focusHeading = useCallback(() => headingRef.current?.focus(), []);

  if (loadError) {
    return (
      <section className="document-page" aria-labelledby="doc-error-title">
        <h1 id="doc-error-title">Văn bản</h1>
        <ErrorBox message={loadError} />
        <p>
          <Link to="/">Về hộp văn bản</Link>
        </p>
      </section>
    );
  }
  if (!doc) return <Loading />;

  const overdue = doc.dueAt !== null && new Date(doc.dueAt).getTime() < Date.now();
  const assignees = doc.step.assignees ?? [];
  const canEdit = doc.state === 'drafting' && doc.drafter.id === user.id && !doc.recall;
  const issued = doc.numberSymbol !== null || doc.deliveries.length > 0;
  const dist = doc.distribution;
  const attachments = (doc as DocumentDetail & { attachments?: Attachment[] }).attachments ?? [];

  return (
    <section className="document-page" aria-labelledby="doc-title">
      <p className="back">
        <Link to="/">← Về hộp văn bản</Link>
      </p>

      <header className="doc-summary card">
        <p className="doc-marks">
          <Marks urgency={doc.urgency} confidentiality={doc.confidentiality} />
          <span className="doc-type">{doc.typeName}</span>
          <span className="doc-number">{doc.numberSymbol ? `Số ${doc.numberSymbol}` : 'Chưa cấp số'}</span>
        </p>
        <h1 id="doc-title" ref={headingRef} tabIndex={-1}>
          {doc.subject}
        </h1>
        <dl className="doc-facts">
          <div>
            <dt>Trạng thái</dt>
            <dd>
              <span className={`state state-${doc.state}`}>{STATE_LABELS[doc.state] ?? doc.state}</span>
              {doc.step.name && doc.step.name !== STATE_LABELS[doc.state] && <> · {doc.step.name}</>}
            </dd>
          </div>
          {assignees.length > 0 && (
            <div>
              <dt>Người xử lý</dt>
              <dd>{assignees.map((a) => a.fullName).join(', ')}</dd>
            </div>
          )}
          {doc.dueAt && (
            <div>
              <dt>Hạn xử lý</dt>
              <dd className={overdue ? 'overdue' : undefined}>
                {formatTime(doc.dueAt)}
                {overdue && ' — quá hạn'}
              </dd>
            </div>
          )}
          <div>
            <dt>Người soạn</dt>
            <dd>{doc.drafter.fullName}</dd>
          </div>
          <div>
            <dt>Người ký</dt>
            <dd>
              {doc.signer.fullName}
              {doc.signer.positionTitle && <span className="muted"> — {doc.signer.positionTitle}</span>}
            </dd>
          </div>
        </dl>
      </header>

      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorBox message={reloadError} />
      {doc.recall && (
        <div className="recall-banner" role="note">
          <p>Văn bản đã bị thu hồi: {doc.recall.reason ?? 'không nêu lý do'}</p>
          <p className="muted">Thời điểm thu hồi: {formatTime(doc.recall.at)}</p>
        </div>
      )}

      <OfficialPagePreview page={doc.page} />
      <p className="pdf-link">
        <button
          type="button"
          onClick={() =>
            download(`/documents/${doc.id}/pdf`, `${doc.numberSymbol ? doc.numberSymbol.replaceAll('/', '-') : 'du-thao'}.pdf`).catch((err) => setPdfError(messageOf(err)))
          }
        >
          Tải bản PDF
        </button>
      </p>
      <ErrorBox message={pdfError} />
      {signatures && signatures.length > 0 && (
        <section className="doc-section" aria-labelledby="signatures-title">
          <h2 id="signatures-title">Chữ ký số</h2>
          <ul className="signature-list">
            {signatures.map((s) => (
              <li key={s.index} className={s.valid ? 'valid' : 'invalid'}>
                <strong>{s.signer ?? 'Không rõ người ký'}</strong> — {s.valid ? 'hợp lệ' : 'không hợp lệ'}
                {s.signingTime && <span className="muted"> · ký lúc {formatTime(s.signingTime)}</span>}
                <span className="muted small"> · {s.coversWholeDocument ? 'bao trùm toàn bộ tệp' : 'tệp đã được bổ sung sau khi ký'}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {attachments.length > 0 && (
        <section className="doc-section attachments" aria-labelledby="attachments-title">
          <h2 id="attachments-title">Tệp đính kèm</h2>
          <AttachmentList documentId={doc.id} attachments={attachments} />
        </section>
      )}

      {issued && (
        <section className="doc-section" aria-labelledby="deliveries-title">
          <h2 id="deliveries-title">Nơi nhận và tình trạng</h2>
          <p className="distribution">
            Gửi {dist.deliveries} nơi: {dist.received} đã tiếp nhận, {dist.refused} từ chối, {dist.waiting} đang chờ.
            {dist.completedAt && <> Hoàn thành chuyển phát lúc {formatTime(dist.completedAt)}.</>}
          </p>
          {doc.deliveries.length > 0 ? (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="deliveries-title">
              <table className="deliveries">
                <thead>
                  <tr>
                    <th scope="col">Nơi nhận</th>
                    <th scope="col" className="col-channel">
                      Hình thức
                    </th>
                    <th scope="col">Tình trạng</th>
                    <th scope="col">Thời điểm</th>
                  </tr>
                </thead>
                <tbody>
                  {doc.deliveries.map((d) => (
                    <tr key={d.id} className={`delivery status-${d.status}`}>
                      <td>
                        {d.recipient.name}
                        {ROLE_LABELS[d.role] && <span className="muted small"> ({ROLE_LABELS[d.role]})</span>}
                        <span className="channel-inline muted small">{CHANNEL_LABELS[d.channel] ?? d.channel}</span>
                      </td>
                      <td className="col-channel">{CHANNEL_LABELS[d.channel] ?? d.channel}</td>
                      <td>
                        {DELIVERY_STATUS_LABELS[d.status] ?? d.status}
                        {d.statusReason && <span className="muted small">: {d.statusReason}</span>}
                        {d.recall && (
                          <span className="small">
                            {' '}
                            — thu hồi: {DELIVERY_STATUS_LABELS[d.recall.status] ?? d.recall.status}
                          </span>
                        )}
                      </td>
                      <td>{formatTime(d.statusAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="empty">Chưa có nơi nhận nào được gửi.</p>
          )}
        </section>
      )}

      {issued && <TaskProgress documentId={doc.id} />}

      <section className="doc-section" aria-labelledby="route-title">
        <h2 id="route-title">Sơ đồ quy trình</h2>
        {workflow && <p className="muted route-name">{workflow.name} — phiên bản {workflow.version}</p>}
        {workflowError && <p className="muted">{workflowError}</p>}
        {!workflow && !workflowError && <Loading />}
        {workflow && (
          <RouteDiagram
            xml={workflow.xml}
            currentId={doc.route.elementId}
            doneIds={doneSteps}
            steps={workflow.tasks ?? []}
            stepNames={stepNames}
          />
        )}
      </section>

      <section className="doc-section" aria-labelledby="history-title">
        <h2 id="history-title">Lịch sử xử lý</h2>
        <ErrorBox message={historyError} />
        {!history && !historyError && <Loading />}
        {history && <History entries={history} stepNames={stepNames} />}
      </section>

      <ActionDialog doc={doc} onDone={onDone} onStale={onStale} onFocusLost={focusHeading}>
        {canEdit && (
          <Link to={`/van-ban/${doc.id}/sua`} className="button edit-link">
            Sửa dự thảo
          </Link>
        )}
      </ActionDialog>
    </section>
  );
}
