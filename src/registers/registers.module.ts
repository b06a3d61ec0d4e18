import { Module } from '@nestjs/common';
import { RegistersService } from './registers.service.js';
import { RegisterBookService } from './register-book.service.js';
import { RegistersController } from './registers.controller.js';

@Module({
  controllers: [RegistersController],
  providers: [RegistersService, RegisterBookService],
  exports: [RegistersService],
})
export class RegistersModule {}
