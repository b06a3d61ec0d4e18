import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import type { INestApplication } from '@nestjs/common';
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

/** Every route the app serves under /api, from the router itself: method and path (`/api/documents/:id`). */
function apiRoutes(app: INestApplication): Array<{ method: string; path: string }> {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  return express.router.stack
    .filter((l) => l.route?.path.startsWith('/api/'))
    .flatMap((l) => Object.keys(l.route!.methods).map((method) => ({ method, path: l.route!.path })));
}

/** A path parameter: nasty, an id nothing has, huge, encoded traversal, or any text. */
const pathParam = fc.oneof(
  fc.constantFrom(...NASTY, NOBODY, '0', '-1', 'null', 'undefined', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'x'.repeat(5000), `${NOBODY} `, NOBODY.toUpperCase()),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);

const PNG = fs.readFileSync(new URL('../assets/demo/signature-cvp.png', import.meta.url));
const TASKS_CSV = fs.readFileSync(new URL('./fixtures/seed-001-tasks.csv', import.meta.url));
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);

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

  it('answers every route of the app with a 2xx or a 4xx with a code and a message, whatever its path parameters, query and body', async () => {
    const { t, tokens } = demo;
    const routes = apiRoutes(t.app);
    expect(routes.length).toBeGreaterThan(55);
    const before = await counts();
    const taken: string[] = [];
    let tried = 0;
    for (const route of routes) {
      const params = route.path.match(/:\w+/g) ?? [];
      await fc.assert(
        fc.asyncProperty(
          fc.array(pathParam, { minLength: params.length, maxLength: params.length }),
          fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.constantFrom(...NASTY.filter((v) => !v.includes('\u0000'))), fc.string({ maxLength: 20 })), { maxKeys: 3 }),
          anyValue,
          fc.constantFrom<DemoLogin>('chuyenvien', 'vanthu', 'luutru', 'admin'),
          async (values, query, body, who) => {
            let i = 0;
            const url = route.path.replace(/:\w+/g, () => encodeURIComponent(values[i++]));
            const req = (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)[route.method](url).query(query).set('Authorization', tokens[who]);
            const res = route.method === 'get' || route.method === 'delete' ? await req : await req.set('Content-Type', 'application/json').send(JSON.stringify(body));
            tried++;
            const what = `${route.method.toUpperCase()} ${url.slice(0, 120)} ?${JSON.stringify(query).slice(0, 80)} as ${who}`;
            if (res.status < 300) {
              if (route.method !== 'get') taken.push(what);
              return true;
            }
            expectRefused(res, what);
            return true;
          },
        ),
        { numRuns: 12 },
      );
    }
    // What was refused changed nothing. (A generated request that was valid — the logout of a session, say — was taken.)
    const after = await counts();
    if (taken.length === 0) expect(after).toEqual(before);
    expect(tried).toBe(routes.length * 12);
    console.log(`hostile input: ${tried} generated requests over ${routes.length} routes, ${taken.length} of them taken as valid`);
  });

  it('takes an upload only as it should be, whatever its name, bytes, type and size, and keeps a safe name (attachments, images, task tables)', async () => {
    const { t, tokens, dir } = demo;
    const draft = await createDraft(t, tokens, dir, { subject: 'Đích tải lên', addressees: [recipient(dir, 'STP')], copiesTo: [] });
    const [ubnd] = await t.owner(`SELECT id FROM agencies WHERE code = 'UBND'`);
    const uploads = [
      { name: 'POST /api/documents/:id/attachments', method: 'post', url: `/api/documents/${draft.id}/attachments`, who: 'chuyenvien' as DemoLogin },
      { name: 'PUT /api/me/signature-image', method: 'put', url: '/api/me/signature-image', who: 'pct' as DemoLogin },
      { name: 'PUT /api/agencies/:id/seal-image', method: 'put', url: `/api/agencies/${ubnd.id}/seal-image`, who: 'vanthu' as DemoLogin },
      { name: 'POST /api/documents/:id/tasks/import', method: 'post', url: `/api/documents/${draft.id}/tasks/import`, who: 'chuyenvien' as DemoLogin },
    ];
    const damaged = (b: Buffer, at: number) => {
      const c = Buffer.from(b);
      c[at % c.length] ^= 0xff;
      return c;
    };
    const fileName = fc.oneof(
      fc.constantFrom(...NASTY, '', '.', '..', '../../etc/passwd', '..\\..\\boot.ini', '/etc/shadow', 'C:\\Windows\\win.ini', 'a/../../b.pdf', 'x'.repeat(1000), 'Phụ lục'.normalize('NFD') + '.pdf', 'tệp\u202egnp.exe'),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
    );
    // A table of tasks as CSV and as .xlsx (seed 001's appendix), whole, damaged and cut short.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Phụ lục').addRows([['TT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Thời gian hoàn thành'], ['1', 'Rà soát', 'Sở Tư pháp', '30/6/2027']]);
    const XLSX = Buffer.from(await workbook.xlsx.writeBuffer());
    const content = fc.oneof(
      fc.constant(PNG),
      fc.constant(PDF),
      fc.constant(TASKS_CSV),
      fc.constant(XLSX),
      fc.nat().map((at) => damaged(TASKS_CSV, at)),
      fc.nat().map((at) => damaged(XLSX, at)),
      fc.nat({ max: XLSX.length - 1 }).map((n) => XLSX.subarray(0, n)),
      fc.constant(Buffer.alloc(0)),
      fc.nat().map((at) => damaged(PNG, at)),
      fc.nat({ max: PNG.length - 1 }).map((n) => PNG.subarray(0, n)),
      fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)),
    );
    const contentType = fc.constantFrom('application/pdf', 'image/png', 'text/html', 'application/octet-stream', 'image/svg+xml', 'application/x-msdownload');
    let tried = 0;
    const kept: string[] = [];
    for (const u of uploads) {
      await fc.assert(
        fc.asyncProperty(fileName, content, contentType, fc.constantFrom('file', 'file', 'file', 'tep'), async (name, bytes, type, field) => {
          const res = await (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)[u.method](u.url)
            .set('Authorization', tokens[u.who])
            .attach(field, bytes, { filename: name, contentType: type });
          tried++;
          const what = `${u.name} ${JSON.stringify(name).slice(0, 80)} ${bytes.length} B ${type} field ${field}`;
          if (res.status < 300) {
            if (u.name.endsWith('/attachments')) {
              // A name is kept without folders, control characters or other forms: its last part, NFC, at most 200.
              const kept1 = res.body.name as string;
              kept.push(kept1);
              if (/[\\/\u0000-\u001f\u007f]/.test(kept1) || kept1 !== kept1.normalize('NFC') || kept1.length > 200 || /^\.*$/.test(kept1)) {
                throw new Error(`${what}: kept as ${JSON.stringify(kept1)}`);
              }
              await t.http.delete(`/api/documents/${draft.id}/attachments/${res.body.id}`).set('Authorization', tokens.chuyenvien).expect(204);
            }
            return true;
          }
          expectRefused(res, what);
          return true;
        }),
        { numRuns: 40 },
      );
    }
    expect(kept.length).toBeGreaterThan(0);
    // Too large: one byte over the limit.
    const big = await t.http.put('/api/me/signature-image').set('Authorization', tokens.pct).attach('file', Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]), { filename: 'lon.png', contentType: 'image/png' });
    expect(big.status).toBe(413);
    expectRefused(big, 'a 1 MiB signature image');
    // Two files where one is taken; a body that says multipart and is not.
    const two = await t.http.post(`/api/documents/${draft.id}/attachments`).set('Authorization', tokens.chuyenvien).attach('file', PDF, 'a.pdf').attach('file', PDF, 'b.pdf');
    expectRefused(two, 'two files');
    const fake = await t.http.post(`/api/documents/${draft.id}/attachments`).set('Authorization', tokens.chuyenvien).set('Content-Type', 'multipart/form-data; boundary=xyz').send('--xyz\r\nnot really');
    expectRefused(fake, 'a broken multipart body');
    expect(tried).toBe(uploads.length * 40);
    console.log(`hostile uploads: ${tried + 3} uploads, ${kept.length} taken with a safe name`);
  });
});
