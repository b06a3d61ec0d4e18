import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments of a document (tệp đính kèm): uploaded by the drafter while drafting, kept in the database with their
 * SHA-256, shown with the document and sent with its edXML packages.
 */
export class Attachments1764720000000 implements MigrationInterface {
  name = 'Attachments1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "document_attachments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "document_id" uuid NOT NULL REFERENCES "documents" ("id") ON DELETE CASCADE,
      "name" text NOT NULL,
      "content_type" text NOT NULL,
      "size" integer NOT NULL,
      "sha256" text NOT NULL,
      "content" bytea NOT NULL,
      "uploaded_by" uuid NOT NULL REFERENCES "users" ("id"),
      "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_document_attachments" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_document_attachments_document" ON "document_attachments" ("document_id", "uploaded_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "document_attachments"`);
  }
}
