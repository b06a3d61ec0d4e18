import { Module } from '@nestjs/common';
import { LocalCaProvider } from './local-ca.provider.js';
import { SIGNING_PROVIDER } from './signing-provider.js';
import { IssuedRevisionService } from './issued-revision.service.js';
import { SignedRevisionService } from './signed-revision.service.js';
import { SignatureImagesController } from './signature-images.controller.js';
import { PdfWorkService } from './pdf-work.service.js';

/** Digital signatures: the provider the workflow signs through (the built-in demo CA unless another is bound). */
@Module({
  controllers: [SignatureImagesController],
  providers: [LocalCaProvider, { provide: SIGNING_PROVIDER, useExisting: LocalCaProvider }, SignedRevisionService, IssuedRevisionService, PdfWorkService],
  exports: [SIGNING_PROVIDER, SignedRevisionService, IssuedRevisionService, PdfWorkService],
})
export class SigningModule {}
