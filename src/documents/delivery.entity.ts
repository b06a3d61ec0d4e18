import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DocumentEntity } from './document.entity.js';
import { RecipientEntity } from '../directory/recipient.entity.js';
import type { RecipientRole } from './document-recipient.entity.js';

/** One delivery of an issued document to one recipient agency (groups expanded), and its receipt. */
@Entity('deliveries')
@Index('UQ_deliveries_document_recipient', ['documentId', 'recipientId'], { unique: true })
export class DeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'document_id' })
  documentId: string;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'FK_deliveries_document' })
  document?: DocumentEntity;

  @Column({ type: 'uuid', name: 'recipient_id' })
  recipientId: string;

  @ManyToOne(() => RecipientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'FK_deliveries_recipient' })
  recipient?: RecipientEntity;

  @Column({ type: 'text' })
  role: RecipientRole;

  /**
   * Where the delivery stands: `pending` until handed over, `sent` once its edXML package left, then the national
   * status code the recipient sent back (status-codes.ts): 01 arrived, 02 refused, 03 registered … 06 completed.
   */
  @Index('IDX_deliveries_status')
  @Column({ type: 'text', default: 'pending' })
  status: string;

  /** `internal`: the recipient's incoming desk in this system; `edxml`: a package to the exchange; `manual`: by hand. */
  @Column({ type: 'text', default: 'manual' })
  channel: 'internal' | 'edxml' | 'manual';

  /** The group (e.g. UBND các xã, phường) the recipient was reached through. */
  @Column({ type: 'uuid', name: 'via_group_id', nullable: true })
  viaGroupId: string | null;

  @Column({ type: 'timestamptz', name: 'status_at', nullable: true })
  statusAt: Date | null;

  /** The reason of a refusal (02). */
  @Column({ type: 'text', name: 'status_reason', nullable: true })
  statusReason: string | null;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;

  /** The recall: 13 asked, 15 agreed, 16 refused. */
  @Column({ type: 'text', name: 'recall_status', nullable: true })
  recallStatus: string | null;

  @Column({ type: 'timestamptz', name: 'recall_at', nullable: true })
  recallAt: Date | null;

  /** The recipient's reason when it refused the recall. */
  @Column({ type: 'text', name: 'recall_reason', nullable: true })
  recallReason: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
