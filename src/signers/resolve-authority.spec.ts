import { describe, expect, it } from '@jest/globals';
import { buildSignatureBlock } from './build-signature-block.js';
import { resolveAuthority, type AuthorityContext, type DelegationInfo, type HoldingInfo, type PositionInfo } from './resolve-authority.js';

const at = new Date('2026-06-15T03:00:00Z');
const day = 86400_000;
const P = (id: string, agencyId: string, title: string, role: PositionInfo['role'], extra: Partial<PositionInfo> = {}): PositionInfo => ({
  id, agencyId, title, role, deputyOfId: null, fields: [], printWithId: null, ...extra,
});
const positions = new Map(
  [
    P('ct', 'ubnd', 'CHỦ TỊCH', 'head'),
    P('pct', 'ubnd', 'PHÓ CHỦ TỊCH', 'deputy', { deputyOfId: 'ct', fields: ['khoa-hoc-cong-nghe', 'chuyen-doi-so'] }),
    P('cvp', 'ubnd', 'CHÁNH VĂN PHÒNG', 'unit-head'),
    P('pcvp', 'ubnd', 'PHÓ CHÁNH VĂN PHÒNG', 'unit-deputy', { deputyOfId: 'cvp' }),
    P('gdstp', 'stp', 'GIÁM ĐỐC SỞ TƯ PHÁP', 'head'),
    P('pgdstp', 'stp', 'PHÓ GIÁM ĐỐC SỞ TƯ PHÁP', 'deputy', { deputyOfId: 'gdstp' }),
    P('gdkhcn', 'skhcn', 'GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'head'),
    P('tt', 'tgv', 'TỔ TRƯỞNG', 'head', { printWithId: 'gdkhcn' }),
  ].map((p) => [p.id, p]),
);
const ubnd = { id: 'ubnd', regime: 'collective' as const, collectiveName: 'ỦY BAN NHÂN DÂN', byOrderTypes: ['CV', 'TB'], kind: 'agency' as const };
const tgv = { id: 'tgv', regime: 'head' as const, collectiveName: null, byOrderTypes: [], kind: 'advisory' as const };
const hold = (positionId: string, extra: Partial<HoldingInfo> = {}): HoldingInfo => ({ positionId, acting: false, validFrom: null, validTo: null, ...extra });
const tuq = (extra: Partial<DelegationInfo> = {}): DelegationInfo => ({
  id: 'd1', kind: 'TUQ', grantorPositionId: 'ct', granteePositionId: 'gdstp', documentTypes: ['CV'], fields: [],
  validFrom: new Date(at.getTime() - 30 * day), validTo: new Date(at.getTime() + 30 * day), revokedAt: null, ...extra,
});
const ctx = (over: Partial<AuthorityContext>): AuthorityContext => ({
  at,
  document: { type: 'CV', field: null, collective: false },
  agency: ubnd,
  positions,
  holdings: [],
  delegations: [],
  ...over,
});
const block = (c: AuthorityContext) => {
  const r = resolveAuthority(c);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return [r.kind, ...buildSignatureBlock(r.authority, 'X').slice(0, -1)];
};
const refusal = (c: AuthorityContext) => {
  const r = resolveAuthority(c);
  return r.ok ? `signed ${r.kind}` : r.code;
};

describe('signing authority', () => {
  it.each<[string, Partial<AuthorityContext>, string[]]>([
    ['the head, in his own name', { holdings: [hold('ct')] }, ['head', 'CHỦ TỊCH']],
    ['the head of a collective body, a collective document', { holdings: [hold('ct')], document: { type: 'QĐ', field: null, collective: true } }, ['TM', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']],
    ['a deputy in his field', { holdings: [hold('pct')], document: { type: 'CV', field: 'chuyen-doi-so', collective: false } }, ['KT', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']],
    ['a deputy, collective document', { holdings: [hold('pct')], document: { type: 'QĐ', field: null, collective: true } }, ['KT', 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']],
    ['an acting head', { holdings: [hold('ct', { acting: true, validFrom: new Date(at.getTime() - day), validTo: new Date(at.getTime() + day) })] }, ['Q', 'Q. CHỦ TỊCH']],
    ['the Chánh Văn phòng by order', { holdings: [hold('cvp')] }, ['TL', 'TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG']],
    ['his deputy by order', { holdings: [hold('pcvp')] }, ['TL-KT', 'TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG']],
    ['a Giám đốc Sở by authorisation', { holdings: [hold('gdstp')], delegations: [tuq()] }, ['TUQ', 'TUQ. CHỦ TỊCH', 'GIÁM ĐỐC SỞ TƯ PHÁP']],
    ['the head of an advisory body', { agency: tgv, holdings: [hold('tt'), hold('gdkhcn')] }, ['advisory', 'TỔ TRƯỞNG', 'GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ']],
    [
      'a deputy outside his fields with the head’s authorisation',
      { holdings: [hold('pct')], document: { type: 'CV', field: 'dat-dai', collective: false }, delegations: [tuq({ kind: 'KT', grantorPositionId: 'ct', granteePositionId: 'pct', fields: ['dat-dai'] })] },
      ['KT', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
    ],
    ['the chosen one of several positions', { holdings: [hold('pct'), hold('ct', { acting: true })], chosenPositionId: 'ct' }, ['Q', 'Q. CHỦ TỊCH']],
    ['held positions before acting ones', { holdings: [hold('ct', { acting: true }), hold('pct')] }, ['KT', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']],
  ])('%s', (_name, over, expected) => {
    expect(block(ctx(over))).toEqual(expected);
  });

  it.each<[string, Partial<AuthorityContext>, string]>([
    ['nobody of the agency', { holdings: [hold('gdkhcn')] }, 'NO_AUTHORITY'],
    ['an acting head after the appointment', { holdings: [hold('ct', { acting: true, validFrom: new Date(at.getTime() - 60 * day), validTo: new Date(at.getTime() - day) })] }, 'ACTING_PERIOD_OVER'],
    ['a deputy outside his fields', { holdings: [hold('pct')], document: { type: 'CV', field: 'dat-dai', collective: false } }, 'OUTSIDE_FIELD'],
    [
      'a deputy whose extension expired',
      { holdings: [hold('pct')], document: { type: 'CV', field: 'dat-dai', collective: false }, delegations: [tuq({ kind: 'KT', granteePositionId: 'pct', fields: ['dat-dai'], validTo: new Date(at.getTime() - day) })] },
      'AUTHORISATION_EXPIRED',
    ],
    ['a deputy of another agency’s head', { holdings: [hold('pgdstp')], positions: new Map([...positions, ['pgdstp', P('pgdstp', 'ubnd', 'PHÓ GIÁM ĐỐC', 'deputy', { deputyOfId: 'gdstp' })]]) }, 'NOT_A_DEPUTY_OF_HEAD'],
    ['TL. for a type the working rules keep', { holdings: [hold('cvp')], document: { type: 'QĐ', field: null, collective: false } }, 'TYPE_NOT_ALLOWED_BY_ORDER'],
    ['TL.+KT. for a type the working rules keep', { holdings: [hold('pcvp')], document: { type: 'KH', field: null, collective: false } }, 'TYPE_NOT_ALLOWED_BY_ORDER'],
    ['TL. for a collective document', { holdings: [hold('cvp')], document: { type: 'CV', field: null, collective: true } }, 'COLLECTIVE_NEEDS_HEAD'],
    ['an authorisation that expired yesterday', { holdings: [hold('gdstp')], delegations: [tuq({ validTo: new Date(at.getTime() - day) })] }, 'AUTHORISATION_EXPIRED'],
    ['a revoked authorisation', { holdings: [hold('gdstp')], delegations: [tuq({ revokedAt: new Date(at.getTime() - day) })] }, 'AUTHORISATION_REVOKED'],
    ['an authorisation for other types', { holdings: [hold('gdstp')], delegations: [tuq({ documentTypes: ['TB'] })] }, 'AUTHORISATION_NOT_COVERING'],
    ['an authorisation passed on by its grantee', { holdings: [hold('pgdstp')], delegations: [tuq({ grantorPositionId: 'pct', granteePositionId: 'pgdstp' })] }, 'REDELEGATION_FORBIDDEN'],
    ['a chosen position not held', { holdings: [hold('pct')], chosenPositionId: 'ct' }, 'POSITION_NOT_HELD'],
  ])('refuses %s', (_name, over, code) => {
    expect(refusal(ctx(over))).toBe(code);
  });
});
