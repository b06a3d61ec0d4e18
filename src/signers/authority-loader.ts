import type { EntityManager } from 'typeorm';
import type { AgencyInfo, AuthorityContext, DelegationInfo, HoldingInfo, PositionInfo } from './resolve-authority.js';
import { prepared } from '../database/preparing-client.js';

/** What the authority rules need of the database for some people and one issuing agency. One query. */
export interface AuthorityData {
  /** The people's full names, by user id. */
  names: Map<string, string>;
  agency: AgencyInfo & { collectiveTypes: string[] };
  positions: Map<string, PositionInfo>;
  holdings: Map<string, HoldingInfo[]>;
  delegations: Map<string, DelegationInfo[]>;
}

export async function loadAuthorityData(m: EntityManager, agencyId: string, userIds: string[]): Promise<AuthorityData | null> {
  // One round trip: the agency, the people's holdings and written authorisations, the positions they reach
  // (the agency's, the people's, and those they print with or deputise for), and the people's names.
  const [row] = (await m.query(
    prepared(`WITH h AS (SELECT user_id, position_id, acting, valid_from, valid_to FROM position_holders WHERE user_id = ANY($2::uuid[])),
          dl AS (SELECT id, kind, grantor_position_id, grantee_user_id, grantee_position_id, document_types, fields, valid_from, valid_to, revoked_at
                   FROM delegations WHERE grantee_user_id = ANY($2::uuid[])),
          p AS (SELECT * FROM positions WHERE agency_id = $1
                   OR id IN (SELECT position_id FROM h UNION SELECT grantor_position_id FROM dl UNION SELECT grantee_position_id FROM dl)),
          pp AS (SELECT * FROM p UNION SELECT x.* FROM positions x JOIN p ON x.id IN (p.print_with_id, p.deputy_of_id))
     SELECT (SELECT row_to_json(a) FROM (SELECT id, regime, collective_name, collective_types, by_order_types, kind FROM agencies WHERE id = $1) a) AS agency,
            (SELECT coalesce(json_agg(h), '[]') FROM h) AS holdings,
            (SELECT coalesce(json_agg(dl), '[]') FROM dl) AS delegations,
            (SELECT coalesce(json_agg(pp), '[]') FROM pp) AS positions,
            (SELECT coalesce(json_object_agg(id, full_name), '{}') FROM users WHERE id = ANY($2::uuid[])) AS names`),
    [agencyId, userIds],
  )) as Array<{
    agency: { id: string; regime: 'collective' | 'head'; collective_name: string | null; collective_types: string[]; by_order_types: string[]; kind: 'agency' | 'advisory' } | null;
    holdings: Array<{ user_id: string; position_id: string; acting: boolean; valid_from: string | null; valid_to: string | null }>;
    delegations: Array<{
      id: string; kind: 'TUQ' | 'KT'; grantor_position_id: string; grantee_user_id: string; grantee_position_id: string;
      document_types: string[]; fields: string[]; valid_from: string; valid_to: string; revoked_at: string | null;
    }>;
    positions: Array<{ id: string; agency_id: string; title: string; role: PositionInfo['role']; deputy_of_id: string | null; fields: string[]; print_with_id: string | null }>;
    names: Record<string, string>;
  }>;
  const { agency, holdings, delegations, positions } = row;
  if (!agency) return null;
  const date = (s: string | null) => (s === null ? null : new Date(s));

  const group = <T, K>(rows: T[], key: (r: T) => string, map: (r: T) => K) => {
    const out = new Map<string, K[]>();
    for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), map(r)]);
    return out;
  };
  return {
    names: new Map(Object.entries(row.names)),
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
    holdings: group(holdings, (h) => h.user_id, (h) => ({ positionId: h.position_id, acting: h.acting, validFrom: date(h.valid_from), validTo: date(h.valid_to) })),
    delegations: group(delegations, (d) => d.grantee_user_id, (d) => ({
      id: d.id,
      kind: d.kind,
      grantorPositionId: d.grantor_position_id,
      granteePositionId: d.grantee_position_id,
      documentTypes: d.document_types,
      fields: d.fields,
      validFrom: new Date(d.valid_from),
      validTo: new Date(d.valid_to),
      revokedAt: date(d.revoked_at),
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
