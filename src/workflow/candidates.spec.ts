import { describe, expect, it } from '@jest/globals';
import { resolveCandidates, satisfiesCandidate, type CandidateUser } from './candidates.js';

const doc = { drafterId: 'u-drafter', signerId: 'u-pct', draftingUnitId: 'unit-cntt', issuerAgencyId: 'ubnd' };
const users: CandidateUser[] = [
  { id: 'u-drafter', agencyId: 'ubnd', unitId: 'unit-cntt', roles: ['drafter'] },
  { id: 'u-head', agencyId: 'ubnd', unitId: 'unit-cntt', roles: ['unit-head'] },
  { id: 'u-head-th', agencyId: 'ubnd', unitId: 'unit-th', roles: ['unit-head'] },
  { id: 'u-pcvp', agencyId: 'ubnd', unitId: 'unit-vp', roles: ['format-checker'] },
  { id: 'u-pct', agencyId: 'ubnd', unitId: null, roles: [] },
  { id: 'u-clerk', agencyId: 'ubnd', unitId: 'unit-vp', roles: ['clerk'] },
  { id: 'u-clerk-other', agencyId: 'skhcn', unitId: null, roles: ['clerk'] },
];

describe('candidates of a step', () => {
  it.each([
    ['drafter', ['u-drafter']],
    ['drafting-unit-head', ['u-head']],
    ['signer', ['u-pct']],
    ['role:format-checker', ['u-pcvp']],
    ['role:clerk', ['u-clerk']],
  ])('%s → %j', (candidate, expected) => {
    expect(resolveCandidates(users, doc, [candidate])).toEqual(expected);
  });

  it('unites several expressions', () => {
    expect(resolveCandidates(users, doc, ['drafter', 'signer'])).toEqual(['u-drafter', 'u-pct']);
  });

  it('refuses an unknown expression', () => {
    expect(() => satisfiesCandidate(users[0], doc, 'everyone')).toThrow(/unknown candidate/);
  });
});
