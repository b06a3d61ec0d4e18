import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Digital signatures: the built-in provider's keys (a demo CA, then one PKCS#12 per person and per agency, encrypted
 * with SIGNING_PASSPHRASE) and the signed files of a document (the signer's revision, signed at `sign`).
 */
export class Signing1764806400000 implements MigrationInterface {
  name = 'Signing1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "signing_keys" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "owner_kind" text NOT NULL,
      "owner_id" uuid,
      "common_name" text NOT NULL,
      "certificate" text NOT NULL,
      "encrypted_key" text,
      "p12" bytea,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_signing_keys" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_signing_keys_owner" CHECK (("owner_kind" = 'ca' AND "owner_id" IS NULL AND "encrypted_key" IS NOT NULL)
        OR ("owner_kind" IN ('user', 'agency') AND "owner_id" IS NOT NULL AND "p12" IS NOT NULL)))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_signing_keys_owner" ON "signing_keys" ("owner_kind", coalesce("owner_id", '00000000-0000-0000-0000-000000000000'::uuid))`);
    await q.query(`CREATE TABLE "document_files" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "document_id" uuid NOT NULL REFERENCES "documents" ("id") ON DELETE CASCADE,
      "kind" text NOT NULL,
      "content" bytea NOT NULL,
      "sha256" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_document_files" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_document_files_kind" UNIQUE ("document_id", "kind"),
      CONSTRAINT "CHK_document_files_kind" CHECK ("kind" IN ('signed', 'issued')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "document_files"`);
    await q.query(`DROP TABLE "signing_keys"`);
  }
}
