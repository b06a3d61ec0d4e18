import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgencyEntity } from '../directory/agency.entity.js';
import { UnitEntity } from '../directory/unit.entity.js';
import { UserEntity } from '../auth/user.entity.js';

/**
 * What a position is in the line of signing authority:
 * - head: head of the agency (CHỦ TỊCH, GIÁM ĐỐC, TỔ TRƯỞNG of an advisory body);
 * - deputy: deputy of the head (`deputyOfId`), signs KT. within `fields`;
 * - unit-head: head of an internal unit (CHÁNH VĂN PHÒNG), signs TL. for the types the agency allows;
 * - unit-deputy: deputy of a unit head (`deputyOfId`), signs TL. + KT.
 */
export type PositionRole = 'head' | 'deputy' | 'unit-head' | 'unit-deputy';

@Entity('positions')
@Index('IDX_positions_agency', ['agencyId'])
export class PositionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'agency_id' })
  agencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_positions_agency' })
  agency?: AgencyEntity;

  @Column({ type: 'uuid', name: 'unit_id', nullable: true })
  unitId: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_positions_unit' })
  unit?: UnitEntity | null;

  /** The title as printed, upper-case: `PHÓ CHỦ TỊCH`, `CHÁNH VĂN PHÒNG`. */
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  role: PositionRole;

  /** For a deputy: the head (or unit head) position he deputises for. */
  @Column({ type: 'uuid', name: 'deputy_of_id', nullable: true })
  deputyOfId: string | null;

  @ManyToOne(() => PositionEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'deputy_of_id', foreignKeyConstraintName: 'FK_positions_deputy_of' })
  deputyOf?: PositionEntity | null;

  /** Fields (lĩnh vực) assigned to a deputy; he signs KT. only in these, unless the head authorised more. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fields: string[];

  /** The head of an advisory body prints, under his title, the title of this position he also holds. */
  @Column({ type: 'uuid', name: 'print_with_id', nullable: true })
  printWithId: string | null;

  @ManyToOne(() => PositionEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'print_with_id', foreignKeyConstraintName: 'FK_positions_print_with' })
  printWith?: PositionEntity | null;
}

/** A person holding a position, possibly as acting (Q.) and for a period. One person may hold several. */
@Entity('position_holders')
@Index('IDX_position_holders_user', ['userId'])
@Index('IDX_position_holders_position', ['positionId'])
export class PositionHolderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'position_id' })
  positionId: string;

  @ManyToOne(() => PositionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'position_id', foreignKeyConstraintName: 'FK_position_holders_position' })
  position?: PositionEntity;

  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_position_holders_user' })
  user?: UserEntity;

  /** Acting head (quyền): signs Q., only within the period of the appointment. */
  @Column({ type: 'boolean', default: false })
  acting: boolean;

  @Column({ type: 'timestamptz', name: 'valid_from', nullable: true })
  validFrom: Date | null;

  @Column({ type: 'timestamptz', name: 'valid_to', nullable: true })
  validTo: Date | null;
}
