import { AgencyEntity } from '../directory/agency.entity.js';
import { UnitEntity } from '../directory/unit.entity.js';
import { RecipientEntity } from '../directory/recipient.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { DocumentEntity } from '../documents/document.entity.js';
import { DocumentRecipientEntity } from '../documents/document-recipient.entity.js';
import { DeliveryEntity } from '../documents/delivery.entity.js';
import { RegisterEntity } from '../registers/register.entity.js';
import { AuditEntryEntity } from '../audit/audit-entry.entity.js';
import { PositionEntity, PositionHolderEntity } from '../signers/position.entity.js';
import { DelegationEntity } from '../signers/delegation.entity.js';
import { AuditAnchorEntity, AuditAnchorHeadEntity, AuditChainHeadEntity } from '../audit/audit-chain.entities.js';

export const ENTITIES = [
  AgencyEntity,
  UnitEntity,
  RecipientEntity,
  UserEntity,
  DocumentEntity,
  DocumentRecipientEntity,
  DeliveryEntity,
  RegisterEntity,
  AuditEntryEntity,
  AuditChainHeadEntity,
  AuditAnchorEntity,
  AuditAnchorHeadEntity,
  PositionEntity,
  PositionHolderEntity,
  DelegationEntity,
];
