import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { act, createDraft, recipient, toIssuing, useDemoApp, type DemoApp } from './support/factories.js';
import { expectInOrder, pdfImages, pdfsig, pdfsigReport, pdfText } from './support/pdf-tools.js';

/** GET /api/documents/:id/pdf at every stage: a draft with a blank number and date, the issued document with its own. */
let demo: DemoApp;
useDemoApp((d) => (demo = d));

const text = (pdf: Buffer) => pdfText(pdf).join('\n');

const get = (id: string, who: keyof DemoApp['tokens']) =>
  demo.t.http.get(`/api/documents/${id}/pdf`).set('Authorization', demo.tokens[who]).buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

describe('the PDF of a document', () => {
  it('shows a draft with a blank number and date, then the issued number and date line', async () => {
    const { t, tokens, dir } = demo;
    const d = await createDraft(t, tokens, dir, { subject: 'Triển khai chữ ký số', addressees: [recipient(dir, 'STP')], copiesTo: [] });
    const draft = await get(d.id, 'chuyenvien');
    expect(draft.status).toBe(200);
    expect(draft.headers['content-type']).toBe('application/pdf');
    expect(draft.headers['content-disposition']).toMatch(/^inline; filename\*=UTF-8''du-thao-/);
    const before = text(draft.body as Buffer);
    expect(before).toMatch(/Số: \/UBND-CNTT/);
    expect(before).toMatch(/Thanh Hóa, ngày tháng năm \d{4}/);
    expect(before).toContain('V/v Triển khai chữ ký số');
    expect(before).toContain('Kính gửi: Sở Tư pháp.');
    expect(before).toContain('KT. CHỦ TỊCH');

    await toIssuing(t, tokens, d.id);
    const issued = (await act(t, tokens.vanthu, d.id, 'issue')).body;
    const after = text((await get(d.id, 'luutru')).body as Buffer);
    expect(after).toContain(`Số: ${issued.numberSymbol}`);
    expect(after).toContain(issued.dateLine);
    expect((await get(d.id, 'vtstp')).status).toBe(404);
  });
});

describe('the signer’s digital signature', () => {
  it('is applied at signing on the page as signed: our report and pdfsig agree it is valid, and both catch a changed byte', async () => {
    const { t, tokens, dir } = demo;
    const d = await createDraft(t, tokens, dir, { subject: 'Ký số thử nghiệm', addressees: [recipient(dir, 'STP')], copiesTo: [] });
    expect((await t.http.get(`/api/documents/${d.id}/signatures`).set('Authorization', tokens.chuyenvien)).body).toEqual({ file: null, signatures: [] });
    await toIssuing(t, tokens, d.id);
    const report = (await t.http.get(`/api/documents/${d.id}/signatures`).set('Authorization', tokens.vanthu)).body;
    expect(report.file).toBe('signed');
    expect(report.signatures).toEqual([
      expect.objectContaining({ index: 1, signer: 'Nguyễn Văn Bình', valid: true, coversWholeDocument: true, problem: null }),
    ]);
    expect(report.signatures[0].subject).toContain('O=Ủy ban nhân dân tỉnh Thanh Hóa');
    expect(report.signatures[0].issuer).toContain('CN=congvan Demo CA');

    const signed = (await get(d.id, 'vanthu')).body as Buffer;
    expect(text(signed)).toContain('KT. CHỦ TỊCH');
    expect(pdfsigReport(signed)).toContain('Signature Validation: Signature is Valid.');
    expect(pdfsigReport(signed)).toContain('Signer Certificate Common Name: Nguyễn Văn Bình');
    // The signer's handwritten signature (the demo's, 600×220) is in the block.
    expect(pdfImages(signed).filter((i) => i.type === 'image').map((i) => [i.width, i.height])).toEqual([[600, 220]]);
    const tampered = Buffer.from(signed);
    tampered[1200] ^= 0x01;
    expect(pdfsig(tampered)).toEqual(['Digest Mismatch.']);
    // The person's key is kept as an encrypted PKCS#12; the CA's key encrypted too: no private key in clear.
    const keys = (await t.owner(`SELECT owner_kind, p12, encrypted_key FROM signing_keys ORDER BY owner_kind`)) as Array<{ owner_kind: string; p12: Buffer | null; encrypted_key: string | null }>;
    expect(keys.filter((k) => k.owner_kind === 'ca').map((k) => k.encrypted_key)).toEqual([expect.stringContaining('ENCRYPTED')]);
    expect(keys.filter((k) => k.owner_kind === 'user').length).toBeGreaterThan(0);
    for (const k of keys.filter((x) => x.owner_kind !== 'ca')) expect(k.p12!.toString('latin1')).not.toContain('PRIVATE KEY');
  });
});

describe('a PDF signed elsewhere, uploaded as an attachment', () => {
  it('gets the same signature report; an unsigned one has none, another file is no PDF', async () => {
    const { t, tokens, dir } = demo;
    const { createDemoCa, issueCertificate } = await import('../src/signing/demo-ca.js');
    const { signPdf } = await import('../src/signing/sign-pdf.js');
    const { renderPdf } = await import('../src/rendering/render-pdf.js');
    const { composePage } = await import('../src/rendering/compose-page.js');
    // Another agency's system: its own CA, its own signer.
    const now = new Date();
    const ca = createDemoCa(now);
    const them = issueCertificate(ca, 'Lê Văn Tài', 'Sở Tài chính tỉnh Thanh Hóa', 'x', now);
    const page = composePage(
      {
        type: 'CV', subject: 'Thẩm định dự toán', body: 'Nội dung.', urgency: 'normal', confidentiality: 'normal', legalNormative: false,
        issuer: { name: 'Sở Tài chính tỉnh Thanh Hóa', code: 'STC', place: 'Thanh Hóa', superiorName: 'UBND tỉnh Thanh Hóa', kind: 'agency' },
        draftingUnitCode: 'NS', number: 4102, symbol: 'STC-NS', dateLine: 'Thanh Hóa, ngày 30 tháng 11 năm 2026',
        signatureBlock: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Văn Tài'],
        recipientLines: { kinhGui: ['Kính gửi: Ủy ban nhân dân tỉnh.'], noiNhan: ['Nơi nhận:', '- Như trên;', '- Lưu: VT, NS.'] },
      },
      now,
    );
    const unsigned = await renderPdf(page, { title: 'x', author: 'STC', subject: null, createdAt: now });
    const signed = await signPdf(unsigned, them.p12, 'x', { name: 'Lê Văn Tài', reason: 'Ký ban hành', location: 'Thanh Hóa', at: now });

    const d = await createDraft(t, tokens, dir, { subject: 'Trả lời Sở Tài chính', addressees: [recipient(dir, 'STC')], copiesTo: [] });
    const up = async (content: Buffer, name: string, type: string) =>
      (await t.http.post(`/api/documents/${d.id}/attachments`).set('Authorization', tokens.chuyenvien).attach('file', content, { filename: name, contentType: type })).body.id as string;
    const report = async (aid: string) => (await t.http.get(`/api/documents/${d.id}/attachments/${aid}/signatures`).set('Authorization', tokens.truongphong)).body;

    const signedReport = await report(await up(signed, '4102-STC-NS.pdf', 'application/pdf'));
    expect(signedReport).toMatchObject({ file: '4102-STC-NS.pdf', pdf: true });
    expect(signedReport.signatures).toEqual([expect.objectContaining({ signer: 'Lê Văn Tài', valid: true, coversWholeDocument: true })]);
    expect(signedReport.signatures[0].subject).toContain('O=Sở Tài chính tỉnh Thanh Hóa');
    const tampered = Buffer.from(signed);
    tampered[1200] ^= 0x01;
    expect((await report(await up(tampered, 'sua.pdf', 'application/pdf'))).signatures[0]).toMatchObject({ valid: false, problem: 'the signed bytes were changed (digest mismatch)' });
    expect(await report(await up(unsigned, 'chua-ky.pdf', 'application/pdf'))).toMatchObject({ pdf: true, signatures: [] });
    expect(await report(await up(Buffer.from('không phải PDF'), 'ghi-chu.txt', 'text/plain'))).toMatchObject({ pdf: false, signatures: [] });
    // An attachment that does not exist.
    expect((await t.http.get(`/api/documents/${d.id}/attachments/00000000-0000-4000-8000-000000000000/signatures`).set('Authorization', tokens.chuyenvien)).status).toBe(404);
  });
});

describe('the issued document', () => {
  it('is the signed page completed with number, date and seal, then signed by the agency: pdfsig and our report agree', async () => {
    const { t, tokens, dir } = demo;
    const { composePage } = await import('../src/rendering/compose-page.js');
    const { renderPdf } = await import('../src/rendering/render-pdf.js');
    // A real PDF as attachment (an appendix), and the document to Sở Tư pháp.
    const appendix = await renderPdf(
      composePage(
        {
          type: 'KH', subject: 'Phụ lục danh mục nhiệm vụ', body: 'Danh mục nhiệm vụ kèm theo.', urgency: 'normal', confidentiality: 'normal', legalNormative: false,
          issuer: { name: 'Ủy ban nhân dân tỉnh Thanh Hóa', code: 'UBND', place: 'Thanh Hóa', superiorName: null, kind: 'agency' },
          draftingUnitCode: 'CNTT', number: null, symbol: null, dateLine: null, signatureBlock: null, recipientLines: { kinhGui: [], noiNhan: [] },
        },
        new Date(),
      ),
      { title: 'Phụ lục', author: 'UBND', subject: null, createdAt: new Date() },
    );
    const d = await createDraft(t, tokens, dir, { subject: 'Ban hành có chữ ký số của cơ quan', addressees: [recipient(dir, 'STP')], copiesTo: [] });
    const up = await t.http.post(`/api/documents/${d.id}/attachments`).set('Authorization', tokens.chuyenvien).attach('file', appendix, { filename: 'Phụ lục.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    await toIssuing(t, tokens, d.id);
    const issued = (await act(t, tokens.vanthu, d.id, 'issue')).body;

    const report = (await t.http.get(`/api/documents/${d.id}/signatures`).set('Authorization', tokens.luutru)).body;
    expect(report.file).toBe('issued');
    expect(report.signatures.map((s: { signer: string; valid: boolean; coversWholeDocument: boolean }) => [s.signer, s.valid, s.coversWholeDocument])).toEqual([
      ['Nguyễn Văn Bình', true, false],
      ['Ủy ban nhân dân tỉnh Thanh Hóa', true, true],
    ]);
    expect(report.signatures[1].subject).toContain('CN=Ủy ban nhân dân tỉnh Thanh Hóa');

    const file = await get(d.id, 'luutru');
    expect(file.headers['content-disposition']).toBe(`inline; filename*=UTF-8''${encodeURIComponent(`${issued.numberSymbol.replaceAll('/', '-')}.pdf`)}`);
    const pdf = file.body as Buffer;
    expectInOrder(pdfText(pdf), [
      'ỦY BAN NHÂN DÂN',
      `Số: ${issued.numberSymbol} ${issued.dateLine}`,
      'V/v Ban hành có chữ ký số của cơ quan',
      'Kính gửi: Sở Tư pháp.',
      'Nơi nhận:',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Văn Bình',
    ]);
    expect(pdfsig(pdf)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    // The signer's handwritten signature and the agency's seal.
    expect(pdfImages(pdf).filter((i) => i.type === 'image').map((i) => [i.width, i.height])).toEqual([[600, 220], [600, 600]]);

    // A changed byte: pdfsig fails both, and so does our report (on the changed file, uploaded elsewhere).
    const tampered = Buffer.from(pdf);
    tampered[1200] ^= 0x01;
    expect(pdfsig(tampered)).toEqual(['Digest Mismatch.', 'Digest Mismatch.']);
    const other = await createDraft(t, tokens, dir, { subject: 'Kiểm tra tệp đã sửa', addressees: [recipient(dir, 'STP')], copiesTo: [] });
    const aid = (await t.http.post(`/api/documents/${other.id}/attachments`).set('Authorization', tokens.chuyenvien).attach('file', tampered, { filename: 'sua.pdf', contentType: 'application/pdf' })).body.id;
    const theirs = (await t.http.get(`/api/documents/${other.id}/attachments/${aid}/signatures`).set('Authorization', tokens.chuyenvien)).body;
    expect(theirs.signatures.map((s: { valid: boolean }) => s.valid)).toEqual([false, false]);

    // The attachment: signed by the agency, shown as text top right; the original is kept.
    const shown = (await t.http.get(`/api/documents/${d.id}`).set('Authorization', tokens.luutru)).body.attachments;
    expect(shown).toEqual([expect.objectContaining({ name: 'Phụ lục.pdf', signingProblem: null, signedSha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    const signedCopy = (await t.http.get(`/api/documents/${d.id}/attachments/${shown[0].id}`).set('Authorization', tokens.luutru).buffer(true)).body as Buffer;
    expect(signedCopy.subarray(0, appendix.length).equals(appendix)).toBe(true);
    const lines = pdfText(signedCopy);
    expect(lines[0]).toBe(issued.numberSymbol);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    expect(pdfsig(signedCopy)).toEqual(['Signature is Valid.']);
    const attachmentReport = (await t.http.get(`/api/documents/${d.id}/attachments/${shown[0].id}/signatures`).set('Authorization', tokens.luutru)).body;
    expect(attachmentReport.signatures).toEqual([expect.objectContaining({ signer: 'Ủy ban nhân dân tỉnh Thanh Hóa', valid: true, coversWholeDocument: true })]);
    const original = (await t.http.get(`/api/documents/${d.id}/attachments/${shown[0].id}?original=true`).set('Authorization', tokens.luutru).buffer(true)).body as Buffer;
    expect(original.equals(appendix)).toBe(true);

    // Made once: asked again, the same bytes.
    expect(((await get(d.id, 'vanthu')).body as Buffer).equals(pdf)).toBe(true);
  });
});

describe('signature and seal images', () => {
  const png = fs.readFileSync(new URL('../assets/demo/signature-cvp.png', import.meta.url));
  const seal = fs.readFileSync(new URL('../assets/demo/seal-UBND.png', import.meta.url));

  it('lets a person set, read and remove their own handwritten signature; a file that is no PNG is refused', async () => {
    const { t, tokens } = demo;
    const put = (content: Buffer, name = 'chu-ky.png') =>
      t.http.put('/api/me/signature-image').set('Authorization', tokens.chuyenvien).attach('file', content, { filename: name, contentType: 'image/png' });
    const bad = await put(Buffer.from('không phải ảnh'), 'x.png');
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields).toEqual([{ field: 'file', reason: 'must be a PNG image' }]);
    const broken = Buffer.from(png);
    broken.fill(0, 60, 400);
    expect((await put(broken)).status).toBe(400);
    expect((await t.http.get('/api/me/signature-image').set('Authorization', tokens.chuyenvien)).status).toBe(404);
    const ok = await put(png);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ width: 600, height: 220, size: png.length });
    const back = await t.http.get('/api/me/signature-image').set('Authorization', tokens.chuyenvien).buffer(true);
    expect(back.headers['content-type']).toBe('image/png');
    expect((back.body as Buffer).equals(png)).toBe(true);
    expect((await t.http.delete('/api/me/signature-image').set('Authorization', tokens.chuyenvien)).status).toBe(204);
    expect((await t.http.get('/api/me/signature-image').set('Authorization', tokens.chuyenvien)).status).toBe(404);
    const audited = await t.owner(`SELECT action FROM audit_entries WHERE action LIKE 'signature-image-%' ORDER BY chain_seq`);
    expect(audited.map((a: { action: string }) => a.action)).toEqual(['signature-image-set', 'signature-image-remove']);
  });

  it('lets only the agency’s clerk or an administrator set its seal', async () => {
    const { t, tokens } = demo;
    const [ubnd] = await t.owner(`SELECT id FROM agencies WHERE code = 'UBND'`);
    const put = (who: keyof DemoApp['tokens'], id: string) =>
      t.http.put(`/api/agencies/${id}/seal-image`).set('Authorization', tokens[who]).attach('file', seal, { filename: 'con-dau.png', contentType: 'image/png' });
    expect((await put('chuyenvien', ubnd.id)).status).toBe(403);
    expect((await put('vtstp', ubnd.id)).status).toBe(403);
    expect((await put('vanthu', ubnd.id)).status).toBe(200);
    expect((await put('admin', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const back = await t.http.get(`/api/agencies/${ubnd.id}/seal-image`).set('Authorization', tokens.vanthu).buffer(true);
    expect((back.body as Buffer).equals(seal)).toBe(true);
  });
});
