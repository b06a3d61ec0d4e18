import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CurrentUser, RequestMeta } from '../common/current-user.js';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/domain-error.js';
import { AuditService, type AuditActor } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { numberSymbolSql } from '../registers/number-symbol-sql.js';
import {
  isReceived,
  nextReceiptCodes,
  receiptTransition,
  RECALL_REQUEST_CODE,
  STATUS_NAMES,
  type DeliveryStatus,
  type RecallAnswerCode,
  type ReceiptCode,
} from './status-codes.js';
import { OutboxKick } from './outbox-kick.js';
import { DocumentActionsService } from '../documents/document-actions.service.js';

/** Where a status came from: the receiving desk of this system, the API, or an edXML status message. */
export type StatusSource = 'system' | 'api' | 'edxml';

/** A status a recipient reports on a delivery, and who brought it. */
export interface StatusReport<C extends string> {
  deliveryId: string;
  code: C;
  reason: string | null;
  source: StatusSource;
  actor: AuditActor;
  meta: RequestMeta;
}

interface LockedDelivery {
  id: string;
  document_id: string;
  channel: string;
  status: DeliveryStatus;
  recall_status: string | null;
  recipient_name: string;
  subject: string;
  number_symbol: string | null;
  issuer_agency_id: string;
  distributed_at: Date | null;
}

/**
 * The sender's side of distribution: each delivery's status as the recipient reports it (status-codes.ts), the
 * document's distribution completing when every delivery reached 03 or later, refusals flagged to the clerk, and the
 * recall of an issued document. Every change is one transaction with its audit entry.
 */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly kick: OutboxKick,
    private readonly actions: DocumentActionsService,
  ) {}

  /** The delivery, its document locked first (a document's deliveries complete it one at a time), then itself. */
  private async lock(m: EntityManager, deliveryId: string): Promise<LockedDelivery | undefined> {
    const [ref] = (await m.query(`SELECT document_id FROM deliveries WHERE id = $1`, [deliveryId])) as Array<{ document_id: string }>;
    if (!ref) return undefined;
    await m.query(`SELECT id FROM documents WHERE id = $1 FOR UPDATE`, [ref.document_id]);
    const [row] = (await m.query(
      `SELECT dl.id, dl.document_id, dl.channel, dl.status, dl.recall_status, r.name AS recipient_name, d.subject,
              ${numberSymbolSql('d')} AS number_symbol, d.issuer_agency_id, d.distributed_at
         FROM deliveries dl JOIN recipients r ON r.id = dl.recipient_id JOIN documents d ON d.id = dl.document_id
        WHERE dl.id = $1 FOR UPDATE OF dl`,
      [deliveryId],
    )) as LockedDelivery[];
    return row;
  }

  private async locked(m: EntityManager, deliveryId: string): Promise<{ dl: LockedDelivery; now: Date }> {
    const dl = await this.lock(m, deliveryId);
    if (!dl) throw new NotFoundError('delivery', deliveryId);
    return { dl, now: this.clock.now() };
  }

  /** Every status reported is kept, applied or not (a late or repeated one). */
  private async recordEvent(m: EntityManager, r: StatusReport<string>, at: Date, applied: boolean): Promise<void> {
    await m.query(
      `INSERT INTO delivery_events (delivery_id, code, reason, source, actor_name, at, applied) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [r.deliveryId, r.code, r.reason, r.source, r.actor.fullName, at, applied],
    );
  }

  /**
   * A receipt status for a delivery (01 … 06), inside the caller's transaction. A repeat changes nothing; a status
   * that does not follow the current one is refused (409) from the API and only recorded from elsewhere. Returns
   * whether it changed the delivery.
   */
  async applyReceipt(m: EntityManager, report: StatusReport<ReceiptCode>): Promise<boolean> {
    const { code, reason, source, actor, meta } = report;
    const { dl, now } = await this.locked(m, report.deliveryId);
    const outcome = receiptTransition(dl.status, code);
    if (outcome === 'refuse' && source === 'api') {
      throw new ConflictError('STATUS_NOT_ALLOWED', `A delivery at status ${dl.status} cannot move to ${code}`, {
        status: dl.status,
        allowedStatuses: nextReceiptCodes(dl.status),
      });
    }
    await this.recordEvent(m, report, now, outcome === 'change');
    if (outcome !== 'change') return false;
    await m.query(`UPDATE deliveries SET status = $2, status_at = $3, status_reason = $4 WHERE id = $1`, [dl.id, code, now, reason]);
    let completed = false;
    if (isReceived(code) && !dl.distributed_at) {
      const [{ waiting }] = (await m.query(
        `SELECT count(*)::int AS waiting FROM deliveries WHERE document_id = $1 AND status NOT IN ('03', '04', '05', '06')`,
        [dl.document_id],
      )) as Array<{ waiting: number }>;
      if (waiting === 0) {
        await m.query(`UPDATE documents SET distributed_at = $2 WHERE id = $1`, [dl.document_id, now]);
        completed = true;
      }
    }
    await this.audit.record(m, actor, meta, {
      action: 'receipt',
      documentId: dl.document_id,
      subject: dl.subject,
      numberSymbol: dl.number_symbol,
      comment:
        `${dl.recipient_name}: ${code} ${STATUS_NAMES[code]}${reason ? ` (${reason})` : ''}` +
        (completed ? '. Mọi nơi nhận đã tiếp nhận: hoàn thành chuyển phát' : ''),
    });
    if (completed) await this.actions.completeDistribution(m, dl.document_id, meta);
    return true;
  }

  /** A recipient's answer to a recall (15 agreed, 16 refused with a reason), inside the caller's transaction. */
  async applyRecallAnswer(m: EntityManager, report: StatusReport<RecallAnswerCode>): Promise<boolean> {
    const { code, reason, source, actor, meta } = report;
    const { dl, now } = await this.locked(m, report.deliveryId);
    const applies = dl.recall_status === RECALL_REQUEST_CODE;
    await this.recordEvent(m, report, now, applies);
    if (!applies) {
      if (dl.recall_status === code || source !== 'api') return false;
      throw new ConflictError('NO_RECALL_PENDING', `No recall waits for an answer on this delivery (recall status: ${dl.recall_status ?? 'none'})`, {
        recallStatus: dl.recall_status,
      });
    }
    await m.query(`UPDATE deliveries SET recall_status = $2, recall_at = $3, recall_reason = $4 WHERE id = $1`, [dl.id, code, now, reason]);
    await this.audit.record(m, actor, meta, {
      action: 'recall-answer',
      documentId: dl.document_id,
      subject: dl.subject,
      numberSymbol: dl.number_symbol,
      comment: `${dl.recipient_name}: ${code} ${STATUS_NAMES[code]}${reason ? ` (${reason})` : ''}`,
    });
    return true;
  }

  /**
   * The issuing agency's clerk records a status the recipient gave outside the system (a delivery by hand or mail, or
   * an agency that answered by phone). Deliveries to an agency of this system move only from its own desk.
   */
  async record(user: CurrentUser, deliveryId: string, code: ReceiptCode, reason: string | null, meta: RequestMeta) {
    await this.db.transaction(async (m) => {
      const [dl] = (await m.query(
        `SELECT dl.channel, d.issuer_agency_id FROM deliveries dl JOIN documents d ON d.id = dl.document_id WHERE dl.id = $1`,
        [deliveryId],
      )) as Array<{ channel: string; issuer_agency_id: string }>;
      if (!dl || dl.issuer_agency_id !== user.agencyId) throw new NotFoundError('delivery', deliveryId);
      if (!user.roles.includes('clerk')) throw new ForbiddenError('NOT_CLERK', 'Only a clerk (văn thư) of the issuing agency records receipts');
      if (dl.channel === 'internal') {
        throw new ConflictError('RECEIPT_FROM_DESK', 'This recipient works in this system: its status comes from its incoming desk', {
          channel: dl.channel,
        });
      }
      await this.applyReceipt(m, { deliveryId, code, reason, source: 'api', actor: user, meta });
    });
    return this.deliveryView(deliveryId);
  }

  /** One delivery as the sender sees it, with its history. */
  async deliveryView(deliveryId: string) {
    const [row] = (await this.db.query(
      `SELECT dl.id, dl.document_id AS "documentId", dl.role, dl.channel, dl.status, dl.status_at AS "statusAt",
              dl.status_reason AS "statusReason", dl.sent_at AS "sentAt", dl.recall_status AS "recallStatus",
              json_build_object('id', r.id, 'code', r.code, 'name', r.name, 'organId', r.organ_id) AS recipient,
              (SELECT coalesce(json_agg(json_build_object('code', e.code, 'reason', e.reason, 'source', e.source,
                      'by', e.actor_name, 'at', e.at, 'applied', e.applied) ORDER BY e.at, e.id), '[]')
                 FROM delivery_events e WHERE e.delivery_id = dl.id) AS history
         FROM deliveries dl JOIN recipients r ON r.id = dl.recipient_id WHERE dl.id = $1`,
      [deliveryId],
    )) as Array<Record<string, unknown>>;
    return row;
  }

  /**
   * What needs the clerk's attention in the agency's distribution: refused deliveries (02) and messages the
   * exchange would not take after every attempt.
   */
  async flagged(user: CurrentUser) {
    if (!user.roles.includes('clerk')) throw new ForbiddenError('NOT_CLERK', 'Only a clerk (văn thư) sees the distribution desk');
    return this.db.query(
      `SELECT dl.id, dl.document_id AS "documentId", d.subject, ${numberSymbolSql('d')} AS "numberSymbol",
              json_build_object('id', r.id, 'code', r.code, 'name', r.name) AS recipient, dl.channel, dl.status,
              dl.status_at AS "statusAt", dl.status_reason AS "statusReason",
              CASE WHEN dl.status = '02' THEN 'refused' ELSE 'undeliverable' END AS flag,
              (SELECT o.last_error FROM outbox o WHERE o.delivery_id = dl.id AND o.failed_at IS NOT NULL ORDER BY o.failed_at DESC LIMIT 1) AS "lastError"
         FROM deliveries dl JOIN documents d ON d.id = dl.document_id JOIN recipients r ON r.id = dl.recipient_id
        WHERE d.issuer_agency_id = $1
          AND (dl.status = '02' OR EXISTS (SELECT 1 FROM outbox o WHERE o.delivery_id = dl.id AND o.failed_at IS NOT NULL))
        ORDER BY coalesce(dl.status_at, dl.created_at) DESC
        LIMIT 500`,
      [user.agencyId],
    );
  }

  /**
   * Recall (thu hồi) of an issued document by its issuer — the issuing agency's clerk or the signer: the record is
   * frozen (no further action on it), and every recipient is asked to give it back (13): those in this system on
   * their desk, the others by an edXML package of business type 1, through the outbox.
   */
  async recall(user: CurrentUser, documentId: string, reason: string, meta: RequestMeta): Promise<void> {
    await this.db.transaction(async (m) => {
      const [doc] = (await m.query(
        `SELECT id, subject, state, step_id, signer_id, issuer_agency_id, number, recalled_at, ${numberSymbolSql('documents')} AS number_symbol
           FROM documents WHERE id = $1 FOR UPDATE`,
        [documentId],
      )) as Array<{
        id: string; subject: string; state: string; step_id: string; signer_id: string; issuer_agency_id: string;
        number: number | null; recalled_at: Date | null; number_symbol: string | null;
      }>;
      if (!doc || doc.issuer_agency_id !== user.agencyId) throw new NotFoundError('document', documentId);
      if (!(user.roles.includes('clerk') || user.id === doc.signer_id)) {
        throw new ForbiddenError('NOT_ISSUER', 'Only the issuing agency’s clerk (văn thư) or the signer may recall a document');
      }
      if (doc.number === null) {
        throw new ConflictError('NOT_ISSUED', `Only an issued document can be recalled; this one is in ${doc.state}`, { state: doc.state, step: doc.step_id });
      }
      if (doc.recalled_at) {
        throw new ConflictError('ALREADY_RECALLED', 'This document was already recalled', { state: doc.state, recalledAt: doc.recalled_at });
      }
      const now = this.clock.now();
      await m.query(`UPDATE documents SET recalled_at = $2, recall_reason = $3, version = version + 1, updated_at = now() WHERE id = $1`, [
        doc.id,
        now,
        reason,
      ]);
      const asked = (await m.query(
        `WITH asked AS (UPDATE deliveries SET recall_status = '13', recall_at = $2, recall_reason = NULL WHERE document_id = $1 RETURNING id, channel)
         SELECT id, channel FROM asked`,
        [doc.id, now],
      )) as Array<{ id: string; channel: string }>;
      await m.query(
        `INSERT INTO outbox (kind, delivery_id) SELECT 'recall', x FROM unnest($1::uuid[]) AS x ON CONFLICT DO NOTHING`,
        [asked.filter((d) => d.channel !== 'manual').map((d) => d.id)],
      );
      await m.query(
        `INSERT INTO delivery_events (delivery_id, code, reason, source, actor_name, at, applied)
         SELECT x, '13', $2, 'api', $3, $4, true FROM unnest($1::uuid[]) AS x`,
        [asked.map((d) => d.id), reason, user.fullName, now],
      );
      await this.audit.record(m, user, meta, {
        action: 'recall',
        documentId: doc.id,
        subject: doc.subject,
        numberSymbol: doc.number_symbol,
        fromState: doc.state,
        toState: doc.state,
        comment: reason,
      });
    });
    this.kick.now();
  }

  /** Checks a reason that a code requires (02, 16). */
  static requireReason(code: string, reason: string | undefined | null, field = 'reason'): string | null {
    const text = reason?.normalize('NFC').trim() || null;
    if ((code === '02' || code === '16') && !text) throw new InvalidInputError([{ field, reason: `is required for status ${code}` }]);
    return text;
  }
}
