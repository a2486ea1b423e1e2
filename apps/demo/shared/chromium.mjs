// Headless Chromium for the apps' tests: Chromium with this machine's flags, behind the test run's
// network guard (tools/net-guard.mjs): every test in a file that launches Chromium fails when a
// page or worker asked for a host other than 127.0.0.1 (the guard refuses such requests).
import assert from 'node:assert/strict';
import { after, afterEach } from 'node:test';
import puppeteer from 'puppeteer-core';

import { CHROME_FLAGS, CHROME_PATH, WEBGPU_FLAGS } from '../../../tools/chromium.mjs';
import { outsideMessage, startNetGuard } from '../../../tools/net-guard.mjs';

export const CHROME = CHROME_PATH;
export const CHROME_ARGS = [...CHROME_FLAGS, ...WEBGPU_FLAGS];

const guards = [];
const expected = new Set();

/**
 * Hosts a test expects its page to ask for, refused by the guard all the same (nothing leaves the
 * machine): the demos' `auto` model lives on a public model host, and their consent card's
 * preflight asks it before anyone clicks. The refusal is what a visitor offline would get.
 */
export function expectRefused(...hosts) {
  for (const host of hosts) expected.add(host);
}

/** A network guard whose catch fails the test it came in (every browser a test launches has one). */
export async function guard() {
  const started = await startNetGuard();
  guards.push(started);
  return started;
}

export async function launchChromium() {
  const { args } = await guard();
  return puppeteer.launch({ executablePath: CHROME, headless: true, args: [...CHROME_ARGS, ...args] });
}

function expectNothingOutside() {
  const hosts = guards.flatMap((guard) => guard.take()).filter((host) => !expected.has(host));
  assert.deepEqual(hosts, [], outsideMessage(hosts));
}
afterEach(expectNothingOutside);
after(expectNothingOutside);
