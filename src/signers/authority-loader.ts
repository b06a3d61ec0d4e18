import type { EntityManager } from 'typeorm';
import type { AgencyInfo, AuthorityContext, DelegationInfo, HoldingInfo, PositionInfo } from './resolve-authority.js';

/** What the authority rules need of the database for some people and one issuing agency. Four queries. */
export interface AuthorityData {
  agency: AgencyInfo & { collectiveTypes: string[] };
  positions: Map<string, PositionInfo>;
  holdings: Map<string, HoldingInfo[]>;
  delegations: Map<string, DelegationInfo[]>;
}

export async function loadAuthorityData(m: EntityManager, agencyId: string, userIds: string[]): Promise<AuthorityData | null> {
  const [agency] = (await m.query(
    `SELECT id, regime, collective_name, collective_types, by_order_types, kind FROM agencies WHERE id = $1`,
    [agencyId],
  )) as Array<{ id: string; regime: 'collective' | 'head'; collective_name: string | null; collective_types: string[]; by_order_types: string[]; kind: 'agency' | 'advisory' }>;
  if (!agency) return null;
  const holdings = (await m.query(
    `SELECT user_id, position_id, acting, valid_from, valid_to FROM position_holders WHERE user_id = ANY($1::uuid[])`,
    [userIds],
  )) as Array<{ user_id: string; position_id: string; acting: boolean; valid_from: Date | null; valid_to: Date | null }>;
  const delegations = (await m.query(
    `SELECT id, kind, grantor_position_id, grantee_user_id, grantee_position_id, document_types, fields, valid_from, valid_to, revoked_at
       FROM delegations WHERE grantee_user_id = ANY($1::uuid[])`,
    [userIds],
  )) as Array<{
    id: string; kind: 'TUQ' | 'KT'; grantor_position_id: string; grantee_user_id: string; grantee_position_id: string;
    document_types: string[]; fields: string[]; valid_from: Date; valid_to: Date; revoked_at: Date | null;
  }>;
  const referenced = [
    ...holdings.map((h) => h.position_id),
    ...delegations.flatMap((d) => [d.grantor_position_id, d.grantee_position_id]),
  ];
  // The agency's positions, the people's, and those they print with or deputise for.
  const positions = (await m.query(
    `WITH p AS (SELECT * FROM positions WHERE agency_id = $1 OR id = ANY($2::uuid[]))
     SELECT * FROM p UNION SELECT x.* FROM positions x JOIN p ON x.id IN (p.print_with_id, p.deputy_of_id)`,
    [agencyId, referenced],
  )) as Array<{ id: string; agency_id: string; title: string; role: PositionInfo['role']; deputy_of_id: string | null; fields: string[]; print_with_id: string | null }>;

  const group = <T, K>(rows: T[], key: (r: T) => string, map: (r: T) => K) => {
    const out = new Map<string, K[]>();
    for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), map(r)]);
    return out;
  };
  return {
    agency: {
      id: agency.id,
      regime: agency.regime,
      collectiveName: agency.collective_name,
      collectiveTypes: agency.collective_types,
      byOrderTypes: agency.by_order_types,
      kind: agency.kind,
    },
    positions: new Map(
      positions.map((p) => [
        p.id,
        { id: p.id, agencyId: p.agency_id, title: p.title, role: p.role, deputyOfId: p.deputy_of_id, fields: p.fields, printWithId: p.print_with_id },
      ]),
    ),
    holdings: group(holdings, (h) => h.user_id, (h) => ({ positionId: h.position_id, acting: h.acting, validFrom: h.valid_from, validTo: h.valid_to })),
    delegations: group(delegations, (d) => d.grantee_user_id, (d) => ({
      id: d.id,
      kind: d.kind,
      grantorPositionId: d.grantor_position_id,
      granteePositionId: d.grantee_position_id,
      documentTypes: d.document_types,
      fields: d.fields,
      validFrom: d.valid_from,
      validTo: d.valid_to,
      revokedAt: d.revoked_at,
    })),
  };
}

/** The context of one signer for one document, from loaded data. */
export function authorityContext(
  data: AuthorityData,
  signerId: string,
  document: AuthorityContext['document'],
  at: Date,
  chosenPositionId?: string | null,
): AuthorityContext {
  return {
    at,
    document,
    agency: data.agency,
    positions: data.positions,
    holdings: data.holdings.get(signerId) ?? [],
    delegations: data.delegations.get(signerId) ?? [],
    chosenPositionId,
  };
}
