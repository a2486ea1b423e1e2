// The demo's own wiring: a live list of the element's events, a model picker, and a scripted
// engine for visitors without WebGPU. The element itself needs none of this.
const chat = document.getElementById('chat');
const log = document.getElementById('log');

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
  chat.addEventListener(type, (event) => {
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

// The element follows its properties: a new model or engine frees the old one and prepares the new.
// A `.gguf` choice is a model file this demo's server generates (`pnpm start`): the CPU runtime.
document.getElementById('model').addEventListener('change', (event) => {
  const value = event.target.value;
  chat.modelUrl = value.endsWith('.gguf') ? new URL(`models/${value}`, location.href).href : undefined;
  chat.model = value.endsWith('.gguf') ? 'auto' : value;
});

// Which runtime and model the element chose (WebGPU, or the CPU where there is none).
const chosen = document.getElementById('chosen');
chat.addEventListener('ai-chat-status', () => {
  const info = chat.modelInfo;
  if (!info) return void (chosen.textContent = '');
  const runtime =
    info.runtime === 'wasm' ? 'CPU (WebAssembly)' : info.runtime === 'webgpu' ? 'WebGPU' : info.runtime;
  const speed = info.predictedMsPerToken
    ? ` · about ${Math.round(info.predictedMsPerToken)} ms per token`
    : '';
  chosen.textContent = `Runtime: ${runtime ?? 'custom'} · ${info.label ?? info.id}${speed}`;
});

document.getElementById('scripted').addEventListener('change', async (event) => {
  if (event.target.checked) {
    const { ScriptedEngine } = await import('./cdn/testing.js');
    chat.engine = new ScriptedEngine({
      tokenDelayMs: 25,
      replies: (request) => ({
        text: `This reply comes from a scripted engine, token by token, so you can see the element work without a GPU. You asked: "${request.messages.at(-1).content}".`,
      }),
    });
  } else {
    chat.engine = undefined;
  }
});
