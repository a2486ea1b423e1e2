import { expect } from '@open-wc/testing';
import {
  contextToUse,
  cpuMemoryBytes,
  kvCacheBytes,
  CALIBRATION,
  predictMsPerToken,
  wasmBuildFor,
  type BrowserEngine,
  type CpuModelShape,
  type WasmBuild,
} from '../src/fit/cpu.js';
import {
  GgufTruncatedError,
  parseGgufHeader,
  shapeFromHeader,
  tensorBytes,
} from '../src/engine/worker/wllama/gguf-header.js';
import { GGUF_CATALOG, type CatalogModel } from '../src/engine/worker/wllama/gguf-catalog.js';
import { isGgufUrl } from '../src/engine/worker/wllama/row.js';
import { pickFromCatalog } from '../src/engine/worker/wllama/preflight.js';
import { fits, namedRuntime, runtimesOf } from '../src/engine/worker/router-backend.js';
import { overflowFrom, usageFromTimings, wllamaLogger } from '../src/engine/worker/wllama/engine.js';
import { overflowOf } from '../src/engine/page/overflow.js';
import type { ModelSpec, PreflightResult } from '../src/engine/protocol.js';
import { NO_DEVICE } from '../src/fit/device.js';

const MiB = 2 ** 20;
const gguf = async (label: string) =>
  new Uint8Array(await (await fetch(`/gguf/${label}.gguf`)).arrayBuffer());

describe('pure: the GGUF header reader, on files the test generator wrote', () => {
  // label, then what the header must say: layers, embedding, heads, kvHeads, headDim, context, quantization
  const table: Array<[string, number, number, number, number, number, number, string]> = [
    ['hdr-tiny', 2, 64, 2, 2, 32, 512, 'Q8_0'],
    ['hdr-d256l4-q8_0', 4, 256, 8, 8, 32, 512, 'Q8_0'],
    ['hdr-d128l3-q4_0', 3, 128, 4, 4, 32, 512, 'Q4_0'],
    ['hdr-d96l2-f16', 2, 96, 3, 3, 32, 512, 'F16'],
    ['hdr-d64l1-f32', 1, 64, 2, 2, 32, 512, 'F32'],
  ];
  for (const [label, layers, embedding, heads, kvHeads, headDim, context, quantization] of table)
    it(`${label}: ${layers} layers, dim ${embedding}, ${quantization}; the file's length from its tensor table`, async () => {
      const bytes = await gguf(label);
      const header = parseGgufHeader(bytes);
      expect(header.version).to.equal(3);
      expect(header.fileBytes).to.equal(bytes.byteLength);
      expect(header.tensors.length).to.equal(3 + 9 * layers);
      expect(header.metadata['tokenizer.chat_template']).to.contain('<|im_start|>');
      expect((header.metadata['tokenizer.ggml.tokens'] as { length: number }).length).to.equal(261);
      const shape = shapeFromHeader(header);
      expect([shape.architecture, shape.layers, shape.embedding, shape.heads, shape.kvHeads]).to.deep.equal([
        'llama',
        layers,
        embedding,
        heads,
        kvHeads,
      ]);
      expect([shape.headDim, shape.contextLength, shape.quantization]).to.deep.equal([
        headDim,
        context,
        quantization,
      ]);
      expect(shape.weightBytes)
        .to.be.below(bytes.byteLength)
        .and.above(bytes.byteLength * 0.8);
    });

  it('a header cut short asks for more bytes; other bytes are not GGUF', async () => {
    const bytes = await gguf('hdr-tiny');
    for (const cut of [3, 30, 2000]) {
      const error = (() => {
        try {
          parseGgufHeader(bytes.subarray(0, cut));
        } catch (e) {
          return e;
        }
      })();
      expect(error, `cut at ${cut}`).to.be.instanceOf(GgufTruncatedError);
      expect((error as GgufTruncatedError).needed).to.be.above(cut);
    }
    expect(() => parseGgufHeader(new TextEncoder().encode('<html>not a model</html>'))).to.throw(
      'not a GGUF file',
    );
  });

  it('tensor bytes per ggml type', () => {
    const table: Array<[number, number[], number]> = [
      [0, [64, 2], 512],
      [1, [64, 2], 256],
      [8, [64, 2], 136],
      [2, [64, 2], 72],
      [12, [256, 4], 576],
      [14, [512], 420],
    ];
    for (const [type, dims, bytes] of table) expect(tensorBytes(type, dims), `type ${type}`).to.equal(bytes);
    expect(() => tensorBytes(99, [32])).to.throw('unknown ggml type 99');
  });
});

const shape = (over: Partial<CpuModelShape> = {}): CpuModelShape => ({
  architecture: 'llama',
  layers: 16,
  embedding: 2048,
  heads: 32,
  kvHeads: 8,
  headDim: 64,
  contextLength: 131072,
  weightBytes: 800e6,
  quantization: 'Q4_K',
  ...over,
});

describe('pure: fit on the CPU', () => {
  it('the context used is the model’s, capped at 4096, at least 256', () => {
    expect([512, 8192, 131072, 100, 0].map((c) => contextToUse({ contextLength: c }))).to.deep.equal([
      512, 4096, 4096, 256, 4096,
    ]);
  });

  it('memory: weights + KV cache (f16 keys and values, every layer) + compute buffers', () => {
    // Llama 3.2 1B at 4096 tokens: 2 × 16 layers × 4096 × 8 heads × 64 × 2 bytes = 128 MiB.
    expect(kvCacheBytes(shape(), 4096)).to.equal(128 * MiB);
    expect(cpuMemoryBytes(shape())).to.equal(800e6 + 128 * MiB + 80e6);
    // A tiny model still counts 64 MiB of compute buffers.
    const tiny = shape({ layers: 2, kvHeads: 2, headDim: 32, contextLength: 512, weightBytes: 150_000 });
    expect(cpuMemoryBytes(tiny)).to.equal(150_000 + 2 * 2 * 512 * 64 * 2 + 64 * MiB);
  });

  it('the wasm build: the fast one needs both JSPI and Memory64', () => {
    const table: Array<[boolean, boolean, string]> = [
      [true, true, 'jspi-memory64'],
      [true, false, 'compat'],
      [false, true, 'compat'],
      [false, false, 'compat'],
    ];
    for (const [jspi, memory64, build] of table) expect(wasmBuildFor({ jspi, memory64 })).to.equal(build);
  });

  it('predicted ms per token grows with the weights, shrinks with threads, grows with 4-bit weights', () => {
    const probe = { bytesPerMs: 1e6 };
    const sizes = [1e6, 40e6, 170e6, 400e6, 800e6].map((b) => predictMsPerToken(b, probe));
    expect([...sizes].sort((a, b) => a - b)).to.deep.equal(sizes);
    expect(predictMsPerToken(400e6, probe, { threads: 4 })).to.be.below(predictMsPerToken(400e6, probe));
    expect(predictMsPerToken(400e6, probe, { quantization: 'Q4_K' })).to.be.above(
      predictMsPerToken(400e6, probe, { quantization: 'Q8_0' }),
    );
  });

  // Every engine and build: [engine, build]. The prediction is a fixed cost per token plus the
  // weights' term; these rows hold each part to its meaning, whatever the calibration's figures.
  const builds = (['chromium', 'firefox', 'webkit'] as const).flatMap((engine) =>
    (['jspi-memory64', 'compat'] as const).map((build) => [engine, build] as const),
  );
  const at = (engine: BrowserEngine, build: WasmBuild, bytes: number, bytesPerMs = 1e5, threads = 1) =>
    predictMsPerToken(bytes, { bytesPerMs }, { engine, build, threads, quantization: 'Q8_0' });
  for (const [engine, build] of builds)
    it(`${engine} ${build}: no weights cost the fixed cost per token alone, on any probe and any threads`, () => {
      const { fixedMs } = CALIBRATION[engine][build];
      expect(fixedMs, 'a cost, in ms').to.be.above(0).and.below(20);
      for (const [probe, threads] of [
        [1e4, 1],
        [1e6, 1],
        [1e5, 4],
      ])
        expect(at(engine, build, 0, probe, threads)).to.equal(Math.round(fixedMs * 10) / 10);
    });
  for (const [engine, build] of builds)
    it(`${engine} ${build}: the weights' term doubles with the bytes, halves with a probe twice as fast; the fixed cost does not`, () => {
      const fixed = at(engine, build, 0);
      const term = at(engine, build, 40e6) - fixed;
      expect(term).to.be.above(1);
      expect(at(engine, build, 80e6) - fixed).to.be.closeTo(2 * term, 0.15);
      expect(at(engine, build, 40e6, 2e5) - fixed).to.be.closeTo(term / 2, 0.15);
    });
  it('the fixed cost is most of a tiny model (0.2 MB) and little of a large one (800 MB), on a probe of 1 GB/s', () => {
    for (const [engine, build] of builds) {
      const fixed = at(engine, build, 0);
      expect(at(engine, build, 0.2e6, 1e6), `${engine} ${build}`).to.be.below(fixed * 1.5);
      expect(at(engine, build, 800e6, 1e6), `${engine} ${build}`).to.be.above(fixed * 20);
    }
  });
  it('a build not measured in an engine is never predicted faster than the measured one', () => {
    expect(at('chromium', 'compat', 40e6)).to.be.at.least(at('chromium', 'jspi-memory64', 40e6));
    expect(at('webkit', 'compat', 40e6)).to.be.at.least(at('webkit', 'jspi-memory64', 40e6));
  });
});

describe('pure: which model and which runtime', () => {
  const catalog: CatalogModel[] = GGUF_CATALOG.map((m) => ({ ...m }));
  const msPerMB = (ms: number) => (bytes: number) => (bytes / 1e6) * ms;
  const table: Array<
    [string, { maxDownloadBytes?: number; maxMemoryBytes: number; latencyMs: number }, number, string]
  > = [
    [
      'fast device, no limits: the largest',
      { maxMemoryBytes: 6 * 2 ** 30, latencyMs: 50 },
      0.05,
      'Llama-3.2-1B-Instruct-Q4_K_M-GGUF',
    ],
    [
      'a slower device: the largest under 50 ms',
      { maxMemoryBytes: 6 * 2 ** 30, latencyMs: 50 },
      0.2,
      'SmolLM2-135M-Instruct-Q8_0-GGUF',
    ],
    [
      'the latency threshold raised',
      { maxMemoryBytes: 6 * 2 ** 30, latencyMs: 100 },
      0.2,
      'Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF',
    ],
    [
      'nothing fast enough: the smallest',
      { maxMemoryBytes: 6 * 2 ** 30, latencyMs: 5 },
      1,
      'SmolLM2-135M-Instruct-Q8_0-GGUF',
    ],
    [
      'max-model-size 300MB',
      { maxDownloadBytes: 300e6, maxMemoryBytes: 6 * 2 ** 30, latencyMs: 50 },
      0.01,
      'SmolLM2-135M-Instruct-Q8_0-GGUF',
    ],
    [
      'max-memory 700 MB',
      { maxMemoryBytes: 700 * MiB, latencyMs: 50 },
      0.01,
      'Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF',
    ],
    [
      'nothing fits: the smallest, so the refusal names it',
      { maxMemoryBytes: 10 * MiB, latencyMs: 50 },
      0.01,
      'SmolLM2-135M-Instruct-Q8_0-GGUF',
    ],
  ];
  for (const [name, limits, ms, id] of table)
    it(`auto on the CPU, ${name}: ${id}`, () =>
      expect(pickFromCatalog(catalog, limits, msPerMB(ms))!.id).to.equal(id));

  it('every catalog model is one file under 2 GB, an instruct model, with its shape', () => {
    for (const m of GGUF_CATALOG) {
      expect(m.bytes, m.id).to.be.below(2e9);
      expect(m.id).to.match(/Instruct/);
      expect(isGgufUrl(m.url), m.url).to.equal(true);
      expect(m.layers * m.embedding * m.heads * m.kvHeads * m.headDim * m.contextLength).to.be.above(0);
    }
  });

  const specs: Array<[ModelSpec, string | undefined]> = [
    [{ model: 'auto', modelUrl: 'https://example.test/m.gguf' }, 'wasm'],
    [{ model: 'auto', modelUrl: '/models/x.GGUF?download=1' }, 'wasm'],
    [
      { model: 'auto', modelUrl: 'https://example.test/mlc/', modelLibUrl: 'https://example.test/lib.wasm' },
      'webgpu',
    ],
    [{ model: 'SmolLM2-360M-Instruct-Q8_0-GGUF' }, 'wasm'],
    [{ model: 'Llama-3.2-1B-Instruct-q4f16_1-MLC' }, 'webgpu'],
    [{ model: 'auto' }, undefined],
    [{ model: 'auto', runtimes: ['webgpu', 'wasm'] }, undefined],
    [{ model: 'auto', runtimes: ['wasm'] }, 'wasm'],
    [{ model: 'auto', runtimes: ['webgpu'] }, 'webgpu'],
  ];
  for (const [spec, runtime] of specs)
    it(`${JSON.stringify(spec)} names ${runtime ?? 'no runtime: auto tries each in order'}`, () =>
      expect(namedRuntime(spec, GGUF_CATALOG)).to.equal(runtime));

  it('the runtimes default to webgpu then wasm', () => {
    expect(runtimesOf({ model: 'auto' })).to.deep.equal(['webgpu', 'wasm']);
    expect(runtimesOf({ model: 'auto', runtimes: [] })).to.deep.equal(['webgpu', 'wasm']);
    expect(runtimesOf({ model: 'auto', runtimes: ['wasm'] })).to.deep.equal(['wasm']);
  });

  it('a preflight fits within the page’s limits, or within the device’s memory when the page sets none', () => {
    const result: PreflightResult = {
      id: 'm',
      runtime: 'wasm',
      downloadBytes: 400e6,
      vramMB: 600,
      cached: false,
      memoryLimitBytes: 4096 * MiB,
      device: NO_DEVICE,
    };
    expect(fits(result, { model: 'auto' })).to.equal(true);
    expect(fits(result, { model: 'auto', maxDownloadBytes: 300e6 })).to.equal(false);
    expect(fits(result, { model: 'auto', maxMemoryBytes: 500 * MiB })).to.equal(false);
    expect(fits({ ...result, memoryLimitBytes: 512 * MiB }, { model: 'auto' })).to.equal(false);
  });
});

describe('pure: llama.cpp timings as the usage WebLLM reports', () => {
  it('counts tokens, not chunks; the prompt whole, with what came from the cache', () => {
    const usage = usageFromTimings({
      cache_n: 100,
      prompt_n: 30,
      prompt_ms: 20,
      prompt_per_second: 1500,
      predicted_n: 12,
      predicted_per_token_ms: 4,
      predicted_per_second: 250,
    });
    expect(usage).to.deep.equal({
      prompt_tokens: 130,
      prompt_tokens_details: { cached_tokens: 100 },
      completion_tokens: 12,
      total_tokens: 142,
      extra: {
        prefill_tokens_per_s: 1500,
        decode_tokens_per_s: 250,
        time_to_first_token_s: 0.02,
        time_per_output_token_s: 0.004,
      },
    });
  });

  it("llama.cpp's refusal of a request longer than the context is WebLLM's overflow error, with llama.cpp's count", () => {
    const refusal = new Error(
      'request (645 tokens) exceeds the available context size (512 tokens), try increasing it',
    );
    const error = overflowFrom(refusal);
    expect((error as Error).name).to.equal('ContextWindowSizeExceededError');
    expect(overflowOf(error)).to.deep.equal({ needed: 645, window: 512 });
    const other = new Error('something else');
    expect(overflowFrom(other)).to.equal(other);
  });

  it("wllama's error log says its cause in words, never [object Object]; a refused request is not logged", () => {
    const seen: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => seen.push(args.join(' '));
    try {
      wllamaLogger.error('Model returned an error:', {
        code: 500,
        message: 'it broke',
        type: 'server_error',
      });
      wllamaLogger.error('Model returned an error:', {
        message: 'request (9 tokens) …',
        type: 'exceed_context_size_error',
      });
      wllamaLogger.error('Model returned an error:', { code: 1 });
    } finally {
      console.error = original;
    }
    expect(seen).to.deep.equal([
      'Model returned an error: it broke (server_error)',
      'Model returned an error: {"code":1}',
    ]);
  });
});
