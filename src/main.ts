import { loadConfig, productionProblems, usesDefaultJwtSecret, usesDefaultSigningPassphrase } from './config/app-config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres.js';
import { bootApp } from './bootstrap.js';
import { DEMO_USERS } from './database/demo-seed.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const problems = productionProblems(process.env, config);
  if (problems.length > 0) throw new Error(`refusing to start in production:\n  - ${problems.join('\n  - ')}`);
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort);
    url = embedded.url;
  }
  let booted;
  try {
    booted = await bootApp(config, url);
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  const { app } = booted;
  await app.listen(config.port);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    // First the HTTP server: no new connections, idle keep-alive ones closed, the requests in flight answered (at
    // most SHUTDOWN_GRACE_SECONDS); only then the modules, the database pool among them.
    const server = app.getHttpServer() as import('node:http').Server;
    const grace = setTimeout(() => server.closeAllConnections(), config.shutdownGraceSeconds * 1000);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(grace);
    await app.close().catch((e) => console.error(e));
    await embedded?.stop().catch((e) => console.error(e));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));

  const base = `http://localhost:${config.port}`;
  console.log(`congvan is running at ${base}`);
  console.log(`  Web app:  ${base}/   (Vietnamese; log in with a demo login below)`);
  console.log(`  API:      ${base}/api   (OpenAPI: ${base}/api/docs)`);
  console.log(`  Database: ${embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'DATABASE_URL'}`);
  if (config.demoSeed) {
    console.log(`  Log in:   POST ${base}/api/auth/login {"username":"chuyenvien","password":"${config.demoPassword === 'demo' ? 'demo' : '<DEMO_PASSWORD>'}"}`);
    console.log(`            demo logins: ${DEMO_USERS.map((u) => u.username).join(', ')}`);
  }
  if (usesDefaultJwtSecret()) console.warn('  Warning: JWT_SECRET is not set; a development secret is in use.');
  if (usesDefaultSigningPassphrase()) console.warn('  Warning: SIGNING_PASSPHRASE is not set; the demo signing keys are encrypted with a development passphrase.');
}

main().catch((err) => {
  console.error(`congvan failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
