import { DynamicModule, Global, Module } from '@nestjs/common';
import { RouteRegistry } from './route-registry.js';
import type { RouteVersion } from './route-versions.js';
import { WorkflowsController } from './workflows.controller.js';
import { RouteAssignmentsService } from './route-assignments.service.js';
import { Scheduler, SCHEDULER_DATABASE_URL } from './scheduler.service.js';

@Global()
@Module({})
export class WorkflowModule {
  static forRoot(versions: RouteVersion[], schedulerDatabaseUrl: string): DynamicModule {
    return {
      module: WorkflowModule,
      controllers: [WorkflowsController],
      providers: [
        { provide: RouteRegistry, useFactory: () => new RouteRegistry(versions) },
        { provide: SCHEDULER_DATABASE_URL, useValue: schedulerDatabaseUrl },
        RouteAssignmentsService,
        Scheduler,
      ],
      exports: [RouteRegistry, RouteAssignmentsService, Scheduler],
    };
  }
}
