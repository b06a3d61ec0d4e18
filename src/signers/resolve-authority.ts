/**
 * Who may sign a document, and in whose name (Decree 30/2020; shared/domain.md §4). A pure function of the
 * document, the issuing agency, the signer's positions and authorisations, and the signing time.
 */
import type { SigningAuthority } from './build-signature-block.js';
import type { PositionRole } from './position.entity.js';

export interface PositionInfo {
  id: string;
  agencyId: string;
  title: string;
  role: PositionRole;
  deputyOfId: string | null;
  fields: string[];
  printWithId: string | null;
}

export interface HoldingInfo {
  positionId: string;
  acting: boolean;
  validFrom: Date | null;
  validTo: Date | null;
}

export interface DelegationInfo {
  id: string;
  kind: 'TUQ' | 'KT';
  grantorPositionId: string;
  granteePositionId: string;
  documentTypes: string[];
  fields: string[];
  validFrom: Date;
  validTo: Date;
  revokedAt: Date | null;
}

export interface AgencyInfo {
  id: string;
  regime: 'collective' | 'head';
  collectiveName: string | null;
  byOrderTypes: string[];
  kind: 'agency' | 'advisory';
}

export interface AuthorityContext {
  at: Date;
  document: { type: string; field: string | null; collective: boolean };
  agency: AgencyInfo;
  /** Every position the context mentions, by id: the agency's, the signer's, the delegations'. */
  positions: ReadonlyMap<string, PositionInfo>;
  /** What the signer holds. */
  holdings: HoldingInfo[];
  /** Authorisations granted to the signer. */
  delegations: DelegationInfo[];
  /** The position the document says he signs in, when he holds several. */
  chosenPositionId?: string | null;
}

export type AuthorityKind = 'head' | 'TM' | 'KT' | 'Q' | 'TL' | 'TL-KT' | 'TUQ' | 'advisory';

/** Stable codes of refusals: the API returns them with a 403 at signing. */
export type AuthorityRefusal =
  | 'NO_AUTHORITY' // holds no position in the issuing agency and no authorisation from its head
  | 'POSITION_NOT_HELD' // the chosen position is not one the signer holds (on that date)
  | 'ACTING_PERIOD_OVER' // an acting head outside the period of the appointment
  | 'NOT_A_DEPUTY_OF_HEAD' // a deputy position that deputises for no head of this agency
  | 'OUTSIDE_FIELD' // a deputy outside his assigned fields, with no authorisation of the head
  | 'TYPE_NOT_ALLOWED_BY_ORDER' // TL.: the working rules do not let the unit head sign this type
  | 'COLLECTIVE_NEEDS_HEAD' // a collective document is signed TM. by the head, his deputy or the acting head
  | 'AUTHORISATION_EXPIRED' // outside the period of the written authorisation
  | 'AUTHORISATION_REVOKED'
  | 'AUTHORISATION_NOT_COVERING' // the authorisation does not cover this type or field
  | 'REDELEGATION_FORBIDDEN'; // an authorisation whose grantor is not the head himself

export type AuthorityResult =
  | { ok: true; kind: AuthorityKind; authority: SigningAuthority; positionId: string; delegationId: string | null }
  | { ok: false; code: AuthorityRefusal; message: string };

const within = (at: Date, from: Date | null, to: Date | null) => (!from || from <= at) && (!to || at <= to);
const covers = (list: string[], value: string | null) => list.length === 0 || (value !== null && list.includes(value));
const refuse = (code: AuthorityRefusal, message: string): AuthorityResult => ({ ok: false, code, message });

/** The authority the signer has for the document at `ctx.at`: the first that holds, or why none does. */
export function resolveAuthority(ctx: AuthorityContext): AuthorityResult {
  const inAgency = ctx.holdings.filter((h) => ctx.positions.get(h.positionId)?.agencyId === ctx.agency.id);
  if (ctx.chosenPositionId) {
    const chosen = inAgency.filter((h) => h.positionId === ctx.chosenPositionId);
    if (chosen.length > 0) return firstOk(chosen.map((h) => () => byPosition(ctx, h)));
    const delegated = authorisations(ctx).filter((d) => d.granteePositionId === ctx.chosenPositionId);
    if (delegated.length > 0) return firstOk(delegated.map((d) => () => byAuthorisation(ctx, d)));
    return refuse('POSITION_NOT_HELD', 'The signer does not hold the chosen position in the issuing agency');
  }
  // Own positions first (held ones before acting ones), then written authorisations, those that cover the
  // document first: when none holds, the refusal speaks of the one that was meant for it.
  const ordered = [...inAgency].sort((a, b) => Number(a.acting) - Number(b.acting));
  const attempts = [...ordered.map((h) => () => byPosition(ctx, h)), ...authorisations(ctx).map((d) => () => byAuthorisation(ctx, d))];
  if (attempts.length === 0) {
    return refuse('NO_AUTHORITY', 'The signer holds no position in the issuing agency and no authorisation from its head');
  }
  return firstOk(attempts);
}

/** The signer's TUQ. authorisations, those meant for this type of document first. */
function authorisations(ctx: AuthorityContext): DelegationInfo[] {
  const meant = (d: DelegationInfo) => Number(!covers(d.documentTypes, ctx.document.type));
  return ctx.delegations.filter((d) => d.kind === 'TUQ').sort((a, b) => meant(a) - meant(b));
}

function firstOk(attempts: Array<() => AuthorityResult>): AuthorityResult {
  let first: AuthorityResult | undefined;
  for (const attempt of attempts) {
    const r = attempt();
    if (r.ok) return r;
    first ??= r;
  }
  return first!;
}

function headOf(ctx: AuthorityContext): PositionInfo | undefined {
  return [...ctx.positions.values()].find((p) => p.agencyId === ctx.agency.id && p.role === 'head');
}

function collectiveName(ctx: AuthorityContext): string | undefined {
  return ctx.document.collective && ctx.agency.regime === 'collective' && ctx.agency.collectiveName
    ? ctx.agency.collectiveName
    : undefined;
}

function byPosition(ctx: AuthorityContext, h: HoldingInfo): AuthorityResult {
  const p = ctx.positions.get(h.positionId)!;
  const ok = (kind: AuthorityKind, authority: SigningAuthority, delegationId: string | null = null): AuthorityResult => ({
    ok: true,
    kind,
    authority,
    positionId: p.id,
    delegationId,
  });
  if (!within(ctx.at, h.validFrom, h.validTo)) {
    return h.acting
      ? refuse('ACTING_PERIOD_OVER', `The appointment as acting ${p.title} does not cover the signing date`)
      : refuse('POSITION_NOT_HELD', `The signer does not hold the position ${p.title} on the signing date`);
  }
  const tm = collectiveName(ctx);
  switch (p.role) {
    case 'head': {
      if (h.acting) return ok('Q', { kind: 'acting', headTitle: p.title, collective: tm });
      const printWith = p.printWithId ? ctx.positions.get(p.printWithId) : undefined;
      if (ctx.agency.kind === 'advisory' && printWith) {
        return ok('advisory', { kind: 'advisory', bodyTitle: p.title, title: printWith.title });
      }
      return ok(tm ? 'TM' : 'head', { kind: 'head', title: p.title, collective: tm });
    }
    case 'deputy': {
      const head = p.deputyOfId ? ctx.positions.get(p.deputyOfId) : undefined;
      if (!head || head.role !== 'head' || head.agencyId !== ctx.agency.id) {
        return refuse('NOT_A_DEPUTY_OF_HEAD', `${p.title} is not the deputy of the head of the issuing agency`);
      }
      const authority: SigningAuthority = { kind: 'deputy', headTitle: head.title, title: p.title, collective: tm };
      const field = ctx.document.field;
      if (field === null || p.fields.includes(field)) return ok('KT', authority);
      // What the head authorised beyond the assigned fields.
      const extensions = ctx.delegations.filter((d) => d.kind === 'KT' && d.grantorPositionId === head.id);
      const valid = extensions.find(
        (d) => !d.revokedAt && within(ctx.at, d.validFrom, d.validTo) && covers(d.documentTypes, ctx.document.type) && covers(d.fields, field),
      );
      if (valid) return ok('KT', authority, valid.id);
      const lapsed = extensions.find((d) => covers(d.documentTypes, ctx.document.type) && covers(d.fields, field));
      if (lapsed) return delegationProblem(ctx, lapsed);
      return refuse('OUTSIDE_FIELD', `The field "${field}" is not among those assigned to the ${p.title} (${p.fields.join(', ') || 'none'})`);
    }
    case 'unit-head':
    case 'unit-deputy': {
      const head = headOf(ctx);
      if (!head) return refuse('NO_AUTHORITY', 'The issuing agency has no head to sign by order of');
      if (tm) return refuse('COLLECTIVE_NEEDS_HEAD', 'A collective document is signed TM. by the head, a deputy of the head or the acting head');
      if (!ctx.agency.byOrderTypes.includes(ctx.document.type)) {
        return refuse('TYPE_NOT_ALLOWED_BY_ORDER', `The working rules do not let ${p.title} sign documents of type ${ctx.document.type} by order (TL.)`);
      }
      if (p.role === 'unit-head') return ok('TL', { kind: 'by-order', headTitle: head.title, unitHeadTitle: p.title });
      const unitHead = p.deputyOfId ? ctx.positions.get(p.deputyOfId) : undefined;
      if (!unitHead || unitHead.role !== 'unit-head') {
        return refuse('NOT_A_DEPUTY_OF_HEAD', `${p.title} is not the deputy of a unit head of the issuing agency`);
      }
      return ok('TL-KT', { kind: 'by-order', headTitle: head.title, unitHeadTitle: unitHead.title, deputyTitle: p.title });
    }
  }
}

function byAuthorisation(ctx: AuthorityContext, d: DelegationInfo): AuthorityResult {
  const grantor = ctx.positions.get(d.grantorPositionId);
  const grantee = ctx.positions.get(d.granteePositionId);
  if (!grantor || grantor.agencyId !== ctx.agency.id) {
    return refuse('NO_AUTHORITY', 'The authorisation was not granted by the head of the issuing agency');
  }
  if (grantor.role !== 'head') {
    return refuse('REDELEGATION_FORBIDDEN', 'Only the head signs authorisations (TUQ.); an authorisation cannot be passed on');
  }
  if (collectiveName(ctx)) {
    return refuse('COLLECTIVE_NEEDS_HEAD', 'A collective document is signed TM. by the head, a deputy of the head or the acting head');
  }
  if (d.revokedAt || !within(ctx.at, d.validFrom, d.validTo)) return delegationProblem(ctx, d);
  if (!covers(d.documentTypes, ctx.document.type) || (ctx.document.field !== null && !covers(d.fields, ctx.document.field))) {
    return refuse('AUTHORISATION_NOT_COVERING', `The authorisation does not cover documents of type ${ctx.document.type}${ctx.document.field ? ` in the field "${ctx.document.field}"` : ''}`);
  }
  if (!grantee) return refuse('NO_AUTHORITY', 'The authorisation names no position of the grantee');
  return { ok: true, kind: 'TUQ', authority: { kind: 'by-authorisation', grantorTitle: grantor.title, title: grantee.title }, positionId: grantee.id, delegationId: d.id };
}

function delegationProblem(ctx: AuthorityContext, d: DelegationInfo): AuthorityResult {
  if (d.revokedAt && d.revokedAt <= ctx.at) return refuse('AUTHORISATION_REVOKED', 'The authorisation was revoked');
  return refuse(
    'AUTHORISATION_EXPIRED',
    `The authorisation is valid from ${d.validFrom.toISOString()} to ${d.validTo.toISOString()}, not on the signing date`,
  );
}
