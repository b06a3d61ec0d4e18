import type { CurrentUser } from '../common/current-user.js';

/** The columns of a document row that decide who may see it. */
export interface VisibilityFacts {
  issuer_agency_id: string;
  confidentiality: string;
  participant_ids: readonly string[];
}

/**
 * Archivists and admins work across agencies: every agency's ordinary documents, every register, the whole audit
 * trail. Not a confidential document's content: that only its route sees (canSeeDocument).
 */
export function seesEverything(user: CurrentUser): boolean {
  return user.roles.includes('archivist') || user.roles.includes('admin');
}

/**
 * Who may see a document: the people on its route (its participants: the drafter, the chosen signer, everyone a step
 * was assigned to, the clerk who issues it) always; an ordinary one also everyone of its agency, and archivists and
 * admins; a confidential one (mật, tối mật, tuyệt mật) nobody else.
 */
export function canSeeDocument(user: CurrentUser, doc: VisibilityFacts): boolean {
  if (doc.participant_ids.includes(user.id)) return true;
  if (doc.confidentiality !== 'normal') return false;
  return seesEverything(user) || doc.issuer_agency_id === user.agencyId;
}

/**
 * The same rule as SQL over `documents d`: appends the values it needs to `params` (the user id, and the agency id
 * for one who sees only their own agency) and returns the condition.
 */
export function visibleSql(user: CurrentUser, params: unknown[]): string {
  params.push(user.id);
  const self = `$${params.length}`;
  if (seesEverything(user)) return `(d.participant_ids @> ARRAY[${self}]::uuid[] OR d.confidentiality = 'normal')`;
  params.push(user.agencyId);
  return `(d.participant_ids @> ARRAY[${self}]::uuid[] OR (d.issuer_agency_id = $${params.length} AND d.confidentiality = 'normal'))`;
}
