import { createHash } from 'node:crypto';
import { compileRoute, type CompiledRoute } from './bpmn/compile-route.js';
import type { Queryable } from '../audit/append-audit-entry.js';

/** A route file of the workflows folder, compiled. */
export interface RouteSource {
  file: string;
  xml: string;
  route: CompiledRoute;
}

/** A deployed version of a route: what documents started on it keep following to their end. */
export interface RouteVersion {
  key: string;
  version: number;
  /** SHA-256 of the BPMN XML, hex. */
  hash: string;
  file: string;
  xml: string;
  deployedAt: Date;
  route: CompiledRoute;
}

export function hashRouteXml(xml: string): string {
  return createHash('sha256').update(xml, 'utf8').digest('hex');
}

/**
 * Deploys the folder's routes: a route whose XML differs from its latest version becomes a new version (1 for a new
 * route). Versions are never changed or removed, so documents on their way keep theirs. Run under the boot lock
 * (prepare-database.ts), so that instances starting together deploy once.
 */
export async function deployRoutes(db: Queryable, sources: RouteSource[]): Promise<Array<{ key: string; version: number }>> {
  const deployed: Array<{ key: string; version: number }> = [];
  for (const s of sources) {
    const hash = hashRouteXml(s.xml);
    const [latest] = (await db.query(
      `SELECT version, hash FROM route_versions WHERE key = $1 ORDER BY version DESC LIMIT 1`,
      [s.route.id],
    )) as Array<{ version: number; hash: string }>;
    if (latest?.hash === hash) continue;
    const version = (latest?.version ?? 0) + 1;
    await db.query(`INSERT INTO route_versions (key, version, hash, file, xml) VALUES ($1, $2, $3, $4, $5)`, [
      s.route.id,
      version,
      hash,
      s.file,
      s.xml,
    ]);
    deployed.push({ key: s.route.id, version });
  }
  return deployed;
}

/** Every deployed version, compiled from the XML stored with it. */
export async function loadRouteVersions(db: Queryable): Promise<RouteVersion[]> {
  const rows = (await db.query(
    `SELECT key, version, hash, file, xml, deployed_at FROM route_versions ORDER BY key, version`,
  )) as Array<{ key: string; version: number; hash: string; file: string; xml: string; deployed_at: Date }>;
  const out: RouteVersion[] = [];
  for (const r of rows) {
    out.push({
      key: r.key,
      version: r.version,
      hash: r.hash,
      file: r.file,
      xml: r.xml,
      deployedAt: r.deployed_at,
      route: await compileRoute(r.xml, `${r.file} (version ${r.version})`),
    });
  }
  return out;
}
