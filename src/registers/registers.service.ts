import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { buildSymbol, formatNumberSymbol } from './build-symbol.js';
import { findDocumentType } from './document-types.js';
import { formatDateLine, VIETNAM_TIME_ZONE, vietnamDate } from './format-date-line.js';
import { seriesKey } from './series-key.js';

export interface IssueFacts {
  documentId: string;
  type: string;
  issuerAgencyId: string;
  issuerCode: string;
  place: string;
  draftingUnitCode: string;
}

export interface IssuedNumber {
  year: number;
  number: number;
  symbol: string;
  numberSymbol: string;
  issuedAt: Date;
  dateLine: string;
}

/**
 * The issuing desk: gives a document the next number of its series, its symbol and date.
 * Must run inside the issuing transaction: the counter row stays locked until commit, and a failed
 * issue rolls its number back, so the series has no gaps and no duplicates under any concurrency.
 * A duplicate number + symbol + issuer + year is refused by the unique index UQ_documents_number_symbol.
 */
@Injectable()
export class RegistersService {
  async issue(m: EntityManager, f: IssueFacts): Promise<IssuedNumber> {
    const type = findDocumentType(f.type);
    if (!type) throw new DomainError('UNKNOWN_TYPE', `unknown document type ${f.type}`);
    const symbol = buildSymbol(type, f.issuerCode, f.draftingUnitCode);
    // The database clock decides the issue time, so that every app instance agrees.
    const [row] = (await m.query(
      `WITH t AS (SELECT now() AS at, extract(year FROM now() AT TIME ZONE '${VIETNAM_TIME_ZONE}')::int AS year)
       INSERT INTO number_series (issuer_agency_id, year, series_key, last_number)
       SELECT $1, t.year, $2, 1 FROM t
       ON CONFLICT (issuer_agency_id, year, series_key) DO UPDATE SET last_number = number_series.last_number + 1
       RETURNING last_number AS number, year, (SELECT at FROM t) AS at`,
      [f.issuerAgencyId, seriesKey(type)],
    )) as Array<{ number: number; year: number; at: Date }>;
    const issuedAt = new Date(row.at);
    return {
      year: row.year,
      number: row.number,
      symbol,
      numberSymbol: formatNumberSymbol(row.number, symbol),
      issuedAt,
      dateLine: formatDateLine(f.place, vietnamDate(issuedAt)),
    };
  }
}
