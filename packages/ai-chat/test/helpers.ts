import { fixture, fixtureCleanup, html, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import '../src/define.js';
import type { AiChat } from '../src/ai-chat.js';
import { liveWorkers } from '../src/engine/page/pool.js';
import { ScriptedEngine, type ScriptedEngineOptions } from '../src/testing/scripted-engine.js';

export { ScriptedEngine };

/** The scripted worker (a ScriptedEngine behind the real worker protocol). */
export const SCRIPTED_WORKER = new URL('../src/testing/scripted-worker.js', import.meta.url).href;
/** The real worker: WebLLM behind our protocol. */
export const REAL_WORKER = new URL('../src/engine/worker.js', import.meta.url).href;

export async function scriptedChat(options: ScriptedEngineOptions = {}, attrs = '') {
  const engine = new ScriptedEngine(options);
  const el = await fixture<AiChat>(html`<ai-chat .engine=${engine}></ai-chat>`);
  for (const [name, value] of attrs
    .split(/\s+/)
    .filter(Boolean)
    .map((a) => a.split('=')))
    el.setAttribute(name!, value ?? '');
  await el.updateComplete;
  return { el, engine };
}

export const shadow = (el: AiChat) => el.shadowRoot!;
export const $ = <T extends Element = HTMLElement>(el: AiChat, selector: string) =>
  shadow(el).querySelector<T>(selector);
export const $$ = (el: AiChat, selector: string) => [...shadow(el).querySelectorAll<HTMLElement>(selector)];

/** The text a user sees in the message log, message by message. */
export const visibleMessages = (el: AiChat) =>
  $$(el, '[part~="message"] .content').map((m) => m.textContent ?? '');

/** Collect events of a type from an element. */
export function record<T extends Event>(el: EventTarget, type: string): T[] {
  const seen: T[] = [];
  el.addEventListener(type, (e) => seen.push(e as T));
  return seen;
}

export async function waitForStatus(el: AiChat, status: string, timeout = 15000) {
  await waitUntil(() => el.status === status, `status ${status} (now ${el.status})`, { timeout });
}

export async function modelRequests(): Promise<Record<string, number>> {
  return (await fetch('/__models/requests')).json();
}

export async function resetModelServer() {
  await fetch('/__models/reset');
}

/** The bytes of a GGUF file kept in the CPU runtime's cache for `url`, its pieces joined. */
export async function cachedBytes(url: string): Promise<Uint8Array> {
  const cache = await caches.open('ai-chat/gguf');
  const pieces = (await cache.keys()).filter((r) => r.url.startsWith(`${url}?ai-chat-piece=`));
  pieces.sort((a, b) => Number(a.url.split('=').pop()) - Number(b.url.split('=').pop()));
  const blobs = await Promise.all(pieces.map(async (r) => (await cache.match(r))!.blob()));
  return new Uint8Array(await new Blob(blobs).arrayBuffer());
}

/**
 * For afterEach: take the test's elements off the page, then fail unless every worker has ended
 * (a leaked worker fails the test that leaked it).
 */
export async function expectEveryWorkerEnded() {
  fixtureCleanup();
  await waitUntil(() => liveWorkers() === 0, `every worker ended (${liveWorkers()} alive)`, {
    timeout: 5000,
  });
}

/**
 * `waitUntil` from @open-wc/testing, with a timeout that holds on a loaded machine: 10 s instead of
 * 1 s (a lazy chunk or a worker can take seconds to arrive when both cores are busy). It still
 * returns as soon as the condition holds.
 */
export function waitUntil(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 10_000, ...options });
}

/** A reply with every kind of Markdown block the element renders: heading, list, table, link, code. */
export const MARKDOWN_REPLY = [
  '# Plan',
  '',
  'Some **bold** and a [link](https://example.com).',
  '',
  '- one',
  '- two',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '```js',
  'const answer = 42;',
  '```',
  '',
  'Done.',
].join('\n');
