import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Durable time. Each boundary timer of a task a document enters becomes a row, due at a time computed on the working
 * calendar; a periodic job on pg-boss fires the due ones once (row locks with SKIP LOCKED, across instances and
 * restarts). A timer belongs to one stay of the document at the task (step_id and step_since): when the document has
 * moved on, it is obsolete.
 */
export class TaskTimers1764460800000 implements MigrationInterface {
  name = 'TaskTimers1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "task_timers" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "document_id" uuid NOT NULL REFERENCES "documents" ("id") ON DELETE CASCADE,
      "step_id" text NOT NULL,
      "step_since" TIMESTAMP WITH TIME ZONE NOT NULL,
      "timer_id" text NOT NULL,
      "interrupting" boolean NOT NULL,
      "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "fired_at" TIMESTAMP WITH TIME ZONE,
      "outcome" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_task_timers" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_task_timers_due" ON "task_timers" ("due_at") WHERE fired_at IS NULL`);
    await q.query(`CREATE INDEX "IDX_task_timers_document" ON "task_timers" ("document_id", "step_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "task_timers"`);
  }
}
