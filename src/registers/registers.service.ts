import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { buildSymbol, formatNumberSymbol } from './build-symbol.js';
import { findDocumentType } from './document-types.js';
import { formatDateLine, vietnamDate } from './format-date-line.js';
import { seriesFor, type SeriesMode } from './series.js';
import { prepared } from '../database/preparing-client.js';

export interface IssueFacts {
  type: string;
  confidentiality: string;
  legalNormative: boolean;
  issuerAgencyId: string;
  issuerCode: string;
  issuerKind: 'agency' | 'advisory';
  seriesMode: SeriesMode;
  place: string;
  draftingUnitCode: string;
}

export interface IssuedNumber {
  registerId: string;
  year: number;
  number: number;
  symbol: string;
  numberSymbol: string;
  issuedAt: Date;
  dateLine: string;
}

/**
 * The issuing desk: gives a document the next number of its register, its symbol and its date.
 * Must run inside the issuing transaction: the register row stays locked until commit, and a failed issue rolls
 * its number back, so a series has no gaps and no duplicates under any concurrency. A new year (Vietnam time)
 * opens a new register by itself. A duplicate number + symbol in a register is refused by the unique index
 * UQ_documents_register_number.
 */
@Injectable()
export class RegistersService {
  constructor(private readonly clock: Clock) {}

  async issue(m: EntityManager, f: IssueFacts): Promise<IssuedNumber> {
    const type = findDocumentType(f.type);
    if (!type) throw new DomainError('UNKNOWN_TYPE', `unknown document type ${f.type}`);
    const issuedAt = this.clock.now();
    const date = vietnamDate(issuedAt);
    const series = seriesFor({ type, confidentiality: f.confidentiality, legalNormative: f.legalNormative }, f.seriesMode);
    const [row] = (await m.query(
      prepared(`INSERT INTO registers (issuer_agency_id, year, series_key, name, last_number) VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT (issuer_agency_id, year, series_key) DO UPDATE SET last_number = registers.last_number + 1
       RETURNING id, last_number`),
      [f.issuerAgencyId, date.year, series.key, `${series.name} năm ${date.year}`],
    )) as Array<{ id: string; last_number: number }>;
    const symbol = buildSymbol({
      type,
      issuerCode: f.issuerCode,
      unitCode: f.draftingUnitCode,
      advisory: f.issuerKind === 'advisory',
      legalNormative: f.legalNormative,
      year: date.year,
    });
    return {
      registerId: row.id,
      year: date.year,
      number: row.last_number,
      symbol,
      numberSymbol: formatNumberSymbol(row.last_number, symbol),
      issuedAt,
      dateLine: formatDateLine(f.place, date),
    };
  }
}
