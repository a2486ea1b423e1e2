// Headless Chromium for the apps' tests: Debian's chromium with this machine's flags.
import puppeteer from 'puppeteer-core';

import { CHROME_FLAGS, CHROME_PATH, WEBGPU_FLAGS } from '../../../tools/chromium.mjs';

export const CHROME = CHROME_PATH;
export const CHROME_ARGS = [...CHROME_FLAGS, ...WEBGPU_FLAGS];

export function launchChromium() {
  return puppeteer.launch({ executablePath: CHROME, headless: true, args: CHROME_ARGS });
}
