/**
 * `npm run audit:seed -- 1000000`: adds N synthetic, valid audit entries to the database (DATABASE_URL, or the
 * embedded one under DATA_DIR), for measuring the archivists' queries at scale.
 */
import 'reflect-metadata';
import pg from 'pg';
import { loadConfig } from '../config/app-config.js';
import { createDataSource } from '../database/data-source.js';
import { openDatabase } from '../database/open-database.js';
import { prepareDatabase } from '../database/prepare-database.js';
import { seedAuditEntries } from './seed-audit.js';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  if (!Number.isInteger(count) || count <= 0) throw new Error('give the number of entries, e.g. npm run audit:seed -- 1000000');
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    const ds = createDataSource(db.url, 2);
    await ds.initialize();
    try {
      await prepareDatabase(ds, { ...config, appRolePassword: config.databaseAppUrl ? undefined : config.databaseAppPassword });
    } finally {
      await ds.destroy();
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const started = Date.now();
      const result = await seedAuditEntries(client, count, {
        onProgress: (done) => process.stdout.write(`\r${done.toLocaleString('en')} / ${count.toLocaleString('en')}`),
      });
      await client.query('ANALYZE audit_entries');
      const seconds = (Date.now() - started) / 1000;
      console.log(`\nSeeded ${result.entries} entries in ${result.chains} chains in ${seconds.toFixed(1)} s (${Math.round(result.entries / seconds)} entries/s).`);
    } finally {
      await client.end();
    }
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(`audit:seed failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
