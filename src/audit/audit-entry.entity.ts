import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One line of the audit trail. Append-only. */
@Entity('audit_entries')
@Index('IDX_audit_entries_document', ['documentId', 'id'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', name: 'actor_name' })
  actorName: string;

  @Column({ type: 'text', name: 'actor_position', nullable: true })
  actorPosition: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'uuid', name: 'document_id', nullable: true })
  documentId: string | null;

  /** `05/UBND-CNTT` once the document has a number. */
  @Column({ type: 'text', name: 'number_symbol', nullable: true })
  numberSymbol: string | null;

  @Column({ type: 'text', name: 'from_state', nullable: true })
  fromState: string | null;

  @Column({ type: 'text', name: 'to_state', nullable: true })
  toState: string | null;

  @Column({ type: 'text', name: 'from_step', nullable: true })
  fromStep: string | null;

  @Column({ type: 'text', name: 'to_step', nullable: true })
  toStep: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'text', name: 'request_id', nullable: true })
  requestId: string | null;

  @Column({ type: 'text', name: 'client_ip', nullable: true })
  clientIp: string | null;

  @Column({ type: 'text', name: 'user_agent', nullable: true })
  userAgent: string | null;
}
