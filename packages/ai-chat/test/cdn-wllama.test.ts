import { expect } from '@open-wc/testing';
import { WorkerClient } from '../src/engine/page/worker-client.js';
import type { CompletionChunk } from '../src/engine/engine.js';

// The built script-tag worker (dist/cdn/worker.js, built before `pnpm test`), for real: wllama's
// chunk and its wasm load from beside the script; no other host is reachable here.
const BUILT_WORKER = `${location.origin}/dist/cdn/worker.js`;

describe('the built dist/cdn worker (real wllama)', function () {
  this.timeout(60000);

  it('real wllama: dist/cdn/worker.js runs a GGUF model with the wasm from dist/cdn/wllama/', async () => {
    const c = new WorkerClient(new Worker(BUILT_WORKER, { type: 'module' }));
    try {
      const spec = { model: 'auto', modelUrl: `${location.origin}/gguf/cdn-${Date.now()}.gguf` };
      expect((await c.load(spec, () => undefined)).runtime).to.equal('wasm');
      const chunks: CompletionChunk[] = [];
      const request = {
        messages: [{ role: 'user' as const, content: 'hi' }],
        stream: true as const,
        max_tokens: 4,
      };
      for await (const chunk of c.generate(request)) chunks.push(chunk);
      expect(chunks.find((ch) => ch.usage)!.usage!.completion_tokens).to.equal(4);
      const wasm = (await (await fetch('/__wllama/requests')).json()) as string[];
      expect(wasm).to.include('/dist/cdn/wllama/wllama.wasm');
    } finally {
      c.terminate();
    }
  });
});
