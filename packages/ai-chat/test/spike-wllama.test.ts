import { expect } from '@open-wc/testing';
import { Wllama } from '@wllama/wllama';

it('spike: wllama loads the generated gguf', async () => {
  const blob = await (await fetch('/gguf/spike.gguf')).blob();
  const w = new Wllama({ default: '/src/engine/wllama/wllama.wasm' }, { suppressNativeLog: true });
  const t0 = performance.now();
  await w.loadModel([blob], { n_ctx: 512, n_gpu_layers: 0, n_threads: 1 });
  console.log('load ms', performance.now() - t0, w.getChatTemplate()?.slice(0, 40));
  const stream = await w.createChatCompletion({
    messages: [{ role: 'user', content: 'hi' }],
    stream: true,
    max_tokens: 20,
    timings_per_token: true,
  });
  const chunks: unknown[] = [];
  for await (const c of stream) chunks.push(c);
  console.log(JSON.stringify(chunks.slice(-2)), chunks.length);
  expect(chunks.length).to.be.greaterThan(0);
  await w.exit();
});
