import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consultation (xin ý kiến): the units a document consults and the deadline chosen for them, and each unit's answer
 * (agree, disagree, other opinion) with its comment, kept for the drafter, the reviewers and the signer. Kế hoạch
 * follow the kế hoạch route, which consults.
 */
export class Consultation1764547200000 implements MigrationInterface {
  name = 'Consultation1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "documents" ADD "consulted_unit_ids" uuid array NOT NULL DEFAULT '{}', ADD "consultation_deadline" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE TABLE "consultation_answers" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "document_id" uuid NOT NULL REFERENCES "documents" ("id") ON DELETE CASCADE,
      "task_id" text NOT NULL,
      "unit_id" uuid NOT NULL REFERENCES "units" ("id"),
      "answer" text NOT NULL,
      "comment" text,
      "user_id" uuid NOT NULL REFERENCES "users" ("id"),
      "on_behalf_of_id" uuid REFERENCES "users" ("id"),
      "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_consultation_answers" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_consultation_answer" CHECK ("answer" IN ('agree', 'disagree', 'other')))`);
    await q.query(`CREATE INDEX "IDX_consultation_answers_document" ON "consultation_answers" ("document_id", "answered_at")`);
    await q.query(`INSERT INTO "route_assignments" ("document_type", "route_key") VALUES ('KH', 'ke-hoach')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "route_assignments" WHERE "document_type" = 'KH' AND "issuer_agency_id" IS NULL`);
    await q.query(`DROP TABLE "consultation_answers"`);
    await q.query(`ALTER TABLE "documents" DROP COLUMN "consultation_deadline", DROP COLUMN "consulted_unit_ids"`);
  }
}
