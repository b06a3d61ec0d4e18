import type { SessionUser } from '../api';

export function DraftPage(_: { user: SessionUser; id?: string }) {
  return <p>…</p>;
}
