import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Route versions and assignments. Every deployed BPMN file is kept as a version (number and SHA-256 of the XML);
 * a document records the version it started on and follows it to the end. Route assignments say which route a new
 * document of a type (and, optionally, of an issuing agency) follows: decisions and submissions have their own routes.
 * A document may need legal review (thẩm định by Sở Tư pháp), a flag route conditions read.
 */
export class RouteVersions1764288000000 implements MigrationInterface {
  name = 'RouteVersions1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "route_versions" (
      "key" text NOT NULL,
      "version" integer NOT NULL,
      "hash" text NOT NULL,
      "file" text NOT NULL,
      "xml" text NOT NULL,
      "deployed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_route_versions" PRIMARY KEY ("key", "version"))`);
    await q.query(`CREATE TABLE "route_assignments" (
      "document_type" text NOT NULL,
      "issuer_agency_id" uuid REFERENCES "agencies" ("id"),
      "route_key" text NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_route_assignments" UNIQUE NULLS NOT DISTINCT ("document_type", "issuer_agency_id"))`);
    // Documents so far started on the first deployed version of their route.
    await q.query(`ALTER TABLE "documents" ADD "route_version" integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE "documents" ALTER COLUMN "route_version" DROP DEFAULT`);
    await q.query(`ALTER TABLE "documents" ADD "needs_legal_review" boolean NOT NULL DEFAULT false`);
    await q.query(`INSERT INTO "route_assignments" ("document_type", "route_key") VALUES ('QĐ', 'quyet-dinh'), ('TTr', 'to-trinh')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "documents" DROP COLUMN "needs_legal_review"`);
    await q.query(`ALTER TABLE "documents" DROP COLUMN "route_version"`);
    await q.query(`DROP TABLE "route_assignments"`);
    await q.query(`DROP TABLE "route_versions"`);
  }
}
