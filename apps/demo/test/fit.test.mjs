// The demo page's own setup (`model="auto" max-model-size="2GB"`), built and served like `pnpm start`,
// in headless Chromium with its SwiftShader WebGPU adapter (no shader-f16). The model hosts named in
// web-llm's prebuilt list (huggingface.co for the weights, raw.githubusercontent.com for the model
// libraries) are stood in for by this test: every request to them is answered here, from generated
// files, so nothing leaves the machine. The stand-in's weights are as large as a model's id says
// (parameters × bits per weight × 1.2), so the 3B models are over the page's 2 GB.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LIB_BYTES, modelFiles } from '../../../packages/ai-chat/test/server/model-server.mjs';
import { serve } from '../scripts/serve.mjs';
import { launchChromium } from '../shared/chromium.mjs';

const HOSTS = /^https:\/\/(huggingface\.co|raw\.githubusercontent\.com)\//;

/** Bytes the stand-in host says a model's weights take: parameters × bits per weight × 1.2. */
function weightBytes(id) {
  const size = /(?<![a-z\d])e?(\d+(?:[._]\d+)?)([BM])(?![a-z])/i.exec(id);
  const params = size ? Number(size[1].replace('_', '.')) * (size[2].toUpperCase() === 'M' ? 1e6 : 1e9) : 4e9;
  const quant = /q(\d)f(16|32)/.exec(id);
  const bits = Number(quant[1]) === 0 ? Number(quant[2]) : Number(quant[1]) + Number(quant[2]) / 32;
  return Math.round(params * 1.2 * (bits / 8));
}

/** The stand-in for the model hosts: config and index (weights only described, never served). */
function standIn(url) {
  const { pathname } = new URL(url);
  if (pathname.endsWith('.wasm')) return { body: LIB_BYTES };
  const m = /^\/mlc-ai\/([^/]+)\/resolve\/main\/(.+)$/.exec(pathname);
  if (!m) return undefined;
  const [, id, file] = m;
  const files = modelFiles(`${id}-s4x1`);
  if (file === 'tensor-cache.json') {
    const shards = 20;
    const records = Array.from({ length: shards }, (_, i) => ({
      dataPath: `params_shard_${i}.bin`,
      format: 'raw-shard',
      nbytes: Math.round(weightBytes(id) / shards),
      records: [],
    }));
    return { body: Buffer.from(JSON.stringify({ metadata: { ParamSize: shards }, records })) };
  }
  if (file === 'mlc-chat-config.json' || file === 'tokenizer.json') return { body: files[file] };
  return undefined;
}

let server;
let browser;
let origin;

before(async () => {
  server = await serve({ port: 0 });
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.close();
});

describe("the demo page's own setup, with a stand-in for the model hosts (SwiftShader WebGPU)", () => {
  it('real worker: model="auto" max-model-size="2GB" proposes a chat model within 2 GB on its consent card, measured without a shard', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const hostRequests = [];
    const elsewhere = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (HOSTS.test(url)) {
        hostRequests.push(`${request.method()} ${url}`);
        const answer = standIn(url);
        return void request.respond({
          status: answer ? 200 : 404,
          headers: { 'Access-Control-Allow-Origin': '*', 'Content-Length': String(answer?.body.length ?? 0) },
          contentType: 'application/octet-stream',
          body: answer?.body ?? '',
        });
      }
      if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))
        elsewhere.push(url);
      return void request.continue();
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(
      () => {
        const el = document.querySelector('ai-chat');
        return el?.shadowRoot && ((el.modelInfo && el.status === 'idle') || el.status === 'error');
      },
      { timeout: 60000 },
    );
    const state = await page.evaluate(() => {
      const el = document.querySelector('ai-chat');
      return {
        status: el.status,
        deviceMemory: navigator.deviceMemory,
        info: el.modelInfo,
        consent: el.shadowRoot.querySelector('[part="consent"]')?.textContent.replace(/\s+/g, ' ').trim(),
        // The card shows a friendly name; the full id is its title.
        named: el.shadowRoot.querySelector('[part="consent"] .model-name')?.title,
        error: el.shadowRoot.querySelector('[part="error"]')?.textContent.replace(/\s+/g, ' ').trim(),
      };
    });
    console.log(`# navigator.deviceMemory ${state.deviceMemory}; consent card: ${state.consent}`);
    console.log(`# model host requests (stand-in):\n${hostRequests.map((r) => `#   ${r}`).join('\n')}`);
    assert.equal(state.status, 'idle', JSON.stringify(state));
    assert.match(state.info.id, /Instruct|-it-|chat/i, 'a chat model');
    assert.doesNotMatch(state.info.id, /embed|vision/i);
    assert.ok(state.info.downloadBytes <= 2e9, `${state.info.downloadBytes} within max-model-size`);
    assert.equal(state.named, state.info.id, state.consent);
    assert.match(state.consent, /Download and start/);
    assert.deepEqual(
      hostRequests.filter((r) => r.includes('params_shard')),
      [],
      'no weight requested',
    );
    assert.deepEqual(elsewhere, [], 'no request to any other host');
    await context.close();
  });
});
