import { afterAll, beforeAll } from '@jest/globals';
import { createTestApp, login, type TestApp } from './test-app.js';
import { OutboxService } from '../../src/recipients/outbox.service.js';

export const DEMO_LOGINS = ['chuyenvien', 'truongphong', 'pcvp', 'cvp', 'pct', 'chutich', 'vanthu', 'luutru', 'admin', 'cvstp', 'ppcntt', 'tpth', 'tpkgvx', 'tpkt', 'vtstp', 'tpxdkt', 'vtskhcn', 'tpcds', 'gdstp', 'gdskhcn'] as const;
export type DemoLogin = (typeof DEMO_LOGINS)[number];

export type Tokens = Record<DemoLogin, string>;

export async function loginAll(t: TestApp): Promise<Tokens> {
  const entries = await Promise.all(DEMO_LOGINS.map(async (u) => [u, await login(t, u)] as const));
  return Object.fromEntries(entries) as Tokens;
}

export interface Directory {
  recipients: Array<{ id: string; code: string; name: string; kind: string }>;
  signers: Array<{ id: string; username: string; fullName: string }>;
}

export async function directory(t: TestApp, tokens: Tokens): Promise<Directory> {
  const recipients = await t.http.get('/api/recipients').set('Authorization', tokens.chuyenvien);
  const signers = await t.http.get('/api/signers').set('Authorization', tokens.chuyenvien);
  return { recipients: recipients.body, signers: signers.body };
}

export function recipient(dir: Directory, code: string): string {
  const r = dir.recipients.find((x) => x.code === code);
  if (!r) throw new Error(`no recipient ${code}`);
  return r.id;
}

export function signer(dir: Directory, username: string): string {
  const s = dir.signers.find((x) => x.username === username);
  if (!s) throw new Error(`no signer ${username}`);
  return s.id;
}

/** A công văn draft by `chuyenvien`, signed by `pct` unless told otherwise. */
export function congVanBody(dir: Directory, overrides: Record<string, unknown> = {}) {
  return {
    type: 'CV',
    subject: 'Triển khai thực hiện chuyển đổi số năm 2026',
    body: 'Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau: …',
    addressees: [recipient(dir, 'SKHCN'), recipient(dir, 'STC')],
    copiesTo: [{ recipientId: recipient(dir, 'VPTU'), note: 'để b/c' }],
    signerId: signer(dir, 'pct'),
    ...overrides,
  };
}

export async function createDraft(t: TestApp, tokens: Tokens, dir: Directory, overrides: Record<string, unknown> = {}) {
  const res = await t.http.post('/api/documents').set('Authorization', tokens.chuyenvien).send(congVanBody(dir, overrides));
  if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; state: string };
}

export async function act(t: TestApp, token: string, id: string, action: string, extra: Record<string, unknown> = {}) {
  return t.http.post(`/api/documents/${id}/actions`).set('Authorization', token).send({ action, ...extra });
}

/** Takes a draft through submit → approve → approve → sign, up to the clerk's desk. */
export async function toIssuing(t: TestApp, tokens: Tokens, id: string) {
  for (const [who, action] of [
    ['chuyenvien', 'submit'],
    ['truongphong', 'approve'],
    ['pcvp', 'approve'],
    ['pct', 'sign'],
  ] as const) {
    const res = await act(t, tokens[who], id, action);
    if (res.status !== 200) throw new Error(`${who} ${action}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export interface DemoApp {
  t: TestApp;
  tokens: Tokens;
  dir: Directory;
}

/**
 * A test file's own app on its own database, with every demo user logged in: booted before the file's tests,
 * closed after them. `use` receives it once booted.
 */
export function useDemoApp(use: (demo: DemoApp) => void): void {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await createTestApp();
    const tokens = await loginAll(t);
    use({ t, tokens, dir: await directory(t, tokens) });
  });
  afterAll(async () => {
    await t?.close();
  });
}

/**
 * Sends everything due in the outbox, and waits for what another run holds: the run kicked after a commit may have
 * taken a message (making the document's signed PDF takes a while) when the test's own run finds nothing left to take.
 */
export async function settleOutbox(t: TestApp): Promise<void> {
  for (let i = 0; i < 600; i++) {
    await t.app.get(OutboxService).drain();
    const [{ n }] = await t.owner(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()`);
    if (n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the outbox still holds messages after 30 s');
}
