import type { CurrentUser } from '../common/current-user.js';

/** The columns of a document row that decide who may see it. */
export interface VisibilityFacts {
  issuer_agency_id: string;
  confidentiality: string;
  participant_ids: readonly string[];
}

/** Archivists and admins see everything. */
export function seesEverything(user: CurrentUser): boolean {
  return user.roles.includes('archivist') || user.roles.includes('admin');
}

/** Others see the ordinary documents of their own agency, and the confidential ones they took part in. */
export function canSeeDocument(user: CurrentUser, doc: VisibilityFacts): boolean {
  if (seesEverything(user)) return true;
  if (doc.participant_ids.includes(user.id)) return true;
  return doc.issuer_agency_id === user.agencyId && doc.confidentiality === 'normal';
}

/** The same rule as SQL over `documents d`, given the placeholders of the user id and agency id. */
export function visibleSql(userParam: string, agencyParam: string): string {
  return `(d.participant_ids @> ARRAY[${userParam}]::uuid[] OR (d.issuer_agency_id = ${agencyParam} AND d.confidentiality = 'normal'))`;
}
