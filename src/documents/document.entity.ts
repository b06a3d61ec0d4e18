import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AgencyEntity } from '../directory/agency.entity.js';
import { UnitEntity } from '../directory/unit.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { PositionEntity } from '../signers/position.entity.js';
import { RegisterEntity } from '../registers/register.entity.js';
import type { Confidentiality, Urgency } from './document-marks.js';

export const PHASES = ['drafting', 'review', 'signing', 'issuing', 'distribution', 'completed', 'withdrawn'] as const;
export type Phase = (typeof PHASES)[number];

/**
 * A document and where it stands on its route. Queried columns are columns; the XState snapshot
 * (what is restored) is jsonb.
 */
@Entity('documents')
@Index('IDX_documents_drafter', ['drafterId', 'createdAt'])
@Index('IDX_documents_register', ['registerId', 'number'])
@Index('IDX_documents_corrects', ['correctsId'], { where: 'corrects_id IS NOT NULL' })
@Index('IDX_documents_replaces', ['replacesId'], { where: 'replaces_id IS NOT NULL' })
@Index('IDX_documents_assignees', { synchronize: false }) // GIN (assignee_ids), created in the migration
@Index('IDX_documents_participants', { synchronize: false }) // GIN (participant_ids), created in the migration
// A number + symbol is issued once in a register (issuer, year, series); separate series, such as the
// confidential one, number on their own.
@Index('UQ_documents_register_number', ['registerId', 'number', 'symbol'], { unique: true, where: 'number IS NOT NULL' })
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Type code: the decree's abbreviation (`QĐ`, `TTr` …), `CV` for a công văn. */
  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text', default: '' })
  body: string;

  @Column({ type: 'text', default: 'normal' })
  urgency: Urgency;

  @Column({ type: 'text', default: 'normal' })
  confidentiality: Confidentiality;

  @Column({ type: 'uuid', name: 'issuer_agency_id' })
  issuerAgencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_agency_id', foreignKeyConstraintName: 'FK_documents_issuer' })
  issuerAgency?: AgencyEntity;

  @Column({ type: 'uuid', name: 'drafting_unit_id' })
  draftingUnitId: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'drafting_unit_id', foreignKeyConstraintName: 'FK_documents_drafting_unit' })
  draftingUnit?: UnitEntity;

  @Column({ type: 'uuid', name: 'drafter_id' })
  drafterId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'drafter_id', foreignKeyConstraintName: 'FK_documents_drafter' })
  drafter?: UserEntity;

  @Column({ type: 'uuid', name: 'signer_id' })
  signerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signer_id', foreignKeyConstraintName: 'FK_documents_signer' })
  signer?: UserEntity;

  /** The position the signer signs in, when he holds several. */
  @Column({ type: 'uuid', name: 'signer_position_id', nullable: true })
  signerPositionId: string | null;

  @ManyToOne(() => PositionEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'signer_position_id', foreignKeyConstraintName: 'FK_documents_signer_position' })
  signerPosition?: PositionEntity | null;

  /** A collective document (signed TM. under a collective regime): set by its type or the drafter. */
  @Column({ type: 'boolean', default: false })
  collective: boolean;

  /** The field (lĩnh vực) of the document, against a deputy's assigned fields. */
  @Column({ type: 'text', nullable: true })
  field: string | null;

  /** The signature block as signed: frozen at signing. */
  @Column({ type: 'jsonb', name: 'signature_block', nullable: true })
  signatureBlock: string[] | null;

  /** The authority it was signed with (kind, position, delegation): frozen at signing. */
  @Column({ type: 'jsonb', name: 'signing_authority', nullable: true })
  signingAuthority: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', name: 'signed_at', nullable: true })
  signedAt: Date | null;

  /** The route's key (its BPMN process id) … */
  @Column({ type: 'text', name: 'route_id' })
  routeId: string;

  /** … and the version the document started on, which it follows to its end. */
  @Column({ type: 'integer', name: 'route_version' })
  routeVersion: number;

  /** Needs legal review (thẩm định) by Sở Tư pháp before signing: routes read it as doc.flags.needsLegalReview. */
  @Column({ type: 'boolean', name: 'needs_legal_review', default: false })
  needsLegalReview: boolean;

  /** The units consulted (xin ý kiến) at the route's consultation step. */
  @Column({ type: 'uuid', array: true, name: 'consulted_unit_ids', default: () => "'{}'" })
  consultedUnitIds: string[];

  /** The deadline given to the consulted units: they are reminded when it passes. */
  @Column({ type: 'timestamptz', name: 'consultation_deadline', nullable: true })
  consultationDeadline: Date | null;

  /** Lifecycle phase: drafting, review, signing, issuing, distribution, completed, withdrawn. */
  @Column({ type: 'text' })
  state: Phase;

  /** Id of the current BPMN element (user task or end event). */
  @Column({ type: 'text', name: 'step_id' })
  stepId: string;

  /** Users who may act on the current step: what the inbox queries. */
  @Column({ type: 'uuid', name: 'assignee_ids', array: true, default: () => "'{}'" })
  assigneeIds: string[];

  /** Everyone who was ever assigned to or acted on this document: who may read a confidential one. */
  @Column({ type: 'uuid', name: 'participant_ids', array: true, default: () => "'{}'" })
  participantIds: string[];

  /** When the current step began (inbox: "waiting since"). */
  @Column({ type: 'timestamptz', name: 'step_since', default: () => 'now()' })
  stepSince: Date;

  @Column({ type: 'jsonb' })
  snapshot: Record<string, unknown>;

  @Column({ type: 'integer', default: 1 })
  version: number;

  /** A legal normative document (văn bản quy phạm pháp luật): its own series per type, the year in its symbol. */
  @Column({ type: 'boolean', name: 'legal_normative', default: false })
  legalNormative: boolean;

  /** The register it was issued in. */
  @Column({ type: 'uuid', name: 'register_id', nullable: true })
  registerId: string | null;

  @ManyToOne(() => RegisterEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'register_id', foreignKeyConstraintName: 'FK_documents_register' })
  register?: RegisterEntity | null;

  /** A correction (đính chính): the issued document this công văn corrects. */
  @Column({ type: 'uuid', name: 'corrects_id', nullable: true })
  correctsId: string | null;

  @ManyToOne(() => DocumentEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'corrects_id', foreignKeyConstraintName: 'FK_documents_corrects' })
  corrects?: DocumentEntity | null;

  /** A replacement: the issued document of the same type this one replaces. */
  @Column({ type: 'uuid', name: 'replaces_id', nullable: true })
  replacesId: string | null;

  @ManyToOne(() => DocumentEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'replaces_id', foreignKeyConstraintName: 'FK_documents_replaces' })
  replaces?: DocumentEntity | null;

  @Column({ type: 'integer', name: 'issued_year', nullable: true })
  issuedYear: number | null;

  @Column({ type: 'integer', nullable: true })
  number: number | null;

  @Column({ type: 'text', nullable: true })
  symbol: string | null;

  @Column({ type: 'timestamptz', name: 'issued_at', nullable: true })
  issuedAt: Date | null;

  @Column({ type: 'text', name: 'date_line', nullable: true })
  dateLine: string | null;

  /** Units keeping a copy besides the drafting unit, printed before it on the `- Lưu:` line (seed 000). */
  @Column({ type: 'text', array: true, name: 'filing_unit_codes', default: () => "'{}'" })
  filingUnitCodes: string[];

  /** The drafter's initials, appended to the `- Lưu:` line (seed 001: `CNTT&CĐSHantt`). */
  @Column({ type: 'text', name: 'drafter_initials', nullable: true })
  drafterInitials: string | null;

  /** Number of copies kept (số lượng bản lưu), printed on the `- Lưu:` line when set. */
  @Column({ type: 'integer', name: 'archive_copies', nullable: true })
  archiveCopies: number | null;

  /** When every delivery reached status 03 (received and registered) or later. */
  @Column({ type: 'timestamptz', name: 'distributed_at', nullable: true })
  distributedAt: Date | null;

  /** Recall (thu hồi): the record is frozen from then on. */
  @Column({ type: 'timestamptz', name: 'recalled_at', nullable: true })
  recalledAt: Date | null;

  @Column({ type: 'text', name: 'recall_reason', nullable: true })
  recallReason: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
