import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { GENESIS_HASH, hashAnchor } from './hash-entry.js';

/** Only one instance anchors at a time; the others skip that tick. */
const ANCHOR_LOCK = 72_002;
/** At most this many heads per anchor; the rest wait for the next one. */
const ANCHOR_BATCH = 20_000;

/**
 * Anchors seal, every few minutes, the chain heads that moved since the previous anchor. Anchors form a chain of
 * their own, so removing a whole document's chain (entries and head) is still detected by verify.
 * The same tick makes next year's audit partition ahead of time.
 */
@Injectable()
export class AuditAnchorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditAnchor');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.auditAnchorIntervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = (async () => {
      await this.db.query(`SELECT audit_ensure_partition(extract(year FROM now())::int + 1)`);
      await this.anchor();
    })()
      .catch((err: Error) => this.logger.error(`audit anchoring failed: ${err.message}`))
      .finally(() => (this.running = undefined));
    await this.running;
  }

  /** Seals the heads that moved since the last anchor. Returns the new anchor's id, or null when there was nothing to seal. */
  async anchor(): Promise<{ id: string; heads: number } | null> {
    return this.db.transaction(async (m) => {
      const [{ locked }] = (await m.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [ANCHOR_LOCK])) as Array<{ locked: boolean }>;
      if (!locked) return null;
      // Heads being appended to right now are skipped: the next anchor seals them.
      const heads = (await m.query(
        `SELECT chain_id, seq, head_hash FROM audit_chain_heads WHERE seq > anchored_seq
          ORDER BY chain_id LIMIT ${ANCHOR_BATCH} FOR UPDATE SKIP LOCKED`,
      )) as Array<{ chain_id: string; seq: number; head_hash: string }>;
      if (heads.length === 0) return null;
      const [prev] = (await m.query(`SELECT hash FROM audit_anchors ORDER BY id DESC LIMIT 1`)) as Array<{ hash: string }>;
      const prevHash = prev?.hash ?? GENESIS_HASH;
      const sealed = heads.map((h) => ({ chainId: h.chain_id, seq: h.seq, hash: h.head_hash }));
      const [anchor] = (await m.query(`INSERT INTO audit_anchors (prev_hash, hash) VALUES ($1, $2) RETURNING id`, [
        prevHash,
        hashAnchor(prevHash, sealed),
      ])) as Array<{ id: string }>;
      await m.query(
        `INSERT INTO audit_anchor_heads (anchor_id, chain_id, seq, hash)
         SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[])`,
        [anchor.id, sealed.map((h) => h.chainId), sealed.map((h) => h.seq), sealed.map((h) => h.hash)],
      );
      await m.query(
        `UPDATE audit_chain_heads h SET anchored_seq = s.seq
           FROM unnest($1::text[], $2::int[]) AS s(chain_id, seq) WHERE h.chain_id = s.chain_id`,
        [sealed.map((h) => h.chainId), sealed.map((h) => h.seq)],
      );
      return { id: String(anchor.id), heads: sealed.length };
    });
  }
}
