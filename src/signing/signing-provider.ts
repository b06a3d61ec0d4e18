/**
 * Who holds the keys. The workflow asks a provider to sign a PDF in someone's name and gets the signed PDF back; it
 * does not know where the key is. The built-in provider (local-ca.provider.ts) keeps a PKCS#12 per person and per
 * agency issued by a local demo CA; another provider — a hardware token through a client-side plugin, a remote
 * signing service — is bound to SIGNING_PROVIDER instead (signing.module.ts), without touching the workflow.
 */
import type { EntityManager } from 'typeorm';

export interface SignerIdentity {
  kind: 'user' | 'agency';
  id: string;
  /** The name on the certificate: the person's full name, or the agency's. */
  name: string;
  /** The agency the certificate names as organisation. */
  organization: string;
}

export interface SigningRequest {
  reason: string;
  location: string;
  at: Date;
}

export interface SigningProvider {
  /** Appends `who`'s signature to `pdf` (an incremental update), inside the caller's transaction. */
  sign(m: EntityManager, pdf: Buffer, who: SignerIdentity, what: SigningRequest): Promise<Buffer>;
}

export const SIGNING_PROVIDER = Symbol('SIGNING_PROVIDER');
