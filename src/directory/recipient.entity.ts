import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgencyEntity } from './agency.entity.js';

export type RecipientKind = 'agency' | 'group';

/** An entry of the directory of recipients: an agency, or a group such as "UBND các xã, phường". */
@Entity('recipients')
export class RecipientEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_recipients_code', { unique: true })
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: 'agency' })
  kind: RecipientKind;

  /** National identifier (mã định danh) when known. */
  @Column({ type: 'text', name: 'organ_id', nullable: true })
  organId: string | null;

  /** The agency, when it works in this system: its deliveries land in its incoming desk instead of going out as edXML. */
  @Column({ type: 'uuid', name: 'agency_id', nullable: true })
  agencyId: string | null;

  @ManyToOne(() => AgencyEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_recipients_agency' })
  agency?: AgencyEntity | null;

  /** Several addressees of one category in a row print on one line: `- Các sở: Tư pháp, Y tế;` (seed 002). */
  @Column({ type: 'text', nullable: true })
  category: string | null;

  /** The name within its category's line, e.g. `Tư pháp`. */
  @Column({ type: 'text', name: 'short_name', nullable: true })
  shortName: string | null;

  @Column({ type: 'integer', name: 'sort_order', default: 0 })
  sortOrder: number;
}
