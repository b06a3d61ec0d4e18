/**
 * `npm run audit:seed -- 1000000 [--chain-length 10]`: adds N synthetic, valid audit entries (two years up to now)
 * to the database of DATABASE_URL, or to the embedded one under DATA_DIR, for measuring the archivists' queries at
 * scale. Migrates first, like the app, so it also works on an empty database.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../config/app-config.js';
import { createDataSource } from '../database/data-source.js';
import { openDatabase } from '../database/open-database.js';
import { prepareDatabase } from '../database/prepare-database.js';
import { loadRoutes } from '../workflow/bpmn/load-routes.js';
import { seedAuditEntries } from './seed-audit.js';

const USAGE = 'usage: npm run audit:seed -- <entries> [--chain-length 10]';

function positiveInt(raw: string | undefined, what: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${what} must be a positive integer, got "${raw}"; ${USAGE}`);
  return n;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'chain-length': { type: 'string', default: '10' } },
  });
  const count = positiveInt(positionals[0], 'the number of entries');
  const chainLength = positiveInt(values['chain-length'], '--chain-length');
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    const ds = createDataSource(db.url, 2);
    await ds.initialize();
    try {
      await prepareDatabase(ds, {
        demoSeed: config.demoSeed,
        demoPassword: config.demoPassword,
        appRolePassword: config.databaseAppUrl ? undefined : config.databaseAppPassword,
        routes: await loadRoutes(config.workflowsDir),
      });
    } finally {
      await ds.destroy();
    }
    const client = new pg.Client({ connectionString: db.url, application_name: 'congvan-audit-seed' });
    await client.connect();
    try {
      const started = performance.now();
      const fmt = (n: number) => n.toLocaleString('en');
      const result = await seedAuditEntries(client, count, {
        chainLength,
        onProgress: (done) => {
          const s = (performance.now() - started) / 1000;
          process.stdout.write(`\r${fmt(done)} / ${fmt(count)} entries, ${s.toFixed(0)} s, ${fmt(Math.round(done / s))} rows/s   `);
        },
      });
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write('\nANALYZE audit_entries … ');
      const analyzeStarted = performance.now();
      await client.query('ANALYZE audit_entries');
      console.log(`${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s`);
      console.log(
        `Seeded ${fmt(result.entries)} entries in ${fmt(result.chains)} chains in ${seconds.toFixed(1)} s ` +
          `(${fmt(Math.round(result.entries / seconds))} rows/s).`,
      );
      if (result.numberSymbols.length) console.log(`For example: numberSymbol=${result.numberSymbols[0]}, documentId=${result.documentIds[0]}`);
    } finally {
      await client.end();
    }
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(`audit:seed failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
