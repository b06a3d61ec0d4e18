import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Distribution and receipt (domain notes §5–§7):
 * - the directory knows which recipients are agencies working in this system (`recipients.agency_id`), which are
 *   groups and of whom (`recipient_group_members`), and how a run of one category prints (`category`, `short_name`);
 * - a document keeps what its `- Lưu:` line needs (extra filing units, drafter initials, copy count), when its
 *   distribution completed, and its recall;
 * - a delivery goes through a channel (`internal`: the recipient's incoming desk; `edxml`: a package to the exchange;
 *   `manual`: paper or e-mail, the clerk records receipt), carries the national status code and its history
 *   (`delivery_events`), and the recall's answer;
 * - the outbox: what is still to be sent (packages, recalls, status messages), with attempts and back-off;
 * - the incoming desk: documents received, their arrival numbers (consecutive per year per receiving agency), their
 *   assignment, and the attachments that came with them.
 */
export class Distribution1764633600000 implements MigrationInterface {
  name = 'Distribution1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "recipients" ADD "agency_id" uuid, ADD "category" text, ADD "short_name" text`);
    await q.query(`ALTER TABLE "recipients" ADD CONSTRAINT "FK_recipients_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`CREATE TABLE "recipient_group_members" (
      "group_id" uuid NOT NULL REFERENCES "recipients" ("id") ON DELETE CASCADE,
      "member_id" uuid NOT NULL REFERENCES "recipients" ("id") ON DELETE RESTRICT,
      "position" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_recipient_group_members" PRIMARY KEY ("group_id", "member_id"),
      CONSTRAINT "CHK_recipient_group_not_self" CHECK ("group_id" <> "member_id"))`);

    await q.query(`ALTER TABLE "documents" ADD "filing_unit_codes" text array NOT NULL DEFAULT '{}', ADD "drafter_initials" text,
      ADD "archive_copies" integer, ADD "distributed_at" TIMESTAMP WITH TIME ZONE, ADD "recalled_at" TIMESTAMP WITH TIME ZONE,
      ADD "recall_reason" text`);

    await q.query(`ALTER TABLE "deliveries" ALTER COLUMN "status" SET DEFAULT 'pending'`);
    await q.query(`ALTER TABLE "deliveries" ADD "channel" text NOT NULL DEFAULT 'manual', ADD "via_group_id" uuid,
      ADD "status_at" TIMESTAMP WITH TIME ZONE, ADD "status_reason" text, ADD "sent_at" TIMESTAMP WITH TIME ZONE,
      ADD "recall_status" text, ADD "recall_at" TIMESTAMP WITH TIME ZONE, ADD "recall_reason" text`);
    await q.query(`CREATE INDEX "IDX_deliveries_status" ON "deliveries" ("status") `);
    await q.query(`CREATE TABLE "delivery_events" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "delivery_id" uuid NOT NULL REFERENCES "deliveries" ("id") ON DELETE CASCADE,
      "code" text NOT NULL,
      "reason" text,
      "source" text NOT NULL,
      "actor_name" text,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "applied" boolean NOT NULL,
      CONSTRAINT "PK_delivery_events" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_delivery_events_source" CHECK ("source" IN ('system', 'api', 'edxml')))`);
    await q.query(`CREATE INDEX "IDX_delivery_events_delivery" ON "delivery_events" ("delivery_id", "at")`);

    await q.query(`CREATE TABLE "incoming_documents" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "agency_id" uuid NOT NULL REFERENCES "agencies" ("id"),
      "delivery_id" uuid UNIQUE REFERENCES "deliveries" ("id") ON DELETE SET NULL,
      "source" text NOT NULL,
      "edxml_document_id" text NOT NULL,
      "sender_organ_id" text,
      "sender_name" text NOT NULL,
      "code_number" text NOT NULL,
      "code_notation" text NOT NULL,
      "promulgation_date" date NOT NULL,
      "place" text,
      "type_name" text NOT NULL,
      "subject" text NOT NULL,
      "content" text,
      "signer" jsonb NOT NULL,
      "to_places" text array NOT NULL DEFAULT '{}',
      "priority" integer NOT NULL DEFAULT 0,
      "due_date" date,
      "status" text NOT NULL,
      "status_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "status_reason" text,
      "arrival_year" integer,
      "arrival_number" integer,
      "registered_at" TIMESTAMP WITH TIME ZONE,
      "registered_by" uuid REFERENCES "users" ("id"),
      "lead_unit_id" uuid REFERENCES "units" ("id"),
      "coordinating_unit_ids" uuid array NOT NULL DEFAULT '{}',
      "handling_deadline" date,
      "assigned_by" uuid REFERENCES "users" ("id"),
      "assigned_at" TIMESTAMP WITH TIME ZONE,
      "recall_status" text,
      "recall_reason" text,
      "recall_at" TIMESTAMP WITH TIME ZONE,
      "recall_answer_reason" text,
      "removed_at" TIMESTAMP WITH TIME ZONE,
      "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_incoming_documents" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_incoming_source" CHECK ("source" IN ('internal', 'edxml')),
      CONSTRAINT "UQ_incoming_document_id" UNIQUE ("agency_id", "edxml_document_id"),
      CONSTRAINT "UQ_incoming_arrival_number" UNIQUE ("agency_id", "arrival_year", "arrival_number"))`);
    await q.query(`CREATE INDEX "IDX_incoming_desk" ON "incoming_documents" ("agency_id", "received_at" DESC) WHERE "removed_at" IS NULL`);
    await q.query(`CREATE TABLE "incoming_attachments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "incoming_id" uuid NOT NULL REFERENCES "incoming_documents" ("id") ON DELETE CASCADE,
      "position" integer NOT NULL,
      "name" text NOT NULL,
      "content_type" text NOT NULL,
      "description" text,
      "content" bytea NOT NULL,
      CONSTRAINT "PK_incoming_attachments" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_incoming_attachments_incoming" ON "incoming_attachments" ("incoming_id", "position")`);
    await q.query(`CREATE TABLE "arrival_series" (
      "agency_id" uuid NOT NULL REFERENCES "agencies" ("id"),
      "year" integer NOT NULL,
      "last_number" integer NOT NULL,
      CONSTRAINT "PK_arrival_series" PRIMARY KEY ("agency_id", "year"))`);

    await q.query(`CREATE TABLE "outbox" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "kind" text NOT NULL,
      "delivery_id" uuid REFERENCES "deliveries" ("id") ON DELETE CASCADE,
      "incoming_id" uuid REFERENCES "incoming_documents" ("id") ON DELETE CASCADE,
      "body" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "sent_at" TIMESTAMP WITH TIME ZONE,
      "failed_at" TIMESTAMP WITH TIME ZONE,
      "last_error" text,
      CONSTRAINT "PK_outbox" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_outbox_kind" CHECK ("kind" IN ('deliver', 'recall', 'status')))`);
    await q.query(`CREATE INDEX "IDX_outbox_due" ON "outbox" ("next_attempt_at") WHERE "sent_at" IS NULL AND "failed_at" IS NULL`);
    await q.query(`CREATE UNIQUE INDEX "UQ_outbox_delivery_kind" ON "outbox" ("delivery_id", "kind") WHERE "delivery_id" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "outbox"`);
    await q.query(`DROP TABLE "arrival_series"`);
    await q.query(`DROP TABLE "incoming_attachments"`);
    await q.query(`DROP TABLE "incoming_documents"`);
    await q.query(`DROP TABLE "delivery_events"`);
    await q.query(`DROP INDEX "IDX_deliveries_status"`);
    await q.query(`ALTER TABLE "deliveries" DROP COLUMN "channel", DROP COLUMN "via_group_id", DROP COLUMN "status_at", DROP COLUMN "status_reason",
      DROP COLUMN "sent_at", DROP COLUMN "recall_status", DROP COLUMN "recall_at", DROP COLUMN "recall_reason"`);
    await q.query(`ALTER TABLE "documents" DROP COLUMN "filing_unit_codes", DROP COLUMN "drafter_initials", DROP COLUMN "archive_copies",
      DROP COLUMN "distributed_at", DROP COLUMN "recalled_at", DROP COLUMN "recall_reason"`);
    await q.query(`DROP TABLE "recipient_group_members"`);
    await q.query(`ALTER TABLE "recipients" DROP CONSTRAINT "FK_recipients_agency"`);
    await q.query(`ALTER TABLE "recipients" DROP COLUMN "agency_id", DROP COLUMN "category", DROP COLUMN "short_name"`);
  }
}
