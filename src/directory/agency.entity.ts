import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** An issuing agency that works in this system (UBND tỉnh, a Sở …). */
@Entity('agencies')
export class AgencyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Issuer code used in symbols, e.g. `UBND`. */
  @Index('UQ_agencies_code', { unique: true })
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** Where the agency sits: the place of the place-and-date line. */
  @Column({ type: 'text' })
  place: string;

  /** Superior body printed above the issuer name, if any. */
  @Column({ type: 'text', name: 'superior_name', nullable: true })
  superiorName: string | null;

  /** National identifier (mã định danh), 13 characters, e.g. `000.00.00.H56`. */
  @Column({ type: 'text', name: 'organ_id', nullable: true })
  organId: string | null;

  /** `collective`: a collective body (UBND), whose collective documents are signed TM.; `head`: a head regime. */
  @Column({ type: 'text', default: 'head' })
  regime: 'collective' | 'head';

  /** What follows `TM.` for a collective body, e.g. `ỦY BAN NHÂN DÂN`. */
  @Column({ type: 'text', name: 'collective_name', nullable: true })
  collectiveName: string | null;

  /** Document types that are collective documents by default (signed TM.); a drafter may set the flag too. */
  @Column({ type: 'text', array: true, name: 'collective_types', default: () => "'{}'" })
  collectiveTypes: string[];

  /** Working rules: document types the head lets the head of an internal unit sign by order (TL.). */
  @Column({ type: 'text', array: true, name: 'by_order_types', default: () => "'{}'" })
  byOrderTypes: string[];

  /** Administrative documents: one number series per type (`per-type`) or one for all types (`shared`). */
  @Column({ type: 'text', name: 'series_mode', default: 'per-type' })
  seriesMode: 'per-type' | 'shared';

  /** `advisory`: a Hội đồng, Ban or Tổ issuing under the seal of `hostAgencyId`. */
  @Column({ type: 'text', default: 'agency' })
  kind: 'agency' | 'advisory';

  @Column({ type: 'uuid', name: 'host_agency_id', nullable: true })
  hostAgencyId: string | null;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'host_agency_id', foreignKeyConstraintName: 'FK_agencies_host' })
  hostAgency?: AgencyEntity | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  /** The agency's seal (PNG, red), printed over the signer's signature on what it issues; not loaded unless asked for. */
  @Column({ type: 'bytea', name: 'seal_image', nullable: true, select: false })
  sealImage?: Buffer | null;
}
