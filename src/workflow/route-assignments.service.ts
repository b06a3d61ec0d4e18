import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CurrentUser, RequestMeta } from '../common/current-user.js';
import { ForbiddenError, InvalidInputError } from '../common/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { prepared } from '../database/preparing-client.js';
import { DEFAULT_ROUTE, RouteRegistry } from './route-registry.js';
import type { AssignRouteDto } from './dto/assign-route.dto.js';

export interface RouteAssignment {
  documentType: string;
  issuerAgencyId: string | null;
  routeKey: string;
  updatedAt: Date;
}

/**
 * Which route a new document follows: (document type, issuing agency) → route key, set by an admin. An agency's own
 * assignment wins over the one for every agency; without either, the công văn route. Read from the database at each
 * creation, so every instance sees a change at once.
 */
@Injectable()
export class RouteAssignmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly routes: RouteRegistry,
    private readonly audit: AuditService,
  ) {}

  async routeKeyFor(m: EntityManager, documentType: string, issuerAgencyId: string): Promise<string> {
    const [row] = (await m.query(
      prepared(`SELECT route_key FROM route_assignments WHERE document_type = $1 AND (issuer_agency_id = $2 OR issuer_agency_id IS NULL)
        ORDER BY issuer_agency_id NULLS LAST LIMIT 1`),
      [documentType, issuerAgencyId],
    )) as Array<{ route_key: string }>;
    return row?.route_key ?? DEFAULT_ROUTE;
  }

  async list(): Promise<RouteAssignment[]> {
    const rows = (await this.db.query(
      `SELECT document_type, issuer_agency_id, route_key, updated_at FROM route_assignments ORDER BY document_type, issuer_agency_id NULLS FIRST`,
    )) as Array<{ document_type: string; issuer_agency_id: string | null; route_key: string; updated_at: Date }>;
    return rows.map((r) => ({ documentType: r.document_type, issuerAgencyId: r.issuer_agency_id, routeKey: r.route_key, updatedAt: r.updated_at }));
  }

  /** Sets (or replaces) an assignment; admins only; audited. */
  async assign(user: CurrentUser, dto: AssignRouteDto, meta: RequestMeta): Promise<RouteAssignment> {
    if (!user.roles.includes('admin')) throw new ForbiddenError('ADMIN_ONLY', 'Only an administrator assigns routes to document types');
    if (!this.routes.latest(dto.routeKey)) {
      const known = this.routes.routes().map((r) => r.key).join(', ');
      throw new InvalidInputError([{ field: 'routeKey', reason: `is not a deployed route (deployed: ${known})` }]);
    }
    return this.db.transaction(async (m) => {
      if (dto.issuerAgencyId) {
        const [agency] = (await m.query(`SELECT id FROM agencies WHERE id = $1`, [dto.issuerAgencyId])) as unknown[];
        if (!agency) throw new InvalidInputError([{ field: 'issuerAgencyId', reason: 'is not a known agency' }]);
      }
      const [row] = (await m.query(
        `INSERT INTO route_assignments (document_type, issuer_agency_id, route_key) VALUES ($1, $2, $3)
         ON CONFLICT (document_type, issuer_agency_id) DO UPDATE SET route_key = EXCLUDED.route_key, updated_at = now()
         RETURNING document_type, issuer_agency_id, route_key, updated_at`,
        [dto.documentType, dto.issuerAgencyId ?? null, dto.routeKey],
      )) as Array<{ document_type: string; issuer_agency_id: string | null; route_key: string; updated_at: Date }>;
      await this.audit.record(m, user, meta, {
        action: 'route-assign',
        documentId: null,
        comment: `${dto.documentType}${dto.issuerAgencyId ? ` (agency ${dto.issuerAgencyId})` : ''} → ${dto.routeKey}`,
      });
      return { documentType: row.document_type, issuerAgencyId: row.issuer_agency_id, routeKey: row.route_key, updatedAt: row.updated_at };
    });
  }
}
