import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CurrentUser } from '../common/current-user.js';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../common/domain-error.js';
import { seesEverything } from '../documents/visibility.js';
import { formatNumber } from './build-symbol.js';
import { numberSymbolSql } from './number-symbol-sql.js';
import { toRegisterEntry, type BookCover, type RegisterEntry, type RegisterEntryRow } from './register-book.js';

export interface RegisterRange {
  from?: string;
  to?: string;
  /** Only the last N entries of the range. */
  latest?: number;
}

interface RegisterRow {
  id: string;
  issuer_agency_id: string;
  year: number;
  series_key: string;
  name: string;
  last_number: number;
  issuer_code: string;
  issuer_name: string;
  superior_name: string | null;
}

/** A day `YYYY-MM-DD` (Vietnam time) or an instant, as a bound. */
function bound(value: string | undefined, field: string, endOfDay: boolean): Date | null {
  if (!value) return null;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const at = new Date(day ? `${value}T00:00:00+07:00` : value);
  if (Number.isNaN(at.getTime())) throw new InvalidInputError([{ field, reason: 'must be a date (YYYY-MM-DD) or an ISO 8601 time' }]);
  return day && endOfDay ? new Date(at.getTime() + 86400_000) : at;
}

/** The outgoing register books: for the clerk, the archivists and admins. */
@Injectable()
export class RegisterBookService {
  constructor(private readonly db: DataSource) {}

  async list(user: CurrentUser) {
    this.mayRead(user);
    const rows = (await this.db.query(
      `SELECT r.id, r.issuer_agency_id, r.year, r.series_key, r.name, r.last_number, a.code AS issuer_code, a.name AS issuer_name,
              a.superior_name, (SELECT count(*)::int FROM documents d WHERE d.register_id = r.id) AS entries
         FROM registers r JOIN agencies a ON a.id = r.issuer_agency_id
        WHERE $1 OR r.issuer_agency_id = $2
        ORDER BY a.code, r.year DESC, r.series_key`,
      [seesEverything(user), user.agencyId],
    )) as Array<RegisterRow & { entries: number }>;
    return rows.map((r) => ({
      id: r.id,
      issuer: { id: r.issuer_agency_id, code: r.issuer_code, name: r.issuer_name },
      year: r.year,
      series: r.series_key,
      name: r.name,
      lastNumber: r.last_number,
      entries: r.entries,
    }));
  }

  async entries(user: CurrentUser, id: string, range: RegisterRange): Promise<{ register: RegisterRow; entries: RegisterEntry[]; total: number }> {
    this.mayRead(user);
    const [register] = (await this.db.query(
      `SELECT r.*, a.code AS issuer_code, a.name AS issuer_name, a.superior_name
         FROM registers r JOIN agencies a ON a.id = r.issuer_agency_id WHERE r.id = $1`,
      [id],
    )) as RegisterRow[];
    if (!register || (!seesEverything(user) && register.issuer_agency_id !== user.agencyId)) throw new NotFoundError('register', id);
    const from = bound(range.from, 'from', false);
    const to = bound(range.to, 'to', true);
    const rows = (await this.db.query(
      `SELECT d.id, d.number, d.symbol, d.issued_at, d.type, d.subject, d.urgency, d.confidentiality,
              s.full_name AS signer_name, un.code AS unit_code, dr.full_name AS drafter_name,
              coalesce((SELECT array_agg(r.name || coalesce(' (' || x.note || ')', '') ORDER BY x.role, x.position)
                          FROM document_recipients x JOIN recipients r ON r.id = x.recipient_id WHERE x.document_id = d.id), '{}') AS recipients,
              (SELECT ${numberSymbolSql('c')} FROM documents c WHERE c.id = d.corrects_id) AS corrects,
              (SELECT ${numberSymbolSql('c')} FROM documents c WHERE c.id = d.replaces_id) AS replaces,
              (SELECT coalesce(json_agg(json_build_object('name', rc.name, 'at', dl.status_at) ORDER BY dl.status_at, rc.name), '[]')
                 FROM deliveries dl JOIN recipients rc ON rc.id = dl.recipient_id
                WHERE dl.document_id = d.id AND dl.status IN ('03', '04', '05', '06')) AS received
         FROM documents d JOIN users s ON s.id = d.signer_id JOIN users dr ON dr.id = d.drafter_id JOIN units un ON un.id = d.drafting_unit_id
        WHERE d.register_id = $1 AND ($2::timestamptz IS NULL OR d.issued_at >= $2) AND ($3::timestamptz IS NULL OR d.issued_at < $3)
        ORDER BY d.number DESC
        LIMIT $4`,
      [id, from, to, range.latest ?? null],
    )) as RegisterEntryRow[];
    const [{ total }] = range.latest
      ? ((await this.db.query(
          `SELECT count(*)::int AS total FROM documents d
            WHERE d.register_id = $1 AND ($2::timestamptz IS NULL OR d.issued_at >= $2) AND ($3::timestamptz IS NULL OR d.issued_at < $3)`,
          [id, from, to],
        )) as Array<{ total: number }>)
      : [{ total: rows.length }];
    return { register, entries: rows.reverse().map(toRegisterEntry), total };
  }

  cover(register: RegisterRow, entries: RegisterEntry[]): BookCover {
    return {
      superiorName: register.superior_name,
      agencyName: register.issuer_name,
      registerName: register.name,
      year: register.year,
      fromNumber: entries[0]?.numberSymbol.split('/')[0] ?? null,
      toNumber: entries.length ? entries[entries.length - 1].numberSymbol.split('/')[0] : register.last_number ? formatNumber(register.last_number) : null,
    };
  }

  private mayRead(user: CurrentUser): void {
    if (!['clerk', 'archivist', 'admin'].some((r) => user.roles.includes(r as never))) {
      throw new ForbiddenError('REGISTERS_CLERKS_ONLY', 'The registers are kept by the clerk (Văn thư); archivists and admins read them too');
    }
  }
}
