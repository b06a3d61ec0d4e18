import type { AppConfig } from '../config/app-config.js';
import { embeddedUrl, runningPostmaster, startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * The owner's database URL for command-line tools (audit:verify, audit:seed): DATABASE_URL when set; otherwise the
 * embedded PostgreSQL under DATA_DIR — the running one if the app has it up, else started for the tool and stopped
 * after it.
 */
export async function openDatabase(config: AppConfig): Promise<{ url: string; close(): Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, close: async () => undefined };
  if (runningPostmaster(config.dataDir) !== undefined) {
    return { url: embeddedUrl(config.embeddedPgPort), close: async () => undefined };
  }
  const db = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort);
  return { url: db.url, close: () => db.stop() };
}
