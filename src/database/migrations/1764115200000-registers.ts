import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outgoing registers: the number series become registers (one per issuer, year and series, each with an id and a
 * name for its book); agencies choose one series per type or one shared; documents know their register, whether
 * they are legal normative, and what they correct or replace.
 */
export class Registers1764115200000 implements MigrationInterface {
  name = 'Registers1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "registers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuer_agency_id" uuid NOT NULL, "year" integer NOT NULL, "series_key" text NOT NULL, "name" text NOT NULL, "last_number" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c80e46007c1de9f8d1c59b3b9b9" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_registers_series" ON "registers" ("issuer_agency_id", "year", "series_key")`);
    await q.query(`ALTER TABLE "agencies" ADD "series_mode" text NOT NULL DEFAULT 'per-type'`);
    await q.query(`ALTER TABLE "documents" ADD "legal_normative" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "documents" ADD "register_id" uuid`);
    await q.query(`ALTER TABLE "documents" ADD "corrects_id" uuid`);
    await q.query(`ALTER TABLE "documents" ADD "replaces_id" uuid`);
    await q.query(`ALTER TABLE "registers" ADD CONSTRAINT "FK_registers_issuer" FOREIGN KEY ("issuer_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_documents_register" FOREIGN KEY ("register_id") REFERENCES "registers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_documents_corrects" FOREIGN KEY ("corrects_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_documents_replaces" FOREIGN KEY ("replaces_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE INDEX "IDX_documents_register" ON "documents" ("register_id", "number")`);
    // The existing counters carry over, and issued documents find their register.
    await q.query(`INSERT INTO registers (issuer_agency_id, year, series_key, name, last_number)
      SELECT issuer_agency_id, year, series_key, 'Sổ đăng ký văn bản đi (' || series_key || ')', last_number FROM number_series`);
    await q.query(`UPDATE documents d SET register_id = r.id FROM registers r
      WHERE d.number IS NOT NULL AND r.issuer_agency_id = d.issuer_agency_id AND r.year = d.issued_year AND r.series_key = 'type:' || d.type`);
    await q.query(`DROP TABLE number_series`);
    // Duplicates are refused within a register: separate series (confidential …) number on their own.
    await q.query(`DROP INDEX "UQ_documents_number_symbol"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_documents_register_number" ON "documents" ("register_id", "number", "symbol") WHERE number IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_documents_register_number"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_documents_number_symbol" ON "documents" ("issuer_agency_id", "issued_year", "number", "symbol") WHERE number IS NOT NULL`);
    await q.query(`CREATE TABLE "number_series" ("issuer_agency_id" uuid NOT NULL, "year" integer NOT NULL, "series_key" text NOT NULL, "last_number" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_5613982550cf276b8b27a68c290" PRIMARY KEY ("issuer_agency_id", "year", "series_key"))`);
    await q.query(`INSERT INTO number_series SELECT issuer_agency_id, year, series_key, last_number FROM registers`);
    await q.query(`DROP INDEX "IDX_documents_register"`);
    for (const c of ['register_id', 'corrects_id', 'replaces_id', 'legal_normative']) await q.query(`ALTER TABLE "documents" DROP COLUMN "${c}"`);
    await q.query(`ALTER TABLE "agencies" DROP COLUMN "series_mode"`);
    await q.query(`DROP TABLE "registers"`);
  }
}
