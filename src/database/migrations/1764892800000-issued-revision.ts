import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The issued revision: where the blanks of the signed page are (so that issuing writes the number and date into
 * them), the signer's handwritten signature and the agency's seal as images, and the agency-signed copy of each PDF
 * attachment (the original is kept).
 */
export class IssuedRevision1764892800000 implements MigrationInterface {
  name = 'IssuedRevision1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "document_files" ADD "layout" jsonb`);
    await q.query(`ALTER TABLE "users" ADD "signature_image" bytea`);
    await q.query(`ALTER TABLE "agencies" ADD "seal_image" bytea`);
    await q.query(`ALTER TABLE "document_attachments" ADD "signed_content" bytea, ADD "signed_sha256" text, ADD "signing_problem" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "document_attachments" DROP COLUMN "signing_problem", DROP COLUMN "signed_sha256", DROP COLUMN "signed_content"`);
    await q.query(`ALTER TABLE "agencies" DROP COLUMN "seal_image"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "signature_image"`);
    await q.query(`ALTER TABLE "document_files" DROP COLUMN "layout"`);
  }
}
