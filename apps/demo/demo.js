// The demo's own wiring: a live list of the element's events, and controls for the engine, the
// model, the language, the theme and the stats line. The element itself needs none of this.
// This module runs before the element's script (see index.html), so the log sees every event,
// the first `checking` included: the events bubble and are composed, so the document hears them.
import { AR } from './ar.js';
import { repliesFor } from './replies.js';

const chat = document.getElementById('chat');
const log = document.getElementById('log');
const $ = (id) => document.getElementById(id);

const FIELDS = {
  'ai-chat-status': ['status'],
  'ai-chat-progress': ['phase', 'progress', 'loadedBytes', 'totalBytes'],
  'ai-chat-ready': ['model', 'downloadBytes', 'vramMB'],
  'ai-chat-message': ['message'],
  'ai-chat-stats': [
    'ttftMs',
    'msPerToken',
    'tokensPerSecond',
    'prefillTokensPerSecond',
    'promptTokens',
    'completionTokens',
    'rating',
  ],
  'ai-chat-threshold': ['kind', 'limit', 'actual'],
  'ai-chat-error': ['code', 'message', 'recoverable'],
};

let lastProgress = 0;
for (const [type, fields] of Object.entries(FIELDS)) {
  document.addEventListener(type, (event) => {
    // Progress fires often: list at most one every 250 ms.
    if (type === 'ai-chat-progress') {
      if (performance.now() - lastProgress < 250 && event.progress < 1) return;
      lastProgress = performance.now();
    }
    const item = document.createElement('li');
    item.className = type;
    const name = document.createElement('span');
    name.className = 'type';
    name.textContent = type.replace('ai-chat-', '');
    const values = fields.map((f) => {
      const v = event[f];
      if (type === 'ai-chat-message')
        return `${v.role}: ${v.content.slice(0, 60)}${v.content.length > 60 ? '…' : ''}`;
      return `${f}=${typeof v === 'number' ? Math.round(v * 100) / 100 : v}`;
    });
    item.append(name, ` ${values.join(' ')}`);
    log.prepend(item);
  });
}

let ScriptedEngine;
async function scriptedEngine(lang) {
  ScriptedEngine ??= (await import('./cdn/testing.js')).ScriptedEngine;
  return new ScriptedEngine({ replies: repliesFor(lang) });
}

// The element follows its properties: a new runtime, model or engine frees the old one and
// prepares the new one, with no unload() first.
$('runtime').addEventListener('change', async (event) => {
  const value = event.target.value;
  if (value === 'scripted') {
    chat.engine = await scriptedEngine($('lang').value);
  } else {
    chat.engine = undefined;
    chat.setAttribute('runtime', value);
  }
  $('model').disabled = value === 'scripted';
});

// A `.gguf` choice is a model file this demo's server generates (`pnpm start`): the CPU runtime.
$('model').addEventListener('change', (event) => {
  const value = event.target.value;
  chat.modelUrl = value.endsWith('.gguf') ? new URL(`models/${value}`, location.href).href : undefined;
  chat.model = value.endsWith('.gguf') ? 'auto' : value;
});

// Which runtime and model the element chose (WebGPU, or the CPU where there is none).
chat.addEventListener('ai-chat-status', () => {
  const info = chat.modelInfo;
  const runtime = { wasm: 'CPU (WebAssembly)', webgpu: 'WebGPU', builtin: "the browser's own model" }[
    info?.runtime
  ];
  const speed = info?.predictedMsPerToken
    ? ` · about ${Math.round(info.predictedMsPerToken)} ms per token`
    : '';
  $('chosen').textContent = info ? `Runtime: ${runtime ?? 'custom'} · ${info.label ?? info.id}${speed}` : '';
});

$('lang').addEventListener('change', async (event) => {
  const lang = event.target.value;
  const rtl = lang === 'ar';
  document.documentElement.lang = lang;
  $('frame').dir = rtl ? 'rtl' : 'ltr';
  chat.lang = lang;
  // Arabic is not built in: the page gives the element its words.
  chat.strings = rtl ? AR : {};
  if (chat.engine) chat.engine = await scriptedEngine(lang);
});

$('theme').addEventListener('change', (event) => {
  const theme = event.target.value || undefined;
  chat.theme = theme;
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
});

$('stats').addEventListener('change', (event) => (chat.showStats = event.target.checked));
