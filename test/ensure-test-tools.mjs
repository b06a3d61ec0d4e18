// Before the tests: what they need from Debian that a fresh machine lacks — Chromium for the browser tests
// (playwright-core never downloads a browser) and poppler-utils (pdftotext, pdfsig) for the PDF tests. Installed with
// apt-get, as root or through sudo, as `npm test` promises.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const needed = [
  { pkg: 'chromium', file: chromium, env: process.env.CHROMIUM_PATH },
  { pkg: 'poppler-utils', file: '/usr/bin/pdftotext' },
].filter((n) => !fs.existsSync(n.file));
if (needed.length === 0) process.exit(0);
const given = needed.find((n) => n.env);
if (given) {
  console.error(`CHROMIUM_PATH=${given.file} does not exist`);
  process.exit(1);
}

const root = process.getuid?.() === 0;
const sudo = !root && spawnSync('sudo', ['-n', 'true']).status === 0;
const packages = needed.map((n) => n.pkg);
if (!root && !sudo) {
  console.error(`Missing for the tests: ${packages.join(', ')}. Install them: sudo apt-get install -y ${packages.join(' ')}`);
  process.exit(1);
}
const apt = (...args) => {
  const [cmd, rest] = root ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]];
  execFileSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
};
console.log(`Installing for the tests: ${packages.join(', ')}…`);
try {
  apt('install', '-y', '--no-install-recommends', ...packages);
} catch {
  apt('update');
  apt('install', '-y', '--no-install-recommends', ...packages);
}
const still = needed.filter((n) => !fs.existsSync(n.file));
if (still.length > 0) {
  console.error(`apt-get ran but these are still missing: ${still.map((n) => n.file).join(', ')}`);
  process.exit(1);
}
