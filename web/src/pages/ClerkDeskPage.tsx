import type { SessionUser } from '../api';

export function ClerkDeskPage(_: { user: SessionUser; id?: string }) {
  return <p>…</p>;
}
