import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { createDemoCa, decryptKey, encryptKey, issueCertificate, type DemoCa } from './demo-ca.js';
import { PdfWorkService } from './pdf-work.service.js';
import type { SignerIdentity, SigningProvider, SigningRequest } from './signing-provider.js';

/**
 * The built-in signing provider: a local demo CA, made on first start (its key encrypted with SIGNING_PASSPHRASE),
 * issues a certificate and PKCS#12 (encrypted with the same passphrase) to each person and agency the first time
 * they sign. Several instances may start at once: the first row written wins, the others read it.
 */
@Injectable()
export class LocalCaProvider implements SigningProvider, OnApplicationBootstrap {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly pdf: PdfWorkService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.caRow(this.db.manager);
  }

  /** The CA as stored (made if missing); its key still encrypted. */
  private async caRow(m: EntityManager): Promise<{ certificate: string; encrypted_key: string }> {
    const read = async () =>
      (await m.query(`SELECT certificate, encrypted_key FROM signing_keys WHERE owner_kind = 'ca'`)) as Array<{ certificate: string; encrypted_key: string }>;
    let [row] = await read();
    if (!row) {
      const made = createDemoCa(this.clock.now());
      await m.query(
        `INSERT INTO signing_keys (owner_kind, common_name, certificate, encrypted_key) VALUES ('ca', 'congvan Demo CA', $1, $2) ON CONFLICT DO NOTHING`,
        [made.certificatePem, encryptKey(made.keyPem, this.config.signingPassphrase)],
      );
      [row] = await read();
    }
    return row;
  }

  /** The CA with its key opened: only to issue a certificate. */
  private async ca(m: EntityManager): Promise<DemoCa> {
    const row = await this.caRow(m);
    return { certificatePem: row.certificate, keyPem: decryptKey(row.encrypted_key, this.config.signingPassphrase) };
  }

  private async p12Of(m: EntityManager, who: SignerIdentity): Promise<Buffer> {
    const read = async () =>
      (await m.query(`SELECT p12 FROM signing_keys WHERE owner_kind = $1 AND owner_id = $2`, [who.kind, who.id])) as Array<{ p12: Buffer }>;
    let [row] = await read();
    if (!row) {
      const issued = issueCertificate(await this.ca(m), who.name, who.organization, this.config.signingPassphrase, this.clock.now());
      await m.query(
        `INSERT INTO signing_keys (owner_kind, owner_id, common_name, certificate, p12) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [who.kind, who.id, who.name, issued.certificatePem, issued.p12],
      );
      [row] = await read();
    }
    return row.p12;
  }

  async sign(m: EntityManager, pdf: Buffer, who: SignerIdentity, what: SigningRequest): Promise<Buffer> {
    return this.pdf.sign(pdf, await this.p12Of(m, who), this.config.signingPassphrase, { name: who.name, ...what });
  }
}
