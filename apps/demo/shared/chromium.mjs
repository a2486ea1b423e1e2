// Headless Chromium for the apps' tests: Debian's chromium with this machine's flags.
import puppeteer from 'puppeteer-core';

export const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const CHROME_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--enable-unsafe-webgpu',
];

export function launchChromium() {
  return puppeteer.launch({ executablePath: CHROME, headless: true, args: CHROME_ARGS });
}
