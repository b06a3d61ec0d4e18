import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createTestApp, type TestApp } from './support/test-app.js';
import { act, createDraft, directory, loginAll, recipient, settleOutbox, toIssuing, type Directory, type Tokens } from './support/factories.js';
import { parseEdxml } from '../src/recipients/edxml.js';
import { verifyPdfSignatures } from '../src/signing/verify-pdf.js';

/**
 * Attachments (tệp đính kèm): the drafter uploads them while drafting; readers download them; they travel with the
 * document to the incoming desks of this system and in its edXML packages.
 */
let t: TestApp;
let tokens: Tokens;
let dir: Directory;
let exchange: string;

beforeAll(async () => {
  exchange = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-exchange-'));
  t = await createTestApp(undefined, undefined, { EXCHANGE_ENDPOINT: exchange, ATTACHMENT_MAX_BYTES: '100000', ATTACHMENT_MAX_COUNT: '3' });
  tokens = await loginAll(t);
  dir = await directory(t, tokens);
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(exchange, { recursive: true, force: true });
});

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
const upload = (who: keyof Tokens, id: string, content: Buffer, name: string, type = 'application/pdf') =>
  t.http.post(`/api/documents/${id}/attachments`).set('Authorization', tokens[who]).attach('file', content, { filename: name, contentType: type });

describe('attachments of a draft', () => {
  it('are uploaded by the drafter, listed with their SHA-256, downloaded byte for byte, and audited', async () => {
    const d = await createDraft(t, tokens, dir);
    const res = await upload('chuyenvien', d.id, pdf, 'Phụ lục 1 - Danh sách đơn vị.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Phụ lục 1 - Danh sách đơn vị.pdf', contentType: 'application/pdf', size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') });
    const doc = (await t.http.get(`/api/documents/${d.id}`).set('Authorization', tokens.truongphong)).body;
    expect(doc.attachments).toEqual([expect.objectContaining({ id: res.body.id, name: 'Phụ lục 1 - Danh sách đơn vị.pdf', size: pdf.length })]);
    const file = await t.http.get(`/api/documents/${d.id}/attachments/${res.body.id}`).set('Authorization', tokens.truongphong).buffer(true);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('Phụ lục 1 - Danh sách đơn vị.pdf'));
    expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);
    // Another agency does not see it.
    expect((await t.http.get(`/api/documents/${d.id}/attachments/${res.body.id}`).set('Authorization', tokens.vtstp)).status).toBe(404);
    const history = (await t.http.get(`/api/documents/${d.id}/history`).set('Authorization', tokens.chuyenvien)).body;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['create', 'attach']);

    expect((await t.http.delete(`/api/documents/${d.id}/attachments/${res.body.id}`).set('Authorization', tokens.chuyenvien)).status).toBe(204);
    expect((await t.http.get(`/api/documents/${d.id}`).set('Authorization', tokens.chuyenvien)).body.attachments).toEqual([]);
    expect((await t.http.delete(`/api/documents/${d.id}/attachments/${res.body.id}`).set('Authorization', tokens.chuyenvien)).status).toBe(404);
  });

  it('refuses what is not the drafter’s to add, too large, nameless, missing, too many, or after drafting', async () => {
    const d = await createDraft(t, tokens, dir);
    expect((await upload('truongphong', d.id, pdf, 'a.pdf')).status).toBe(403);
    const big = await upload('chuyenvien', d.id, Buffer.alloc(100_001), 'lon.pdf');
    expect(big.status).toBe(413);
    const traversal = await upload('chuyenvien', d.id, pdf, '../../etc/passwd');
    expect(traversal.status).toBe(201);
    expect(traversal.body.name).toBe('passwd');
    expect((await upload('chuyenvien', d.id, pdf, '..')).status).toBe(400);
    const none = await t.http.post(`/api/documents/${d.id}/attachments`).set('Authorization', tokens.chuyenvien).field('other', 'x');
    expect(none.status).toBe(400);
    expect(none.body.details.fields[0].field).toBe('file');
    expect((await upload('chuyenvien', d.id, pdf, 'b.pdf')).status).toBe(201);
    expect((await upload('chuyenvien', d.id, pdf, 'c.pdf')).status).toBe(201);
    const fourth = await upload('chuyenvien', d.id, pdf, 'd.pdf');
    expect(fourth.status).toBe(409);
    expect(fourth.body.code).toBe('TOO_MANY_ATTACHMENTS');
    expect((await act(t, tokens.chuyenvien, d.id, 'submit')).status).toBe(200);
    const late = await upload('chuyenvien', d.id, pdf, 'e.pdf');
    expect(late.status).toBe(409);
    expect(late.body.details).toMatchObject({ state: 'review' });
  });

  it('travel with the issued document to the incoming desk and in its edXML package', async () => {
    const d = await createDraft(t, tokens, dir, { subject: 'Gửi kèm phụ lục', addressees: [recipient(dir, 'STP'), recipient(dir, 'STC')], copiesTo: [] });
    expect((await upload('chuyenvien', d.id, pdf, 'Phụ lục.pdf')).status).toBe(201);
    await toIssuing(t, tokens, d.id);
    expect((await act(t, tokens.vanthu, d.id, 'issue')).status).toBe(200);
    await settleOutbox(t);
    const [incoming] = (await t.http.get('/api/incoming').set('Authorization', tokens.vtstp)).body.filter((x: { subject: string }) => x.subject === 'Gửi kèm phụ lục');
    const shown = (await t.http.get(`/api/incoming/${incoming.id}`).set('Authorization', tokens.vtstp)).body;
    // First the document itself, signed by its signer and the agency; then the attachment. This one is no real PDF:
    // the agency cannot sign it, so it goes as it came, and the document says why.
    const numberSymbol = (await t.http.get(`/api/documents/${d.id}`).set('Authorization', tokens.vanthu)).body.numberSymbol as string;
    const issuedName = `${numberSymbol.replaceAll('/', '-')}.pdf`;
    expect(shown.attachments).toEqual([
      expect.objectContaining({ name: issuedName, contentType: 'application/pdf' }),
      expect.objectContaining({ name: 'Phụ lục.pdf', contentType: 'application/pdf', size: pdf.length }),
    ]);
    const main = await t.http.get(`/api/incoming/${incoming.id}/attachments/${shown.attachments[0].id}`).set('Authorization', tokens.vtstp).buffer(true);
    expect(verifyPdfSignatures(main.body as Buffer).map((r) => [r.signer, r.valid])).toEqual([
      ['Nguyễn Văn Bình', true],
      ['Ủy ban nhân dân tỉnh Thanh Hóa', true],
    ]);
    const copy = await t.http.get(`/api/incoming/${incoming.id}/attachments/${shown.attachments[1].id}`).set('Authorization', tokens.vtstp).buffer(true);
    expect(Buffer.compare(copy.body as Buffer, pdf)).toBe(0);
    const own = (await t.http.get(`/api/documents/${d.id}`).set('Authorization', tokens.vanthu)).body.attachments;
    expect(own).toEqual([expect.objectContaining({ name: 'Phụ lục.pdf', signedSha256: null, signingProblem: expect.stringMatching(/^not signed: /) })]);
    const [message] = fs.readdirSync(exchange).map((f) => parseEdxml(fs.readFileSync(path.join(exchange, f))));
    expect(message.kind).toBe('package');
    const attachments = message.kind === 'package' ? message.package.attachments : [];
    expect(attachments.map((a) => a.name)).toEqual([issuedName, 'Phụ lục.pdf']);
    expect(Buffer.compare(attachments[0].content, main.body as Buffer)).toBe(0);
    expect(Buffer.compare(attachments[1].content, pdf)).toBe(0);
  });
});
