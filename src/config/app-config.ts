/**
 * Typed configuration: the only place that reads process.env.
 * Every variable is documented in README.md ("Configuration").
 */
import path from 'node:path';

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
}

export const APP_CONFIG = Symbol('APP_CONFIG');

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const jwtSecret = env.JWT_SECRET || 'congvan-development-secret-change-me';
  return {
    port: intVar(env, 'PORT', 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(cwd, env.DATA_DIR || '.data'),
    embeddedPgPort: intVar(env, 'EMBEDDED_PG_PORT', 54329),
    jwtSecret,
    jwtTtlSeconds: intVar(env, 'JWT_TTL_SECONDS', 12 * 3600),
    demoSeed: boolVar(env, 'DEMO_SEED', true),
    demoPassword: env.DEMO_PASSWORD || 'demo',
    workflowsDir: path.resolve(cwd, env.WORKFLOWS_DIR || 'workflows'),
    dbPoolSize: intVar(env, 'DB_POOL_SIZE', 10),
    databaseAppUrl: env.DATABASE_APP_URL || undefined,
    databaseAppPassword: env.DATABASE_APP_PASSWORD || 'congvan-app',
    auditAnchorIntervalSeconds: intVar(env, 'AUDIT_ANCHOR_INTERVAL_SECONDS', 300),
  };
}

/** True when JWT_SECRET was not set: main.ts warns about it. */
export function usesDefaultJwtSecret(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.JWT_SECRET;
}
