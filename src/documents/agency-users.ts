import type { EntityManager } from 'typeorm';
import type { CandidateUser } from '../workflow/candidates.js';

/** The active users of an agency, as candidates of route steps. One query; an agency has hundreds at most. */
export async function agencyUsers(m: EntityManager, agencyId: string): Promise<CandidateUser[]> {
  const rows = (await m.query(
    `SELECT id, agency_id, unit_id, roles FROM users WHERE agency_id = $1 AND active`,
    [agencyId],
  )) as Array<{ id: string; agency_id: string; unit_id: string | null; roles: CandidateUser['roles'] }>;
  return rows.map((r) => ({ id: r.id, agencyId: r.agency_id, unitId: r.unit_id, roles: r.roles }));
}
