import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CurrentUser } from '../common/current-user.js';
import { ForbiddenError, NotFoundError } from '../common/domain-error.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { canSeeDocument, seesEverything, type VisibilityFacts } from '../documents/visibility.js';
import { AUDIT_COLUMNS, auditWhere, toAuditEntryResponse, type AuditRow } from './audit-filter.js';
import { csvHeader, csvLine } from './audit-csv.js';
import { CSV_BOM } from '../common/csv.js';
import type { AuditFilterDto, AuditQueryDto } from './dto/audit-query.dto.js';

/**
 * The archivists' queries over the audit trail. Archivists and admins query everything; anyone else only the
 * history of one document they may see.
 */
@Injectable()
export class AuditQueryService {
  constructor(private readonly db: DataSource) {}

  /**
   * A page of entries, newest first (or oldest first with order=asc). Keyset pagination on the entry id, with the
   * highest id at the first page kept in the cursor: entries added while paging neither shift nor repeat a page.
   */
  async list(user: CurrentUser, dto: AuditQueryDto) {
    await this.authorize(user, dto);
    const desc = (dto.order ?? 'desc') === 'desc';
    const limit = dto.limit ?? 50;
    const { where, params } = auditWhere(dto);
    let [ceiling, after] = dto.cursor ? (decodeCursor(dto.cursor, 2) as [string, string | null]) : [null, null];
    if (ceiling === null) {
      const [{ max }] = (await this.db.query(`SELECT max(id)::text AS max FROM audit_entries`)) as Array<{ max: string | null }>;
      ceiling = max ?? '0';
    }
    params.push(ceiling);
    where.push(`a.id <= $${params.length}`);
    if (after !== null) {
      params.push(after);
      where.push(desc ? `a.id < $${params.length}` : `a.id > $${params.length}`);
    }
    params.push(limit + 1);
    const rows = (await this.db.query(
      `SELECT ${AUDIT_COLUMNS} FROM audit_entries a WHERE ${where.join(' AND ')}
        ORDER BY a.id ${desc ? 'DESC' : 'ASC'} LIMIT $${params.length}`,
      params,
    )) as AuditRow[];
    const page = rows.slice(0, limit);
    return {
      items: page.map(toAuditEntryResponse),
      nextCursor: rows.length > limit ? encodeCursor([ceiling, String(page[page.length - 1].id)]) : null,
    };
  }

  /** Streams every entry of a query as CSV (UTF-8 with BOM), in constant memory whatever the count. */
  async exportCsv(user: CurrentUser, dto: AuditFilterDto, out: Writable): Promise<void> {
    await this.authorize(user, dto);
    const { where, params } = auditWhere(dto);
    const sql = `SELECT ${AUDIT_COLUMNS} FROM audit_entries a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY a.id ${(dto.order ?? 'asc') === 'desc' ? 'DESC' : 'ASC'}`;
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      const rows = client.query(new QueryStream(sql, params, { batchSize: 1000 }));
      let first = true;
      const toCsv = new Transform({
        writableObjectMode: true,
        transform(row: AuditRow, _enc, done) {
          const head = first ? CSV_BOM + csvHeader() : '';
          first = false;
          done(null, head + csvLine(row));
        },
        flush(done) {
          done(null, first ? CSV_BOM + csvHeader() : '');
        },
      });
      await pipeline(rows, toCsv, out);
    } finally {
      await runner.release();
    }
  }

  private async authorize(user: CurrentUser, f: AuditFilterDto): Promise<void> {
    if (seesEverything(user)) return;
    if (!f.documentId) {
      throw new ForbiddenError(
        'AUDIT_ARCHIVISTS_ONLY',
        'Only archivists query the whole audit trail; give documentId to read the history of a document you may see',
      );
    }
    const [doc] = (await this.db.query(
      `SELECT issuer_agency_id, confidentiality, participant_ids FROM documents WHERE id = $1`,
      [f.documentId],
    )) as VisibilityFacts[];
    if (!doc || !canSeeDocument(user, doc)) throw new NotFoundError('document', f.documentId);
  }
}
