import { describe, expect, it } from '@jest/globals';
import { loadConfig, productionProblems } from './app-config.js';

const check = (env: Record<string, string>) => productionProblems(env as NodeJS.ProcessEnv, loadConfig(env as NodeJS.ProcessEnv));

describe('a production start', () => {
  it('is refused with each public secret or password this repository ships', () => {
    expect(check({ NODE_ENV: 'production' })).toEqual([
      'JWT_SECRET is not set (the development secret is public)',
      'SIGNING_PASSPHRASE is not set (the signing keys would be encrypted with a public passphrase)',
      'the demo logins would have the public password "demo": set DEMO_PASSWORD, or DEMO_SEED=false',
      'DATABASE_APP_PASSWORD is not set (the application role would have a public password)',
    ]);
    expect(check({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toContain('JWT_SECRET must be at least 32 characters');
  });

  it('goes ahead with secrets of its own, and outside production whatever is set', () => {
    const own = { JWT_SECRET: 'x'.repeat(40), SIGNING_PASSPHRASE: 'p', DATABASE_APP_PASSWORD: 'a' };
    expect(check({ NODE_ENV: 'production', ...own, DEMO_SEED: 'false' })).toEqual([]);
    expect(check({ NODE_ENV: 'production', ...own, DEMO_PASSWORD: 'a-long-demo-password' })).toEqual([]);
    expect(check({ NODE_ENV: 'production', ...own, DATABASE_APP_URL: 'postgres://app@db/congvan', DATABASE_APP_PASSWORD: '', DEMO_SEED: 'false' })).toEqual([]);
    expect(check({})).toEqual([]);
  });
});
