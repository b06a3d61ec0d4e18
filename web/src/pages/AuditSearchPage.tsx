import type { SessionUser } from '../api';

export function AuditSearchPage(_: { user: SessionUser; id?: string }) {
  return <p>…</p>;
}
