import { Global, Module } from '@nestjs/common';
import { SignersController } from './signers.controller.js';
import { SignersService } from './signers.service.js';

@Global()
@Module({ controllers: [SignersController], providers: [SignersService], exports: [SignersService] })
export class SignersModule {}
