import { Module } from '@nestjs/common';
import { LocalCaProvider } from './local-ca.provider.js';
import { SIGNING_PROVIDER } from './signing-provider.js';
import { SignedRevisionService } from './signed-revision.service.js';

/** Digital signatures: the provider the workflow signs through (the built-in demo CA unless another is bound). */
@Module({
  providers: [LocalCaProvider, { provide: SIGNING_PROVIDER, useExisting: LocalCaProvider }, SignedRevisionService],
  exports: [SIGNING_PROVIDER, SignedRevisionService],
})
export class SigningModule {}
