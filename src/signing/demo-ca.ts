/**
 * The built-in provider's certificates: a local demo certification authority that issues one certificate per person
 * and per agency, kept as PKCS#12 (private key and chain, encrypted with a passphrase). Node's crypto makes the RSA
 * keys; node-forge writes the X.509 certificates and the PKCS#12. Not a licensed CA: a real deployment plugs in a
 * provider backed by a hardware token or a remote signing service (signing-provider.ts).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface Issued {
  certificatePem: string;
  /** PKCS#12 (key + certificate + CA), encrypted with the passphrase. */
  p12: Buffer;
}

export interface DemoCa {
  certificatePem: string;
  keyPem: string;
}

const YEAR = 365 * 24 * 3600 * 1000;

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

/** Subject attributes: the name in ASCII-safe UTF-8 strings, as most verifiers print them. */
function subject(commonName: string, organization: string): forge.pki.CertificateField[] {
  // UTF8String (forge encodes the value): Vietnamese names keep their diacritics.
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  return [
    { name: 'commonName', value: commonName.normalize('NFC'), valueTagClass: utf8 },
    { name: 'organizationName', value: organization.normalize('NFC'), valueTagClass: utf8 },
    { name: 'countryName', value: 'VN' },
  ];
}

function certificate(
  keys: ReturnType<typeof keyPair>,
  subjectAttrs: ReturnType<typeof subject>,
  issuer: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } | null,
  ca: boolean,
  now: Date,
) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + (ca ? 20 : 5) * YEAR);
  cert.setSubject(subjectAttrs);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subjectAttrs);
  cert.setExtensions(
    ca
      ? [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }, { name: 'subjectKeyIdentifier' }]
      : [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }, { name: 'subjectKeyIdentifier' }],
  );
  cert.sign(issuer?.key ?? keys.privateKey, forge.md.sha256.create());
  return cert;
}

export function createDemoCa(now: Date): DemoCa {
  const keys = keyPair();
  const cert = certificate(keys, subject('congvan Demo CA', 'congvan (demo)'), null, true, now);
  return { certificatePem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

/** A signing certificate for a person or an agency, issued by the demo CA, with its PKCS#12. */
export function issueCertificate(ca: DemoCa, commonName: string, organization: string, passphrase: string, now: Date): Issued {
  const issuer = { cert: forge.pki.certificateFromPem(ca.certificatePem), key: forge.pki.privateKeyFromPem(ca.keyPem) as forge.pki.rsa.PrivateKey };
  const keys = keyPair();
  const cert = certificate(keys, subject(commonName, organization), issuer, false, now);
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert, issuer.cert], passphrase, { algorithm: 'aes256', friendlyName: commonName });
  return { certificatePem: forge.pki.certificateToPem(cert), p12: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary') };
}

/** The CA's key encrypted at rest (PKCS#8, AES-256), and back. */
export function encryptKey(keyPem: string, passphrase: string): string {
  return forge.pki.encryptRsaPrivateKey(forge.pki.privateKeyFromPem(keyPem), passphrase, { algorithm: 'aes256' });
}

export function decryptKey(encryptedPem: string, passphrase: string): string {
  const key = forge.pki.decryptRsaPrivateKey(encryptedPem, passphrase);
  if (!key) throw new Error('the signing key passphrase does not open the demo CA key');
  return forge.pki.privateKeyToPem(key);
}
