// Before the tests: the browser tests drive Debian's Chromium (playwright-core never downloads a browser). On a
// fresh machine it is missing: install it with apt-get (as root, or through sudo), as `npm test` promises.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (fs.existsSync(path)) process.exit(0);
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${path} does not exist`);
  process.exit(1);
}

const root = process.getuid?.() === 0;
const sudo = !root && spawnSync('sudo', ['-n', 'true']).status === 0;
if (!root && !sudo) {
  console.error('Chromium is missing and cannot be installed without root: run `sudo apt-get install -y chromium`, or set CHROMIUM_PATH.');
  process.exit(1);
}
const apt = (...args) => {
  const [cmd, rest] = root ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]];
  execFileSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
};
console.log('Installing Debian chromium for the browser tests…');
try {
  apt('install', '-y', '--no-install-recommends', 'chromium');
} catch {
  apt('update');
  apt('install', '-y', '--no-install-recommends', 'chromium');
}
if (!fs.existsSync(path)) {
  console.error(`apt-get installed chromium but ${path} is still missing`);
  process.exit(1);
}
