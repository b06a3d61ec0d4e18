import type { Role } from '../auth/roles.js';

/**
 * Candidate expressions of route steps (`cv:candidates` in the BPMN files), relative to the document:
 * - `drafter`             the officer who drafted the document
 * - `drafting-unit-head`  a head (role unit-head) of the drafting unit
 * - `signer`              the signer chosen on the document
 * - `role:<role>`         anyone of the issuing agency holding that role (`role:clerk`, `role:format-checker`)
 */
export interface CandidateUser {
  id: string;
  agencyId: string;
  unitId: string | null;
  roles: readonly Role[];
}

export interface CandidateDocument {
  drafterId: string;
  signerId: string;
  draftingUnitId: string;
  issuerAgencyId: string;
}

export function satisfiesCandidate(user: CandidateUser, doc: CandidateDocument, candidate: string): boolean {
  switch (candidate) {
    case 'drafter':
      return user.id === doc.drafterId;
    case 'signer':
      return user.id === doc.signerId;
    case 'drafting-unit-head':
      return user.unitId === doc.draftingUnitId && user.roles.includes('unit-head');
    default:
      if (candidate.startsWith('role:')) {
        return user.agencyId === doc.issuerAgencyId && user.roles.includes(candidate.slice(5) as Role);
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
  return ['drafter', 'signer', 'drafting-unit-head'].includes(candidate) || /^role:[a-z-]+$/.test(candidate);
}
