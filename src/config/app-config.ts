/**
 * Typed configuration: the only place that reads process.env.
 * Every variable is documented in README.md ("Configuration").
 */
import path from 'node:path';
import { parseWorkingPeriods, type WorkingCalendar } from '../workflow/working-calendar.js';

/**
 * Days off of 2026 in Vietnam (civil service): New Year; Tết Nguyên đán 14–22 February; Giỗ Tổ Hùng Vương (26 April,
 * a Sunday, taken on Monday 27); 30 April and 1 May; National Day 2 September. The day the Government adds next to
 * 2 September, and every later year, are set with PUBLIC_HOLIDAYS.
 */
const HOLIDAYS_2026 = [
  '2026-01-01',
  '2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22',
  '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-02',
];

export interface AppConfig {
  port: number;
  /** Connection string of an external PostgreSQL; when unset an embedded PostgreSQL is started. */
  databaseUrl: string | undefined;
  /** Data folder of the embedded PostgreSQL. */
  dataDir: string;
  /** TCP port of the embedded PostgreSQL (loopback only). */
  embeddedPgPort: number;
  jwtSecret: string;
  jwtTtlSeconds: number;
  /** Lifetime of a refresh token (each is used once and replaced: a session lasts while it is used within this). */
  refreshTtlSeconds: number;
  demoSeed: boolean;
  demoPassword: string;
  workflowsDir: string;
  /** Size of the database connection pool of one app process. */
  dbPoolSize: number;
  /**
   * Connection of the application role (congvan_app), when an operator provisions it. Unset: the app derives it
   * from the owner's URL and sets the role's password to databaseAppPassword at start.
   */
  databaseAppUrl: string | undefined;
  databaseAppPassword: string;
  /** How often the chain heads are sealed by an anchor. */
  auditAnchorIntervalSeconds: number;
  /** Working hours, days off and worked days: deadlines in working time count on it. Same on every instance. */
  workingCalendar: WorkingCalendar;
  /** How often (cron, on pg-boss) due deadlines and reminders are looked for. */
  timersCron: string;
  /** Tasks assigned by documents: reminded this many hours before their deadline (and at it). */
  taskRemindBeforeHours: number;
  /** … and, when not done, escalated to the head of the lead unit this many hours after it. */
  taskEscalateAfterHours: number;
  /**
   * Where edXML packages and status messages for agencies outside this system go: an `http(s)://` URL (POSTed, one
   * message per request) or a folder (one file per message).
   */
  exchangeEndpoint: string;
  /** Attempts before an outbox message is given up (and flagged to the clerk). */
  exchangeMaxAttempts: number;
  /** How often (cron, on pg-boss) the outbox is looked at, besides right after an issue, a recall or a status. */
  outboxCron: string;
  /** The built web app (`npm run build:web`), served at `/`. */
  webDir: string;
  /** Largest attachment accepted, in bytes (413 beyond). */
  attachmentMaxBytes: number;
  /** Most attachments on one document. */
  attachmentMaxCount: number;
  /** Passphrase of the built-in signing provider's keys (the demo CA's key, each PKCS#12): encrypted at rest with it. */
  signingPassphrase: string;
  /** Worker threads for PDF work (layout, signing); 0 = in the server's own thread. */
  pdfThreads: number;
  /** Origins allowed to call the API from a browser (CORS); none by default: the web app is served from the same origin. */
  corsOrigins: string[];
  /** Login attempts allowed per client address per minute, and per user name per 15 minutes (429 beyond). */
  loginLimitPerIp: number;
  loginLimitPerUser: number;
  /** At SIGTERM, how long requests in flight may take to finish before their connections are cut. */
  shutdownGraceSeconds: number;
  /** pino's level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

function logLevelVar(env: NodeJS.ProcessEnv): string {
  const level = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level)) {
    throw new Error(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "${level}"`);
  }
  return level;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

/** A comma-separated list of dates YYYY-MM-DD. */
function dateListVar(env: NodeJS.ProcessEnv, name: string, fallback: string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const dates = raw.split(',').map((d) => d.trim()).filter(Boolean);
  const bad = dates.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)));
  if (bad) throw new Error(`${name} must list dates as YYYY-MM-DD separated by commas, got "${bad}"`);
  return dates;
}

/** EXCHANGE_ENDPOINT: an http(s) URL as is, anything else a folder (default: `exchange/outbox` in DATA_DIR). */
function exchangeEndpointVar(env: NodeJS.ProcessEnv, cwd: string): string {
  const raw = env.EXCHANGE_ENDPOINT;
  if (raw && /^https?:\/\//i.test(raw)) {
    try {
      return new URL(raw).toString();
    } catch {
      throw new Error(`EXCHANGE_ENDPOINT must be an http(s) URL or a folder, got "${raw}"`);
    }
  }
  return path.resolve(cwd, raw || path.join(env.DATA_DIR || '.data', 'exchange', 'outbox'));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const jwtSecret = env.JWT_SECRET || 'congvan-development-secret-change-me';
  return {
    port: intVar(env, 'PORT', 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(cwd, env.DATA_DIR || '.data'),
    embeddedPgPort: intVar(env, 'EMBEDDED_PG_PORT', 54329),
    jwtSecret,
    jwtTtlSeconds: intVar(env, 'JWT_TTL_SECONDS', 15 * 60),
    refreshTtlSeconds: intVar(env, 'REFRESH_TTL_SECONDS', 12 * 3600),
    demoSeed: boolVar(env, 'DEMO_SEED', true),
    demoPassword: env.DEMO_PASSWORD || 'demo',
    workflowsDir: path.resolve(cwd, env.WORKFLOWS_DIR || 'workflows'),
    dbPoolSize: intVar(env, 'DB_POOL_SIZE', 10),
    databaseAppUrl: env.DATABASE_APP_URL || undefined,
    databaseAppPassword: env.DATABASE_APP_PASSWORD || 'congvan-app',
    auditAnchorIntervalSeconds: intVar(env, 'AUDIT_ANCHOR_INTERVAL_SECONDS', 300),
    workingCalendar: {
      periods: parseWorkingPeriods(env.WORKING_HOURS || '07:30-11:30,13:00-17:00'),
      workingWeekdays: [1, 2, 3, 4, 5],
      holidays: dateListVar(env, 'PUBLIC_HOLIDAYS', HOLIDAYS_2026),
      workingDays: dateListVar(env, 'WORKED_DAYS', []),
    },
    timersCron: env.TIMERS_CRON || '* * * * *',
    taskRemindBeforeHours: intVar(env, 'TASK_REMIND_BEFORE_HOURS', 72),
    taskEscalateAfterHours: intVar(env, 'TASK_ESCALATE_AFTER_HOURS', 24),
    exchangeEndpoint: exchangeEndpointVar(env, cwd),
    exchangeMaxAttempts: intVar(env, 'EXCHANGE_MAX_ATTEMPTS', 8),
    outboxCron: env.OUTBOX_CRON || '* * * * *',
    webDir: path.resolve(cwd, env.WEB_DIR || path.join('web', 'dist')),
    attachmentMaxBytes: intVar(env, 'ATTACHMENT_MAX_BYTES', 20 * 1024 * 1024),
    attachmentMaxCount: intVar(env, 'ATTACHMENT_MAX_COUNT', 20),
    signingPassphrase: env.SIGNING_PASSPHRASE || 'congvan-demo-signing-keys',
    pdfThreads: env.PDF_THREADS === '0' ? 0 : intVar(env, 'PDF_THREADS', 1),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    loginLimitPerIp: intVar(env, 'LOGIN_LIMIT_PER_IP', 60),
    loginLimitPerUser: intVar(env, 'LOGIN_LIMIT_PER_USER', 20),
    shutdownGraceSeconds: intVar(env, 'SHUTDOWN_GRACE_SECONDS', 20),
    logLevel: logLevelVar(env),
  };
}

/**
 * What keeps a production start (NODE_ENV=production) from going ahead: the secrets and passwords this repository
 * publishes. Empty when none. main.ts refuses to start on any of them.
 */
export function productionProblems(env: NodeJS.ProcessEnv, config: AppConfig): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (usesDefaultJwtSecret(env)) problems.push('JWT_SECRET is not set (the development secret is public)');
  else if (config.jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (usesDefaultSigningPassphrase(env)) problems.push('SIGNING_PASSPHRASE is not set (the signing keys would be encrypted with a public passphrase)');
  if (config.demoSeed && config.demoPassword === 'demo') problems.push('the demo logins would have the public password "demo": set DEMO_PASSWORD, or DEMO_SEED=false');
  if (!env.DATABASE_APP_URL && config.databaseAppPassword === 'congvan-app') problems.push('DATABASE_APP_PASSWORD is not set (the application role would have a public password)');
  return problems;
}

/** True when JWT_SECRET was not set: main.ts warns about it. */
export function usesDefaultJwtSecret(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.JWT_SECRET;
}

/** True when SIGNING_PASSPHRASE was not set: the signing keys are encrypted with a passphrase anyone can read here. */
export function usesDefaultSigningPassphrase(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.SIGNING_PASSPHRASE;
}
