import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks assigned by documents (nhiệm vụ): the appendix table of a plan, decision or công văn (document_tasks; a row of
 * a reminder letter names the task it reminds of, source_task_id, and is no new task); from the
 * issue on, one assignment per lead unit (task_assignments) with its reports (task_reports, evidence files in
 * task_report_files) and its reminders before, at and after the deadline (task_reminders, fired once each).
 */
export class DocumentTasks1765065600000 implements MigrationInterface {
  name = 'DocumentTasks1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "document_tasks" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "document_id" uuid NOT NULL REFERENCES "documents" ("id") ON DELETE CASCADE,
      "ordinal" integer NOT NULL,
      "section" text,
      "content" text NOT NULL,
      "lead_text" text NOT NULL,
      "lead_recipient_ids" uuid[] NOT NULL DEFAULT '{}',
      "coordinating_text" text NOT NULL DEFAULT '',
      "coordinating_recipient_ids" uuid[] NOT NULL DEFAULT '{}',
      "deadline_text" text NOT NULL,
      "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "due_has_time" boolean NOT NULL,
      "product" text NOT NULL DEFAULT '',
      "source_task_id" uuid REFERENCES "document_tasks" ("id") ON DELETE SET NULL,
      CONSTRAINT "PK_document_tasks" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_document_tasks_ordinal" UNIQUE ("document_id", "ordinal"))`);
    await q.query(`CREATE TABLE "task_assignments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "task_id" uuid NOT NULL REFERENCES "document_tasks" ("id") ON DELETE CASCADE,
      "document_id" uuid NOT NULL REFERENCES "documents" ("id") ON DELETE CASCADE,
      "recipient_id" uuid NOT NULL REFERENCES "recipients" ("id"),
      "agency_id" uuid REFERENCES "agencies" ("id"),
      "unit_id" uuid REFERENCES "units" ("id"),
      "status" text NOT NULL DEFAULT 'assigned',
      "progress" text,
      "completed_at" TIMESTAMP WITH TIME ZONE,
      "accepted_at" TIMESTAMP WITH TIME ZONE,
      "version" integer NOT NULL DEFAULT 1,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_task_assignments" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_task_assignments" UNIQUE ("task_id", "recipient_id"),
      CONSTRAINT "CHK_task_assignments_status" CHECK ("status" IN ('assigned', 'in-progress', 'submitted', 'done')))`);
    await q.query(`CREATE INDEX "IDX_task_assignments_agency" ON "task_assignments" ("agency_id", "unit_id")`);
    await q.query(`CREATE INDEX "IDX_task_assignments_document" ON "task_assignments" ("document_id")`);
    await q.query(`CREATE TABLE "task_reports" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "assignment_id" uuid NOT NULL REFERENCES "task_assignments" ("id") ON DELETE CASCADE,
      "kind" text NOT NULL,
      "text" text NOT NULL,
      "answer_document_id" uuid REFERENCES "documents" ("id"),
      "reported_by" uuid NOT NULL REFERENCES "users" ("id"),
      "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "decision" text,
      "decision_reason" text,
      "decided_by" uuid REFERENCES "users" ("id"),
      "decided_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_task_reports" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_task_reports_kind" CHECK ("kind" IN ('progress', 'completion')),
      CONSTRAINT "CHK_task_reports_decision" CHECK ("decision" IS NULL OR "decision" IN ('accepted', 'returned')))`);
    await q.query(`CREATE INDEX "IDX_task_reports_assignment" ON "task_reports" ("assignment_id", "reported_at")`);
    await q.query(`CREATE TABLE "task_report_files" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "report_id" uuid NOT NULL REFERENCES "task_reports" ("id") ON DELETE CASCADE,
      "name" text NOT NULL,
      "content_type" text NOT NULL,
      "size" integer NOT NULL,
      "sha256" text NOT NULL,
      "content" bytea NOT NULL,
      CONSTRAINT "PK_task_report_files" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "task_reminders" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "assignment_id" uuid NOT NULL REFERENCES "task_assignments" ("id") ON DELETE CASCADE,
      "kind" text NOT NULL,
      "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "fired_at" TIMESTAMP WITH TIME ZONE,
      "outcome" text,
      CONSTRAINT "PK_task_reminders" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_task_reminders" UNIQUE ("assignment_id", "kind"),
      CONSTRAINT "CHK_task_reminders_kind" CHECK ("kind" IN ('before', 'due', 'overdue')))`);
    await q.query(`CREATE INDEX "IDX_task_reminders_due" ON "task_reminders" ("due_at") WHERE "fired_at" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['task_reminders', 'task_report_files', 'task_reports', 'task_assignments', 'document_tasks']) await q.query(`DROP TABLE "${t}"`);
  }
}
