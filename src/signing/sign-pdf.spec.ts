import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { pdfsig } from '../../test/support/pdf-tools.js';
import { composePage } from '../rendering/compose-page.js';
import { renderPdf } from '../rendering/render-pdf.js';
import { createDemoCa, decryptKey, encryptKey, issueCertificate } from './demo-ca.js';
import { signPdf } from './sign-pdf.js';
import { verifyPdfSignatures } from './verify-pdf.js';

const now = new Date('2026-12-01T03:00:00Z');
const page = composePage(
  {
    type: 'CV', subject: 'Thử nghiệm chữ ký số', body: 'Nội dung thử nghiệm.', urgency: 'normal', confidentiality: 'normal', legalNormative: false,
    issuer: { name: 'Ủy ban nhân dân tỉnh Thanh Hóa', code: 'UBND', place: 'Thanh Hóa', superiorName: null, kind: 'agency' },
    draftingUnitCode: 'CNTT', number: null, symbol: null, dateLine: null,
    signatureBlock: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn Bình'],
    recipientLines: { kinhGui: ['Kính gửi: Sở Tư pháp.'], noiNhan: ['Nơi nhận:', '- Như trên;', '- Lưu: VT, CNTT.'] },
  },
  now,
);

describe('PAdES signatures by the demo CA', () => {
  it('signs the signer’s then the agency’s revision; pdfsig and our verification agree, and both see a changed byte', async () => {
    const ca = createDemoCa(now);
    expect(decryptKey(encryptKey(ca.keyPem, 'pass'), 'pass')).toBe(ca.keyPem);
    expect(() => decryptKey(encryptKey(ca.keyPem, 'pass'), 'wrong')).toThrow();
    const person = issueCertificate(ca, 'Nguyễn Văn Bình', 'Ủy ban nhân dân tỉnh Thanh Hóa', 'p1', now);
    const agency = issueCertificate(ca, 'Ủy ban nhân dân tỉnh Thanh Hóa', 'Ủy ban nhân dân tỉnh Thanh Hóa', 'p2', now);
    const pdf = await renderPdf(page, { title: 't', author: 'a', subject: null, createdAt: now });
    const signed = await signPdf(pdf, person.p12, 'p1', { name: 'Nguyễn Văn Bình', reason: 'Ký ban hành', location: 'Thanh Hóa', at: now });
    const sealed = await signPdf(signed, agency.p12, 'p2', { name: 'Ủy ban nhân dân tỉnh Thanh Hóa', reason: 'Phát hành', location: 'Thanh Hóa', at: now });
    // The first revision is kept byte for byte under the second.
    expect(sealed.subarray(0, signed.length).equals(signed)).toBe(true);

    const report = verifyPdfSignatures(sealed);
    expect(report.map((r) => ({ signer: r.signer, valid: r.valid, whole: r.coversWholeDocument }))).toEqual([
      { signer: 'Nguyễn Văn Bình', valid: true, whole: false },
      { signer: 'Ủy ban nhân dân tỉnh Thanh Hóa', valid: true, whole: true },
    ]);
    expect(report[0].issuer).toContain('congvan Demo CA');
    expect(report[0].signedRevisionBytes).toBe(signed.length);
    expect(pdfsig(sealed)).toEqual(['Signature is Valid.', 'Signature is Valid.']);

    // One byte of the first revision's content changed: both signatures fail, for pdfsig and for us.
    const tampered = Buffer.from(sealed);
    tampered[1200] ^= 0x01;
    expect(verifyPdfSignatures(tampered).map((r) => [r.valid, r.problem])).toEqual([
      [false, 'the signed bytes were changed (digest mismatch)'],
      [false, 'the signed bytes were changed (digest mismatch)'],
    ]);
    expect(pdfsig(tampered)).toEqual(['Digest Mismatch.', 'Digest Mismatch.']);
  });

  it('finds no signature in an unsigned PDF', async () => {
    expect(verifyPdfSignatures(await renderPdf(page, { title: 't', author: 'a', subject: null, createdAt: now }))).toEqual([]);
  });

  it('reads a signature whose CMS ends in a zero byte (one in 256): the padding after it is not the signature', () => {
    // Found by signing until the CMS structure's last byte was 0x00; it used to be cut off with the zero padding, and
    // the agency's signature of an issued document was reported invalid now and then.
    const sealed = fs.readFileSync(new URL('../../test/fixtures/signature-ending-in-zero.pdf', import.meta.url));
    const [, , c] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)/.exec(sealed.toString('latin1'))!.slice(1).map(Number);
    const hex = sealed.subarray(0, c - 1).toString('latin1').replace(/^[\s\S]*</, '');
    const length = 4 + parseInt(hex.slice(4, 8), 16);
    expect(hex.slice(2 * (length - 1), 2 * length)).toBe('00');
    expect(verifyPdfSignatures(sealed).map((r) => [r.valid, r.problem])).toEqual([[true, null]]);
    expect(pdfsig(sealed)).toEqual(['Signature is Valid.']);
  });
});
