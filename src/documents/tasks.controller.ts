import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { User, type CurrentUser } from '../common/current-user.js';
import { InvalidInputError } from '../common/domain-error.js';
import { TimersService } from './timers.service.js';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly timers: TimersService) {}

  /** Tasks past their deadline: of documents the caller may see, or (mine=true) waiting for the caller. */
  @Get('overdue')
  @ApiQuery({ name: 'mine', required: false, type: Boolean })
  overdue(@User() user: CurrentUser, @Query('mine') mine?: string) {
    if (mine !== undefined && mine !== 'true' && mine !== 'false') {
      throw new InvalidInputError([{ field: 'mine', reason: 'must be true or false' }]);
    }
    return this.timers.overdue(user, mine === 'true');
  }
}
