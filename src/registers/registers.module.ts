import { Module } from '@nestjs/common';
import { RegistersService } from './registers.service.js';

@Module({ providers: [RegistersService], exports: [RegistersService] })
export class RegistersModule {}
