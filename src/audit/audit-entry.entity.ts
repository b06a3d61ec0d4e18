import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the audit trail. Append-only (trigger and privileges), hash-chained per chain (`chain_id`: the
 * document, or the user for entries without a document), partitioned by year of `at`.
 */
@Entity('audit_entries')
@Index('IDX_audit_entries_document', ['documentId', 'id'])
@Index('IDX_audit_entries_actor', ['actorId', 'id'])
@Index('IDX_audit_entries_action', ['action', 'id'])
@Index('IDX_audit_entries_number_symbol', ['numberSymbol'], { where: 'number_symbol IS NOT NULL' })
@Index('IDX_audit_entries_at', ['at'])
@Index('IDX_audit_entries_chain', ['chainId', 'chainSeq'])
@Index('IDX_audit_entries_search', { synchronize: false }) // GIN trigram on search_text, in the migration
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** Transaction time of the action, to the millisecond (what the hash covers). */
  @PrimaryColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text', name: 'chain_id' })
  chainId: string;

  @Column({ type: 'integer', name: 'chain_seq' })
  chainSeq: number;

  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', name: 'actor_name' })
  actorName: string;

  /** The actor's position at the time of the action. */
  @Column({ type: 'text', name: 'actor_position', nullable: true })
  actorPosition: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'uuid', name: 'document_id', nullable: true })
  documentId: string | null;

  /** `05/UBND-CNTT` once the document has a number. */
  @Column({ type: 'text', name: 'number_symbol', nullable: true })
  numberSymbol: string | null;

  /** The document's subject (trích yếu) at the time of the action. */
  @Column({ type: 'text', nullable: true })
  subject: string | null;

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

  /** Subject and comment folded for accent-insensitive search (common/fold-text.ts). */
  /** The person a delegate acted for (a handed-over task, an absence). */
  @Column({ type: 'uuid', name: 'on_behalf_of_id', nullable: true })
  onBehalfOfId: string | null;

  @Column({ type: 'text', name: 'on_behalf_of_name', nullable: true })
  onBehalfOfName: string | null;

  @Column({ type: 'text', name: 'search_text', default: '' })
  searchText: string;

  @Column({ type: 'text', name: 'prev_hash' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}
