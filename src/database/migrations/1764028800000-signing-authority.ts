import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signing authority: agencies' regime, working rules and advisory bodies; positions and the people holding them;
 * written authorisations (TUQ., and KT. beyond a deputy's fields); what a document is signed with.
 */
export class SigningAuthority1764028800000 implements MigrationInterface {
  name = 'SigningAuthority1764028800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "positions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "unit_id" uuid, "title" text NOT NULL, "role" text NOT NULL, "deputy_of_id" uuid, "fields" text array NOT NULL DEFAULT '{}', "print_with_id" uuid, CONSTRAINT "PK_17e4e62ccd5749b289ae3fae6f3" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_positions_agency" ON "positions"  ("agency_id")`);
    await q.query(`CREATE TABLE "position_holders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "position_id" uuid NOT NULL, "user_id" uuid NOT NULL, "acting" boolean NOT NULL DEFAULT false, "valid_from" TIMESTAMP WITH TIME ZONE, "valid_to" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7c51d56c75f95c80b69523049a2" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_position_holders_position" ON "position_holders"  ("position_id")`);
    await q.query(`CREATE INDEX "IDX_position_holders_user" ON "position_holders"  ("user_id")`);
    await q.query(`CREATE TABLE "delegations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "grantor_position_id" uuid NOT NULL, "grantee_user_id" uuid NOT NULL, "grantee_position_id" uuid NOT NULL, "document_types" text array NOT NULL DEFAULT '{}', "fields" text array NOT NULL DEFAULT '{}', "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE NOT NULL, "reference" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_01f9fbbc9b3bf52236a4e951b19" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_delegations_grantee" ON "delegations"  ("grantee_user_id")`);
    await q.query(`ALTER TABLE "agencies" ADD "regime" text NOT NULL DEFAULT 'head'`);
    await q.query(`ALTER TABLE "agencies" ADD "collective_name" text`);
    await q.query(`ALTER TABLE "agencies" ADD "collective_types" text array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "agencies" ADD "by_order_types" text array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "agencies" ADD "kind" text NOT NULL DEFAULT 'agency'`);
    await q.query(`ALTER TABLE "agencies" ADD "host_agency_id" uuid`);
    await q.query(`ALTER TABLE "documents" ADD "signer_position_id" uuid`);
    await q.query(`ALTER TABLE "documents" ADD "collective" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "documents" ADD "field" text`);
    await q.query(`ALTER TABLE "documents" ADD "signature_block" jsonb`);
    await q.query(`ALTER TABLE "documents" ADD "signing_authority" jsonb`);
    await q.query(`ALTER TABLE "documents" ADD "signed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "agencies" ADD CONSTRAINT "FK_agencies_host" FOREIGN KEY ("host_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "positions" ADD CONSTRAINT "FK_positions_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "positions" ADD CONSTRAINT "FK_positions_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "positions" ADD CONSTRAINT "FK_positions_deputy_of" FOREIGN KEY ("deputy_of_id") REFERENCES "positions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "positions" ADD CONSTRAINT "FK_positions_print_with" FOREIGN KEY ("print_with_id") REFERENCES "positions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "position_holders" ADD CONSTRAINT "FK_position_holders_position" FOREIGN KEY ("position_id") REFERENCES "positions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "position_holders" ADD CONSTRAINT "FK_position_holders_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_documents_signer_position" FOREIGN KEY ("signer_position_id") REFERENCES "positions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "delegations" ADD CONSTRAINT "FK_delegations_grantor_position" FOREIGN KEY ("grantor_position_id") REFERENCES "positions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "delegations" ADD CONSTRAINT "FK_delegations_grantee" FOREIGN KEY ("grantee_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "delegations" ADD CONSTRAINT "FK_delegations_grantee_position" FOREIGN KEY ("grantee_position_id") REFERENCES "positions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of ['signer_position_id', 'collective', 'field', 'signature_block', 'signing_authority', 'signed_at']) {
      await q.query(`ALTER TABLE "documents" DROP COLUMN "${c}"`);
    }
    for (const c of ['host_agency_id', 'regime', 'collective_name', 'collective_types', 'by_order_types', 'kind']) {
      await q.query(`ALTER TABLE "agencies" DROP COLUMN "${c}"`);
    }
    await q.query(`DROP TABLE "delegations"`);
    await q.query(`DROP TABLE "position_holders"`);
    await q.query(`DROP TABLE "positions"`);
  }
}
