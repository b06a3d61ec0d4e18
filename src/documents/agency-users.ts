import type { EntityManager } from 'typeorm';
import type { CandidateUser } from '../workflow/candidates.js';
import { prepared } from '../database/preparing-client.js';

/**
 * The candidates of a document's route steps: the active users of the issuing agency, and the people the
 * document names (its drafter and signer), who may belong to another agency (a TUQ. signer), and the people of the
 * agencies the routes name (`agency:<code>:<role>` candidates, e.g. Sở Tư pháp's legal reviewers).
 * A scalar sub-select (a JSON array of CandidateUser) over SQL expressions, so that an action reads them with its
 * row lock, in the same round trip.
 */
export function agencyUsersSql(agency: string, drafter: string, signer: string, namedAgencies: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('id', u.id, 'agencyId', u.agency_id, 'agencyCode', ua.code, 'unitId', u.unit_id, 'roles', u.roles)), '[]')
             FROM users u JOIN agencies ua ON ua.id = u.agency_id
            WHERE u.active AND (u.agency_id = ${agency} OR u.id = ${drafter} OR u.id = ${signer} OR ua.code = ANY(${namedAgencies}::text[])))`;
}

/** The same on its own: one query. */
export async function agencyUsers(
  m: EntityManager,
  agencyId: string,
  doc: { drafterId: string; signerId: string },
  namedAgencies: string[],
): Promise<CandidateUser[]> {
  const [row] = (await m.query(prepared(`SELECT ${agencyUsersSql('$1', '$2', '$3', '$4')} AS users`), [
    agencyId,
    doc.drafterId,
    doc.signerId,
    namedAgencies,
  ])) as Array<{
    users: CandidateUser[];
  }>;
  return row.users;
}
