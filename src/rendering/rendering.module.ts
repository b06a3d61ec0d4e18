import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { RenderingController } from './rendering.controller.js';
import { SigningModule } from '../signing/signing.module.js';

/** The official page: the PDF (render-pdf.ts) of what compose-page.ts lays out. */
@Module({ imports: [DocumentsModule, SigningModule], controllers: [RenderingController] })
export class RenderingModule {}
