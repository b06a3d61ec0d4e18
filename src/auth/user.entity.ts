import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgencyEntity } from '../directory/agency.entity.js';
import { UnitEntity } from '../directory/unit.entity.js';
import type { Role } from './roles.js';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_users_username', { unique: true })
  @Column({ type: 'text' })
  username: string;

  @Column({ type: 'text', name: 'password_hash' })
  passwordHash: string;

  @Column({ type: 'text', name: 'full_name' })
  fullName: string;

  /** Position as a person reads it, e.g. `Phó Chánh Văn phòng`. */
  @Column({ type: 'text', name: 'position_title' })
  positionTitle: string;

  @Column({ type: 'uuid', name: 'agency_id' })
  agencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_users_agency' })
  agency?: AgencyEntity;

  @Column({ type: 'uuid', name: 'unit_id', nullable: true })
  unitId: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_users_unit' })
  unit?: UnitEntity | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: Role[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** The person's handwritten signature (PNG), drawn in the block of what they sign; not loaded unless asked for. */
  @Column({ type: 'bytea', name: 'signature_image', nullable: true, select: false })
  signatureImage?: Buffer | null;
}
