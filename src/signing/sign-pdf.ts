/**
 * A PAdES signature (CMS, SHA-256, adbe.pkcs7.detached) appended to a PDF as an incremental update: earlier revisions,
 * and the signatures on them, stay as they are. @signpdf places the signature field and signs with a PKCS#12.
 */
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';

const signpdf = new SignPdf();

export async function signPdf(
  pdf: Buffer,
  p12: Buffer,
  passphrase: string,
  what: { name: string; reason: string; location: string; at: Date },
): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: what.reason,
    name: what.name,
    location: what.location,
    contactInfo: '',
    signingTime: what.at,
    signatureLength: 8192,
  } as Parameters<typeof plainAddPlaceholder>[0]);
  return Buffer.from(await signpdf.sign(withPlaceholder, new P12Signer(p12, { passphrase }), what.at));
}
