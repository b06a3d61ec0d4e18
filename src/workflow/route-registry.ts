import { Injectable } from '@nestjs/common';
import type { CompiledRoute } from './bpmn/compile-route.js';
import { isKnownCandidate, namedAgencyCodes } from './candidates.js';
import { DomainError } from '../common/domain-error.js';
import type { RouteVersion } from './route-versions.js';

/** The route documents of a type follow when no assignment names another (route-assignments.ts). */
export const DEFAULT_ROUTE = 'cong-van';

/**
 * Every deployed version of every route, compiled at start from the versions stored in the database
 * (route-versions.ts); immutable while the process runs. A document follows the version it started on.
 */
@Injectable()
export class RouteRegistry {
  private readonly byVersion = new Map<string, RouteVersion>();
  private readonly latestByKey = new Map<string, RouteVersion>();
  private readonly agencyCodes: string[];

  constructor(versions: RouteVersion[]) {
    for (const v of versions) {
      const route = v.route;
      const all = [
        ...Object.values(route.tasks).flatMap((t) => t.candidates),
        ...route.boundaryActions.flatMap((b) => b.candidates),
      ];
      const unknown = all.find((c) => !isKnownCandidate(c));
      if (unknown) throw new Error(`${route.file}: unknown candidate expression "${unknown}"`);
      this.byVersion.set(`${v.key}@${v.version}`, v);
      const latest = this.latestByKey.get(v.key);
      if (!latest || latest.version < v.version) this.latestByKey.set(v.key, v);
    }
    this.agencyCodes = namedAgencyCodes(
      versions.flatMap((v) => [...Object.values(v.route.tasks).flatMap((t) => t.candidates), ...v.route.boundaryActions.flatMap((b) => b.candidates)]),
    );
    if (!this.latestByKey.has(DEFAULT_ROUTE)) throw new Error(`the route "${DEFAULT_ROUTE}" is missing from the workflows folder`);
  }

  /** The codes of the agencies whose people some route names as candidates (`agency:<code>:<role>`). */
  namedAgencyCodes(): string[] {
    return this.agencyCodes;
  }

  /** The compiled route of a document: its key and the version it started on. */
  get(key: string, version: number): CompiledRoute {
    return this.version(key, version).route;
  }

  version(key: string, version: number): RouteVersion {
    const v = this.byVersion.get(`${key}@${version}`);
    if (!v) {
      throw new DomainError(
        'ROUTE_MISSING',
        `the route "${key}" version ${version} is not loaded by this instance: restart it so that it loads the deployed versions`,
      );
    }
    return v;
  }

  /** The newest version of a route, or undefined for an unknown key. */
  latest(key: string): RouteVersion | undefined {
    return this.latestByKey.get(key);
  }

  /** Every route's newest version, by key. */
  routes(): RouteVersion[] {
    return [...this.latestByKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Every version of a route, oldest first. */
  versionsOf(key: string): RouteVersion[] {
    return [...this.byVersion.values()].filter((v) => v.key === key).sort((a, b) => a.version - b.version);
  }
}
