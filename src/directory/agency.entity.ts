import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

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

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
