import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first schema: directory, users, documents and their route state, registers, audit trail. */
export class Initial1763856000000 implements MigrationInterface {
  name = 'Initial1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "agencies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "place" text NOT NULL, "superior_name" text, "organ_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8ab1f1f53f56c8255b0d7e68b28" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_agencies_code" ON "agencies"  ("code") `);
    await q.query(`CREATE TABLE "units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "parent_id" uuid, "code" text NOT NULL, "name" text NOT NULL, CONSTRAINT "PK_5a8f2f064919b587d93936cb223" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_units_agency_code" ON "units"  ("agency_id", "code") `);
    await q.query(`CREATE TABLE "recipients" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL DEFAULT 'agency', "organ_id" text, "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_de8fc5a9c364568f294798fe1e9" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_recipients_code" ON "recipients"  ("code") `);
    await q.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" text NOT NULL, "password_hash" text NOT NULL, "full_name" text NOT NULL, "position_title" text NOT NULL, "agency_id" uuid NOT NULL, "unit_id" uuid, "roles" text array NOT NULL DEFAULT '{}', "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_users_username" ON "users"  ("username") `);
    await q.query(`CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" text NOT NULL, "subject" text NOT NULL, "body" text NOT NULL DEFAULT '', "urgency" text NOT NULL DEFAULT 'normal', "confidentiality" text NOT NULL DEFAULT 'normal', "issuer_agency_id" uuid NOT NULL, "drafting_unit_id" uuid NOT NULL, "drafter_id" uuid NOT NULL, "signer_id" uuid NOT NULL, "route_id" text NOT NULL, "state" text NOT NULL, "step_id" text NOT NULL, "assignee_ids" uuid array NOT NULL DEFAULT '{}', "participant_ids" uuid array NOT NULL DEFAULT '{}', "step_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "snapshot" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "issued_year" integer, "number" integer, "symbol" text, "issued_at" TIMESTAMP WITH TIME ZONE, "date_line" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_documents_number_symbol" ON "documents"  ("issuer_agency_id", "issued_year", "number", "symbol") WHERE number IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_documents_drafter" ON "documents"  ("drafter_id", "created_at") `);
    await q.query(`CREATE TABLE "document_recipients" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "recipient_id" uuid NOT NULL, "role" text NOT NULL, "note" text, "position" integer NOT NULL, CONSTRAINT "PK_c42be515850fada4d93a9922627" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_document_recipients" ON "document_recipients"  ("document_id", "recipient_id") `);
    await q.query(`CREATE TABLE "deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "recipient_id" uuid NOT NULL, "role" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a6ef225c5c5f0974e503bfb731f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_deliveries_document_recipient" ON "deliveries"  ("document_id", "recipient_id") `);
    await q.query(`CREATE TABLE "number_series" ("issuer_agency_id" uuid NOT NULL, "year" integer NOT NULL, "series_key" text NOT NULL, "last_number" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_5613982550cf276b8b27a68c290" PRIMARY KEY ("issuer_agency_id", "year", "series_key"))`);
    await q.query(`CREATE TABLE "audit_entries" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_name" text NOT NULL, "actor_position" text, "action" text NOT NULL, "document_id" uuid, "number_symbol" text, "from_state" text, "to_state" text, "from_step" text, "to_step" text, "comment" text, "request_id" text, "client_ip" text, "user_agent" text, CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_audit_entries_document" ON "audit_entries"  ("document_id", "id") `);
    await q.query(`ALTER TABLE "units" ADD CONSTRAINT "FK_units_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "units" ADD CONSTRAINT "FK_units_parent" FOREIGN KEY ("parent_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_users_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_users_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_documents_issuer" FOREIGN KEY ("issuer_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_documents_drafting_unit" FOREIGN KEY ("drafting_unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_documents_drafter" FOREIGN KEY ("drafter_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_documents_signer" FOREIGN KEY ("signer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "document_recipients" ADD CONSTRAINT "FK_document_recipients_document" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "document_recipients" ADD CONSTRAINT "FK_document_recipients_recipient" FOREIGN KEY ("recipient_id") REFERENCES "recipients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "deliveries" ADD CONSTRAINT "FK_deliveries_document" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "deliveries" ADD CONSTRAINT "FK_deliveries_recipient" FOREIGN KEY ("recipient_id") REFERENCES "recipients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Inbox: "what waits for me" is a containment query on the assignees of the current step.
    await q.query(`CREATE INDEX "IDX_documents_assignees" ON "documents" USING gin ("assignee_ids")`);
    await q.query(`CREATE INDEX "IDX_documents_participants" ON "documents" USING gin ("participant_ids")`);
    // The audit trail is append-only, whatever the application does.
    await q.query(`CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_entries is append-only: % is not allowed', TG_OP; END $$`);
    await q.query(`CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON "audit_entries"
      FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()`);
    await q.query(`CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "audit_entries"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS audit_entries_append_only() CASCADE`);
    for (const table of ['audit_entries', 'number_series', 'deliveries', 'document_recipients', 'documents', 'users', 'recipients', 'units', 'agencies']) {
      await q.query(`DROP TABLE IF EXISTS "${table}" CASCADE`);
    }
  }
}
