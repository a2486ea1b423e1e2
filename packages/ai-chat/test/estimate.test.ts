import { expect } from '@open-wc/testing';
import {
  bitsPerWeight,
  estimateDownloadBytes,
  estimateMemoryMB,
  paramsBillions,
} from '../src/fit/estimate.js';
import { checkModelLibrary, missingImports } from '../src/engine/worker/webllm/library-check.js';
import { RUNTIME_IMPORTS } from '../src/engine/worker/webllm/runtime-imports.js';

describe('pure: what a model costs, estimated before any request', () => {
  const table: Array<[string, number | undefined, number]> = [
    // id, bits per weight, parameters (billions)
    ['Llama-3.2-1B-Instruct-q4f16_1-MLC', 4.5, 1],
    ['Llama-3.2-1B-Instruct-q4f32_1-MLC', 5, 1],
    ['Llama-3.2-1B-Instruct-q0f16-MLC', 16, 1],
    ['SmolLM2-135M-Instruct-q0f32-MLC', 32, 0.135],
    ['Llama-3.1-70B-Instruct-q3f16_1-MLC', 3.5, 70],
    ['Qwen2.5-1.5B-Instruct-q4f16_1-MLC', 4.5, 1.5],
    ['stablelm-2-zephyr-1_6b-q4f16_1-MLC-1k', 4.5, 1.6],
    ['gemma-4-E2B-it-q4f16_1-MLC', 4.5, 2],
    ['Phi-3.5-mini-instruct-q4f32_1-MLC', 5, 3.8],
    ['phi-1_5-q4f16_1-MLC', 4.5, 1.4],
    ['custom-model', undefined, 0.5],
  ];
  for (const [id, bits, params] of table) {
    it(`${id}: ${bits ?? 'no'} bits per weight, ${params}B parameters`, () => {
      expect(bitsPerWeight(id)).to.equal(bits);
      expect(paramsBillions({ model_id: id, vram_required_MB: 500 })).to.be.closeTo(params, 1e-9);
    });
  }

  it('a download estimate: parameters × bits, plus the library and tokenizer, never above the memory need', () => {
    const q4 = estimateDownloadBytes({
      model_id: 'Llama-3.2-3B-Instruct-q4f16_1-MLC',
      vram_required_MB: 2263.69,
    });
    expect(q4).to.equal(Math.round(3e9 * 1.15 * (4.5 / 8) + 20e6));
    // 1.1B × 1.15 × 4.5 bits (712 MB) is over the 708 MB (675 MiB) the model needs in memory: the memory need bounds it.
    const tiny = estimateDownloadBytes({
      model_id: 'TinyLlama-1.1B-Chat-v1.0-q4f16_1-MLC-1k',
      vram_required_MB: 675.24,
    });
    expect(tiny).to.equal(Math.round(675.24 * 2 ** 20 + 20e6));
  });

  it("a self-hosted model's memory: its weights plus the KV cache of the config's context window", () => {
    const weights = 700e6;
    expect(estimateMemoryMB(weights)).to.equal(weights / 2 ** 20);
    const config = {
      context_window_size: 4096,
      quantization: 'q4f16_1',
      model_config: {
        num_hidden_layers: 16,
        num_attention_heads: 32,
        num_key_value_heads: 8,
        hidden_size: 2048,
      },
    };
    // 2 (K and V) × 16 layers × 8 KV heads × 64 dims × 4096 tokens × 2 bytes = 128 MiB.
    expect(estimateMemoryMB(weights, config)).to.equal(weights / 2 ** 20 + 128);
    expect(estimateMemoryMB(weights, { ...config, quantization: 'q4f32_1' })).to.equal(
      weights / 2 ** 20 + 256,
    );
    expect(estimateMemoryMB(weights, { ...config, sliding_window_size: 1024 })).to.equal(
      weights / 2 ** 20 + 32,
    );
  });
});

describe("the model library against web-llm's runtime", () => {
  it('pure: missingImports names what the runtime does not provide as a function', () => {
    const wanted: WebAssembly.ModuleImportDescriptor[] = [
      { module: 'env', name: 'TVMFFIWasmSafeCall', kind: 'function' },
      { module: 'wasi_snapshot_preview1', name: 'fd_write', kind: 'function' },
      { module: 'env', name: '__console_log', kind: 'function' },
      { module: 'wasi_snapshot_preview1', name: '__console_log', kind: 'function' },
      { module: 'env', name: '_ZN3tvm7runtime9threading15ResetThreadPoolEv', kind: 'function' },
      { module: 'env', name: 'memory', kind: 'memory' },
    ];
    expect(missingImports(wanted, RUNTIME_IMPORTS).map((i) => `${i.module}.${i.name}`)).to.deep.equal([
      'wasi_snapshot_preview1.__console_log',
      'env._ZN3tvm7runtime9threading15ResetThreadPoolEv',
      'env.memory',
    ]);
  });

  const bytes = async (path: string) => (await fetch(path)).arrayBuffer();
  const failure = (p: Promise<void>) =>
    p.then(() => undefined).catch((e: Error) => `${e.name} | ${e.message}`);

  it("real WebAssembly: the test server's libraries: one links, one is not WebAssembly, one imports what the runtime lacks", async () => {
    expect(await failure(checkModelLibrary(await bytes('/models/ok-q4f32_1-MLC/lib.wasm')))).to.equal(
      undefined,
    );
    expect(await failure(checkModelLibrary(await bytes('/models/x-q4f32_1-MLC~notwasm/lib.wasm')))).to.match(
      /^ModelLibraryError \| CompileError: WebAssembly\.compile\(\): expected magic word 00 61 73 6d/,
    );
    const link = await failure(checkModelLibrary(await bytes('/models/x-q4f32_1-MLC~oldlib/lib.wasm')));
    expect(link).to.match(/^ModelLibraryError \| LinkError: WebAssembly\.instantiate\(\): Import #2/);
    expect(link).to.contain('_ZN3tvm7runtime9threading15ResetThreadPoolEv');
    expect(link).to.contain('function import requires a callable');
  });
});
