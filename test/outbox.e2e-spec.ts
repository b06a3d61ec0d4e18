import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import request from 'supertest';
import { createTestApp, createTestDatabase, DEMO_PASSWORD, ownerQuery, type TestApp } from './support/test-app.js';
import { startAppProcess, type AppProcess } from './support/app-process.js';
import { act, createDraft, directory, loginAll, recipient, toIssuing, type Directory, type Tokens } from './support/factories.js';
import { OutboxService } from '../src/recipients/outbox.service.js';
import { verifyPdfSignatures } from '../src/signing/verify-pdf.js';
import { parseEdxml } from '../src/recipients/edxml.js';

/**
 * The outbox to the exchange, exactly once per recipient: with two instances sending at once, with an exchange that
 * fails (retries with back-off, then given up and flagged), and with the app killed (SIGKILL) in the middle of sending
 * and started again.
 *
 * The exchange here is an HTTP endpoint the test runs, which records every request.
 */
interface Received {
  messageId: string;
  idempotencyKey: string;
  to: string[];
  business: number;
  /** What the package's first file says of its signatures (the issued PDF): signer and validity. */
  signatures: Array<[string | null, boolean]>;
  /** Answered 200: taken by the exchange. */
  accepted: boolean;
}

class Exchange {
  readonly received: Received[] = [];
  /** Answers to give before 200: status codes, one per request. */
  failures: number[] = [];
  /** Holds the n-th request (1-based) without answering; `held` resolves when it arrives. */
  holdAt = 0;
  held: Promise<Received> = new Promise(() => undefined);
  private releaseHeld: (r: Received) => void = () => undefined;
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const message = parseEdxml(Buffer.concat(chunks));
      const r: Received = {
        messageId: String(req.headers['x-message-id']),
        idempotencyKey: String(req.headers['idempotency-key']),
        to: message.kind === 'package' ? message.package.to.map((o) => o.organId) : [],
        business: message.kind === 'package' ? message.package.business.type : -1,
        signatures:
          message.kind === 'package' && message.package.attachments[0]
            ? verifyPdfSignatures(message.package.attachments[0].content).map((v) => [v.signer, v.valid])
            : [],
        accepted: false,
      };
      this.received.push(r);
      if (this.received.length === this.holdAt) {
        this.releaseHeld(r);
        return; // never answered: the sender is killed while it waits
      }
      const failure = this.failures.shift();
      r.accepted = !failure;
      res.writeHead(failure ?? 200).end(failure ? 'busy' : 'ok');
    });
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/edxml`;
  }
  hold(n: number): void {
    this.holdAt = n;
    this.held = new Promise((resolve) => (this.releaseHeld = resolve));
  }
  reset(): void {
    this.received.length = 0;
    this.failures = [];
    this.holdAt = 0;
  }
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Addressees of the test letter: a group of five Sở (two of them in this system), two more agencies, and the group of wards and communes (two members): seven packages and two desks. */
const ADDRESSEES = ['SO-BAN-NGANH', 'CAT', 'TTPVHCC', 'UBND-XA-PHUONG'];
const OUTSIDE = ['000.03.27.H56', '000.06.27.H56', '000.07.27.H56', '000.10.27.H56', '000.20.27.H56', '000.00.31.H56', '000.00.32.H56'].sort();

const exchange = new Exchange();

beforeAll(async () => {
  await exchange.start();
});

afterAll(async () => {
  await exchange.close();
});

async function issueLetter(t: TestApp, tokens: Tokens, dir: Directory, subject: string): Promise<string> {
  const draft = await createDraft(t, tokens, dir, { subject, addressees: ADDRESSEES.map((c) => recipient(dir, c)), copiesTo: [] });
  await toIssuing(t, tokens, draft.id);
  const issued = await act(t, tokens.vanthu, draft.id, 'issue');
  expect(issued.status).toBe(200);
  return draft.id;
}

/** Waits until no outbox run is queued or running on pg-boss (the issue queues one), then drains once more. */
async function settle(t: TestApp): Promise<void> {
  for (let i = 0; ; i++) {
    const [{ busy }] = await t.owner(`SELECT count(*)::int AS busy FROM pgboss.job WHERE name = 'outbox' AND state IN ('created', 'retry', 'active')`);
    if (busy === 0) break;
    if (i > 300) throw new Error('the outbox job did not finish');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The recipients of the packages the exchange took, one per Idempotency-Key (as an exchange keeps them). */
const packagesTo = () =>
  [...new Map(exchange.received.filter((r) => r.accepted && r.business === 0).map((r) => [r.idempotencyKey, r])).values()]
    .flatMap((r) => r.to)
    .sort();

describe('two instances sending at once', () => {
  let a: TestApp;
  let b: TestApp;
  let tokens: Tokens;
  let dir: Directory;

  beforeAll(async () => {
    const url = await createTestDatabase('outbox');
    // A cron that never comes in the test: only the runs the test starts (and the issue's own) send.
    const env = { EXCHANGE_ENDPOINT: exchange.url, OUTBOX_CRON: '0 0 1 1 *', EXCHANGE_MAX_ATTEMPTS: '2' };
    a = await createTestApp(url, undefined, env);
    b = await createTestApp(url, undefined, env);
    tokens = await loginAll(a);
    dir = await directory(a, tokens);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('sends one package per recipient agency, whichever instance takes it', async () => {
    exchange.reset();
    const id = await issueLetter(a, tokens, dir, 'Gửi đồng thời từ hai phiên bản');
    await Promise.all([a, b, a, b].map((t) => t.app.get(OutboxService).drain()));
    await settle(a);
    expect(packagesTo()).toEqual(OUTSIDE);
    // Not a request more than the recipients.
    expect(exchange.received).toHaveLength(7);
    const doc = (await a.http.get(`/api/documents/${id}`).set('Authorization', tokens.vanthu)).body;
    const byChannel = (ch: string) => doc.deliveries.filter((d: any) => d.channel === ch).map((d: any) => d.status);
    expect(byChannel('edxml')).toEqual(Array(7).fill('sent'));
    expect(byChannel('internal')).toEqual(['01', '01']);
  });

  it('retries a message the exchange refuses, with back-off, then gives it up and flags it', async () => {
    exchange.reset();
    exchange.failures = [503];
    const id = await issueLetter(a, tokens, dir, 'Trục liên thông tạm ngừng');
    await a.app.get(OutboxService).drain();
    await settle(a);
    expect(exchange.failures).toEqual([]);
    const [waiting] = await a.owner(
      `SELECT o.attempts, o.last_error, o.next_attempt_at > now() + interval '25 seconds' AS later
         FROM outbox o JOIN deliveries dl ON dl.id = o.delivery_id WHERE dl.document_id = $1 AND o.sent_at IS NULL`,
      [id],
    );
    expect(waiting).toMatchObject({ attempts: 1, later: true });
    expect(waiting.last_error).toMatch(/503/);
    // Its time comes: sent.
    await a.owner(`UPDATE outbox SET next_attempt_at = now() WHERE sent_at IS NULL`);
    expect(await a.app.get(OutboxService).drain()).toMatchObject({ sent: 1 });
    expect(packagesTo()).toEqual(OUTSIDE);
    expect(exchange.received).toHaveLength(8);

    // An exchange that keeps refusing: after EXCHANGE_MAX_ATTEMPTS (2) the message is given up and the clerk told.
    exchange.reset();
    exchange.failures = Array(20).fill(500);
    const other = await issueLetter(a, tokens, dir, 'Trục liên thông hỏng');
    await a.app.get(OutboxService).drain();
    await settle(a);
    await a.owner(`UPDATE outbox SET next_attempt_at = now() WHERE sent_at IS NULL AND failed_at IS NULL`);
    expect(await a.app.get(OutboxService).drain()).toMatchObject({ failed: 7 });
    const flagged = (await a.http.get('/api/deliveries/flagged').set('Authorization', tokens.vanthu)).body.filter((f: any) => f.documentId === other);
    expect(flagged).toHaveLength(7);
    expect(flagged[0]).toMatchObject({ flag: 'undeliverable', status: 'pending' });
    expect(flagged[0].lastError).toMatch(/500/);
  });
});

describe('the app killed while sending', () => {
  let url: string;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    url = await createTestDatabase('outbox_kill');
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('restarts and sends the rest, no recipient getting a package twice', async () => {
    exchange.reset();
    const env = { EXCHANGE_ENDPOINT: exchange.url, OUTBOX_CRON: '0 0 1 1 *' };
    app = await startAppProcess(url, env, DEMO_PASSWORD);
    const api = () => request(app!.url);
    const tokens = {} as Tokens;
    for (const who of ['chuyenvien', 'truongphong', 'pcvp', 'pct', 'vanthu'] as const) {
      const res = await api().post('/api/auth/login').send({ username: who, password: DEMO_PASSWORD });
      tokens[who] = `Bearer ${res.body.accessToken}`;
    }
    const recipients = (await api().get('/api/recipients').set('Authorization', tokens.chuyenvien)).body as Array<{ id: string; code: string }>;
    const signers = (await api().get('/api/signers').set('Authorization', tokens.chuyenvien)).body as Array<{ id: string; username: string }>;
    const created = await api()
      .post('/api/documents')
      .set('Authorization', tokens.chuyenvien)
      .send({
        type: 'CV',
        subject: 'Gửi khi máy chủ bị dừng đột ngột',
        addressees: ADDRESSEES.map((c) => recipients.find((r) => r.code === c)!.id),
        signerId: signers.find((s) => s.username === 'pct')!.id,
      });
    expect(created.status).toBe(201);
    exchange.hold(3);
    for (const [who, action] of [['chuyenvien', 'submit'], ['truongphong', 'approve'], ['pcvp', 'approve'], ['pct', 'sign'], ['vanthu', 'issue']] as const) {
      const res = await api().post(`/api/documents/${created.body.id}/actions`).set('Authorization', tokens[who]).send({ action });
      expect(res.status).toBe(200);
    }
    // The issue queued the outbox run; the third package reaches the exchange and the app dies waiting for the answer.
    const inFlight = await exchange.held;
    await app.kill();
    const beforeRestart = exchange.received.length;
    expect(beforeRestart).toBe(3);

    app = await startAppProcess(url, env, DEMO_PASSWORD);
    // The restarted instance looks at the outbox as it starts: everything goes, the package cut short again.
    const owner = ownerQuery(url);
    for (let i = 0; ; i++) {
      const [{ left }] = await owner(`SELECT count(*)::int AS left FROM outbox WHERE sent_at IS NULL`);
      if (left === 0) break;
      if (i > 300) throw new Error(`the outbox still holds ${left} messages:\n${app.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    if (packagesTo().length !== OUTSIDE.length) console.log(JSON.stringify(exchange.received, null, 1), app.output());
    expect(packagesTo()).toEqual(OUTSIDE);
    // The only request made twice is the one in flight at the kill, with the same Idempotency-Key.
    const keys = exchange.received.map((r) => r.idempotencyKey);
    const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(repeated).toEqual([inFlight.idempotencyKey]);
    expect(new Set(keys).size).toBe(7);
    // Every package carries the document as it has legal value, signed by the signer, then by the agency: made by
    // the compiled app, so in its PDF worker thread (pdf-work.service.ts).
    for (const r of exchange.received) {
      expect(r.signatures).toEqual([
        ['Nguyễn Văn Bình', true],
        ['Ủy ban nhân dân tỉnh Thanh Hóa', true],
      ]);
    }
    // Each desk of the system holds the document once.
    const desks = await owner(
      `SELECT a.code, count(*)::int AS n FROM incoming_documents i JOIN agencies a ON a.id = i.agency_id
        WHERE i.subject = 'Gửi khi máy chủ bị dừng đột ngột' GROUP BY a.code ORDER BY a.code`,
    );
    expect(desks).toEqual([{ code: 'SKHCN', n: 1 }, { code: 'STP', n: 1 }]);
    const statuses = await owner(
      `SELECT channel, status, count(*)::int AS n FROM deliveries WHERE document_id = $1 GROUP BY channel, status ORDER BY channel`,
      [created.body.id],
    );
    expect(statuses).toEqual([{ channel: 'edxml', status: 'sent', n: 7 }, { channel: 'internal', status: '01', n: 2 }]);
  });
});
