import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgencyEntity } from './agency.entity.js';

/** An internal unit of an agency (Văn phòng, and its phòng CNTT, TH, KGVX …). */
@Entity('units')
@Index('UQ_units_agency_code', ['agencyId', 'code'], { unique: true })
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'agency_id' })
  agencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_units_agency' })
  agency?: AgencyEntity;

  @Column({ type: 'uuid', name: 'parent_id', nullable: true })
  parentId: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_units_parent' })
  parent?: UnitEntity | null;

  /** Code used in symbols and in `Lưu: VT, <code>.`; may contain `-` or `&`. */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;
}
