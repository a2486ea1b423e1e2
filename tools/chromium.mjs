// Debian's Chromium and the flags this machine needs, in one place for every browser test and
// benchmark (web-test-runner, the apps' puppeteer tests, Storybook's vitest, the bench).
// The background-networking flags keep Chromium from reaching for hosts this machine cannot reach.
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

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
