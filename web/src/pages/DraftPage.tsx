import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, messageOf, upload, type SessionUser } from '../api';
import { formatSize, type Attachment } from '../components/Attachments';
import { TaskTable } from '../components/TaskTable';
import { ErrorBox, Loading } from '../components/common';
import { CONFIDENTIALITY_LABELS, STATE_LABELS, TYPE_OPTIONS, URGENCY_LABELS } from '../labels';
import { Link, navigate } from '../router';
import type { DocumentDetail } from '../types';
import './forms.css';

/** A recipient of GET /api/recipients (groups carry their members). */
interface DirectoryRecipient {
  id: string;
  code: string;
  name: string;
  kind: 'agency' | 'group';
  channel: string | null;
  category: string | null;
  shortName: string | null;
  members?: Array<{ id: string; code: string; name: string }>;
}

/** A choice of GET /api/signers/options: who signs, in which position, with the block it prints. */
interface SignerOption {
  signer: { id: string; username: string; fullName: string };
  positionId: string;
  positionTitle: string | null;
  kind: string;
  signatureBlock: string[];
}

/** The document as loaded for editing: the detail view plus the signer's position and the attachments. */
type EditableDocument = DocumentDetail & {
  signer: DocumentDetail['signer'] & { position?: { id: string; title: string } | null };
  attachments?: Attachment[];
};

/** A file chosen on this form, uploaded when the draft is saved; `error` says why its last upload failed. */
interface PendingFile {
  key: string;
  file: File;
  error?: string;
}

let pendingSeq = 0;

type FieldKey = 'type' | 'subject' | 'body' | 'addressees' | 'copiesTo' | 'urgency' | 'confidentiality' | 'signer';

const FIELD_OF_API: Record<string, FieldKey> = {
  type: 'type',
  subject: 'subject',
  body: 'body',
  addressees: 'addressees',
  copiesTo: 'copiesTo',
  urgency: 'urgency',
  confidentiality: 'confidentiality',
  signerId: 'signer',
  signerPositionId: 'signer',
};

const FIELD_IDS: Record<FieldKey, string> = {
  type: 'draft-type',
  subject: 'draft-subject',
  body: 'draft-body',
  addressees: 'draft-addressees',
  copiesTo: 'draft-copies',
  urgency: 'draft-urgency',
  confidentiality: 'draft-confidentiality',
  signer: 'draft-signer',
};

const KIND_LABELS: Record<string, string> = {
  head: 'Người đứng đầu ký',
  deputy: 'Ký thay (KT.)',
  acting: 'Quyền (Q.)',
  'by-order': 'Thừa lệnh (TL.)',
  'by-authorisation': 'Thừa ủy quyền (TUQ.)',
  advisory: 'Tổ chức tư vấn',
};

const CHANNEL_LABELS: Record<string, string> = {
  internal: 'nhận trên hệ thống',
  edxml: 'gửi qua trục liên thông',
  manual: 'gửi bản giấy',
};

/** The Vietnamese reason to show next to a field the API refused. */
function reasonText(field: FieldKey): string {
  switch (field) {
    case 'subject':
      return 'Vui lòng nhập trích yếu.';
    case 'addressees':
      return 'Chọn ít nhất một nơi nhận ở mục Kính gửi.';
    case 'copiesTo':
      return 'Nơi nhận khác chưa hợp lệ (một nơi nhận không được chọn hai lần).';
    case 'signer':
      return 'Chọn người ký.';
    default:
      return 'Giá trị chưa hợp lệ.';
  }
}

/** The new-draft form (/van-ban/moi) and the edit form of a draft (/van-ban/:id/sua). */
export function DraftPage({ user, id }: { user: SessionUser; id?: string }) {
  const [recipients, setRecipients] = useState<DirectoryRecipient[] | null>(null);
  const [doc, setDoc] = useState<EditableDocument | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const [type, setType] = useState('CV');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [addressees, setAddressees] = useState<string[]>([]);
  const [copies, setCopies] = useState<Record<string, string>>({});
  const [urgency, setUrgency] = useState('normal');
  const [confidentiality, setConfidentiality] = useState('normal');
  const [signer, setSigner] = useState('');

  const [options, setOptions] = useState<SignerOption[] | null>(null);
  const [optionsError, setOptionsError] = useState<string | null>(null);

  const [invalid, setInvalid] = useState<Partial<Record<FieldKey, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'submit'>(null);
  // Set once a new draft was saved here but could not be submitted: later saves edit it.
  const [savedId, setSavedId] = useState<string | null>(id ?? null);
  const versionRef = useRef<number | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  // Tệp đính kèm: those already on the saved draft, and those chosen here, uploaded on save.
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [pending, setPending] = useState<PendingFile[]>([]);
  const [removing, setRemoving] = useState<string | null>(null);
  const [attachError, setAttachError] = useState<string | null>(null);

  // The directory, and the draft being edited.
  useEffect(() => {
    let live = true;
    setLoadError(null);
    Promise.all([
      api<DirectoryRecipient[]>('GET', '/recipients'),
      id ? api<EditableDocument>('GET', `/documents/${encodeURIComponent(id)}`) : Promise.resolve(null),
    ])
      .then(([list, d]) => {
        if (!live) return;
        setRecipients(list);
        if (d) {
          setDoc(d);
          versionRef.current = d.version;
          setType(d.type);
          setSubject(d.subject);
          setBody(d.body ?? '');
          setAddressees(d.addressees.map((a) => a.id));
          setCopies(Object.fromEntries(d.copiesTo.map((c) => [c.id, c.note ?? ''])));
          setUrgency(d.urgency);
          setConfidentiality(d.confidentiality);
          setSigner(d.signer.position?.id ? `${d.signer.id}|${d.signer.position.id}` : '');
          setAttachments(d.attachments ?? []);
        }
      })
      .catch((err) => live && setLoadError(messageOf(err)));
    return () => {
      live = false;
    };
  }, [id]);

  // Who may sign a document of this type; reloaded whenever the type changes.
  const field = doc?.field ?? null;
  useEffect(() => {
    let live = true;
    setOptions(null);
    setOptionsError(null);
    const qs = new URLSearchParams({ type });
    if (field) qs.set('field', field);
    api<SignerOption[]>('GET', `/signers/options?${qs}`)
      .then((list) => {
        if (!live) return;
        setOptions(list);
        setSigner((current) => {
          if (current && list.some((o) => `${o.signer.id}|${o.positionId}` === current)) return current;
          // A draft's saved signer whose position is unknown: keep the same person when he has a single option.
          const person = current.split('|')[0];
          const same = list.filter((o) => o.signer.id === person);
          if (person && same.length === 1) return `${same[0].signer.id}|${same[0].positionId}`;
          return list.length === 1 ? `${list[0].signer.id}|${list[0].positionId}` : '';
        });
      })
      .catch((err) => live && setOptionsError(messageOf(err)));
    return () => {
      live = false;
    };
  }, [type, field]);

  const chosen = options?.find((o) => `${o.signer.id}|${o.positionId}` === signer) ?? null;

  // Set while the message shown is the on-screen check's: it goes away once every field it named is fixed.
  const checkMessage = useRef(false);
  const clearInvalid = (key: FieldKey) => {
    if (!invalid[key]) return;
    const next = { ...invalid };
    delete next[key];
    setInvalid(next);
    if (Object.keys(next).length === 0 && checkMessage.current) {
      checkMessage.current = false;
      setError(null);
    }
  };

  const toggleAddressee = (rid: string, on: boolean) => {
    clearInvalid('addressees');
    setAddressees((prev) => {
      const set = new Set(prev);
      if (on) set.add(rid);
      else set.delete(rid);
      // Keep the directory's order: it is the order the page prints.
      return (recipients ?? []).map((r) => r.id).filter((x) => set.has(x));
    });
    if (on) {
      setCopies((prev) => {
        if (!(rid in prev)) return prev;
        const next = { ...prev };
        delete next[rid];
        return next;
      });
    }
  };

  const toggleCopy = (rid: string, on: boolean) => {
    clearInvalid('copiesTo');
    setCopies((prev) => {
      const next = { ...prev };
      if (on) next[rid] = next[rid] ?? '';
      else delete next[rid];
      return next;
    });
  };

  const focusField = (key: FieldKey) => {
    requestAnimationFrame(() => {
      const el = document.getElementById(FIELD_IDS[key]);
      const target = el?.tagName === 'FIELDSET' ? el.querySelector<HTMLElement>('input') : el;
      target?.focus();
    });
  };

  const validate = (): boolean => {
    const problems: Partial<Record<FieldKey, string>> = {};
    if (!subject.trim()) problems.subject = reasonText('subject');
    if (addressees.length === 0) problems.addressees = reasonText('addressees');
    if (!chosen) problems.signer = reasonText('signer');
    setInvalid(problems);
    const keys = Object.keys(problems) as FieldKey[];
    if (keys.length) {
      checkMessage.current = true;
      setError(`Chưa lưu được. ${keys.map((k) => problems[k]).join(' ')}`);
      focusField(keys[0]);
      return false;
    }
    return true;
  };

  const payload = () => {
    const [signerId, signerPositionId] = signer.split('|');
    const directoryOrder = (recipients ?? []).map((r) => r.id);
    return {
      type,
      subject: subject.trim(),
      body,
      addressees,
      copiesTo: directoryOrder
        .filter((rid) => rid in copies && !addressees.includes(rid))
        .map((rid) => (copies[rid].trim() ? { recipientId: rid, note: copies[rid].trim() } : { recipientId: rid })),
      urgency,
      confidentiality,
      signerId,
      signerPositionId,
    };
  };

  const showApiError = (err: unknown, prefix = '') => {
    checkMessage.current = false;
    setError(prefix + messageOf(err));
    if (err instanceof ApiError && err.status === 400) {
      const fields = (err.details?.fields as Array<{ field: string; reason: string }> | undefined) ?? [];
      const problems: Partial<Record<FieldKey, string>> = {};
      for (const f of fields) {
        const key = FIELD_OF_API[f.field.split('.')[0]];
        if (key) problems[key] = reasonText(key);
      }
      setInvalid(problems);
      const first = Object.keys(problems)[0] as FieldKey | undefined;
      if (first) focusField(first);
    }
    requestAnimationFrame(() => errorRef.current?.scrollIntoView({ block: 'nearest' }));
  };

  /** Reloads the saved draft's attachments and version (each upload or removal changes the version). */
  const refreshAttachments = async (docId: string) => {
    const d = await api<EditableDocument>('GET', `/documents/${encodeURIComponent(docId)}`);
    versionRef.current = d.version;
    setAttachments(d.attachments ?? []);
  };

  const chooseFiles = (list: FileList | null) => {
    const picked = Array.from(list ?? []);
    if (!picked.length) return;
    // An empty file is refused by the API: say so now rather than on save.
    const empty = picked.filter((f) => f.size === 0);
    const files = picked.filter((f) => f.size > 0);
    setAttachError(
      empty.length
        ? `Không đính kèm được ${empty.map((f) => `“${f.name}”`).join(', ')}: tệp rỗng (0 B).`
        : null,
    );
    setPending((prev) => {
      const seen = new Set(prev.map((p) => `${p.file.name}|${p.file.size}|${p.file.lastModified}`));
      const added = files
        .filter((f) => !seen.has(`${f.name}|${f.size}|${f.lastModified}`))
        .map((file) => ({ key: `f${++pendingSeq}`, file }));
      return [...prev, ...added];
    });
  };

  const removeAttachment = async (a: Attachment) => {
    if (!savedId || removing || busy) return;
    setRemoving(a.id);
    setAttachError(null);
    try {
      await api('DELETE', `/documents/${encodeURIComponent(savedId)}/attachments/${encodeURIComponent(a.id)}`);
    } catch (err) {
      setAttachError(`Chưa xóa được tệp “${a.name}”. ${messageOf(err)}`);
    }
    try {
      await refreshAttachments(savedId);
    } catch {
      // the list stays as it was; the next save reloads it
    }
    setRemoving(null);
  };

  /** Uploads the chosen files one by one; those uploaded leave the list, the others keep their error. */
  const uploadPending = async (docId: string): Promise<string[]> => {
    const failures: string[] = [];
    const left: PendingFile[] = [];
    for (const p of pending) {
      try {
        await upload<Attachment>(`/documents/${encodeURIComponent(docId)}/attachments`, p.file);
      } catch (err) {
        const message = messageOf(err);
        failures.push(`Chưa tải lên được tệp “${p.file.name}”: ${message}`);
        left.push({ ...p, error: message });
      }
    }
    setPending(left);
    if (left.length < pending.length) {
      try {
        await refreshAttachments(docId);
      } catch {
        // the version is unknown: a submit would be refused as stale and say so
      }
    }
    return failures;
  };

  const save = async (e: FormEvent | null, andSubmit: boolean) => {
    e?.preventDefault();
    if (busy) return;
    setError(null);
    if (!validate()) return;
    setBusy(andSubmit ? 'submit' : 'save');
    let docId = savedId;
    try {
      const saved = docId
        ? await api<{ id: string; version: number }>('PATCH', `/documents/${encodeURIComponent(docId)}`, payload())
        : await api<{ id: string; version: number }>('POST', '/documents', payload());
      docId = saved.id;
      versionRef.current = saved.version;
    } catch (err) {
      setBusy(null);
      showApiError(err);
      return;
    }
    // The draft exists now: stay on it, as its edit form, if anything below fails, so the next save does not create a second one.
    const stayOnDraft = () => {
      if (!savedId) {
        setSavedId(docId);
        history.replaceState(null, '', `/van-ban/${docId}/sua`);
      }
    };
    if (pending.length) {
      setAttachError(null);
      const failures = await uploadPending(docId);
      if (failures.length) {
        setBusy(null);
        stayOnDraft();
        checkMessage.current = false;
        setInvalid({});
        setError(`${andSubmit ? 'Đã lưu dự thảo nhưng chưa trình được.' : 'Đã lưu dự thảo.'} ${failures.join(' ')}`);
        requestAnimationFrame(() => errorRef.current?.scrollIntoView({ block: 'nearest' }));
        return;
      }
    }
    if (andSubmit) {
      try {
        await api('POST', `/documents/${encodeURIComponent(docId)}/actions`, {
          action: 'submit',
          ...(versionRef.current ? { expectedVersion: versionRef.current } : {}),
        });
      } catch (err) {
        setBusy(null);
        stayOnDraft();
        showApiError(err, 'Đã lưu dự thảo nhưng chưa trình được. ');
        return;
      }
    }
    navigate(`/van-ban/${docId}`);
  };

  const title = id ? 'Sửa dự thảo' : 'Soạn văn bản mới';

  if (loadError) {
    return (
      <section aria-labelledby="draft-title">
        <h1 id="draft-title">{title}</h1>
        <ErrorBox message={loadError} />
        <p>
          <Link to="/">Về hộp văn bản</Link>
        </p>
      </section>
    );
  }
  if (!recipients || (id && !doc)) {
    return (
      <section aria-labelledby="draft-title">
        <h1 id="draft-title">{title}</h1>
        <Loading />
      </section>
    );
  }
  if (doc && (doc.state !== 'drafting' || doc.drafter.id !== user.id)) {
    return (
      <section aria-labelledby="draft-title">
        <h1 id="draft-title">{title}</h1>
        <div className="error" role="alert">
          {doc.state !== 'drafting'
            ? `Văn bản đang ở bước “${STATE_LABELS[doc.state] ?? doc.state}”: chỉ sửa được khi còn là dự thảo.`
            : 'Chỉ người soạn thảo mới được sửa dự thảo này.'}
        </div>
        <p>
          <Link to={`/van-ban/${doc.id}`}>Xem văn bản</Link>
        </p>
      </section>
    );
  }

  const invalidProps = (key: FieldKey) =>
    invalid[key] ? { 'aria-invalid': true as const, 'aria-describedby': `${FIELD_IDS[key]}-error` } : {};
  const fieldError = (key: FieldKey) =>
    invalid[key] ? (
      <p className="field-error" id={`${FIELD_IDS[key]}-error`}>
        {invalid[key]}
      </p>
    ) : null;

  return (
    <section aria-labelledby="draft-title">
      <div className="page-head">
        <h1 id="draft-title">{title}</h1>
        {doc && <Link to={`/van-ban/${doc.id}`}>Xem văn bản</Link>}
      </div>
      <form className="card form-card" onSubmit={(e) => save(e, false)} noValidate>
        <div className="form-grid two">
          <div>
            <label htmlFor={FIELD_IDS.type}>Loại văn bản</label>
            <select
              id={FIELD_IDS.type}
              value={type}
              onChange={(e) => {
                clearInvalid('type');
                setType(e.target.value);
              }}
              {...invalidProps('type')}
            >
              {TYPE_OPTIONS.map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
            {fieldError('type')}
          </div>
        </div>

        <div>
          <label htmlFor={FIELD_IDS.subject}>
            Trích yếu <span className="required" aria-hidden="true">*</span>
          </label>
          <input
            id={FIELD_IDS.subject}
            value={subject}
            maxLength={500}
            required
            onChange={(e) => {
              clearInvalid('subject');
              setSubject(e.target.value);
            }}
            {...invalidProps('subject')}
          />
          {fieldError('subject')}
        </div>

        <div>
          <label htmlFor={FIELD_IDS.body}>Nội dung</label>
          <textarea
            id={FIELD_IDS.body}
            value={body}
            rows={10}
            onChange={(e) => {
              clearInvalid('body');
              setBody(e.target.value);
            }}
            {...invalidProps('body')}
          />
          {fieldError('body')}
        </div>

        <fieldset id={FIELD_IDS.addressees} className={invalid.addressees ? 'invalid' : undefined} aria-describedby={invalid.addressees ? `${FIELD_IDS.addressees}-error` : undefined}>
          <legend>
            Kính gửi <span className="required" aria-hidden="true">*</span>
          </legend>
          <p className="hint">Chọn ít nhất một nơi nhận.</p>
          <ul className="check-list cols">
            {recipients.map((r) => (
              <li key={r.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={addressees.includes(r.id)}
                    aria-labelledby={`draft-to-${r.id}`}
                    aria-describedby={`draft-to-${r.id}-note`}
                    onChange={(e) => toggleAddressee(r.id, e.target.checked)}
                  />
                  <span>
                    <span id={`draft-to-${r.id}`}>{r.name}</span>
                    <span className="sub" id={`draft-to-${r.id}-note`}>
                      {recipientNote(r)}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {fieldError('addressees')}
        </fieldset>

        <fieldset id={FIELD_IDS.copiesTo} className={invalid.copiesTo ? 'invalid' : undefined} aria-describedby={invalid.copiesTo ? `${FIELD_IDS.copiesTo}-error` : undefined}>
          <legend>Nơi nhận khác (để biết, để báo cáo…)</legend>
          <ul className="check-list">
            {recipients.map((r) => {
              const isAddressee = addressees.includes(r.id);
              const checked = r.id in copies && !isAddressee;
              const noteId = `draft-copy-note-${r.id}`;
              return (
                <li key={r.id}>
                  <label className={`check${isAddressee ? ' disabled' : ''}`}>
                    <input
                      type="checkbox"
                      checked={checked}
                      disabled={isAddressee}
                      aria-labelledby={`draft-cc-${r.id}`}
                      aria-describedby={isAddressee ? `draft-cc-${r.id}-note` : undefined}
                      onChange={(e) => toggleCopy(r.id, e.target.checked)}
                    />
                    <span>
                      <span id={`draft-cc-${r.id}`}>{r.name}</span>
                      {isAddressee && (
                        <span className="sub" id={`draft-cc-${r.id}-note`}>
                          Đã chọn ở Kính gửi
                        </span>
                      )}
                    </span>
                  </label>
                  {checked && (
                    <div className="copy-note">
                      <label htmlFor={noteId}>Ghi chú cho {r.name}</label>
                      <input
                        id={noteId}
                        value={copies[r.id]}
                        maxLength={200}
                        placeholder="ví dụ: để b/c"
                        onChange={(e) => setCopies((prev) => ({ ...prev, [r.id]: e.target.value }))}
                      />
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
          {fieldError('copiesTo')}
        </fieldset>

        <div className="form-grid two">
          <div>
            <label htmlFor={FIELD_IDS.urgency}>Độ khẩn</label>
            <select id={FIELD_IDS.urgency} value={urgency} onChange={(e) => setUrgency(e.target.value)} {...invalidProps('urgency')}>
              {Object.entries(URGENCY_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
            {fieldError('urgency')}
          </div>
          <div>
            <label htmlFor={FIELD_IDS.confidentiality}>Độ mật</label>
            <select
              id={FIELD_IDS.confidentiality}
              value={confidentiality}
              onChange={(e) => setConfidentiality(e.target.value)}
              {...invalidProps('confidentiality')}
            >
              {Object.entries(CONFIDENTIALITY_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
            {fieldError('confidentiality')}
          </div>
        </div>

        <div>
          <label htmlFor={FIELD_IDS.signer}>
            Người ký <span className="required" aria-hidden="true">*</span>
          </label>
          <select
            id={FIELD_IDS.signer}
            value={chosen ? signer : ''}
            disabled={!options}
            onChange={(e) => {
              clearInvalid('signer');
              setSigner(e.target.value);
            }}
            {...invalidProps('signer')}
          >
            <option value="">{options ? (options.length ? '— Chọn người ký —' : 'Không có người ký cho loại văn bản này') : 'Đang tải…'}</option>
            {options?.map((o) => (
              <option key={`${o.signer.id}|${o.positionId}`} value={`${o.signer.id}|${o.positionId}`}>
                {o.signer.fullName} — {o.positionTitle ?? ''}
              </option>
            ))}
          </select>
          {fieldError('signer')}
          <ErrorBox message={optionsError} />
          {chosen && (
            <div className="signature-box" role="group" aria-labelledby="draft-signature-title">
              <h3 id="draft-signature-title">Khối chữ ký</h3>
              <div className="lines">
                {chosen.signatureBlock.slice(0, -1).map((line, i) => (
                  <p key={i} className="title">
                    {line}
                  </p>
                ))}
                <div className="space" aria-hidden="true" />
                <p className="name">{chosen.signatureBlock[chosen.signatureBlock.length - 1]}</p>
              </div>
              {KIND_LABELS[chosen.kind] && <p className="hint">{KIND_LABELS[chosen.kind]}</p>}
            </div>
          )}
        </div>

        <div className="attachments-field">
          <label htmlFor="draft-files">Tệp đính kèm</label>
          <p className="hint" id="draft-files-hint">
            Chọn một hoặc nhiều tệp; tệp được tải lên khi lưu dự thảo. Tối đa 20 tệp, mỗi tệp không quá 20 MB.
          </p>
          <input
            id="draft-files"
            type="file"
            multiple
            aria-describedby="draft-files-hint"
            disabled={busy !== null}
            onChange={(e) => {
              chooseFiles(e.target.files);
              // The same file can be chosen again after it was taken off the list.
              e.target.value = '';
            }}
          />
          {attachments.length > 0 && (
            <>
              <h3 className="files-title" id="draft-files-saved">
                Đã đính kèm ({attachments.length})
              </h3>
              <ul className="file-list" aria-labelledby="draft-files-saved">
                {attachments.map((a) => (
                  <li key={a.id}>
                    <span className="file-name">{a.name}</span>
                    <span className="file-size">{formatSize(a.size)}</span>
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Xóa ${a.name}`}
                      disabled={busy !== null || removing !== null}
                      onClick={() => removeAttachment(a)}
                    >
                      {removing === a.id ? 'Đang xóa…' : 'Xóa'}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {pending.length > 0 && (
            <>
              <h3 className="files-title" id="draft-files-pending">
                Sẽ tải lên khi lưu ({pending.length})
              </h3>
              <ul className="file-list" aria-labelledby="draft-files-pending">
                {pending.map((p) => (
                  <li key={p.key} className={p.error ? 'failed' : undefined}>
                    <span className="file-name">{p.file.name}</span>
                    <span className="file-size">{formatSize(p.file.size)}</span>
                    <button
                      type="button"
                      aria-label={`Bỏ ${p.file.name}`}
                      disabled={busy !== null}
                      onClick={() => setPending((prev) => prev.filter((x) => x.key !== p.key))}
                    >
                      Bỏ
                    </button>
                    {p.error && <p className="field-error">{p.error}</p>}
                  </li>
                ))}
              </ul>
            </>
          )}
          <ErrorBox message={attachError} />
        </div>

        {savedId && <TaskTable documentId={savedId} onChanged={() => refreshAttachments(savedId)} />}

        <div ref={errorRef}>
          <ErrorBox message={error} />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy !== null}>
            {busy === 'save' ? 'Đang lưu…' : 'Lưu dự thảo'}
          </button>
          <button type="button" className="primary" disabled={busy !== null} onClick={() => save(null, true)}>
            {busy === 'submit' ? 'Đang lưu và trình…' : 'Lưu và trình'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** `Nhóm: UBND xã A, UBND xã B` for a group; how an agency is reached otherwise. */
function recipientNote(r: DirectoryRecipient): string {
  if (r.kind === 'group') return r.members?.length ? `Nhóm: ${r.members.map((m) => m.name).join(', ')}` : 'Nhóm nơi nhận';
  return r.channel ? CHANNEL_LABELS[r.channel] ?? '' : '';
}
