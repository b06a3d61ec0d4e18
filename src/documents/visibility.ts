import type { CurrentUser } from '../common/current-user.js';

export interface VisibilityFacts {
  issuerAgencyId: string;
  confidentiality: string;
  participantIds: readonly string[];
}

/** Archivists and admins see everything. */
export function seesEverything(user: CurrentUser): boolean {
  return user.roles.includes('archivist') || user.roles.includes('admin');
}

/** Others see the ordinary documents of their own agency, and the confidential ones they took part in. */
export function canSeeDocument(user: CurrentUser, doc: VisibilityFacts): boolean {
  if (seesEverything(user)) return true;
  if (doc.participantIds.includes(user.id)) return true;
  return doc.issuerAgencyId === user.agencyId && doc.confidentiality === 'normal';
}

/** The same rule as SQL over `documents d`, given the placeholders of the user id and agency id. */
export function visibleSql(userParam: string, agencyParam: string): string {
  return `(d.participant_ids @> ARRAY[${userParam}]::uuid[] OR (d.issuer_agency_id = ${agencyParam} AND d.confidentiality = 'normal'))`;
}
