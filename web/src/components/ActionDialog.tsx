import { useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { api, ApiError, messageOf } from '../api';
import { ACTION_LABELS, ANSWER_LABELS } from '../labels';
import type { DocumentDetail } from '../types';

type Answer = 'agree' | 'disagree' | 'other';

const ANSWERS = Object.entries(ANSWER_LABELS) as Array<[Answer, string]>;

/** Actions that move the document back or out of its route: shown less prominently than the ones that advance it. */
const SECONDARY = new Set(['return', 'withdraw']);

export const RETURN_NEEDS_COMMENT = 'Vui lòng nhập ý kiến khi trả lại.';

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export interface ActionDialogProps {
  doc: DocumentDetail;
  /** After the action succeeded: reload what the page shows and say what happened. The dialog closes after it. */
  onDone: (action: string) => Promise<void>;
  /** The document changed meanwhile (409): reload it so the buttons reflect its state. */
  onStale: () => Promise<void>;
  /** Where focus goes when the button that opened the dialog is gone (the document moved on). */
  onFocusLost: () => void;
  /** More items for the action bar (e.g. the link to edit the draft). */
  children?: ReactNode;
}

/**
 * One button per action the user may take now; each opens a modal dialog to confirm it with an optional comment
 * (required to return a document), then POST /api/documents/:id/actions with the version the user saw.
 */
export function ActionDialog({ doc, onDone, onStale, onFocusLost, children }: ActionDialogProps) {
  const [active, setActive] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [answer, setAnswer] = useState<Answer>('agree');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const opener = useRef<HTMLButtonElement | null>(null);
  const restoreFocus = useRef(false);
  const openRef = useRef<string | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const firstRadioRef = useRef<HTMLInputElement>(null);
  const uid = useId();
  const titleId = `${uid}-title`;
  const commentId = `${uid}-comment`;
  const hintId = `${uid}-hint`;
  const errorId = `${uid}-error`;

  const open = (action: string, button: HTMLButtonElement) => {
    opener.current = button;
    openRef.current = action;
    setActive(action);
    setComment('');
    setAnswer('agree');
    setError(null);
  };

  const close = () => {
    openRef.current = null;
    restoreFocus.current = true;
    setActive(null);
    setError(null);
  };

  // Show the dialog modally (the rest of the page is inert) and move focus into it.
  useLayoutEffect(() => {
    const d = dialogRef.current;
    if (!active || !d) return;
    if (typeof d.showModal === 'function') {
      if (!d.open) d.showModal();
    } else {
      d.setAttribute('open', '');
    }
    (active === 'answer' ? firstRadioRef.current : textRef.current)?.focus();
  }, [active]);

  // Back to the button that opened it, or somewhere sensible when the document moved on and the button is gone.
  useEffect(() => {
    if (active || !restoreFocus.current) return;
    restoreFocus.current = false;
    const el = opener.current;
    opener.current = null;
    if (el && el.isConnected && !el.disabled) el.focus();
    else onFocusLost();
  }, [active, doc, onFocusLost]);

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!active || busy) return;
    const action = active;
    const text = comment.trim();
    if (action === 'return' && !text) {
      setError(RETURN_NEEDS_COMMENT);
      textRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/documents/${doc.id}/actions`, {
        action,
        ...(text ? { comment: text } : {}),
        ...(action === 'answer' ? { answer } : {}),
        expectedVersion: doc.version,
      });
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && (err.status === 409 || err.status === 403)) {
        try {
          await onStale();
        } catch {
          // the message below still stands
        }
      }
      if (openRef.current === action) setError(messageOf(err));
      return;
    }
    try {
      await onDone(action);
    } finally {
      setBusy(false);
      if (openRef.current === action) close();
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  const actions = doc.availableActions;
  const hasBar = actions.length > 0 || !!children;
  if (!hasBar && !active) return null;
  const label = active ? actionLabel(active) : '';
  const needsComment = active === 'return';
  return (
    <>
      {hasBar && (
        <div className="doc-actions" role="group" aria-label="Thao tác với văn bản">
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              className={SECONDARY.has(a) ? 'danger action-button' : 'primary action-button'}
              data-action={a}
              aria-haspopup="dialog"
              onClick={(e) => open(a, e.currentTarget)}
            >
              {actionLabel(a)}
            </button>
          ))}
          {children}
        </div>
      )}
      {active && (
        <dialog
          ref={dialogRef}
          className="action-dialog"
          role="dialog"
          aria-modal="true"
          aria-labelledby={titleId}
          onKeyDown={onKeyDown}
          onCancel={(e) => {
            e.preventDefault();
            close();
          }}
        >
          <form onSubmit={confirm} noValidate>
            <h2 id={titleId}>Xác nhận: {label}</h2>
            <p className="dialog-subject">
              {doc.numberSymbol ? `Số ${doc.numberSymbol} — ` : ''}
              {doc.subject}
            </p>
            {active === 'answer' && (
              <fieldset>
                <legend>Nội dung trả lời</legend>
                {ANSWERS.map(([value, text], i) => (
                  <label key={value} className="radio">
                    <input
                      ref={i === 0 ? firstRadioRef : undefined}
                      type="radio"
                      name={`${uid}-answer`}
                      value={value}
                      checked={answer === value}
                      onChange={() => setAnswer(value)}
                    />
                    {text}
                  </label>
                ))}
              </fieldset>
            )}
            <label htmlFor={commentId}>Ý kiến</label>
            <p id={hintId} className="hint">
              {needsComment ? 'Bắt buộc: nêu lý do trả lại để người soạn thảo chỉnh sửa.' : 'Không bắt buộc.'}
            </p>
            <textarea
              ref={textRef}
              id={commentId}
              value={comment}
              maxLength={4000}
              rows={4}
              required={needsComment}
              aria-required={needsComment}
              aria-invalid={needsComment && error === RETURN_NEEDS_COMMENT ? true : undefined}
              aria-describedby={error ? `${hintId} ${errorId}` : hintId}
              onChange={(e) => setComment(e.target.value)}
            />
            {error && (
              <p id={errorId} role="alert" className="error">
                {error}
              </p>
            )}
            {busy && (
              <p className="muted" role="status">
                Đang xử lý…
              </p>
            )}
            <div className="dialog-buttons">
              <button type="button" onClick={close}>
                Hủy
              </button>
              <button type="submit" className={needsComment || active === 'withdraw' ? 'danger' : 'primary'} disabled={busy}>
                Xác nhận
              </button>
            </div>
          </form>
        </dialog>
      )}
    </>
  );
}
