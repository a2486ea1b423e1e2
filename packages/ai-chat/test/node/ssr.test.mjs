// The built package imported in plain Node (as a server or an SSR build does): no `window`, no
// `document`, no DOM. Runs with `node --test` against dist/ through the package's own exports.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

// Record every read of a browser global during the imports, with the file that read it. Lit's
// Node build feature-detects `HTMLElement` and `document` (and falls back to its SSR shim, which
// also provides `customElements`); the package's own files (dist/) must read none of them.
const reads = [];
for (const name of ['window', 'document', 'navigator', 'location', 'self', 'HTMLElement']) {
  const had = Object.getOwnPropertyDescriptor(globalThis, name);
  if (had && name === 'navigator') continue; // Node 21+ has navigator; Node 20 does not
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      const frame = new Error().stack.split('\n')[2] ?? '';
      reads.push({ name, frame });
      return undefined;
    },
  });
}

const touched = {
  get ours() {
    return reads
      .filter((r) => /\/ai-chat\/(dist|src)\//.test(r.frame))
      .map((r) => `${r.name} ${r.frame.trim()}`);
  },
};

describe('ai-chat imported in plain Node (no DOM)', () => {
  it('the trap sees reads (Lit feature-detects document while the package loads)', async () => {
    await import('ai-chat/ai-chat.js');
    assert.ok(
      reads.some((r) => r.name === 'document'),
      'the recorder works',
    );
  });

  it('ai-chat/ai-chat.js gives the class and registers nothing', async () => {
    const mod = await import('ai-chat/ai-chat.js');
    assert.equal(typeof mod.AiChat, 'function');
    assert.equal(globalThis.customElements?.get('ai-chat'), undefined);
    assert.deepEqual(touched.ours, []);
  });

  it('ai-chat exports the class, events and helpers, and touches no window or document', async () => {
    const mod = await import('ai-chat');
    assert.equal(typeof mod.AiChat, 'function');
    for (const name of [
      'AiChatStatusEvent',
      'AiChatProgressEvent',
      'AiChatReadyEvent',
      'AiChatMessageEvent',
      'AiChatStatsEvent',
      'AiChatThresholdEvent',
      'AiChatErrorEvent',
    ]) {
      assert.equal(typeof mod[name], 'function', name);
    }
    assert.equal(mod.parseByteSize('1.5GB'), 1.5e9);
    const event = new mod.AiChatStatusEvent('ready');
    assert.equal(event.type, 'ai-chat-status');
    assert.equal(event.status, 'ready');
    assert.deepEqual(touched.ours, []);
    // The only registration happens in Lit's SSR registry, if one is installed.
    const registered = globalThis.customElements?.get('ai-chat');
    assert.ok(registered === undefined || registered === mod.AiChat);
  });

  it('ai-chat/react gives a React component with the onAiChat… event props', async () => {
    const mod = await import('ai-chat/react');
    assert.equal(mod.AiChat.displayName, 'AiChat');
    assert.deepEqual(Object.keys(mod.events), [
      'onAiChatStatus',
      'onAiChatProgress',
      'onAiChatReady',
      'onAiChatMessage',
      'onAiChatStats',
      'onAiChatThreshold',
      'onAiChatError',
    ]);
    assert.equal(mod.events.onAiChatMessage, 'ai-chat-message');
    assert.deepEqual(touched.ours, []);
  });

  it('every export imports without throwing, and the workers start nothing outside a worker', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const entries = Object.keys(pkg.exports)
      .filter((key) => !key.endsWith('.json'))
      .map((key) => `ai-chat${key.slice(1)}`);
    assert.deepEqual(entries, [
      'ai-chat',
      'ai-chat/ai-chat.js',
      'ai-chat/react',
      'ai-chat/worker.js',
      'ai-chat/testing',
      'ai-chat/jsx/react',
      'ai-chat/jsx/preact',
      'ai-chat/jsx/solid',
    ]);
    for (const entry of entries) await import(entry);
    // The npm install's worker entry, which bundlers copy: no export, nothing done.
    assert.deepEqual(Object.keys(await import('../../dist/cdn/linked/worker.js')), []);
    assert.equal(globalThis.__aiChatImport, undefined);
    assert.deepEqual(touched.ours, []);
  });

  it('the React component renders to an HTML string on the server', async () => {
    const { AiChat } = await import('ai-chat/react');
    const { createElement } = await import('react');
    const { renderToString } = await import('react-dom/server');
    const html = renderToString(createElement(AiChat, { model: 'auto', onAiChatStatus: () => {} }));
    assert.match(html, /^<ai-chat[\s>]/);
    assert.deepEqual(touched.ours, []);
  });
});
