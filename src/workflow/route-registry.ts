import { Injectable } from '@nestjs/common';
import type { CompiledRoute } from './bpmn/compile-route.js';
import { isKnownCandidate } from './candidates.js';
import { DomainError } from '../common/domain-error.js';

export const COMPILED_ROUTES = Symbol('COMPILED_ROUTES');

/** Which route a document of a given type follows. Types without a route of their own use the công văn route. */
const DEFAULT_ROUTE = 'cong-van';

/** The routes compiled from workflows/*.bpmn at start; immutable while the process runs. */
@Injectable()
export class RouteRegistry {
  constructor(private readonly routes: Map<string, CompiledRoute>) {
    for (const route of routes.values()) {
      const all = [
        ...Object.values(route.tasks).flatMap((t) => t.candidates),
        ...route.boundaryActions.flatMap((b) => b.candidates),
      ];
      const unknown = all.find((c) => !isKnownCandidate(c));
      if (unknown) throw new Error(`${route.file}: unknown candidate expression "${unknown}"`);
    }
    if (!routes.has(DEFAULT_ROUTE)) throw new Error(`the route "${DEFAULT_ROUTE}" is missing from the workflows folder`);
  }

  routeFor(_type: string): CompiledRoute {
    return this.get(DEFAULT_ROUTE);
  }

  get(id: string): CompiledRoute {
    const route = this.routes.get(id);
    if (!route) throw new DomainError('ROUTE_MISSING', `the route "${id}" of this document is not loaded`);
    return route;
  }
}
