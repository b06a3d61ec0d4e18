import type { DataSource } from 'typeorm';
import { seedDemo } from './demo-seed.js';

/** Held while migrating and seeding, so that several app instances starting together do it once. */
const BOOT_LOCK = 72_001;

export interface PrepareOptions {
  demoSeed: boolean;
  demoPassword: string;
}

/** Runs pending migrations, then seeds the demo organisation into an empty database. */
export async function prepareDatabase(ds: DataSource, opts: PrepareOptions): Promise<{ seeded: boolean }> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [BOOT_LOCK]);
    await ds.runMigrations({ transaction: 'each' });
    let seeded = false;
    if (opts.demoSeed) seeded = await ds.transaction((m) => seedDemo(m, opts.demoPassword));
    return { seeded };
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [BOOT_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
