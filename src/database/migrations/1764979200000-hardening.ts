import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hardening: login attempts counted per client address and per user name, in the database (every instance sees the
 * same count); refresh tokens (kept as SHA-256 hashes), each used once and replaced.
 */
export class Hardening1764979200000 implements MigrationInterface {
  name = 'Hardening1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "throttle_hits" (
      "key" text NOT NULL,
      "hits" integer NOT NULL,
      "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_throttle_hits" PRIMARY KEY ("key"))`);
    await q.query(`CREATE TABLE "refresh_tokens" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
      "token_sha256" text NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "used_at" TIMESTAMP WITH TIME ZONE,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_refresh_tokens" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_refresh_tokens_hash" UNIQUE ("token_sha256"))`);
    await q.query(`CREATE INDEX "IDX_refresh_tokens_user" ON "refresh_tokens" ("user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "refresh_tokens"`);
    await q.query(`DROP TABLE "throttle_hits"`);
  }
}
