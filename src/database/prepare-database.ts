import type { DataSource } from 'typeorm';
import { seedDemo } from './demo-seed.js';
import { APP_ROLE } from './app-role.js';
import { deployRoutes, loadRouteVersions, type RouteSource, type RouteVersion } from '../workflow/route-versions.js';

/** Held while migrating and seeding, so that several app instances starting together do it once. */
const BOOT_LOCK = 72_001;

export interface PrepareOptions {
  demoSeed: boolean;
  demoPassword: string;
  /** Set: let the application role log in with this password. Unset: an operator provisions the role. */
  appRolePassword?: string;
  /** The workflows folder's routes, deployed as new versions where they changed. */
  routes: RouteSource[];
}

/**
 * As the owner: runs pending migrations, deploys changed routes as new versions, seeds the demo organisation into an
 * empty database, makes this and next year's audit partitions, and lets the application role log in. Returns every
 * deployed route version.
 */
export async function prepareDatabase(ds: DataSource, opts: PrepareOptions): Promise<{ seeded: boolean; routes: RouteVersion[] }> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [BOOT_LOCK]);
    await ds.runMigrations({ transaction: 'each' });
    await ds.transaction((m) => deployRoutes(m, opts.routes));
    let seeded = false;
    if (opts.demoSeed) seeded = await ds.transaction((m) => seedDemo(m, opts.demoPassword));
    await runner.query(`SELECT audit_ensure_partition(y) FROM generate_series(
      extract(year FROM now())::int, extract(year FROM now())::int + 1) AS y`);
    if (opts.appRolePassword !== undefined) {
      const literal = `'${opts.appRolePassword.replace(/'/g, "''")}'`;
      try {
        await runner.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN PASSWORD ${literal}`);
      } catch (err) {
        throw new Error(
          `could not let the database role ${APP_ROLE} log in (${(err as Error).message}): ` +
            `create it with a password yourself and set DATABASE_APP_URL`,
        );
      }
    }
    return { seeded, routes: await loadRouteVersions(runner) };
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [BOOT_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
