import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PositionEntity } from './position.entity.js';
import { UserEntity } from '../auth/user.entity.js';

/**
 * A written authorisation by the head of an agency (the grantor position):
 * - `TUQ`: the grantee signs TUQ. in the head's name, with the authorising agency's header, series and seal;
 * - `KT`: the head lets one of his deputies sign KT. beyond the deputy's assigned fields.
 * Limited to document types and/or fields and to a period; never re-delegable.
 */
@Entity('delegations')
@Index('IDX_delegations_grantee', ['granteeUserId'])
export class DelegationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: 'TUQ' | 'KT';

  @Column({ type: 'uuid', name: 'grantor_position_id' })
  grantorPositionId: string;

  @ManyToOne(() => PositionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grantor_position_id', foreignKeyConstraintName: 'FK_delegations_grantor_position' })
  grantorPosition?: PositionEntity;

  @Column({ type: 'uuid', name: 'grantee_user_id' })
  granteeUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grantee_user_id', foreignKeyConstraintName: 'FK_delegations_grantee' })
  granteeUser?: UserEntity;

  /** The grantee's own position, whose title is printed under `TUQ. <head>`. */
  @Column({ type: 'uuid', name: 'grantee_position_id' })
  granteePositionId: string;

  @ManyToOne(() => PositionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grantee_position_id', foreignKeyConstraintName: 'FK_delegations_grantee_position' })
  granteePosition?: PositionEntity;

  /** Document types it covers (API codes); empty: every type. */
  @Column({ type: 'text', array: true, name: 'document_types', default: () => "'{}'" })
  documentTypes: string[];

  /** Fields it covers; empty: every field. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fields: string[];

  @Column({ type: 'timestamptz', name: 'valid_from' })
  validFrom: Date;

  @Column({ type: 'timestamptz', name: 'valid_to' })
  validTo: Date;

  /** The written decision it rests on, e.g. `Quyết định số 12/QĐ-UBND`. */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ type: 'uuid', name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
