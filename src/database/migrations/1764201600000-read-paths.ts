import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read paths at scale.
 * - The inbox: `document_inbox` holds one row per (assignee, waiting document) in the inbox's order (most urgent
 *   first, then longest waiting), so a page is a short index range scan however many documents wait. A trigger on
 *   `documents` keeps it in step with `assignee_ids`, `urgency` and `step_since`, in the writing transaction,
 *   whichever code path writes them. Urgency ranks: hỏa tốc 0, thượng khẩn 1, khẩn 2, normal 3.
 * - The document page lists what corrects or replaces a document: index those links (few rows have them).
 */
export class ReadPaths1764201600000 implements MigrationInterface {
  name = 'ReadPaths1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_documents_corrects" ON "documents" ("corrects_id") WHERE corrects_id IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_documents_replaces" ON "documents" ("replaces_id") WHERE replaces_id IS NOT NULL`);

    await q.query(`CREATE TABLE "document_inbox" (
      "user_id" uuid NOT NULL,
      "urgency_rank" smallint NOT NULL,
      "step_since" TIMESTAMP WITH TIME ZONE NOT NULL,
      "document_id" uuid NOT NULL REFERENCES "documents" ("id") ON DELETE CASCADE,
      CONSTRAINT "PK_document_inbox" PRIMARY KEY ("user_id", "urgency_rank", "step_since", "document_id"))`);
    await q.query(`CREATE INDEX "IDX_document_inbox_document" ON "document_inbox" ("document_id")`);
    await q.query(`CREATE FUNCTION document_inbox_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.assignee_ids IS NOT DISTINCT FROM OLD.assignee_ids AND NEW.urgency IS NOT DISTINCT FROM OLD.urgency
             AND NEW.step_since IS NOT DISTINCT FROM OLD.step_since THEN
            RETURN NULL;
          END IF;
          DELETE FROM document_inbox WHERE document_id = OLD.id;
        END IF;
        INSERT INTO document_inbox (user_id, urgency_rank, step_since, document_id)
          SELECT DISTINCT a, CASE NEW.urgency WHEN 'hoa-toc' THEN 0 WHEN 'thuong-khan' THEN 1 WHEN 'khan' THEN 2 ELSE 3 END,
                 NEW.step_since, NEW.id
            FROM unnest(NEW.assignee_ids) AS a;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "document_inbox_sync" AFTER INSERT OR UPDATE ON "documents"
      FOR EACH ROW EXECUTE FUNCTION document_inbox_sync()`);
    await q.query(`INSERT INTO document_inbox (user_id, urgency_rank, step_since, document_id)
      SELECT DISTINCT a, CASE d.urgency WHEN 'hoa-toc' THEN 0 WHEN 'thuong-khan' THEN 1 WHEN 'khan' THEN 2 ELSE 3 END, d.step_since, d.id
        FROM documents d, unnest(d.assignee_ids) AS a`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "document_inbox_sync" ON "documents"`);
    await q.query(`DROP FUNCTION document_inbox_sync()`);
    await q.query(`DROP TABLE "document_inbox"`);
    await q.query(`DROP INDEX "IDX_documents_replaces"`);
    await q.query(`DROP INDEX "IDX_documents_corrects"`);
  }
}
