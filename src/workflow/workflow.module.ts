import { DynamicModule, Global, Module } from '@nestjs/common';
import { RouteRegistry } from './route-registry.js';
import type { RouteVersion } from './route-versions.js';
import { WorkflowsController } from './workflows.controller.js';
import { RouteAssignmentsService } from './route-assignments.service.js';

@Global()
@Module({})
export class WorkflowModule {
  static forRoot(versions: RouteVersion[]): DynamicModule {
    return {
      module: WorkflowModule,
      controllers: [WorkflowsController],
      providers: [{ provide: RouteRegistry, useFactory: () => new RouteRegistry(versions) }, RouteAssignmentsService],
      exports: [RouteRegistry, RouteAssignmentsService],
    };
  }
}
