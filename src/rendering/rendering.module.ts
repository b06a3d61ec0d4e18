import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { RenderingController } from './rendering.controller.js';

/** The official page: the PDF (render-pdf.ts) of what compose-page.ts lays out. */
@Module({ imports: [DocumentsModule], controllers: [RenderingController] })
export class RenderingModule {}
