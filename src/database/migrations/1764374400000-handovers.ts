import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task handovers and absences. A person hands a task waiting for them to a deputy (the owner keeps it, the deputy
 * may act, on the owner's behalf); during an absence, tasks that reach the person are handed to a named stand-in.
 * A handover belongs to one stay of the document at one step (step_id and step_since); audit entries name the person
 * a delegate acted for.
 */
export class Handovers1764374400000 implements MigrationInterface {
  name = 'Handovers1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "task_handovers" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "document_id" uuid NOT NULL REFERENCES "documents" ("id") ON DELETE CASCADE,
      "step_id" text NOT NULL,
      "step_since" TIMESTAMP WITH TIME ZONE NOT NULL,
      "owner_id" uuid NOT NULL REFERENCES "users" ("id"),
      "delegate_id" uuid NOT NULL REFERENCES "users" ("id"),
      "reason" text,
      "absence_id" uuid,
      "created_by" uuid NOT NULL REFERENCES "users" ("id"),
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "ended_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_task_handovers" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_task_handovers_document" ON "task_handovers" ("document_id", "step_id")`);
    await q.query(`CREATE TABLE "absences" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL REFERENCES "users" ("id"),
      "stand_in_id" uuid NOT NULL REFERENCES "users" ("id"),
      "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL,
      "valid_to" TIMESTAMP WITH TIME ZONE NOT NULL,
      "reason" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "ended_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_absences" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_absences_period" CHECK ("valid_to" > "valid_from"))`);
    await q.query(`CREATE INDEX "IDX_absences_user" ON "absences" ("user_id", "valid_to")`);
    await q.query(`ALTER TABLE "audit_entries" ADD "on_behalf_of_id" uuid, ADD "on_behalf_of_name" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_entries" DROP COLUMN "on_behalf_of_id", DROP COLUMN "on_behalf_of_name"`);
    await q.query(`DROP TABLE "absences"`);
    await q.query(`DROP TABLE "task_handovers"`);
  }
}
