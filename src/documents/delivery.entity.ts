import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DocumentEntity } from './document.entity.js';
import { RecipientEntity } from '../directory/recipient.entity.js';
import type { RecipientRole } from './document-recipient.entity.js';

/** One delivery of an issued document to one recipient; receipt tracking comes with the distribution issue. */
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

  /** `pending` until sent; national status codes (01 … 06) come with receipt tracking. */
  @Column({ type: 'text', default: 'pending' })
  status: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
