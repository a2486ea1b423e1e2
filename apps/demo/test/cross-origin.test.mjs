// The script tag from anywhere: a page on one 127.0.0.1 port loads dist/cdn/ai-chat.js from another
// port (the "CDN"), and the model from a third (the "model host"). Real web-llm in the real
// dist/cdn/worker.js, against a generated model folder (no weights can be downloaded here): the
// element defines, starts its worker from a blob: URL that imports the CDN's worker.js, and runs
// its preflight. Then the same under the strict Content Security Policy the package README
// documents, with a violation listener and a report endpoint that must stay silent.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { LIB_BYTES, modelFiles, shardBytes } from '../../../packages/ai-chat/test/server/model-server.mjs';
import { serve } from '../scripts/serve.mjs';
import { launchChromium } from '../shared/chromium.mjs';

const MODEL = 'xo-q4f32_1-MLC-s3x32';

/** The policy of a strict site, as the package README documents it. */
export function strictPolicy({ scriptHost, modelHosts, reportUri }) {
  return [
    `default-src 'self'`,
    `script-src 'self' ${scriptHost} 'wasm-unsafe-eval'`,
    `worker-src 'self' blob: ${scriptHost}`,
    `connect-src 'self' ${scriptHost} ${modelHosts.join(' ')}`,
    `style-src 'self'`,
    `img-src 'self' data:`,
    `object-src 'none'`,
    `base-uri 'none'`,
    ...(reportUri ? [`report-uri ${reportUri}`] : []),
  ].join('; ');
}

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
const originOf = (server) => `http://127.0.0.1:${server.address().port}`;

let cdn; // apps/demo/dist, with dist/cdn/ from the package build (sends Access-Control-Allow-Origin)
let models; // the generated model folder
let site; // the page
let browser;
const modelRequests = [];
const reports = [];
let pagePolicy = '';

before(async () => {
  cdn = await serve({ port: 0 });
  models = await listen(
    createServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      modelRequests.push(path);
      const m = /^\/models\/([^/]+)\/(?:resolve\/main\/)?(.+)$/.exec(path);
      const files = m ? modelFiles(m[1]) : {};
      const file = m?.[2];
      const shard = /^params_shard_(\d+)\.bin$/.exec(file ?? '');
      const body =
        file === 'lib.wasm'
          ? LIB_BYTES
          : file in files && typeof files[file] !== 'number'
            ? files[file]
            : shard && Number(shard[1]) < files.shards
              ? shardBytes(m[1], Number(shard[1]))
              : undefined;
      const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
      if (!body) return void res.writeHead(404, headers).end('not found');
      res.writeHead(200, {
        ...headers,
        'Content-Type': 'application/octet-stream',
        'Content-Length': body.length,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    }),
  );
  site = await listen(
    createServer((req, res) => {
      if (req.url === '/__csp') {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => (reports.push(body), res.writeHead(204).end()));
        return;
      }
      if (req.url !== '/') return void res.writeHead(404).end();
      const model = `${originOf(models)}/models/${MODEL}`;
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        ...(pagePolicy ? { 'Content-Security-Policy': pagePolicy } : {}),
      });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>a site</title>
<script type="module" src="${originOf(cdn)}/cdn/ai-chat.js"></script></head>
<body><ai-chat model="${MODEL}" model-url="${model}" model-lib-url="${model}/lib.wasm"></ai-chat></body></html>`);
    }),
  );
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  for (const server of [cdn, models, site]) server?.close();
});

/** The documented policy for this test's hosts, with a report endpoint on the site. */
const sitePolicy = ({ modelHosts = [originOf(models)] } = {}) =>
  strictPolicy({ scriptHost: originOf(cdn), modelHosts, reportUri: `${originOf(site)}/__csp` });

/** Wait until a CSP report arrives (they are posted asynchronously), at most 2 s. */
async function someReport() {
  for (let i = 0; i < 20 && reports.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
}

/** What the preflight must add up to: every weight shard, the index, the library, config and tokenizer. */
function expectedDownloadBytes() {
  const files = modelFiles(MODEL);
  return (
    files.shards * files.size +
    files['tensor-cache.json'].length +
    LIB_BYTES.length +
    files['mlc-chat-config.json'].length +
    files['tokenizer.json'].length
  );
}

async function openSite(policy) {
  pagePolicy = policy;
  modelRequests.length = 0;
  reports.length = 0;
  // A fresh context each time: web-llm's Cache Storage must not carry files from one test to the next.
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const requests = [];
  const workers = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('workercreated', (w) => workers.push(w.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(`${originOf(site)}/`);
  await page.waitForFunction(
    () => customElements.get('ai-chat') && document.querySelector('ai-chat')?.shadowRoot,
  );
  // The consent card's preflight runs at once: let it settle.
  await page.waitForFunction(
    () => {
      const el = document.querySelector('ai-chat');
      return (el.modelInfo && el.status === 'idle') || el.status === 'error';
    },
    { timeout: 30000 },
  );
  return { page, requests, workers, errors };
}

/** Load (real web-llm in the CDN's worker): the preflight fills modelInfo, then the fake library fails. */
async function loadModel(page) {
  return page.evaluate(async () => {
    const el = document.querySelector('ai-chat');
    const statuses = [];
    el.addEventListener('ai-chat-status', (e) => statuses.push(e.status));
    const error = new Promise((resolve) =>
      el.addEventListener('ai-chat-error', (e) => resolve({ code: e.code, message: e.message }), {
        once: true,
      }),
    );
    el.load().catch(() => undefined);
    const failed = await error;
    return { modelInfo: el.modelInfo, statuses, failed, status: el.status };
  });
}

describe('script tag from another origin (the real worker in dist/cdn/worker.js, web-llm where a model loads; generated model folder)', () => {
  it('real worker: defines <ai-chat>, starts the worker from a blob: URL importing the CDN worker.js, and runs the preflight', async () => {
    const { page, requests, workers, errors } = await openSite('');
    // Before consent only the worker's small preflight code runs; web-llm is not fetched.
    const webllmBefore = requests.filter((u) => /\/chunks\/web-llm-[^/]*\.js$/.test(u)).length;
    const result = await loadModel(page);
    const pageOrigin = originOf(site);
    assert.equal(webllmBefore, 0, 'web-llm not fetched before a model loads');
    assert.ok(
      requests.some((u) => u.startsWith(`${originOf(cdn)}/cdn/chunks/web-llm-`)),
      'web-llm came from the script origin when the model loaded',
    );
    assert.ok(
      workers.some((u) => u.startsWith(`blob:${pageOrigin}/`)),
      `a blob: worker of the page's origin: ${workers}`,
    );
    assert.ok(
      requests.includes(`${originOf(cdn)}/cdn/worker.js`),
      'the worker module came from the script origin',
    );
    assert.deepEqual(result.modelInfo, {
      runtime: 'webgpu',
      id: MODEL,
      downloadBytes: expectedDownloadBytes(),
      vramMB: result.modelInfo.vramMB,
      // Every file was downloaded before web-llm failed at the library.
      cached: true,
    });
    assert.deepEqual(result.statuses.slice(0, 2), ['checking', 'downloading']);
    // web-llm got as far as instantiating the model library, which cannot be built here.
    assert.equal(result.failed.code, 'engine');
    assert.ok(modelRequests.some((p) => p.endsWith('/tensor-cache.json')));
    assert.deepEqual(errors, []);
    await page.browserContext().close();
  });

  it('real worker: under the documented strict CSP the element defines, starts the worker and preflights with no violation', async () => {
    const policy = sitePolicy();
    const { page, workers, errors } = await openSite(policy);
    const result = await loadModel(page);
    assert.ok(
      workers.some((u) => u.startsWith('blob:')),
      'the worker started',
    );
    assert.equal(result.modelInfo?.downloadBytes, expectedDownloadBytes());
    assert.equal(result.failed.code, 'engine', result.failed.message);
    // The library was fetched and compiled (and failed on its bytes, not on the policy).
    assert.ok(modelRequests.some((p) => p.endsWith('/lib.wasm')));
    assert.doesNotMatch(result.failed.message, /Content Security Policy|unsafe-eval|Refused/i);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    // Reports are posted asynchronously: provoke one on purpose (a fetch the policy blocks) and
    // wait for it, so any report from the load before it has arrived too.
    await page.evaluate(() => fetch('http://127.0.0.1:9/sentinel').catch(() => undefined));
    await someReport();
    assert.ok(
      reports.some((r) => r.includes('/sentinel')),
      'the sentinel report arrived',
    );
    assert.deepEqual(
      reports.filter((r) => !r.includes('/sentinel')),
      [],
      'no CSP report, from the page or the worker',
    );
    assert.deepEqual(errors, []);
    await page.browserContext().close();
  });

  it('real worker: the same policy without blob: in worker-src is reported (the listener works) and the load fails in plain words', async () => {
    const policy = sitePolicy().replace(`worker-src 'self' blob:`, `worker-src 'self'`);
    const { page } = await openSite(policy);
    const result = await loadModel(page);
    const violations = await page.evaluate(() => window.__violations);
    assert.ok(
      violations.some((v) => v.startsWith('worker-src')),
      `a worker-src violation: ${violations}`,
    );
    assert.equal(result.modelInfo, undefined, 'no preflight without a worker');
    assert.doesNotMatch(result.failed.message, /\bat \S+ \(|undefined/);
    await page.browserContext().close();
  });

  it('real worker: the same policy without the model host in connect-src is reported from the worker', async () => {
    const policy = sitePolicy({ modelHosts: [] });
    const { page } = await openSite(policy);
    const result = await loadModel(page);
    await someReport();
    assert.ok(
      reports.some((r) => r.includes('connect-src')),
      `a connect-src report: ${reports}`,
    );
    // The preflight cannot measure a blocked host (size unknown: 0); the load then fails.
    assert.equal(result.modelInfo?.downloadBytes ?? 0, 0);
    assert.equal(result.status, 'error');
    assert.equal(result.failed.code, 'network');
    assert.deepEqual(modelRequests, [], 'nothing reached the model host');
    assert.doesNotMatch(result.failed.message, /\bat \S+ \(|undefined/);
    await page.browserContext().close();
  });

  it('real web-llm: the same policy without wasm-unsafe-eval is reported when web-llm compiles the library', async () => {
    const policy = sitePolicy().replace(` 'wasm-unsafe-eval'`, '');
    const { page } = await openSite(policy);
    const result = await loadModel(page);
    await someReport();
    console.log(`# without wasm-unsafe-eval: ${result.failed.code}: ${result.failed.message}`);
    assert.ok(
      reports.some((r) => /wasm-eval|script-src/.test(r)),
      `a script-src (wasm-eval) report: ${reports}`,
    );
    assert.equal(result.modelInfo?.downloadBytes, expectedDownloadBytes(), 'the preflight still ran');
    assert.equal(result.status, 'error');
    await page.browserContext().close();
  });
});

describe('fit to the device on the built dist/cdn script (real web-llm worker, generated model folder)', () => {
  it('real web-llm: max-model-size refuses before the first byte; within the limit the download fills web-llm’s cache', async () => {
    const { page, errors } = await openSite('');
    const refused = await page.evaluate(async () => {
      const el = document.querySelector('ai-chat');
      const seen = [];
      el.addEventListener('ai-chat-threshold', (e) => seen.push(['threshold', e.kind, e.limit, e.actual]));
      el.addEventListener('ai-chat-error', (e) => seen.push(['error', e.code]));
      el.setAttribute('max-model-size', '10KB');
      while (el.status !== 'error') await new Promise((r) => setTimeout(r, 20));
      return { seen, downloadBytes: el.modelInfo.downloadBytes };
    });
    assert.deepEqual(refused.seen, [
      ['threshold', 'model-size', 10_000, expectedDownloadBytes()],
      ['error', 'model-too-large'],
    ]);
    assert.deepEqual(
      modelRequests.filter((p) => p.includes('params_shard')),
      [],
      'no shard requested',
    );
    const loaded = await page.evaluate(async () => {
      const el = document.querySelector('ai-chat');
      const progress = [];
      el.addEventListener('ai-chat-progress', (e) => progress.push([e.phase, e.loadedBytes, e.totalBytes]));
      el.setAttribute('max-model-size', '1GB');
      while (el.status !== 'idle') await new Promise((r) => setTimeout(r, 20));
      const failed = await el.load().catch((e) => e.code);
      const keys = {};
      for (const scope of ['webllm/config', 'webllm/wasm', 'webllm/model']) {
        keys[scope] = (await (await caches.open(scope)).keys()).map((r) =>
          new URL(r.url).pathname.split('/').pop(),
        );
      }
      return { failed, progress, keys };
    });
    const downloads = loaded.progress.filter(([phase]) => phase === 'download');
    assert.deepEqual(downloads.at(-1), ['download', expectedDownloadBytes(), expectedDownloadBytes()]);
    assert.deepEqual(loaded.keys['webllm/config'], ['mlc-chat-config.json']);
    assert.deepEqual(loaded.keys['webllm/wasm'], ['lib.wasm']);
    assert.deepEqual(loaded.keys['webllm/model'].sort(), [
      'params_shard_0.bin',
      'params_shard_1.bin',
      'params_shard_2.bin',
      'tensor-cache.json',
      'tokenizer.json',
    ]);
    assert.equal(loaded.failed, 'engine', 'the generated library cannot run here');
    assert.deepEqual(errors, []);
    await page.browserContext().close();
  });
});
