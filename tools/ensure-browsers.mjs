#!/usr/bin/env node
// Before `pnpm test`: make sure there is a browser to test in. `CHROME_PATH` when set, else a
// Chromium or Chrome on this machine, else Debian's `chromium` installed with apt (as root, or
// with password-less sudo), else stop at once with one sentence naming what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { executable, findChromium } from './chromium.mjs';

const HOW =
  'install Chromium (Debian/Ubuntu: `sudo apt-get install -y chromium`) or Chrome, or set CHROME_PATH to its executable';

function fail(sentence) {
  console.error(`pnpm test: ${sentence}`);
  process.exit(1);
}

if (process.env.CHROME_PATH) {
  if (!executable(process.env.CHROME_PATH))
    fail(`CHROME_PATH=${process.env.CHROME_PATH} is not an executable browser: ${HOW}.`);
  process.exit(0);
}
if (findChromium()) process.exit(0);

const hasApt = process.platform === 'linux' && existsSync('/usr/bin/apt-get');
const root = process.getuid?.() === 0;
const sudo = !root && hasApt && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
if (!hasApt || !(root || sudo)) fail(`no Chromium or Chrome was found: ${HOW}.`);

const asRoot = (args) => (root ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]]);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  console.log("pnpm test: no Chromium found; installing Debian's chromium with apt-get");
  execFileSync(...asRoot(['update', '-qq']), { stdio: 'inherit', env });
  execFileSync(...asRoot(['install', '-y', '-qq', 'chromium']), { stdio: 'inherit', env });
} catch {
  fail(`installing chromium with apt-get failed: ${HOW}.`);
}
if (!findChromium()) fail(`apt-get installed chromium, but no browser was found after it: ${HOW}.`);
