/**
 * `npm run audit:verify`: walks every audit chain and anchor of the database (DATABASE_URL, or the embedded one
 * under DATA_DIR) and reports the first broken link. Exit code 0 when intact, 1 when broken, 2 on error.
 */
import 'reflect-metadata';
import { loadConfig } from '../config/app-config.js';
import { createDataSource } from '../database/data-source.js';
import { openDatabase } from '../database/open-database.js';
import { AuditVerifyService } from './audit-verify.service.js';

async function main(): Promise<number> {
  const db = await openDatabase(loadConfig());
  const ds = createDataSource(db.url, 2);
  try {
    await ds.initialize();
    const started = Date.now();
    const report = await new AuditVerifyService(ds).verify();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const { entries, chains, anchors } = report.checked;
    console.log(`Checked ${entries} entries in ${chains} chains and ${anchors} anchors in ${seconds} s.`);
    if (report.ok) {
      console.log('The audit trail is intact.');
      return 0;
    }
    const b = report.firstBroken!;
    console.log(`BROKEN: ${report.breaks} problem(s). The first broken link:`);
    console.log(`  entry ${b.entryId ?? '-'} (chain ${b.chainId ?? '-'}, seq ${b.seq ?? '-'}, document ${b.documentId ?? '-'}, anchor ${b.anchorId ?? '-'})`);
    console.log(`  ${b.reason}`);
    return 1;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`audit:verify failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
