import { describe, expect, it } from '@jest/globals';
import { isKnownCandidate, namedAgencyCodes, resolveCandidates, satisfiesCandidate, type CandidateUser } from './candidates.js';

const doc = { drafterId: 'u-drafter', signerId: 'u-pct', draftingUnitId: 'unit-cntt', issuerAgencyId: 'ubnd' };
const users: CandidateUser[] = [
  { id: 'u-drafter', agencyId: 'ubnd', agencyCode: 'UBND', unitId: 'unit-cntt', roles: ['drafter'] },
  { id: 'u-head', agencyId: 'ubnd', agencyCode: 'UBND', unitId: 'unit-cntt', roles: ['unit-head'] },
  { id: 'u-head-th', agencyId: 'ubnd', agencyCode: 'UBND', unitId: 'unit-th', roles: ['unit-head'] },
  { id: 'u-pcvp', agencyId: 'ubnd', agencyCode: 'UBND', unitId: 'unit-vp', roles: ['format-checker'] },
  { id: 'u-pct', agencyId: 'ubnd', agencyCode: 'UBND', unitId: null, roles: [] },
  { id: 'u-clerk', agencyId: 'ubnd', agencyCode: 'UBND', unitId: 'unit-vp', roles: ['clerk'] },
  { id: 'u-clerk-other', agencyId: 'skhcn', agencyCode: 'SKHCN', unitId: null, roles: ['clerk'] },
  { id: 'u-legal', agencyId: 'stp', agencyCode: 'STP', unitId: null, roles: ['legal-reviewer'] },
  { id: 'u-stp-clerk', agencyId: 'stp', agencyCode: 'STP', unitId: null, roles: ['clerk'] },
];

describe('candidates of a step', () => {
  it.each([
    ['drafter', ['u-drafter']],
    ['drafting-unit-head', ['u-head']],
    ['signer', ['u-pct']],
    ['role:format-checker', ['u-pcvp']],
    ['role:clerk', ['u-clerk']],
    ['agency:STP:legal-reviewer', ['u-legal']],
    ['agency:STP:clerk', ['u-stp-clerk']],
    ['agency:SKHCN:legal-reviewer', []],
  ])('%s → %j', (candidate, expected) => {
    expect(resolveCandidates(users, doc, [candidate])).toEqual(expected);
  });

  it('consulted-unit-head: the heads of the consulted units that have not answered', () => {
    const consulting = { ...doc, pendingUnitIds: ['unit-th', 'unit-vp'] };
    expect(resolveCandidates(users, consulting, ['consulted-unit-head'])).toEqual(['u-head-th']);
    expect(resolveCandidates(users, doc, ['consulted-unit-head'])).toEqual([]);
  });

  it('unites several expressions', () => {
    expect(resolveCandidates(users, doc, ['drafter', 'signer'])).toEqual(['u-drafter', 'u-pct']);
  });

  it('knows the agencies that expressions name', () => {
    expect(namedAgencyCodes(['drafter', 'agency:STP:legal-reviewer', 'agency:STP:clerk', 'agency:SKHCN:clerk'])).toEqual(['STP', 'SKHCN']);
    expect(isKnownCandidate('agency:STP:legal-reviewer')).toBe(true);
    expect(isKnownCandidate('agency:STP')).toBe(false);
    expect(isKnownCandidate('agency::clerk')).toBe(false);
  });

  it('refuses an unknown expression', () => {
    expect(() => satisfiesCandidate(users[0], doc, 'everyone')).toThrow(/unknown candidate/);
  });
});
