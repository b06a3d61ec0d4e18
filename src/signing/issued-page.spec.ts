import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { expectInOrder, pdfImages, pdfsig, pdfText, SEED_002, SEED_002_LINES } from '../../test/support/pdf-tools.js';
import { composePage } from '../rendering/compose-page.js';
import { renderPdf, renderPdfWithBlanks } from '../rendering/render-pdf.js';
import { createDemoCa, issueCertificate } from './demo-ca.js';
import { completeIssuedPage, stampAttachment } from './issued-page.js';
import { signPdf } from './sign-pdf.js';
import { verifyPdfSignatures } from './verify-pdf.js';

const demo = (name: string) => fs.readFileSync(new URL(`../../assets/demo/${name}`, import.meta.url));
const signedAt = new Date('2020-07-20T02:00:00Z');
const issuedAt = new Date('2020-07-20T03:00:00Z');
const ca = createDemoCa(signedAt);
const person = issueCertificate(ca, 'Nguyễn Đức Thịnh', 'Ủy ban nhân dân tỉnh Thanh Hóa', 'p', signedAt);
const agency = issueCertificate(ca, 'Ủy ban nhân dân tỉnh Thanh Hóa', 'Ủy ban nhân dân tỉnh Thanh Hóa', 'a', signedAt);
const info = { title: 'Công văn', author: 'Ủy ban nhân dân tỉnh Thanh Hóa', subject: null, createdAt: signedAt };

/** Seed 002 as the signer signs it (number and day blank, with his handwritten signature), then as issued. */
async function issue(facts: { number: number; dateLine: string; seal: Buffer | null }, signatureImage: Buffer | null = demo('signature-pcvp.png')) {
  const page = composePage({ ...SEED_002, number: null, symbol: null, dateLine: null }, signedAt);
  const { pdf, blanks } = await renderPdfWithBlanks(page, { ...info, signatureImage });
  const signed = await signPdf(pdf, person.p12, 'p', { name: 'Nguyễn Đức Thịnh', reason: 'Ký ban hành', location: 'Thanh Hóa', at: signedAt });
  const completed = await completeIssuedPage(signed, blanks, facts);
  const sealed = await signPdf(completed, agency.p12, 'a', { name: 'Ủy ban nhân dân tỉnh Thanh Hóa', reason: 'Phát hành: 01/UBND-CNTT', location: 'Thanh Hóa', at: issuedAt });
  return { signed, completed, sealed, blanks };
}

describe('the issued revision', () => {
  it('writes number and date into the signed page and adds the seal; both signatures stay valid for pdfsig and for us', async () => {
    const { signed, completed, sealed } = await issue({ number: 1, dateLine: 'Thanh Hóa, ngày 20 tháng 7 năm 2020', seal: demo('seal-UBND.png') });
    const artifacts = new URL('../../test-artifacts/pdf/', import.meta.url);
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(new URL('seed-002-issued.pdf', artifacts), sealed);

    // Before: the signed page has blanks. After: seed 002 line by line, as printed.
    expect(pdfText(signed).some((l) => /^Số: \/UBND-CNTT/.test(l) || l.includes(' Số: /UBND-CNTT'))).toBe(true);
    expect(pdfText(signed).join('\n')).toContain('Thanh Hóa, ngày tháng năm 2020');
    const lines = pdfText(sealed);
    expectInOrder(lines, SEED_002_LINES);
    expect(lines[2]).toBe('Số: 01/UBND-CNTT Thanh Hóa, ngày 20 tháng 7 năm 2020');

    // The signed and the completed revisions are kept byte for byte under the last one.
    expect(sealed.subarray(0, signed.length).equals(signed)).toBe(true);
    expect(sealed.subarray(0, completed.length).equals(completed)).toBe(true);
    const report = verifyPdfSignatures(sealed);
    expect(report.map((r) => [r.signer, r.valid, r.coversWholeDocument, r.signedRevisionBytes])).toEqual([
      ['Nguyễn Đức Thịnh', true, false, signed.length],
      ['Ủy ban nhân dân tỉnh Thanh Hóa', true, true, sealed.length],
    ]);
    expect(pdfsig(sealed)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    // The handwritten signature (blue) and the seal (red), each with its transparency mask, on page 1.
    const images = pdfImages(sealed);
    expect(images.filter((i) => i.type === 'image').map((i) => [i.page, i.width, i.height])).toEqual([
      [1, 600, 220],
      [1, 600, 600],
    ]);
    expect(images.filter((i) => i.type === 'smask')).toHaveLength(2);

    // A byte of the signer's revision changed: both fail; one of the agency's update only: the agency's fails.
    const early = Buffer.from(sealed);
    early[1200] ^= 0x01;
    expect(verifyPdfSignatures(early).map((r) => r.valid)).toEqual([false, false]);
    expect(pdfsig(early)).toEqual(['Digest Mismatch.', 'Digest Mismatch.']);
    const late = Buffer.from(sealed);
    const inUpdate = signed.length + 40;
    late[inUpdate] ^= 0x01;
    expect(verifyPdfSignatures(late).map((r) => r.valid)).toEqual([true, false]);
    expect(pdfsig(late)).toEqual(['Signature is Valid.', 'Digest Mismatch.']);
  });

  it('fits a five-digit number in the blank, works without a seal or a signature image, and rewrites the year of an issue in a later year', async () => {
    const { sealed } = await issue({ number: 12345, dateLine: 'Thanh Hóa, ngày 02 tháng 01 năm 2021', seal: null }, null);
    const lines = pdfText(sealed);
    expect(lines[2]).toBe('Số: 12345/UBND-CNTT Thanh Hóa, ngày 02 tháng 01 năm 2020');
    // The year printed at signing is covered in white and 2021 written over it: text extraction still reads the
    // covered year, with the new one just under it.
    expect(lines[3]).toBe('2021');
    expect(pdfImages(sealed)).toEqual([]);
    expect(pdfsig(sealed)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
  });
});

describe('the agency’s signature on an attachment', () => {
  it('is shown as text top right of page 1: number and symbol, signing time in ISO 8601 Vietnam time; the file stays valid', async () => {
    const attachment = await renderPdf(composePage({ ...SEED_002, type: 'KH', subject: 'Phụ lục', signatureBlock: null }, signedAt), info);
    const stamped = await stampAttachment(attachment, '01/UBND-CNTT', issuedAt);
    const sealed = await signPdf(stamped, agency.p12, 'a', { name: 'Ủy ban nhân dân tỉnh Thanh Hóa', reason: 'Phát hành', location: 'Thanh Hóa', at: issuedAt });
    const lines = pdfText(sealed);
    expect(lines[0]).toBe('01/UBND-CNTT');
    expect(lines[1]).toBe('2020-07-20T10:00:00+07:00');
    expect(sealed.subarray(0, attachment.length).equals(attachment)).toBe(true);
    expect(pdfsig(sealed)).toEqual(['Signature is Valid.']);
  });
});
