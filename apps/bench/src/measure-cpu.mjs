/* global customElements, MutationObserver */
// The CPU runtime's replies, measured in a page of any engine (see tools/drive.mjs: `goto`,
// `evaluate`): through <ai-chat> (the script-tag build, its worker, our downloader, wllama nested
// in our worker) and through wllama driven directly on the page (same wasm, context and thread).

/**
 * Replies through <ai-chat>: the page-clock decode rate, llama.cpp's own figures, the prediction,
 * and the build and threads the worker loaded. The first reply after the load (`first`) is kept
 * apart from the `runs` that follow it. `fresh`: each run to a new conversation, the prompt wllama
 * driven directly gets (one user message): a growing conversation makes each token attend to more
 * of the KV cache, which is the model's work, not the element's (it read as a 0.89 "overhead"
 * before). Otherwise the runs follow one conversation, as a visitor's do, which is what the speed
 * prediction is for. `hc`: the core count the page's workers see (1 thread below 4); `nojspi`:
 * workers without JSPI (wllama's compat build).
 */
export async function ours(page, { origin, model, tokens, runs, fresh = false, hc = 0, nojspi = false }) {
  const query = new URLSearchParams({ ...(hc ? { hc: String(hc) } : {}), ...(nojspi ? { nojspi: '' } : {}) });
  await page.goto(`${origin}/ours.html?${query}`);
  return page.evaluate(
    async (url, tokens, runs, fresh) => {
      await customElements.whenDefined('ai-chat');
      const el = document.createElement('ai-chat');
      el.setAttribute('model-url', url);
      el.setAttribute('runtime', 'wasm');
      el.setAttribute('max-tokens', String(tokens));
      // What the element said last, for a page that never answers (see `stateOf`).
      const log = (window.__aiChat = { statuses: [], progress: '', errors: [], replies: 0 });
      const at = () => `${Math.round(performance.now() / 100) / 10} s`;
      el.addEventListener('ai-chat-status', (e) => log.statuses.push(`${e.status} at ${at()}`));
      el.addEventListener('ai-chat-progress', (e) => {
        log.progress = `${e.phase} ${Math.round(e.progress * 100)} % (${e.text}) at ${at()}`;
      });
      el.addEventListener('ai-chat-error', (e) => log.errors.push(e.message));
      el.addEventListener('ai-chat-stats', () => log.replies++);
      document.body.append(el);
      await el.load();
      const reply = async (text) => {
        const t0 = performance.now();
        let first;
        const seen = new MutationObserver(() => (first ??= performance.now()));
        seen.observe(el.shadowRoot, { subtree: true, childList: true, characterData: true });
        if (fresh) el.reset();
        const sending = el.send(text);
        await new Promise((r) => setTimeout(r, 0));
        first = undefined; // only mutations after the user's message count
        await sending;
        const end = performance.now();
        seen.disconnect();
        const n = el.stats.completionTokens;
        return {
          wallTps: ((n - 1) * 1000) / (end - (first ?? t0)),
          llamaTps: el.stats.tokensPerSecond,
          msPerToken: el.stats.msPerToken,
          n,
        };
      };
      const first = await reply('warm up');
      const out = [];
      for (let i = 0; i < runs; i++) out.push(await reply(`question ${i}`));
      const info = el.modelInfo;
      await el.unload();
      return {
        first,
        runs: out,
        predicted: info.predictedMsPerToken,
        bytes: info.downloadBytes,
        cpu: info.cpu,
      };
    },
    `${origin}/gguf/${model}.gguf`,
    tokens,
    runs,
    fresh,
  );
}

/** What the element of `ours` said last (statuses, progress, errors, replies), as words; '' if the page cannot say. */
export async function stateOf(page) {
  const said = page.evaluate(() => JSON.stringify(window.__aiChat ?? null));
  const timeout = new Promise((resolve) => setTimeout(() => resolve(''), 10_000).unref());
  return Promise.race([said, timeout]).catch(() => '');
}

/** The same replies from wllama driven directly on the page (same wasm, same context, one thread). */
export async function direct(page, { origin, model, tokens, runs }) {
  await page.goto(`${origin}/direct.html`);
  return page.evaluate(
    async (url, tokens, runs) => {
      const { Wllama } = await import('/wllama-esm/index.js');
      const quiet = { debug() {}, log() {}, warn() {}, error: console.error };
      const w = new Wllama(
        { default: '/ai-chat/wllama/wllama.wasm' },
        { suppressNativeLog: true, logger: quiet },
      );
      const blob = await (await fetch(url)).blob();
      await w.loadModel([blob], { n_ctx: 512, n_gpu_layers: 0, n_threads: 1 });
      const reply = async (content) => {
        const t0 = performance.now();
        let first;
        let timings;
        const stream = await w.createChatCompletion({
          messages: [{ role: 'user', content }],
          stream: true,
          max_tokens: tokens,
          timings_per_token: true,
        });
        for await (const chunk of stream) {
          if (chunk.choices?.[0]?.delta?.content) first ??= performance.now();
          timings = chunk.timings ?? timings;
        }
        const end = performance.now();
        const n = timings.predicted_n;
        return {
          wallTps: ((n - 1) * 1000) / (end - (first ?? t0)),
          llamaTps: timings.predicted_per_second,
          n,
        };
      };
      await reply('warm up');
      const out = [];
      for (let i = 0; i < runs; i++) out.push(await reply(`question ${i}`));
      await w.exit();
      return { runs: out };
    },
    `${origin}/gguf/${model}.gguf`,
    tokens,
    runs,
  );
}
