import { DynamicModule, Global, Module } from '@nestjs/common';
import type { CompiledRoute } from './bpmn/compile-route.js';
import { RouteRegistry } from './route-registry.js';

@Global()
@Module({})
export class WorkflowModule {
  static forRoot(routes: Map<string, CompiledRoute>): DynamicModule {
    return {
      module: WorkflowModule,
      providers: [{ provide: RouteRegistry, useFactory: () => new RouteRegistry(routes) }],
      exports: [RouteRegistry],
    };
  }
}
