import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CurrentUser, RequestMeta } from '../common/current-user.js';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { canSeeDocument, seesEverything, type VisibilityFacts } from '../documents/visibility.js';
import { buildSignatureBlock } from './build-signature-block.js';
import { authorityContext, loadAuthorityData } from './authority-loader.js';
import { resolveAuthority, type AuthorityKind } from './resolve-authority.js';
import type { CreateDelegationDto } from './dto/create-delegation.dto.js';

export interface SigningQuestion {
  agencyId: string;
  signerId: string;
  positionId?: string | null;
  type: string;
  field: string | null;
  /** Unset: the agency's default for the type. */
  collective?: boolean;
}

export interface SigningAnswer {
  kind: AuthorityKind;
  positionId: string;
  delegationId: string | null;
  collective: boolean;
  block: string[];
}

/** Signing authority as the documents see it: checked at drafting (a 400) and at signing (a 403). */
@Injectable()
export class SignersService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The authority of the signer for the document at `at`; a ForbiddenError with the rule's code when none. */
  async authorise(m: EntityManager, q: SigningQuestion, at = new Date()): Promise<SigningAnswer> {
    const data = await loadAuthorityData(m, q.agencyId, [q.signerId]);
    if (!data) throw new NotFoundError('agency', q.agencyId);
    const collective = q.collective ?? data.agency.collectiveTypes.includes(q.type);
    const r = resolveAuthority(authorityContext(data, q.signerId, { type: q.type, field: q.field, collective }, at, q.positionId));
    if (!r.ok) throw new ForbiddenError(r.code, r.message);
    const signerName = data.names.get(q.signerId);
    if (signerName === undefined) throw new NotFoundError('user', q.signerId);
    return { kind: r.kind, positionId: r.positionId, delegationId: r.delegationId, collective, block: buildSignatureBlock(r.authority, signerName) };
  }

  /** The same check for a draft: a signer without authority is a bad choice of the drafter, a 400 on signerId. */
  async checkDraftSigner(m: EntityManager, q: SigningQuestion): Promise<SigningAnswer> {
    try {
      return await this.authorise(m, q);
    } catch (err) {
      if (err instanceof ForbiddenError) {
        throw new InvalidInputError([{ field: q.positionId ? 'signerPositionId' : 'signerId', reason: `${err.code}: ${err.message}` }]);
      }
      throw err;
    }
  }

  /** Who may sign this document, in which position, with which block: the drafter's signer picker. */
  async signersFor(user: CurrentUser, documentId: string) {
    const [doc] = (await this.db.query(
      `SELECT issuer_agency_id, confidentiality, participant_ids, type, field, collective FROM documents WHERE id = $1`,
      [documentId],
    )) as Array<VisibilityFacts & { type: string; field: string | null; collective: boolean }>;
    if (!doc || !canSeeDocument(user, doc)) throw new NotFoundError('document', documentId);
    return this.signerOptions(doc.issuer_agency_id, { type: doc.type, field: doc.field, collective: doc.collective });
  }

  /**
   * Who may sign a document of these facts issued by the agency, in which position, with which block: the signer
   * picker of a draft not saved yet (GET /api/signers/options) and of a saved one.
   */
  async signerOptions(agencyId: string, facts: { type: string; field: string | null; collective?: boolean }) {
    const doc = { issuer_agency_id: agencyId, ...facts };
    const people = (await this.db.query(
      `SELECT u.id, u.full_name, u.username FROM users u
        WHERE u.active AND u.id IN (
          SELECT h.user_id FROM position_holders h JOIN positions p ON p.id = h.position_id WHERE p.agency_id = $1
          UNION
          SELECT d.grantee_user_id FROM delegations d JOIN positions p ON p.id = d.grantor_position_id
           WHERE p.agency_id = $1 AND d.kind = 'TUQ' AND d.revoked_at IS NULL AND d.valid_to > now())
        ORDER BY u.full_name`,
      [doc.issuer_agency_id],
    )) as Array<{ id: string; full_name: string; username: string }>;
    const data = await loadAuthorityData(this.db.manager, doc.issuer_agency_id, people.map((p) => p.id));
    if (!data) return [];
    const at = new Date();
    const options = [];
    for (const person of people) {
      const choices = new Set([
        ...(data.holdings.get(person.id) ?? []).map((h) => h.positionId).filter((id) => data.positions.get(id)?.agencyId === doc.issuer_agency_id),
        ...(data.delegations.get(person.id) ?? []).filter((d) => d.kind === 'TUQ').map((d) => d.granteePositionId),
      ]);
      for (const positionId of choices) {
        const r = resolveAuthority(authorityContext(data, person.id, { type: doc.type, field: doc.field, collective: doc.collective ?? data.agency.collectiveTypes.includes(doc.type) }, at, positionId));
        if (!r.ok) continue;
        options.push({
          signer: { id: person.id, username: person.username, fullName: person.full_name },
          positionId,
          positionTitle: data.positions.get(positionId)?.title ?? null,
          kind: r.kind,
          signatureBlock: buildSignatureBlock(r.authority, person.full_name),
        });
      }
    }
    return options;
  }

  async listDelegations(user: CurrentUser) {
    const rows = (await this.db.query(
      `SELECT d.*, gp.title AS grantor_title, ep.title AS grantee_title, u.full_name AS grantee_name,
              EXISTS (SELECT 1 FROM position_holders h WHERE h.position_id = d.grantor_position_id AND h.user_id = $1 AND NOT h.acting) AS mine
         FROM delegations d JOIN positions gp ON gp.id = d.grantor_position_id JOIN positions ep ON ep.id = d.grantee_position_id
         JOIN users u ON u.id = d.grantee_user_id
        ORDER BY d.created_at DESC`,
      [user.id],
    )) as Array<Record<string, unknown> & { mine: boolean; grantee_user_id: string }>;
    return rows
      .filter((r) => seesEverything(user) || r.mine || r.grantee_user_id === user.id)
      .map((r) => toDelegationResponse(r));
  }

  /** A written authorisation by the head. Only the head himself (or an admin) grants it; it cannot be passed on. */
  async createDelegation(user: CurrentUser, dto: CreateDelegationDto, meta: RequestMeta) {
    return this.db.transaction(async (m) => {
      const [grantor] = (await m.query(`SELECT id, agency_id, title, role FROM positions WHERE id = $1`, [dto.grantorPositionId])) as Array<{
        id: string; agency_id: string; title: string; role: string;
      }>;
      if (!grantor) throw new InvalidInputError([{ field: 'grantorPositionId', reason: 'is not a position' }]);
      const [holds] = (await m.query(
        `SELECT 1 FROM position_holders WHERE position_id = $1 AND user_id = $2 AND NOT acting
            AND (valid_from IS NULL OR valid_from <= now()) AND (valid_to IS NULL OR valid_to >= now())`,
        [grantor.id, user.id],
      )) as unknown[];
      if (!holds && !user.roles.includes('admin')) {
        const [delegated] = (await m.query(
          `SELECT 1 FROM delegations WHERE grantor_position_id = $1 AND grantee_user_id = $2`,
          [grantor.id, user.id],
        )) as unknown[];
        if (delegated) {
          throw new ForbiddenError('REDELEGATION_FORBIDDEN', 'An authorisation cannot be passed on: only the head himself grants it');
        }
        throw new ForbiddenError('NOT_GRANTOR', `Only the holder of ${grantor.title} (or an admin) grants authorisations in its name`);
      }
      if (grantor.role !== 'head') {
        throw new ForbiddenError('REDELEGATION_FORBIDDEN', `Only the head of an agency authorises; ${grantor.title} is not one`);
      }
      const validFrom = new Date(dto.validFrom);
      const validTo = new Date(dto.validTo);
      if (validTo <= validFrom) throw new InvalidInputError([{ field: 'validTo', reason: 'must be after validFrom' }]);
      const [grantee] = (await m.query(
        `SELECT u.full_name, p.title, p.role, p.deputy_of_id FROM users u
           JOIN position_holders h ON h.user_id = u.id JOIN positions p ON p.id = h.position_id
          WHERE u.id = $1 AND p.id = $2 AND u.active`,
        [dto.granteeUserId, dto.granteePositionId],
      )) as Array<{ full_name: string; title: string; role: string; deputy_of_id: string | null }>;
      if (!grantee) {
        throw new InvalidInputError([{ field: 'granteePositionId', reason: 'the grantee does not hold this position' }]);
      }
      if (dto.kind === 'KT' && grantee.deputy_of_id !== grantor.id) {
        throw new InvalidInputError([{ field: 'granteePositionId', reason: `a KT. authorisation goes to a deputy of ${grantor.title}` }]);
      }
      const [row] = (await m.query(
        `INSERT INTO delegations (kind, grantor_position_id, grantee_user_id, grantee_position_id, document_types, fields,
           valid_from, valid_to, reference, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [dto.kind, grantor.id, dto.granteeUserId, dto.granteePositionId, dto.documentTypes ?? [], dto.fields ?? [], validFrom, validTo, dto.reference ?? null, user.id],
      )) as Array<{ id: string }>;
      await this.audit.record(m, user, meta, {
        action: 'delegation-grant',
        documentId: null,
        comment: `${dto.kind}. ${grantor.title} → ${grantee.full_name} (${grantee.title}); types: ${(dto.documentTypes ?? []).join(', ') || 'all'}; fields: ${(dto.fields ?? []).join(', ') || 'all'}; ${validFrom.toISOString()} – ${validTo.toISOString()}; delegation ${row.id}`,
      });
      return row.id;
    });
  }

  async revokeDelegation(user: CurrentUser, id: string, meta: RequestMeta): Promise<void> {
    await this.db.transaction(async (m) => {
      const [d] = (await m.query(
        `SELECT d.id, d.revoked_at, d.kind, p.title AS grantor_title,
                EXISTS (SELECT 1 FROM position_holders h WHERE h.position_id = d.grantor_position_id AND h.user_id = $2 AND NOT h.acting) AS mine
           FROM delegations d JOIN positions p ON p.id = d.grantor_position_id WHERE d.id = $1 FOR UPDATE OF d`,
        [id, user.id],
      )) as Array<{ id: string; revoked_at: Date | null; kind: string; grantor_title: string; mine: boolean }>;
      if (!d) throw new NotFoundError('delegation', id);
      if (!d.mine && !user.roles.includes('admin')) {
        throw new ForbiddenError('NOT_GRANTOR', `Only the holder of ${d.grantor_title} (or an admin) revokes its authorisations`);
      }
      if (d.revoked_at) throw new ConflictError('ALREADY_REVOKED', `The authorisation was revoked on ${d.revoked_at.toISOString()}`, { revokedAt: d.revoked_at });
      await m.query(`UPDATE delegations SET revoked_at = now() WHERE id = $1`, [id]);
      await this.audit.record(m, user, meta, { action: 'delegation-revoke', documentId: null, comment: `${d.kind}. delegation ${id}` });
    });
  }

  async getDelegation(user: CurrentUser, id: string) {
    const found = (await this.listDelegations(user)).find((d) => d.id === id);
    if (!found) throw new NotFoundError('delegation', id);
    return found;
  }
}

function toDelegationResponse(r: Record<string, unknown>) {
  return {
    id: r.id as string,
    kind: r.kind as string,
    grantor: { positionId: r.grantor_position_id as string, title: r.grantor_title as string },
    grantee: { userId: r.grantee_user_id as string, fullName: r.grantee_name as string, positionId: r.grantee_position_id as string, title: r.grantee_title as string },
    documentTypes: r.document_types as string[],
    fields: r.fields as string[],
    validFrom: r.valid_from as Date,
    validTo: r.valid_to as Date,
    reference: r.reference as string | null,
    revokedAt: r.revoked_at as Date | null,
    createdAt: r.created_at as Date,
  };
}
