import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { act, createDraft, recipient, toIssuing, useDemoApp, type DemoApp } from './support/factories.js';

/** GET /api/documents/:id/pdf at every stage: a draft with a blank number and date, the issued document with its own. */
let demo: DemoApp;
useDemoApp((d) => (demo = d));

function text(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

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
    const sig = (pdf: Buffer) => {
      const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-sig-'));
      try {
        fs.writeFileSync(path.join(dir2, 'a.pdf'), pdf);
        try {
          return execFileSync('pdfsig', [path.join(dir2, 'a.pdf')], { encoding: 'utf8' });
        } catch (err) {
          return String((err as { stdout?: string }).stdout ?? '');
        }
      } finally {
        fs.rmSync(dir2, { recursive: true, force: true });
      }
    };
    expect(sig(signed)).toContain('Signature Validation: Signature is Valid.');
    expect(sig(signed)).toContain('Signer Certificate Common Name: Nguyễn Văn Bình');
    const tampered = Buffer.from(signed);
    tampered[1200] ^= 0x01;
    expect(sig(tampered)).toContain('Signature Validation: Digest Mismatch.');
    // The person's key is kept as an encrypted PKCS#12; the CA's key encrypted too: no private key in clear.
    const keys = await t.owner(`SELECT owner_kind, p12, encrypted_key FROM signing_keys ORDER BY owner_kind`);
    expect(keys.map((k) => k.owner_kind)).toEqual(['ca', 'user']);
    expect(keys[0].encrypted_key).toContain('ENCRYPTED');
    expect(keys[1].p12.toString('latin1')).not.toContain('PRIVATE KEY');
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
