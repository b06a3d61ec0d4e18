import { useState } from 'react';
import { download, messageOf } from '../api';
import { ErrorBox } from './common';

/** An attachment (tệp đính kèm) as GET /api/documents/:id lists it. */
export interface Attachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  /** Once issued: the copy the agency signed (what downloads), or why it could not sign the file. */
  signedSha256?: string | null;
  signingProblem?: string | null;
}

/** `265 B`, `12,3 KB`, `1,2 MB`: binary units, one decimal, Vietnamese decimal comma. Pure. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  // 1023.96 KB rounds to "1024,0": show it as the next unit up instead.
  if (Math.round(value * 10) / 10 >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = (Math.round(value * 10) / 10).toFixed(1).replace(/\.0$/, '').replace('.', ',');
  return `${text} ${units[unit]}`;
}

const TYPE_NAMES: Array<[RegExp, string]> = [
  [/^application\/pdf$/, 'PDF'],
  [/^application\/(msword|vnd\.openxmlformats-officedocument\.wordprocessingml\.|vnd\.oasis\.opendocument\.text)/, 'Word'],
  [/^application\/(vnd\.ms-excel|vnd\.openxmlformats-officedocument\.spreadsheetml\.|vnd\.oasis\.opendocument\.spreadsheet)/, 'Excel'],
  [/^application\/(vnd\.ms-powerpoint|vnd\.openxmlformats-officedocument\.presentationml\.|vnd\.oasis\.opendocument\.presentation)/, 'PowerPoint'],
  [/^application\/(zip|x-zip-compressed|x-7z-compressed|x-rar-compressed|vnd\.rar)$/, 'Tệp nén'],
  [/^image\//, 'Ảnh'],
  [/^text\/plain$/, 'Văn bản thuần'],
  [/^text\/csv$/, 'CSV'],
  [/^application\/xml$|^text\/xml$/, 'XML'],
];

/** What kind of file it is, for people: `PDF`, `Word`, `Ảnh (PNG)`…, else the extension or the media type. Pure. */
export function typeLabel(contentType: string, name: string): string {
  const ct = contentType.toLowerCase();
  for (const [re, label] of TYPE_NAMES) {
    if (!re.test(ct)) continue;
    return label === 'Ảnh' ? `Ảnh (${ct.slice(6).replace(/^svg\+xml$/, 'svg').toUpperCase()})` : label;
  }
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1];
  if (ext) return `Tệp ${ext.toUpperCase()}`;
  return ct && ct !== 'application/octet-stream' ? ct : 'Không rõ định dạng';
}

/** The attachments of a document, each a button that downloads it, with its size and type. */
export function AttachmentList({ documentId, attachments }: { documentId: string; attachments: Attachment[] }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const get = async (a: Attachment) => {
    if (busy) return;
    setBusy(a.id);
    setError(null);
    try {
      await download(`/documents/${encodeURIComponent(documentId)}/attachments/${encodeURIComponent(a.id)}`, a.name);
    } catch (err) {
      setError(`Không tải về được tệp “${a.name}”. ${messageOf(err)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <ul className="attachment-list">
        {attachments.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className="attachment-name"
              title="Tải về"
              aria-describedby={`attachment-${a.id}-meta`}
              disabled={busy === a.id}
              onClick={() => get(a)}
            >
              <svg className="attachment-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                <path d="M12 3v12m0 0-5-5m5 5 5-5M4 19h16" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
              <span className="attachment-text">{a.name}</span>
            </button>
            <span className="attachment-meta muted" id={`attachment-${a.id}-meta`}>
              {formatSize(a.size)} · {typeLabel(a.contentType, a.name)}
              {a.signedSha256 && ' · đã ký số của cơ quan'}
              {a.signingProblem && ' · không ký số được, gửi nguyên bản'}
              {busy === a.id && ' · đang tải về…'}
            </span>
          </li>
        ))}
      </ul>
      <ErrorBox message={error} />
    </>
  );
}
