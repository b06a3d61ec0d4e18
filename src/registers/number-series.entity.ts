import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One counter per issuer, year and series. Incremented inside the issuing transaction
 * (`UPDATE … RETURNING`), so a failed issue rolls its number back: no gaps, no duplicates.
 */
@Entity('number_series')
export class NumberSeriesEntity {
  @PrimaryColumn({ type: 'uuid', name: 'issuer_agency_id' })
  issuerAgencyId: string;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  /** Series key, e.g. `type:CV` (one series per type, the demo agency's setting). */
  @PrimaryColumn({ type: 'text', name: 'series_key' })
  seriesKey: string;

  @Column({ type: 'integer', name: 'last_number', default: 0 })
  lastNumber: number;
}
