import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { Scheduler } from '../workflow/scheduler.service.js';
import { DOCUMENT_DETAIL_SQL, type DocumentDetailRow } from '../documents/document-view.js';
import { buildPackage, type EdxmlAttachment, type EdxmlOrgan } from './edxml.js';
import { exchangeEndpoint, retryDelayMs, type ExchangeEndpoint } from './exchange.js';
import { outgoingPackage } from './outgoing-package.js';
import { IssuedRevisionService, issuedFileName } from '../signing/issued-revision.service.js';
import { formatNumberSymbol } from '../registers/build-symbol.js';
import { IncomingService, EXCHANGE_ACTOR } from './incoming.service.js';
import { OUTBOX_JOB } from './outbox-kick.js';

interface OutboxRow {
  id: string;
  kind: 'deliver' | 'recall' | 'status';
  delivery_id: string | null;
  body: string | null;
  attempts: number;
  document_id: string | null;
  channel: 'internal' | 'edxml' | 'manual' | null;
  recipient_agency_id: string | null;
  recipient_organ_id: string | null;
  recipient_code: string | null;
  recipient_name: string | null;
}

export type OutboxOutcome = 'sent' | 'retry' | 'failed';

/**
 * The outbox: what distribution still has to send, written in the transaction that decided it (an issue, a recall,
 * a status of the incoming desk) and sent after commit by a job on pg-boss (`outbox`, OUTBOX_CRON, and at once after
 * such a commit). Each message is taken with SKIP LOCKED and marked sent in the same transaction as its effect, so
 * two instances never send one message and a crash sends it again at most (the exchange endpoint makes a repeat
 * harmless, exchange.ts):
 * - `deliver` to an agency of this system: the package lands in its incoming desk (01 goes back to the delivery);
 *   to an agency outside: an edXML package to the exchange (the delivery is `sent`);
 * - `recall`: the desk's copy is asked back (13), or a package of business type 1 goes to the exchange;
 * - `status`: an edXML status message of the incoming desk to the exchange.
 * A message the exchange refuses is tried again with back-off (30 s, 1 min, 2 min … an hour) and given up after
 * EXCHANGE_MAX_ATTEMPTS: the clerk sees it (GET /api/deliveries/flagged).
 */
/** The issued PDF of a document to deliver is not made yet. */
class IssuedRevisionPending extends Error {
  constructor(readonly documentId: string) {
    super(`the issued revision of ${documentId} is not made yet`);
  }
}

@Injectable()
export class OutboxService implements OnModuleInit {
  private readonly logger = new Logger('Outbox');
  private readonly endpoint: ExchangeEndpoint;

  constructor(
    private readonly db: DataSource,
    private readonly scheduler: Scheduler,
    private readonly incoming: IncomingService,
    private readonly clock: Clock,
    private readonly issuedRevisions: IssuedRevisionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.endpoint = exchangeEndpoint(config.exchangeEndpoint);
  }

  onModuleInit(): void {
    this.scheduler.every(OUTBOX_JOB, this.config.outboxCron, () => this.drain(), { runAtStart: true });
  }

  /** Sends every message due now, one transaction each, until none is left; returns what happened. */
  async drain(): Promise<Record<OutboxOutcome, number>> {
    const counts: Record<OutboxOutcome, number> = { sent: 0, retry: 0, failed: 0 };
    // An issued document does not change (but for its recall): its deliveries, which come one after the other, read
    // it once. Only the last one is kept: a run may go through thousands of documents.
    const issued = new Map<string, { doc: DocumentDetailRow; attachments: EdxmlAttachment[] }>();
    // Documents whose issued revision cannot be made (issued without a signed revision): sent without the PDF.
    const unsignable = new Set<string>();
    for (;;) {
      let taken: OutboxRow | undefined;
      try {
        const done = await this.db.transaction(async (m) => {
          const [row] = (await m.query(
            `SELECT o.id, o.kind, o.delivery_id, o.body, o.attempts, dl.document_id, dl.channel,
                    r.agency_id AS recipient_agency_id, r.organ_id AS recipient_organ_id, r.code AS recipient_code, r.name AS recipient_name
               FROM outbox o LEFT JOIN deliveries dl ON dl.id = o.delivery_id LEFT JOIN recipients r ON r.id = dl.recipient_id
              WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= now()
              ORDER BY o.next_attempt_at, o.created_at LIMIT 1 FOR UPDATE OF o SKIP LOCKED`,
          )) as OutboxRow[];
          if (!row) return false;
          taken = row;
          await this.send(m, row, issued, unsignable);
          await m.query(`UPDATE outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [row.id]);
          return true;
        });
        if (!done) return counts;
        counts.sent++;
      } catch (caught) {
        let err = caught;
        if (err instanceof IssuedRevisionPending) {
          // Rendering and signing take long: never while holding the message's transaction (and its locks). If it
          // fails, the message fails this attempt, as when the exchange refuses it.
          try {
            if (!(await this.issuedRevisions.get(err.documentId))) unsignable.add(err.documentId);
            continue;
          } catch (failed) {
            err = failed;
          }
        }
        if (!taken) throw err;
        const message = err instanceof Error ? err.message : String(err);
        const attempts = taken.attempts + 1;
        const givenUp = attempts >= this.config.exchangeMaxAttempts;
        this.logger.warn(`${taken.kind} ${taken.id} failed (attempt ${attempts}${givenUp ? ', given up' : ''}): ${message}`);
        await this.db.query(
          `UPDATE outbox SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4::double precision),
                  failed_at = CASE WHEN $5::boolean THEN now() END
            WHERE id = $1 AND sent_at IS NULL`,
          [taken.id, attempts, message.slice(0, 1000), retryDelayMs(attempts) / 1000, givenUp],
        );
        counts[givenUp ? 'failed' : 'retry']++;
      }
    }
  }

  private async send(
    m: EntityManager,
    row: OutboxRow,
    issued: Map<string, { doc: DocumentDetailRow; attachments: EdxmlAttachment[] }>,
    unsignable: Set<string>,
  ): Promise<void> {
    const meta = { requestId: `outbox:${row.id}`, clientIp: null, userAgent: null };
    if (row.kind === 'status') {
      await this.endpoint.send(row.id, row.body!);
      return;
    }
    if (row.kind === 'recall') {
      // A recall follows its delivery: it waits while the package itself has not gone out.
      const [deliver] = (await m.query(`SELECT sent_at FROM outbox WHERE delivery_id = $1 AND kind = 'deliver'`, [row.delivery_id])) as Array<{
        sent_at: Date | null;
      }>;
      if (deliver && !deliver.sent_at) throw new Error('the document itself has not been delivered yet');
    }
    let loaded = row.kind === 'deliver' ? issued.get(row.document_id!) : undefined;
    if (!loaded) {
      const [doc] = (await m.query(DOCUMENT_DETAIL_SQL, [row.document_id])) as DocumentDetailRow[];
      // The document as it has legal value: the PDF signed by the signer and the agency, first; then the attachments,
      // as the agency signed them. Not made yet: it is made outside this transaction (drain), then the message again.
      // A recall names the document only: no file to read for it.
      const [file] =
        row.kind === 'deliver'
          ? ((await m.query(`SELECT content FROM document_files WHERE document_id = $1 AND kind = 'issued'`, [row.document_id])) as Array<{ content: Buffer }>)
          : [];
      if (row.kind === 'deliver' && !file && !unsignable.has(row.document_id!)) throw new IssuedRevisionPending(row.document_id!);
      const pdf = file?.content ?? null;
      const files = (await m.query(
        `SELECT name, content_type AS "contentType", coalesce(signed_content, content) AS content FROM document_attachments WHERE document_id = $1 ORDER BY uploaded_at, id`,
        [row.document_id],
      )) as EdxmlAttachment[];
      const main = pdf && doc.number !== null && doc.symbol ? [{ name: issuedFileName(formatNumberSymbol(doc.number, doc.symbol)), contentType: 'application/pdf', content: pdf }] : [];
      loaded = { doc, attachments: [...main, ...files] };
      issued.clear();
      issued.set(row.document_id!, loaded);
    }
    const { doc, attachments } = loaded;
    const to: EdxmlOrgan = { organId: row.recipient_organ_id ?? row.recipient_code!, organName: row.recipient_name! };
    const now = this.clock.now();
    if (row.channel === 'internal') {
      if (row.kind === 'deliver') {
        await this.incoming.receive(m, row.recipient_agency_id!, outgoingPackage(doc, to, { type: 0 }, now, attachments), {
          source: 'internal',
          deliveryId: row.delivery_id!,
        }, EXCHANGE_ACTOR, meta);
      } else {
        const incomingId = await this.incoming.byDelivery(m, row.delivery_id!);
        if (incomingId) await this.incoming.recallRequested(m, incomingId, doc.recall_reason, EXCHANGE_ACTOR, meta);
      }
      return;
    }
    const business = row.kind === 'recall' ? { type: 1 as const, reason: doc.recall_reason } : { type: 0 as const };
    // A recall names the document; it does not send its files again.
    await this.endpoint.send(row.id, buildPackage(outgoingPackage(doc, to, business, now, business.type === 1 ? [] : attachments)));
    if (row.kind === 'deliver') {
      await m.query(`UPDATE deliveries SET status = 'sent', sent_at = $2 WHERE id = $1 AND status = 'pending'`, [row.delivery_id, now]);
      await m.query(
        `INSERT INTO delivery_events (delivery_id, code, source, actor_name, at, applied) VALUES ($1, 'sent', 'system', $2, $3, true)`,
        [row.delivery_id, EXCHANGE_ACTOR.fullName, now],
      );
    }
  }
}
