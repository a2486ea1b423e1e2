// Chromium's path and the flags this machine needs, in one place for every browser test and
// benchmark (web-test-runner, the apps' puppeteer tests, Storybook's vitest, the bench).
// The background-networking flags keep Chromium from reaching for hosts this machine cannot reach.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where Chromium or Chrome usually lives, in the order we prefer them. */
export const CHROME_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
const ON_PATH = ['chromium', 'google-chrome-stable', 'google-chrome', 'chromium-browser', 'chrome'];

/** Whether `path` is a file this process may run. */
export function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `CHROME_PATH` when set, else the first Chromium or Chrome found on this machine, else undefined. */
export function findChromium(env = process.env) {
  if (env.CHROME_PATH) return env.CHROME_PATH;
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => ON_PATH.map((name) => join(dir, name)));
  return [...CHROME_CANDIDATES, ...onPath].find(executable);
}

export const CHROME_PATH = findChromium() ?? '/usr/bin/chromium';

export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** WebGPU in headless Chromium: a SwiftShader (CPU) adapter, without shader-f16. */
export const WEBGPU_FLAGS = ['--enable-unsafe-webgpu'];
