import type { SessionUser } from '../api';

export function DocumentPage(_: { user: SessionUser; id?: string }) {
  return <p>…</p>;
}
