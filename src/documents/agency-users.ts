import type { EntityManager } from 'typeorm';
import type { CandidateUser } from '../workflow/candidates.js';

/**
 * The candidates of a document's route steps: the active users of the issuing agency, and the people the
 * document names (its drafter and signer), who may belong to another agency (a TUQ. signer). One query.
 */
export async function agencyUsers(
  m: EntityManager,
  agencyId: string,
  doc: { drafterId: string; signerId: string },
): Promise<CandidateUser[]> {
  const rows = (await m.query(
    `SELECT id, agency_id, unit_id, roles FROM users WHERE active AND (agency_id = $1 OR id = $2 OR id = $3)`,
    [agencyId, doc.drafterId, doc.signerId],
  )) as Array<{ id: string; agency_id: string; unit_id: string | null; roles: CandidateUser['roles'] }>;
  return rows.map((r) => ({ id: r.id, agencyId: r.agency_id, unitId: r.unit_id, roles: r.roles }));
}
