import type { SessionUser } from '../api';

export function IncomingPage(_: { user: SessionUser; id?: string }) {
  return <p>…</p>;
}
