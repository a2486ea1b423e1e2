#!/usr/bin/env node
// Before `pnpm test`: make sure there are browsers to test in. Chromium: `CHROME_PATH` when set,
// else a Chromium or Chrome on this machine. The CPU runtime's tests also run in Firefox ESR and
// WebKitGTK (engines.mjs): `FIREFOX_PATH` or Firefox, WebKitWebDriver with its MiniBrowser, and
// Xvfb. What is missing is installed from Debian's packages with apt (as root, or with
// password-less sudo), in one go; else the run stops at once with one sentence naming what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { executable, findChromium } from './chromium.mjs';
import { findEngines } from './engines.mjs';

const HOW_CHROME =
  'install Chromium (Debian/Ubuntu: `sudo apt-get install -y chromium`) or Chrome, or set CHROME_PATH to its executable';

function fail(sentence) {
  console.error(`pnpm test: ${sentence}`);
  process.exit(1);
}

if (process.env.CHROME_PATH && !executable(process.env.CHROME_PATH))
  fail(`CHROME_PATH=${process.env.CHROME_PATH} is not an executable browser: ${HOW_CHROME}.`);

/** Debian's package for each thing not found on this machine. */
function missingPackages() {
  const found = findEngines();
  return [
    ...(findChromium() ? [] : ['chromium']),
    ...(found.firefox ? [] : ['firefox-esr']),
    ...(found.webkitDriver && found.miniBrowser ? [] : ['webkit2gtk-driver']),
    ...(found.xvfb ? [] : ['xvfb']),
  ];
}

const missing = missingPackages();
if (missing.length === 0) process.exit(0);

const what = (packages) =>
  `install ${packages.join(', ')} (Debian/Ubuntu: \`sudo apt-get install -y ${packages.join(' ')}\`)` +
  (packages.includes('chromium') ? `, or set CHROME_PATH to a Chromium or Chrome` : '') +
  (packages.includes('firefox-esr') ? ', or set FIREFOX_PATH to a Firefox' : '');
const hasApt = process.platform === 'linux' && existsSync('/usr/bin/apt-get');
const root = process.getuid?.() === 0;
const sudo = !root && hasApt && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
if (!hasApt || !(root || sudo))
  fail(`the tests need browsers this machine lacks: ${what(missing)}, then run it again.`);

const asRoot = (args) => (root ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]]);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  console.log(`pnpm test: installing Debian's ${missing.join(', ')} with apt-get`);
  execFileSync(...asRoot(['update', '-qq']), { stdio: 'inherit', env });
  execFileSync(...asRoot(['install', '-y', '-qq', ...missing]), { stdio: 'inherit', env });
} catch {
  fail(`installing ${missing.join(', ')} with apt-get failed: ${what(missing)}.`);
}
const still = missingPackages();
if (still.length)
  fail(`apt-get installed ${still.join(', ')}, but they are still not found: ${what(still)}.`);
