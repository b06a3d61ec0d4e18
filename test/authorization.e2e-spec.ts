import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { createDraft, recipient, useDemoApp, type DemoApp, type DemoLogin } from './support/factories.js';

/**
 * The authorization matrix: for each endpoint or action, which roles may (2xx) and which may not (403, or 404 where
 * the document itself is hidden). Every cell of the table is tried. People stand for their roles:
 */
const PEOPLE = {
  drafter: 'chuyenvien',
  'unit head': 'truongphong',
  'format checker': 'pcvp',
  signer: 'pct',
  clerk: 'vanthu',
  archivist: 'luutru',
  admin: 'admin',
  'clerk of another agency': 'vtstp',
  'legal reviewer of another agency': 'cvstp',
} as const satisfies Record<string, DemoLogin>;
type Role = keyof typeof PEOPLE;
const ROLES = Object.keys(PEOPLE) as Role[];

let demo: DemoApp;
useDemoApp((d) => (demo = d));

interface Row {
  what: string;
  allowed: Role[];
  /** The status of the others: 403, or 404 when the thing is hidden from them. */
  denied: 403 | 404;
  call: (who: DemoLogin) => Promise<{ status: number }>;
}

const seal = fs.readFileSync(new URL('../assets/demo/seal-UBND.png', import.meta.url));

function rows(): Row[] {
  const { t, tokens, dir } = demo;
  const as = (who: DemoLogin) => ({
    get: (path: string) => t.http.get(path).set('Authorization', tokens[who]),
    put: (path: string, body: object) => t.http.put(path).set('Authorization', tokens[who]).send(body),
    post: (path: string, body: object) => t.http.post(path).set('Authorization', tokens[who]).send(body),
  });
  let ubnd = '';
  const ubndId = async () => (ubnd ||= (await t.owner(`SELECT id FROM agencies WHERE code = 'UBND'`))[0].id);
  return [
    {
      what: 'create a draft (POST /api/documents)',
      allowed: ['drafter'],
      denied: 403,
      call: (who) => as(who).post('/api/documents', { type: 'CV', subject: 'Ma trận quyền', addressees: [recipient(dir, 'STP')], signerId: dir.signers.find((s) => s.username === 'pct')!.id }),
    },
    { what: 'search the audit trail (GET /api/audit)', allowed: ['archivist', 'admin'], denied: 403, call: (who) => as(who).get('/api/audit?limit=5') },
    { what: 'export the audit trail (GET /api/audit/export)', allowed: ['archivist', 'admin'], denied: 403, call: (who) => as(who).get('/api/audit/export?action=create') },
    { what: 'verify the audit chain (GET /api/audit/verify)', allowed: ['archivist', 'admin'], denied: 403, call: (who) => as(who).get('/api/audit/verify') },
    {
      what: 'read the registers (GET /api/registers)',
      allowed: ['clerk', 'archivist', 'admin', 'clerk of another agency'],
      denied: 403,
      call: (who) => as(who).get('/api/registers'),
    },
    {
      what: 'assign a route to a document type (PUT /api/workflows/assignments)',
      allowed: ['admin'],
      denied: 403,
      call: (who) => as(who).put('/api/workflows/assignments', { documentType: 'CV', routeKey: 'cong-van' }),
    },
    {
      what: 'see refused and undeliverable deliveries (GET /api/deliveries/flagged)',
      allowed: ['clerk', 'clerk of another agency'],
      denied: 403,
      call: (who) => as(who).get('/api/deliveries/flagged'),
    },
    {
      what: 'import an edXML message (POST /api/exchange/messages)',
      allowed: ['clerk', 'clerk of another agency'],
      denied: 403,
      // A status for no known delivery: a clerk gets past the door and is told so (4xx other than 403 counts as allowed).
      call: (who) =>
        t.http
          .post('/api/exchange/messages')
          .set('Authorization', tokens[who])
          .set('Content-Type', 'application/xml')
          .send('<edXML><edXMLEnvelope/></edXML>'),
    },
    {
      what: "set the agency's seal image (PUT /api/agencies/:id/seal-image)",
      allowed: ['clerk', 'admin'],
      denied: 403,
      call: async (who) =>
        t.http.put(`/api/agencies/${await ubndId()}/seal-image`).set('Authorization', tokens[who]).attach('file', seal, { filename: 'con-dau.png', contentType: 'image/png' }),
    },
    {
      what: 'set one’s own handwritten signature (PUT /api/me/signature-image)',
      allowed: ROLES,
      denied: 403,
      call: (who) => t.http.put('/api/me/signature-image').set('Authorization', tokens[who]).attach('file', seal, { filename: 'chu-ky.png', contentType: 'image/png' }),
    },
  ];
}

describe('the authorization matrix', () => {
  it('allows exactly the roles of each row, and refuses every other one', async () => {
    const wrong: string[] = [];
    for (const row of rows()) {
      for (const role of ROLES) {
        const { status } = await row.call(PEOPLE[role]);
        const allowed = row.allowed.includes(role);
        // Allowed: past the door (2xx, or a 4xx about the input that is not 401/403/404).
        const ok = allowed ? status < 500 && ![401, 403, 404].includes(status) : status === row.denied;
        if (!ok) wrong.push(`${row.what} — ${role} (${PEOPLE[role]}): ${status}, expected ${allowed ? 'allowed' : row.denied}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('shows an ordinary document to its agency, a confidential one only to the people on its route (archivists and admins neither), and audits each read', async () => {
    const { t, tokens, dir } = demo;
    const ordinary = await createDraft(t, tokens, dir, { subject: 'Văn bản thường', addressees: [recipient(dir, 'STP')], copiesTo: [] });
    const secret = await createDraft(t, tokens, dir, { subject: 'Văn bản mật', confidentiality: 'mat', addressees: [recipient(dir, 'STP')], copiesTo: [] });
    const read = async (id: string) => Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, (await t.http.get(`/api/documents/${id}`).set('Authorization', tokens[PEOPLE[r]])).status] as const)));
    expect(await read(ordinary.id)).toEqual({
      drafter: 200, 'unit head': 200, 'format checker': 200, signer: 200, clerk: 200, archivist: 200, admin: 200,
      'clerk of another agency': 404, 'legal reviewer of another agency': 404,
    });
    // The confidential draft: its drafter and its chosen signer are on its route; the unit head not yet.
    const before = await read(secret.id);
    expect(before).toEqual({
      drafter: 200, 'unit head': 404, 'format checker': 404, signer: 200, clerk: 404, archivist: 404, admin: 404,
      'clerk of another agency': 404, 'legal reviewer of another agency': 404,
    });
    // Submitted: the unit head is on its route now.
    expect((await t.http.post(`/api/documents/${secret.id}/actions`).set('Authorization', tokens.chuyenvien).send({ action: 'submit' })).status).toBe(200);
    expect((await read(secret.id))['unit head']).toBe(200);
    // At the clerk's desk: the clerk too; never another agency.
    for (const [who, action] of [['truongphong', 'approve'], ['pcvp', 'approve'], ['pct', 'sign']] as const) {
      expect((await t.http.post(`/api/documents/${secret.id}/actions`).set('Authorization', tokens[who]).send({ action })).status).toBe(200);
    }
    expect(await read(secret.id)).toEqual({
      drafter: 200, 'unit head': 200, 'format checker': 200, signer: 200, clerk: 200, archivist: 404, admin: 404,
      'clerk of another agency': 404, 'legal reviewer of another agency': 404,
    });
    // Every read that was answered is in the document's trail, with who read it.
    const reads = await t.owner(`SELECT actor_name FROM audit_entries WHERE document_id = $1 AND action = 'read'`, [secret.id]);
    const readers = new Set(reads.map((r: { actor_name: string }) => r.actor_name));
    expect(readers.has('Lê Thị Hà')).toBe(true);
    expect(readers.has('Bùi Thị Hoa')).toBe(false); // the archivist: refused, so nothing read
    expect(readers.has('Trần Văn Nam')).toBe(true);
    expect(readers.has('Vũ Thị Lan')).toBe(true);
    expect(readers.has('Phan Thị Yến')).toBe(false);
  });
});
