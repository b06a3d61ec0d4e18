import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

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

  @Column({ type: 'integer', name: 'sort_order', default: 0 })
  sortOrder: number;
}
