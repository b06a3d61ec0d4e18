import { PartialType } from '@nestjs/swagger';
import { CreateDocumentDto } from './create-document.dto.js';

/** Every field of a draft may be changed while it is being drafted (none takes null: documents.service.ts update). */
export class UpdateDocumentDto extends PartialType(CreateDocumentDto) {}
