import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The app as a real process (`node main.js`), for what an in-process app cannot show: a SIGKILL in the middle of
 * work, and a restart. Built once per test run from src/ into `.test-build/` (inside the checkout, so that Node
 * finds node_modules; git-ignored).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const buildDir = path.join(root, '.test-build');
let built = false;

function build(): string {
  if (!built) {
    fs.rmSync(buildDir, { recursive: true, force: true });
    const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', buildDir], {
      cwd: root,
      encoding: 'utf8',
    });
    if (tsc.status !== 0) throw new Error(`building the app failed:\n${tsc.stdout}${tsc.stderr}`);
    built = true;
  }
  return path.join(buildDir, 'main.js');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed, for a failure's message. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, transactions in flight are cut. */
  kill(): Promise<void>;
  /**
   * SIGKILL to the app and every process it started (its process group: the embedded PostgreSQL and its backends), as a
   * power cut would. Only for an app started with `ownGroup`.
   */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

export interface AppProcessOptions {
  /** DATA_DIR, kept across restarts and left in place (default: a new folder, removed by stop()). */
  dataDir?: string;
  /** Run in a process group of its own, so that crash() can kill all of it. */
  ownGroup?: boolean;
}

/**
 * Starts `node main.js` on `databaseUrl` with the test's settings; resolves once it listens. `databaseUrl` null: on its
 * embedded PostgreSQL in DATA_DIR, as `npm start` runs (set EMBEDDED_PG_PORT in `env`).
 */
export async function startAppProcess(
  databaseUrl: string | null,
  env: Record<string, string>,
  password: string,
  options: AppProcessOptions = {},
): Promise<AppProcess> {
  const main = build();
  const port = await freePort();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-proc-'));
  const child = spawn(process.execPath, [main], {
    cwd: root,
    detached: options.ownGroup ?? false,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      PORT: String(port),
      DATA_DIR: dataDir,
      JWT_SECRET: 'test-secret',
      DEMO_PASSWORD: password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      if (out.includes('congvan is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code}:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    crash: async () => {
      if (!options.ownGroup) throw new Error('crash() needs an app started with ownGroup');
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
