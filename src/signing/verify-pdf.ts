/**
 * The signatures of a PDF, checked the way a verifier does (PAdES / adbe.pkcs7.detached): for each `/ByteRange` and
 * `/Contents`, the CMS SignedData is read (node-forge); the SHA-256 of the bytes the range covers must equal the
 * signed `messageDigest`, and the signature over the signed attributes must verify with the signer certificate's key
 * (Node's crypto). Reports who signed, the certificate subject, the time, whether it is valid, and what it covers
 * (the whole file, or an earlier revision with updates after it). Pure: the bytes in, the report out.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import forge from 'node-forge';

export interface SignatureReport {
  /** 1 = the first signature applied. */
  index: number;
  signer: string | null;
  subject: string;
  issuer: string;
  signingTime: string | null;
  valid: boolean;
  /** Why not, when it is not valid. */
  problem: string | null;
  byteRange: [number, number, number, number];
  /** True when the signature covers every byte of the file; false: revisions were appended after it. */
  coversWholeDocument: boolean;
  /** Bytes of the revision it signed. */
  signedRevisionBytes: number;
}

/** An attribute's text: UTF8String values come back from forge as UTF-8 bytes. */
const textOf = (a: forge.pki.CertificateField) => {
  const v = String(a.value ?? '');
  try {
    return (a.valueTagClass as unknown) === forge.asn1.Type.UTF8 ? forge.util.decodeUtf8(v) : v;
  } catch {
    return v;
  }
};
const dn = (c: forge.pki.Certificate['subject']) => c.attributes.map((a) => `${a.shortName ?? a.name}=${textOf(a)}`).join(', ');

/** The DER element at the start of `bytes`, what follows ignored (node-forge's option, missing from its types). */
const fromDerPrefix = (bytes: string) =>
  (forge.asn1.fromDer as unknown as (b: string, o: { strict: boolean; parseAllBytes: boolean }) => forge.asn1.Asn1)(bytes, { strict: false, parseAllBytes: false });

export function verifyPdfSignatures(pdf: Buffer): SignatureReport[] {
  const text = pdf.toString('latin1');
  const reports: SignatureReport[] = [];
  const ranges = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = ranges.exec(text); m; m = ranges.exec(text)) {
    const [a, b, c, d] = m.slice(1, 5).map(Number) as [number, number, number, number];
    const base = { index: reports.length + 1, byteRange: [a, b, c, d] as [number, number, number, number], coversWholeDocument: a === 0 && c + d === pdf.length, signedRevisionBytes: c + d };
    if (a !== 0 || c < a + b || c + d > pdf.length) {
      reports.push({ ...base, signer: null, subject: '', issuer: '', signingTime: null, valid: false, problem: 'the byte range does not fit the file' });
      continue;
    }
    try {
      // The placeholder is zero-padded past the CMS structure: its DER length says where it ends. (Stripping trailing
      // zeros instead cut a signature whose last byte is 0x00, one in 256, and reported it invalid.)
      const der = forge.util.hexToBytes(pdf.subarray(a + b + 1, c - 1).toString('latin1'));
      const p7 = forge.pkcs7.messageFromAsn1(fromDerPrefix(der)) as forge.pkcs7.PkcsSignedData & {
        rawCapture: { authenticatedAttributes: forge.asn1.Asn1[]; signature: string };
      };
      const cert = p7.certificates[0];
      const attrs = p7.rawCapture.authenticatedAttributes;
      let digest: Buffer | null = null;
      let signingTime: Date | null = null;
      for (const attr of attrs) {
        const parts = attr.value as forge.asn1.Asn1[];
        const oid = forge.asn1.derToOid(parts[0].value as string);
        const value = ((parts[1].value as forge.asn1.Asn1[])[0]).value as string;
        if (oid === forge.pki.oids.messageDigest) digest = Buffer.from(value, 'binary');
        if (oid === forge.pki.oids.signingTime) signingTime = forge.asn1.utcTimeToDate(value);
      }
      const content = createHash('sha256').update(pdf.subarray(a, a + b)).update(pdf.subarray(c, c + d)).digest();
      const signedAttrs = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs);
      const signatureOk = verify(
        'sha256',
        Buffer.from(forge.asn1.toDer(signedAttrs).getBytes(), 'binary'),
        createPublicKey(forge.pki.publicKeyToPem(cert.publicKey)),
        Buffer.from(p7.rawCapture.signature, 'binary'),
      );
      const digestOk = digest !== null && digest.equals(content);
      reports.push({
        ...base,
        signer: cert.subject.getField('CN') ? textOf(cert.subject.getField('CN')) : null,
        subject: dn(cert.subject),
        issuer: dn(cert.issuer),
        signingTime: signingTime?.toISOString() ?? null,
        valid: digestOk && signatureOk,
        problem: !digestOk ? 'the signed bytes were changed (digest mismatch)' : !signatureOk ? 'the signature does not verify with its certificate' : null,
      });
    } catch (err) {
      reports.push({ ...base, signer: null, subject: '', issuer: '', signingTime: null, valid: false, problem: `unreadable signature: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return reports;
}
