/* global customElements, MutationObserver */
// A 20-turn conversation on the CPU runtime (real wllama, a generated 4,096-token model): what each
// turn costs, through <ai-chat> and with wllama driven directly on the same model, same thread.
//   ours:   <ai-chat> (script-tag build) with a 40-word system prompt, 20 sends of 60–120 words,
//           24 tokens a reply. The element fits each request into the 4,096 tokens (the oldest
//           turns left out) and llama.cpp keeps its KV cache between turns.
//   direct: the same conversation sent whole to wllama on the page, with the same weights in a
//           context large enough to hold all of it (16,384 tokens; llama.cpp opens no more than the
//           model says, so that model file says 16,384): what llama.cpp's cache gives when nothing
//           is left out.
// Per turn: prompt tokens evaluated (llama.cpp's `prompt_n`; cached ones are not evaluated) and
// time to first token on the page's clock. Console errors of the page and its workers are counted.
import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { freshPage } from './browser.mjs';
import { median } from './stats.mjs';
import { makeGguf } from '../../../packages/ai-chat/test/gguf/make-gguf.mjs';

export const CONVERSATION_MODEL = 'conversation-d256l4-q8_0-c4096';
const DIRECT_MODEL = 'conversation-d256l4-q8_0-c16384';
const TURNS = 20;
const REPLY_TOKENS = 24;
// Words in a pseudo-random order (an LCG from `seed`): no long run repeats across messages, as in
// real text (a repeating pattern would let llama.cpp's cache reuse match the wrong place).
const WORDS =
  'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu amber cobalt ember frost grove harbor'.split(
    ' ',
  );
const words = (n, seed) => {
  let x = (seed * 2654435761) >>> 0;
  return Array.from({ length: n }, () => WORDS[(x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 27]).join(
    ' ',
  );
};
const SYSTEM = words(40, 99);
const MESSAGES = Array.from({ length: TURNS }, (_, i) => words(60 + (((i + 1) * 37) % 61), i + 1));

export function writeConversationModel(dir) {
  for (const [name, context] of [
    [CONVERSATION_MODEL, 4096],
    [DIRECT_MODEL, 16384],
  ]) {
    const file = join(dir, `${name}.gguf`);
    if (!existsSync(file)) writeFileSync(file, makeGguf({ dim: 256, layers: 4, type: 'q8_0', context }));
  }
}

/** Console errors of the page and of every worker it starts, in words. */
function consoleErrors(page) {
  const errors = [];
  const watch = (target) =>
    target.on('console', (m) => {
      // The page's own favicon request is no error of the element.
      const url = m.location()?.url ?? '';
      if (m.type() === 'error' && !url.endsWith('/favicon.ico'))
        errors.push(`${m.text().slice(0, 200)} ${url}`.trim());
    });
  watch(page);
  page.on('workercreated', watch);
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** The conversation on a fresh page (`path`) with `model`, driven by `drive` in the page. */
async function onPage(browser, origin, path, model, drive) {
  const { page, close } = await freshPage(browser);
  const errors = consoleErrors(page);
  try {
    await page.goto(`${origin}${path}`);
    const turns = await page.evaluate(drive, `${origin}/gguf/${model}.gguf`, SYSTEM, MESSAGES, REPLY_TOKENS);
    return { turns, errors };
  } finally {
    await close();
  }
}

const ours = (browser, origin) =>
  onPage(browser, origin, '/ours.html', CONVERSATION_MODEL, async (url, system, messages, tokens) => {
    await customElements.whenDefined('ai-chat');
    const el = document.createElement('ai-chat');
    el.setAttribute('model-url', url);
    el.setAttribute('system-prompt', system);
    el.setAttribute('max-tokens', String(tokens));
    document.body.append(el);
    await el.load();
    const out = [];
    for (const text of messages) {
      const start = performance.now();
      let first;
      const seen = new MutationObserver(() => {
        if (first === undefined && el.shadowRoot.querySelector('[data-streaming] .content')?.textContent)
          first = performance.now();
      });
      seen.observe(el.shadowRoot, { subtree: true, childList: true, characterData: true });
      const reply = await el.send(text);
      seen.disconnect();
      out.push({
        ttftMs: (first ?? performance.now()) - start,
        promptTokens: el.stats.promptTokens,
        answered: !!reply.content,
      });
    }
    const notes = el.shadowRoot.querySelectorAll('.context-note').length;
    return out.map((t) => ({ ...t, kept: el.messages.length, notes }));
  });

const direct = (browser, origin) =>
  onPage(browser, origin, '/direct.html', DIRECT_MODEL, async (url, system, messages, tokens) => {
    const { Wllama } = await import('/wllama-esm/index.js');
    const quiet = { debug() {}, log() {}, warn() {}, error: console.error };
    const w = new Wllama(
      { default: '/ai-chat/wllama/wllama.wasm' },
      { suppressNativeLog: true, logger: quiet },
    );
    await w.loadModel([await (await fetch(url)).blob()], { n_ctx: 16384, n_gpu_layers: 0, n_threads: 1 });
    const history = [{ role: 'system', content: system }];
    const out = [];
    for (const text of messages) {
      history.push({ role: 'user', content: text });
      const start = performance.now();
      let first;
      let timings;
      let reply = '';
      const stream = await w.createChatCompletion({
        messages: history,
        stream: true,
        max_tokens: tokens,
        timings_per_token: true,
      });
      for await (const chunk of stream) {
        const delta = chunk.choices?.[0]?.delta?.content;
        if (delta) ((first ??= performance.now()), (reply += delta));
        timings = chunk.timings ?? timings;
      }
      history.push({ role: 'assistant', content: reply });
      out.push({
        ttftMs: (first ?? performance.now()) - start,
        promptTokens: timings.prompt_n,
        answered: !!reply,
      });
    }
    await w.exit();
    return out;
  });

/** Turns 2–4 and 18–20 (medians), their ratio, and what else a conversation must hold. */
function summary({ turns, errors }) {
  const pick = (from, to, key) => median(turns.slice(from - 1, to).map((t) => t[key]));
  const early = { promptTokens: pick(2, 4, 'promptTokens'), ttftMs: pick(2, 4, 'ttftMs') };
  const late = { promptTokens: pick(18, 20, 'promptTokens'), ttftMs: pick(18, 20, 'ttftMs') };
  return {
    early,
    late,
    ratio: { promptTokens: late.promptTokens / early.promptTokens, ttftMs: late.ttftMs / early.ttftMs },
    answered: turns.filter((t) => t.answered).length,
    kept: turns.at(-1)?.kept,
    notes: turns.at(-1)?.notes,
    consoleErrors: errors,
    turns: turns.map(({ ttftMs, promptTokens }) => ({ ttftMs: Math.round(ttftMs), promptTokens })),
  };
}

export async function measureConversation(browser, origin) {
  return { ours: summary(await ours(browser, origin)), direct: summary(await direct(browser, origin)) };
}
