import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgencyEntity } from '../directory/agency.entity.js';

/**
 * An outgoing register (sổ đăng ký văn bản đi): one per issuer, year and number series. Its counter is incremented
 * inside the issuing transaction (`UPDATE … RETURNING`), so a failed issue gives its number back: no gaps, no
 * duplicates. A new year starts a new register by itself.
 */
@Entity('registers')
@Index('UQ_registers_series', ['issuerAgencyId', 'year', 'seriesKey'], { unique: true })
export class RegisterEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'issuer_agency_id' })
  issuerAgencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_agency_id', foreignKeyConstraintName: 'FK_registers_issuer' })
  issuer?: AgencyEntity;

  @Column({ type: 'integer' })
  year: number;

  /** Which series (series.ts): `type:CV`, `administrative`, `legal:QĐ`, `confidential`. */
  @Column({ type: 'text', name: 'series_key' })
  seriesKey: string;

  /** As printed on the cover, e.g. `Sổ đăng ký Công văn đi`. */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'integer', name: 'last_number', default: 0 })
  lastNumber: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
