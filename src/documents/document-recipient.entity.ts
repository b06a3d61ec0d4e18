import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DocumentEntity } from './document.entity.js';
import { RecipientEntity } from '../directory/recipient.entity.js';

export type RecipientRole = 'addressee' | 'copy';

/** An addressee (Kính gửi) or copy recipient (Nơi nhận) of a document, in the drafter's order. */
@Entity('document_recipients')
@Index('UQ_document_recipients', ['documentId', 'recipientId'], { unique: true })
export class DocumentRecipientEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'document_id' })
  documentId: string;

  @ManyToOne(() => DocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'FK_document_recipients_document' })
  document?: DocumentEntity;

  @Column({ type: 'uuid', name: 'recipient_id' })
  recipientId: string;

  @ManyToOne(() => RecipientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'FK_document_recipients_recipient' })
  recipient?: RecipientEntity;

  @Column({ type: 'text' })
  role: RecipientRole;

  /** Printed after the name, e.g. `để b/c`. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'integer' })
  position: number;
}
