import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { bootApp } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/app-config.js';
import { Clock } from '../../src/common/clock.js';

/** A clock a test sets by hand. */
export class TestClock extends Clock {
  constructor(private at: Date) {
    super();
  }
  set(at: Date | string): void {
    this.at = new Date(at);
  }
  now(): Date {
    return new Date(this.at);
  }
}

/** A folder of its own, outside the checkout, for the edXML messages a test app sends (EXCHANGE_ENDPOINT). */
export function testExchangeFolder(): string {
  return path.join(os.tmpdir(), `congvan-exchange-${randomBytes(6).toString('hex')}`);
}

/** The server Jest's global setup started (or TEST_DATABASE_URL). */
function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through `npm test`');
  return url;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A new, empty database of its own for one test file. */
export async function createTestDatabase(prefix = 'test'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return withDatabase(serverUrl(), name);
}

export interface TestApp {
  app: INestApplication;
  /** The app's own data source: the application role (congvan_app). */
  dataSource: DataSource;
  /** The owner's URL (what DATABASE_URL would be). */
  databaseUrl: string;
  http: ReturnType<typeof request>;
  /** Runs SQL as the database owner (a superuser here), for what the application role may not do. */
  owner(sql: string, params?: unknown[]): Promise<any[]>;
  close(): Promise<void>;
}

export const DEMO_PASSWORD = 'demo-test-password';

/**
 * SQL as the database owner on `url`, with no app behind it. Tests of app processes use this, not createTestApp: an
 * app booted in the test would take part (its outbox and timers run at start) and hide what the processes do.
 */
export function ownerQuery(url: string): (sql: string, params?: unknown[]) => Promise<any[]> {
  return async (sql, params) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
}

/**
 * Boots the app exactly as main.ts does (same bootApp: migrations, seed, pipes, filters, prefix)
 * on the given database, or on a new one. `env`: configuration variables to set (e.g. WORKFLOWS_DIR).
 */
export async function createTestApp(databaseUrl?: string, clock?: Clock, env: Record<string, string> = {}): Promise<TestApp> {
  const url = databaseUrl ?? (await createTestDatabase());
  const config = loadConfig(
    // Login limits high: test files log in dozens of times a minute from one address (test/security sets its own).
    { DEMO_PASSWORD, JWT_SECRET: 'test-secret', DB_POOL_SIZE: '30', EXCHANGE_ENDPOINT: testExchangeFolder(), LOGIN_LIMIT_PER_IP: '10000', LOGIN_LIMIT_PER_USER: '10000', LOG_LEVEL: 'silent', ...env } as NodeJS.ProcessEnv,
  );
  const { app, dataSource } = await bootApp(config, url, false, clock);
  await app.init();
  const http = request(app.getHttpServer());
  return {
    app,
    dataSource,
    databaseUrl: url,
    http,
    owner: ownerQuery(url),
    close: async () => {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** Logs a demo user in and returns the bearer header value. */
export async function login(t: TestApp, username: string): Promise<string> {
  const res = await t.http.post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return `Bearer ${res.body.accessToken}`;
}
