import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, createTestDatabase, DEMO_PASSWORD, login, type TestApp } from './support/test-app.js';
import { AuthCleanupService } from '../src/auth/auth-cleanup.service.js';

/** Hardening: security headers, CORS closed by default, login rate limits shared by instances, request size limits. */
let url: string;
let a: TestApp;
let b: TestApp;
let token: string;

beforeAll(async () => {
  url = await createTestDatabase('security');
  const env = { LOGIN_LIMIT_PER_USER: '3', LOGIN_LIMIT_PER_IP: '8', CORS_ORIGINS: 'https://vanphong.thanhhoa.gov.vn' };
  a = await createTestApp(url, undefined, env);
  b = await createTestApp(url, undefined, env);
  token = await login(a, 'chuyenvien'); // the address's first attempt
});

afterAll(async () => {
  await a?.close();
  await b?.close();
});

const attempt = (t: TestApp, username: string, password: string) => t.http.post('/api/auth/login').send({ username, password });

describe('security headers', () => {
  it('come with every answer: a content security policy of this origin only, no sniffing, no framing, no referrer', async () => {
    for (const path of ['/api/health', '/api/documents', '/api/nothing-here']) {
      const res = await a.http.get(path);
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('CORS', () => {
  it('answers only the origins named in CORS_ORIGINS', async () => {
    const evil = await a.http.options('/api/auth/login').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const ours = await a.http.options('/api/auth/login').set('Origin', 'https://vanphong.thanhhoa.gov.vn').set('Access-Control-Request-Method', 'POST');
    expect(ours.headers['access-control-allow-origin']).toBe('https://vanphong.thanhhoa.gov.vn');
  });

  it('is closed when none is named', async () => {
    const closed = await createTestApp(url);
    try {
      const res = await closed.http.options('/api/auth/login').set('Origin', 'https://vanphong.thanhhoa.gov.vn').set('Access-Control-Request-Method', 'POST');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const get = await closed.http.get('/api/health').set('Origin', 'https://vanphong.thanhhoa.gov.vn');
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await closed.close();
    }
  });
});

describe('login rate limits', () => {
  it('stop password guessing on one user name across instances, even with the right password, and say when to come back', async () => {
    // Three attempts, spread over two instances: they share the count (PostgreSQL).
    expect((await attempt(a, 'pct', 'sai-1')).status).toBe(401);
    expect((await attempt(b, 'pct', 'sai-2')).status).toBe(401);
    expect((await attempt(a, ' PCT ', 'sai-3')).status).toBe(401);
    const blocked = await attempt(b, 'pct', DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(blocked.body.details.retryAfterSeconds).toBe(Number(blocked.headers['retry-after']));
    // Another user is not held up.
    expect((await attempt(a, 'vanthu', DEMO_PASSWORD)).status).toBe(200);
  });

  it('stop one address trying many user names', async () => {
    const [{ hits }] = await a.owner(`SELECT hits FROM throttle_hits WHERE key LIKE 'login-ip:%'`);
    // Six attempts from this address so far (limit 8 a minute): the third here is the ninth.
    expect(hits).toBe(6);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(i % 2 ? a : b, `khong-co-${i}`, 'x')).status);
    expect(statuses).toEqual([401, 401, 429, 429, 429]);
  });
});

describe('request size', () => {
  it('refuses a body over 100 kB (a 1 MB subject) with 413, and creates nothing', async () => {
    const res = await a.http.post('/api/documents').set('Authorization', token).send({ type: 'CV', subject: 'x'.repeat(1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    const [{ n }] = await a.owner(`SELECT count(*)::int AS n FROM documents`);
    expect(n).toBe(0);
  });
});

describe('health', () => {
  it('answers 200 while the database answers, 503 when it cannot, and 200 again after', async () => {
    expect((await a.http.get('/api/health')).body).toEqual({ status: 'ok', database: 'ok' });
    const [{ db }] = await a.owner(`SELECT current_database() AS db`);
    // The application role may not log in any more, and its connections to this database are cut.
    await a.owner(`ALTER ROLE congvan_app NOLOGIN`);
    try {
      await a.owner(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'congvan_app' AND datname = $1`, [db]);
      const down = await a.http.get('/api/health');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'unavailable', database: 'down' });
    } finally {
      await a.owner(`ALTER ROLE congvan_app LOGIN`);
    }
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) status = (await a.http.get('/api/health')).status;
    expect(status).toBe(200);
  });
});

describe('sessions', () => {
  it('give short access tokens renewed by refresh tokens, each used once; a reused one ends every session of the user', async () => {
    const short = await createTestApp(url, undefined, { JWT_TTL_SECONDS: '1', LOGIN_LIMIT_PER_IP: '10000' });
    try {
      const first = await attempt(short, 'truongphong', DEMO_PASSWORD);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ expiresIn: 1, refreshExpiresIn: 43200, user: { username: 'truongphong' } });
      const me = (token: string) => short.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`);
      expect((await me(first.body.accessToken)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 2100));
      const expired = await me(first.body.accessToken);
      expect(expired.status).toBe(401);

      const renewed = await short.http.post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken });
      expect(renewed.status).toBe(200);
      expect(renewed.body.refreshToken).not.toBe(first.body.refreshToken);
      expect((await me(renewed.body.accessToken)).status).toBe(200);

      // The first refresh token again: copied, so every session of the user ends, the renewed one too.
      const reused = await short.http.post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken });
      expect(reused.status).toBe(401);
      expect(reused.body.message).toMatch(/already used/);
      expect((await short.http.post('/api/auth/refresh').send({ refreshToken: renewed.body.refreshToken })).status).toBe(401);

      // Logout ends a session; an unknown token is refused; a malformed one is a 400.
      const again = await attempt(short, 'truongphong', DEMO_PASSWORD);
      expect((await short.http.post('/api/auth/logout').send({ refreshToken: again.body.refreshToken })).status).toBe(204);
      expect((await short.http.post('/api/auth/refresh').send({ refreshToken: again.body.refreshToken })).status).toBe(401);
      expect((await short.http.post('/api/auth/refresh').send({ refreshToken: 'x'.repeat(43) })).status).toBe(401);
      expect((await short.http.post('/api/auth/refresh').send({ refreshToken: 42 })).status).toBe(400);
      // Only hashes are stored.
      const stored = await short.owner(`SELECT token_sha256 FROM refresh_tokens`);
      expect(stored.some((r: { token_sha256: string }) => r.token_sha256 === again.body.refreshToken)).toBe(false);
    } finally {
      await short.close();
    }
  });
});

describe('the login tables', () => {
  it('lose ended attempt windows and refresh tokens a day past expiry, hourly, and keep the rest', async () => {
    await a.owner(`INSERT INTO throttle_hits (key, hits, window_ends_at) VALUES ('login-ip:old', 5, now() - interval '1 minute'), ('login-ip:now', 2, now() + interval '1 minute')`);
    const [user] = await a.owner(`SELECT id FROM users WHERE username = 'cvp'`);
    await a.owner(
      `INSERT INTO refresh_tokens (user_id, token_sha256, expires_at, used_at) VALUES
         ($1, 'het-han-lau', now() - interval '2 days', now() - interval '3 days'),
         ($1, 'vua-het-han', now() - interval '1 hour', now() - interval '2 hours'),
         ($1, 'con-han', now() + interval '1 hour', NULL)`,
      [user.id],
    );
    const pruned = await a.app.get(AuthCleanupService).prune();
    expect(pruned.tokens).toBe(1);
    expect(pruned.attempts).toBeGreaterThanOrEqual(1);
    expect((await a.owner(`SELECT key FROM throttle_hits WHERE key IN ('login-ip:old', 'login-ip:now')`)).map((r: { key: string }) => r.key)).toEqual(['login-ip:now']);
    // A used token is kept until a day past its expiry: its reuse is still recognised.
    expect((await a.owner(`SELECT token_sha256 FROM refresh_tokens WHERE user_id = $1 ORDER BY token_sha256`, [user.id])).map((r: { token_sha256: string }) => r.token_sha256)).toEqual([
      'con-han',
      'vua-het-han',
    ]);
    const [{ n }] = await a.owner(`SELECT count(*)::int AS n FROM pgboss.schedule WHERE name = 'auth-cleanup'`);
    expect(n).toBe(1);
  });
});
