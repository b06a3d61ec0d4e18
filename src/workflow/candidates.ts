import type { Role } from '../auth/roles.js';

/**
 * Candidate expressions of route steps (`cv:candidates` in the BPMN files), relative to the document:
 * - `drafter`             the officer who drafted the document
 * - `drafting-unit-head`  a head (role unit-head) of the drafting unit
 * - `signer`              the signer chosen on the document
 * - `role:<role>`         anyone of the issuing agency holding that role (`role:clerk`, `role:format-checker`)
 * - `agency:<code>:<role>` anyone of the agency with that code holding that role (`agency:STP:legal-reviewer`: the
 *                         legal review of Sở Tư pháp)
 * - `consulted-unit-head` a head of a unit consulted on the document that has not answered yet (multi-instance tasks)
 */
export interface CandidateUser {
  id: string;
  agencyId: string;
  agencyCode: string;
  unitId: string | null;
  roles: readonly Role[];
}

export interface CandidateDocument {
  drafterId: string;
  signerId: string;
  draftingUnitId: string;
  issuerAgencyId: string;
  /** At a consultation: the consulted units that have not answered yet. */
  pendingUnitIds?: readonly string[];
}

export function satisfiesCandidate(user: CandidateUser, doc: CandidateDocument, candidate: string): boolean {
  switch (candidate) {
    case 'drafter':
      return user.id === doc.drafterId;
    case 'signer':
      return user.id === doc.signerId;
    case 'drafting-unit-head':
      return user.unitId === doc.draftingUnitId && user.roles.includes('unit-head');
    case 'consulted-unit-head':
      return user.unitId !== null && (doc.pendingUnitIds ?? []).includes(user.unitId) && user.roles.includes('unit-head');
    default:
      if (candidate.startsWith('role:')) {
        return user.agencyId === doc.issuerAgencyId && user.roles.includes(candidate.slice(5) as Role);
      }
      if (candidate.startsWith('agency:')) {
        const [, code, role] = candidate.split(':');
        return user.agencyCode === code && user.roles.includes(role as Role);
      }
      throw new Error(`unknown candidate expression "${candidate}"`);
  }
}

export function satisfiesAny(user: CandidateUser, doc: CandidateDocument, candidates: readonly string[]): boolean {
  return candidates.some((c) => satisfiesCandidate(user, doc, c));
}

/** The users among `users` who may act on a step with these candidates. */
export function resolveCandidates(
  users: readonly CandidateUser[],
  doc: CandidateDocument,
  candidates: readonly string[],
): string[] {
  return users.filter((u) => satisfiesAny(u, doc, candidates)).map((u) => u.id);
}

/** The expressions this module understands: the route loader rejects others at start. */
export function isKnownCandidate(candidate: string): boolean {
  return (
    ['drafter', 'signer', 'drafting-unit-head', 'consulted-unit-head'].includes(candidate) ||
    /^role:[a-z-]+$/.test(candidate) ||
    /^agency:[A-Za-z0-9]+:[a-z-]+$/.test(candidate)
  );
}

/** The codes of the other agencies candidate expressions name (`agency:<code>:…`): their people are candidates too. */
export function namedAgencyCodes(candidates: readonly string[]): string[] {
  return [...new Set(candidates.filter((c) => c.startsWith('agency:')).map((c) => c.split(':')[1]))];
}
