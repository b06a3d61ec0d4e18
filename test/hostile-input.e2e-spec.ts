import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createDraft, recipient, useDemoApp, type DemoApp, type DemoLogin } from './support/factories.js';

/**
 * Hostile input, generated (fast-check): whatever is sent, the answer is a 4xx with a code and a message — never a
 * 5xx — and nothing changes. Text that is taken is stored in NFC.
 */
let demo: DemoApp;
useDemoApp((d) => (demo = d));

/** An id nothing has. */
const NOBODY = '00000000-0000-4000-8000-000000000000';

const NASTY = [
  "'; DROP TABLE documents; --",
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..\\..\\windows\\system32',
  '\u0000',
  '\u001b[31mđỏ',
  '%00',
  '${jndi:ldap://x}',
  '{{7*7}}',
  'Thanh Hóa'.normalize('NFD'),
  `${'Chuyển đổi'.normalize('NFD')} số`,
  '\u202eRTL',
  '😀👍🏽',
];

/** Any JSON value, nasty strings among them, and some a few levels deep. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.constantFrom(...NASTY), { maxLength: 4 }),
  fc.letrec((tie) => ({ node: fc.oneof({ depthSize: 'small' }, fc.constant('x'), fc.record({ a: tie('node') })) })).node,
);

/** A body with some of the endpoint's own keys (wrong types, nasty values) and maybe unknown ones. */
const bodyOf = (keys: string[]) =>
  fc
    .tuple(fc.dictionary(fc.constantFrom(...keys), anyValue, { maxKeys: keys.length }), fc.dictionary(fc.string({ maxLength: 12 }), anyValue, { maxKeys: 2 }))
    .map(([own, extra]) => ({ ...extra, ...own }));

async function counts() {
  const [row] = await demo.t.owner(
    `SELECT (SELECT count(*) FROM documents)::int AS documents, (SELECT count(*) FROM audit_entries WHERE action NOT LIKE 'read%')::int AS audit,
            (SELECT count(*) FROM document_attachments)::int AS attachments, (SELECT count(*) FROM delegations)::int AS delegations,
            (SELECT count(*) FROM absences)::int AS absences, (SELECT count(*) FROM route_assignments)::int AS assignments`,
  );
  return row;
}

function expectRefused(res: { status: number; body: { code?: unknown; message?: unknown } }, what: string) {
  if (res.status >= 500 || res.status < 400 || typeof res.body.code !== 'string' || typeof res.body.message !== 'string') {
    throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
}

describe('hostile input', () => {
  it('gets a 4xx with a code and a message, never a 5xx, and changes nothing, on every endpoint that takes input', async () => {
    const { t, tokens, dir } = demo;
    const draft = await createDraft(t, tokens, dir, { subject: 'Đích thử', addressees: [recipient(dir, 'STP')], copiesTo: [] });
    const as = (who: DemoLogin) => tokens[who];
    const endpoints: Array<{ name: string; who: DemoLogin; keys: string[]; send: (body: unknown, token: string) => Promise<{ status: number; body: any }> }> = [
      { name: 'POST /api/documents', who: 'chuyenvien', keys: ['type', 'subject', 'body', 'addressees', 'copiesTo', 'urgency', 'confidentiality', 'signerId', 'legalNormative'], send: (b, tk) => t.http.post('/api/documents').set('Authorization', tk).send(b as object) },
      { name: 'PATCH /api/documents/:id', who: 'chuyenvien', keys: ['subject', 'body', 'addressees', 'copiesTo', 'urgency', 'expectedVersion', 'signerId'], send: (b, tk) => t.http.patch(`/api/documents/${draft.id}`).set('Authorization', tk).send(b as object) },
      { name: 'POST /api/documents/:id/actions', who: 'chuyenvien', keys: ['action', 'comment', 'expectedVersion', 'consultUnitIds'], send: (b, tk) => t.http.post(`/api/documents/${draft.id}/actions`).set('Authorization', tk).send(b as object) },
      { name: 'POST /api/delegations', who: 'chutich', keys: ['kind', 'granteeUserId', 'grantorPositionId', 'validFrom', 'validTo', 'documentTypes'], send: (b, tk) => t.http.post('/api/delegations').set('Authorization', tk).send(b as object) },
      { name: 'POST /api/absences', who: 'truongphong', keys: ['standInId', 'validFrom', 'validTo', 'reason'], send: (b, tk) => t.http.post('/api/absences').set('Authorization', tk).send(b as object) },
      { name: 'PUT /api/workflows/assignments', who: 'admin', keys: ['documentType', 'issuerAgencyId', 'routeKey'], send: (b, tk) => t.http.put('/api/workflows/assignments').set('Authorization', tk).send(b as object) },
      { name: 'POST /api/auth/login', who: 'chuyenvien', keys: ['username', 'password'], send: (b) => t.http.post('/api/auth/login').send(b as object) },
      { name: 'POST /api/auth/refresh', who: 'chuyenvien', keys: ['refreshToken'], send: (b) => t.http.post('/api/auth/refresh').send(b as object) },
      ...(['refuse', 'assign', 'progress', 'complete', 'recall-answer'] as const).map((step) => ({
        name: `POST /api/incoming/:id/${step}`,
        who: 'vtstp' as DemoLogin,
        keys: ['reason', 'comment', 'leadUnitId', 'coordinatingUnitIds', 'deadline', 'agree'],
        send: (b: unknown, tk: string) => t.http.post(`/api/incoming/${NOBODY}/${step}`).set('Authorization', tk).send(b as object),
      })),
      { name: 'POST /api/deliveries/:id/status', who: 'vanthu', keys: ['code', 'reason'], send: (b, tk) => t.http.post(`/api/deliveries/${NOBODY}/status`).set('Authorization', tk).send(b as object) },
      { name: 'POST /api/documents/:id/recall', who: 'vanthu', keys: ['reason'], send: (b, tk) => t.http.post(`/api/documents/${draft.id}/recall`).set('Authorization', tk).send(b as object) },
      { name: 'POST /api/documents/:id/handovers', who: 'chuyenvien', keys: ['toUserId', 'reason'], send: (b, tk) => t.http.post(`/api/documents/${draft.id}/handovers`).set('Authorization', tk).send(b as object) },
      {
        name: 'POST /api/exchange/messages (XML)',
        who: 'vanthu',
        keys: ['xml'],
        send: (b, tk) =>
          t.http
            .post('/api/exchange/messages')
            .set('Authorization', tk)
            .set('Content-Type', 'application/xml')
            .send(`<edXML>${JSON.stringify(b).replace(/[{}"]/g, '<')}</edXML>`),
      },
      { name: 'GET /api/audit?…', who: 'luutru', keys: ['from', 'to', 'action', 'actorId', 'documentId', 'q', 'limit', 'cursor'], send: (b, tk) => t.http.get('/api/audit').query(b as object).set('Authorization', tk) },
    ];
    const before = await counts();
    let tried = 0;
    /** Generated bodies that happened to be valid and were taken (a PATCH with nothing but a right version, say). */
    const taken: string[] = [];
    for (const e of endpoints) {
      await fc.assert(
        fc.asyncProperty(bodyOf(e.keys), async (body) => {
          // A generated body that happens to be valid would be taken: only refusals are the point here.
          const res = await e.send(body, as(e.who));
          tried++;
          if (res.status < 300) {
            if (!e.name.startsWith('GET') && !e.name.includes('/auth/')) taken.push(`${e.name} ${JSON.stringify(body)}`);
            return true;
          }
          expectRefused(res, `${e.name} ${JSON.stringify(body).slice(0, 200)}`);
          return true;
        }),
        { numRuns: 40 },
      );
    }
    // Malformed JSON, a JSON that is not an object, a 1 MB subject, a body nested 50 deep.
    let deep: unknown = 'x';
    for (let i = 0; i < 50; i++) deep = { a: deep };
    const raw = [
      ['{"subject": "thiếu ngoặc"', 'application/json'],
      ['[1, 2, 3]', 'application/json'],
      ['"chỉ một chuỗi"', 'application/json'],
      ['null', 'application/json'],
      ['subject=a&type=CV', 'application/x-www-form-urlencoded'],
      [JSON.stringify({ type: 'CV', subject: 'x'.repeat(1024 * 1024) }), 'application/json'],
      [JSON.stringify(deep), 'application/json'],
    ] as const;
    for (const [payload, type] of raw) {
      const res = await t.http.post('/api/documents').set('Authorization', tokens.chuyenvien).set('Content-Type', type).send(payload);
      tried++;
      expectRefused(res, `POST /api/documents ${type} ${payload.slice(0, 60)}`);
    }
    // Nothing was created or changed by the refusals (read entries aside: reading is audited).
    const after = await counts();
    if (taken.length === 0) expect(after).toEqual(before);
    else expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect(tried).toBeGreaterThan(720);
  });

  it('takes a valid draft with one field made hostile only when that value is acceptable, stored in NFC; refuses it otherwise with a 4xx', async () => {
    const { t, tokens, dir } = demo;
    const base = { type: 'CV', subject: 'Cơ sở', body: 'Nội dung.', addressees: [recipient(dir, 'STP')], signerId: dir.signers.find((s) => s.username === 'pct')!.id };
    const keys = Object.keys(base) as Array<keyof typeof base>;
    const before = await counts();
    let created = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), anyValue, async (key, value) => {
        const body = { ...base, [key]: value };
        const res = await t.http.post('/api/documents').set('Authorization', tokens.chuyenvien).send(body);
        if (res.status === 201) {
          created++;
          const [row] = await t.owner(`SELECT subject, body FROM documents WHERE id = $1`, [res.body.id]);
          expect(row.subject).toBe(row.subject.normalize('NFC'));
          expect(row.body).toBe(row.body.normalize('NFC'));
          return true;
        }
        refused++;
        expectRefused(res, `POST /api/documents with ${key} = ${JSON.stringify(value).slice(0, 100)}`);
        return true;
      }),
      { numRuns: 150 },
    );
    expect(created).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    expect((await counts()).documents).toBe(before.documents + created);
  });

  it('stores text in NFC, whatever form it arrives in', async () => {
    const { t, tokens, dir } = demo;
    const nfd = 'Kế hoạch chuyển đổi số tỉnh Thanh Hóa'.normalize('NFD');
    const d = await createDraft(t, tokens, dir, { subject: nfd, body: `Nội dung ${'đầy đủ'.normalize('NFD')}.`, addressees: [recipient(dir, 'STP')], copiesTo: [] });
    const [row] = await t.owner(`SELECT subject, body FROM documents WHERE id = $1`, [d.id]);
    expect(row.subject).toBe('Kế hoạch chuyển đổi số tỉnh Thanh Hóa');
    expect(row.subject).toBe(row.subject.normalize('NFC'));
    expect(row.body).toBe('Nội dung đầy đủ.');
    // And it is found by the NFC spelling.
    const found = await t.http.get('/api/audit').query({ q: 'chuyen doi so', documentId: d.id }).set('Authorization', tokens.luutru);
    expect(found.status).toBe(200);
  });

  it('refuses control characters with the field named, and changes nothing', async () => {
    const { t, tokens, dir } = demo;
    const before = await counts();
    const res = await t.http
      .post('/api/documents')
      .set('Authorization', tokens.chuyenvien)
      .send({ type: 'CV', subject: 'Công văn\u0000ẩn', addressees: [recipient(dir, 'STP')], signerId: dir.signers.find((s) => s.username === 'pct')!.id });
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toEqual([{ field: 'subject', reason: 'must not contain control characters' }]);
    expect(await counts()).toEqual(before);
    // Found by the generated inputs: a NUL in a login's user name (counted by the rate limit before validation), and
    // null for a draft's field.
    expect((await t.http.post('/api/auth/login').send({ username: '\u0000', password: 'x' })).status).toBe(400);
    const d = await createDraft(t, tokens, dir, { subject: 'Sửa bằng null', addressees: [recipient(dir, 'STP')], copiesTo: [] });
    const patched = await t.http.patch(`/api/documents/${d.id}`).set('Authorization', tokens.chuyenvien).send({ body: null, urgency: null });
    expect(patched.status).toBe(400);
    expect(patched.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['body', 'urgency']);
  });
});
