// The three browser engines for the apps' tests (tools/drive.mjs), each behind the test run's
// network guard, and the probe that catches what a page or its worker leaves uncaught.
import puppeteer from 'puppeteer-core';
import { ENGINES, openEngine } from '../../../tools/drive.mjs';
import { workerPrelude } from '../../../tools/worker-prelude.mjs';
import { guard } from './chromium.mjs';

export { ENGINES };

/** Launch `engine` (one of `ENGINES`) behind the test run's network guard: `{ newPage(), close() }`. */
export const launchEngine = async (engine) => openEngine(engine, { puppeteer, guard: await guard() });

/** How an uncaught error or an unhandled rejection reads, in the page and in a worker. */
const TEXT = "const text = (r) => (r && r.name ? r.name + ': ' + r.message : String(r));";

/**
 * A classic script for the page, before anything else: every uncaught error and unhandled rejection
 * of the page and of the module workers it starts lands in `window.__uncaught`, the same way in
 * every engine (WebDriver cannot read a worker's console).
 */
export const UNCAUGHT_PROBE = `(() => {
  ${TEXT}
  const seen = (window.__uncaught = []);
  addEventListener('error', (e) => seen.push('page: ' + (e.error ? text(e.error) : e.message)));
  addEventListener('unhandledrejection', (e) => seen.push('page: ' + text(e.reason)));
  new BroadcastChannel('uncaught').onmessage = (e) => seen.push(e.data);
})();
${workerPrelude(`${TEXT}
const channel = new BroadcastChannel('uncaught');
self.addEventListener('error', (e) => channel.postMessage('worker: ' + (e.error ? text(e.error) : e.message)));
self.addEventListener('unhandledrejection', (e) => channel.postMessage('worker: ' + text(e.reason)));`)}`;
