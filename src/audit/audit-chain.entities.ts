import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The head of one hash chain: its last sequence number and hash. Appends lock this row, so a chain never forks. */
@Entity('audit_chain_heads')
export class AuditChainHeadEntity {
  @PrimaryColumn({ type: 'text', name: 'chain_id' })
  chainId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'text', name: 'head_hash' })
  headHash: string;

  /** The seq sealed by the latest anchor. */
  @Column({ type: 'integer', name: 'anchored_seq', default: 0 })
  anchoredSeq: number;
}

/** A periodic seal over the chain heads that moved since the previous anchor; anchors form a chain too. */
@Entity('audit_anchors')
export class AuditAnchorEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'text', name: 'prev_hash' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}

/** The chain heads an anchor sealed. */
@Entity('audit_anchor_heads')
export class AuditAnchorHeadEntity {
  @PrimaryColumn({ type: 'bigint', name: 'anchor_id' })
  anchorId: string;

  @PrimaryColumn({ type: 'text', name: 'chain_id' })
  chainId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'text' })
  hash: string;
}
