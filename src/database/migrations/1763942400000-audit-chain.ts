import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendAuditEntry, chainIdOf } from '../../audit/append-audit-entry.js';
import { APP_ROLE } from '../app-role.js';

/**
 * The audit trail for archivists:
 * - audit_entries becomes hash-chained (a chain per document, or per user for entries without a document),
 *   partitioned by year of `at`, with indexes for the archivists' queries and a trigram index for search;
 * - chain heads and anchors (periodic seals over the heads, so that a deleted chain is detected too);
 * - the application role: it may insert audit rows and read them, never update or delete them.
 * Existing entries are carried over into chains.
 */
export class AuditChain1763942400000 implements MigrationInterface {
  name = 'AuditChain1763942400000';

  async up(q: QueryRunner): Promise<void> {
    const old = (await q.query(
      `SELECT a.*, d.subject AS doc_subject FROM audit_entries a LEFT JOIN documents d ON d.id = a.document_id ORDER BY a.id`,
    )) as Array<Record<string, string | null> & { at: Date }>;
    await q.query(`DROP TABLE audit_entries`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`CREATE TABLE "audit_entries" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "chain_id" text NOT NULL, "chain_seq" integer NOT NULL, "actor_id" uuid, "actor_name" text NOT NULL, "actor_position" text, "action" text NOT NULL, "document_id" uuid, "number_symbol" text, "subject" text, "from_state" text, "to_state" text, "from_step" text, "to_step" text, "comment" text, "request_id" text, "client_ip" text, "user_agent" text, "search_text" text NOT NULL DEFAULT '', "prev_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "PK_3779799fdec4f8efa579812bd36" PRIMARY KEY ("id", "at")) PARTITION BY RANGE ("at")`);
    await q.query(`CREATE TABLE "audit_entries_default" PARTITION OF "audit_entries" DEFAULT`);
    await q.query(`CREATE INDEX "IDX_audit_entries_chain" ON "audit_entries" ("chain_id", "chain_seq")`);
    await q.query(`CREATE INDEX "IDX_audit_entries_at" ON "audit_entries" ("at")`);
    await q.query(`CREATE INDEX "IDX_audit_entries_number_symbol" ON "audit_entries" ("number_symbol") WHERE number_symbol IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_audit_entries_action" ON "audit_entries" ("action", "id")`);
    await q.query(`CREATE INDEX "IDX_audit_entries_actor" ON "audit_entries" ("actor_id", "id")`);
    await q.query(`CREATE INDEX "IDX_audit_entries_document" ON "audit_entries" ("document_id", "id")`);
    await q.query(`CREATE INDEX "IDX_audit_entries_search" ON "audit_entries" USING gin ("search_text" gin_trgm_ops)`);
    await q.query(`CREATE TABLE "audit_chain_heads" ("chain_id" text NOT NULL, "seq" integer NOT NULL, "head_hash" text NOT NULL, "anchored_seq" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_64cbed94f85728554ebfcb4cdb7" PRIMARY KEY ("chain_id"))`);
    await q.query(`CREATE TABLE "audit_anchors" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "prev_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "PK_0348aa5906ffaf282e114fcbb3b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "audit_anchor_heads" ("anchor_id" bigint NOT NULL, "chain_id" text NOT NULL, "seq" integer NOT NULL, "hash" text NOT NULL, CONSTRAINT "PK_209f208216eecc97e409df0ff56" PRIMARY KEY ("anchor_id", "chain_id"))`);

    // Append-only, whatever the application does (the function exists since the first migration).
    for (const table of ['audit_entries', 'audit_anchors', 'audit_anchor_heads']) {
      await q.query(`CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON "${table}"
        FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()`);
    }

    // Yearly partitions, made by the owner on behalf of the application role (which cannot create tables).
    await q.query(`CREATE FUNCTION audit_ensure_partition(y integer) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE part text := format('audit_entries_y%s', y);
      BEGIN
        IF to_regclass(part) IS NOT NULL THEN RETURN; END IF;
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_entries FOR VALUES FROM (%L) TO (%L)', part,
          make_timestamptz(y, 1, 1, 0, 0, 0, 'UTC'), make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'UTC'));
        EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', part);
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          EXECUTE format('REVOKE ALL ON %I FROM ${APP_ROLE}', part);
          EXECUTE format('GRANT SELECT, INSERT ON %I TO ${APP_ROLE}', part);
        END IF;
      EXCEPTION WHEN duplicate_table THEN NULL; -- made meanwhile by another instance
      END $$`);

    // The application role.
    await q.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${APP_ROLE} NOLOGIN; END IF;
      EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries, audit_entries_default, audit_anchors, audit_anchor_heads FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON FUNCTION audit_ensure_partition(integer) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_ensure_partition(integer) TO ${APP_ROLE}`);

    const years = new Set<number>([new Date().getUTCFullYear(), new Date().getUTCFullYear() + 1]);
    for (const e of old) years.add(new Date(e.at).getUTCFullYear());
    for (const y of years) await q.query(`SELECT audit_ensure_partition($1)`, [y]);

    // Carry the existing entries over into chains, oldest first.
    for (const e of old) {
      await appendAuditEntry(q, {
        at: new Date(e.at),
        chainId: chainIdOf(e.document_id, e.actor_id),
        actorId: e.actor_id,
        actorName: e.actor_name ?? '',
        actorPosition: e.actor_position,
        action: e.action ?? '',
        documentId: e.document_id,
        numberSymbol: e.number_symbol,
        subject: e.doc_subject,
        fromState: e.from_state,
        toState: e.to_state,
        fromStep: e.from_step,
        toStep: e.to_step,
        comment: e.comment,
        requestId: e.request_id,
        clientIp: e.client_ip,
        userAgent: e.user_agent,
      });
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS audit_ensure_partition(integer)`);
    for (const table of ['audit_anchor_heads', 'audit_anchors', 'audit_chain_heads', 'audit_entries']) {
      await q.query(`DROP TABLE IF EXISTS "${table}" CASCADE`);
    }
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON SCHEMA public FROM ${APP_ROLE}`);
    // The old, unchained table; its entries are not carried back.
    await q.query(`CREATE TABLE "audit_entries" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_name" text NOT NULL, "actor_position" text, "action" text NOT NULL, "document_id" uuid, "number_symbol" text, "from_state" text, "to_state" text, "from_step" text, "to_step" text, "comment" text, "request_id" text, "client_ip" text, "user_agent" text, CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`);
  }
}
