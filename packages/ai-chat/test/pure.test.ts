import { expect } from '@open-wc/testing';
import { rateLatency } from '../src/fit/rating.js';
import { parseByteSize, formatBytes } from '../src/fit/size.js';
import { computeStats } from '../src/engine/stats.js';
import { canTransition } from '../src/fit/status.js';
import { readSettings, type RawSettings } from '../src/fit/settings.js';
import { chatError, toChatError } from '../src/errors.js';
import { latestLoad, reusedPreflight } from '../src/engine/worker/shared/backend-kit.js';
import { downloadReport } from '../src/engine/worker/shared/download-report.js';
import { runtimeKeys } from '../src/engine/page/runtime-keys.js';
import { parseRuntimes } from '../src/state/runtimes.js';
import { deriveStatus, type ModelPhase } from '../src/fit/status.js';
import type { ChatStatus, ErrorCode } from '../src/types.js';
import { needsChatView } from '../src/view/chat-view-loader.js';
import { errorKey, errorText } from '../src/i18n/error-text.js';
import { loadStrings, stringsFor } from '../src/i18n/locale.js';
import { en } from '../src/strings.js';
import { zhHant } from '../src/i18n/zh-hant.js';
import { rankCandidates, refusal } from '../src/fit/select.js';
import { defaultMemoryLimitMB, type DeviceInfo } from '../src/fit/device.js';
import { device } from './devices.js';

describe('pure: rateLatency', () => {
  const table: Array<[number, number, string]> = [
    [5, 50, 'excellent'],
    [19.99, 50, 'excellent'],
    [20, 50, 'good'],
    [29.9, 50, 'good'],
    [30, 50, 'acceptable'],
    [50, 50, 'acceptable'],
    [50.01, 50, 'slow'],
    [25, 22, 'slow'],
    [Number.NaN, 50, 'slow'],
  ];
  for (const [ms, threshold, rating] of table)
    it(`${ms} ms/token with threshold ${threshold} is ${rating}`, () =>
      expect(rateLatency(ms, threshold)).to.equal(rating));
});

describe('pure: parseByteSize and formatBytes', () => {
  const table: Array<[string | number, number | undefined]> = [
    ['800MB', 800e6],
    ['1.5GB', 1.5e9],
    ['2GiB', 2 * 2 ** 30],
    ['512 MiB', 512 * 2 ** 20],
    ['1000', 1000],
    [1234, 1234],
    ['1e9', 1e9],
    ['10kb', 10_000],
    ['lots', undefined],
    ['', undefined],
    ['-5MB', undefined],
    ['5 parsecs', undefined],
    [Number.NaN, undefined],
    ['1e400', undefined],
    [Number.POSITIVE_INFINITY, undefined],
    ['1e30GB', undefined],
  ];
  for (const [input, bytes] of table)
    it(`${JSON.stringify(input)} → ${bytes}`, () => expect(parseByteSize(input)).to.equal(bytes));
  it('formats sizes like download dialogs', () => {
    expect([
      formatBytes(512),
      formatBytes(12_345),
      formatBytes(850e6),
      formatBytes(1.234e9),
      formatBytes(-1),
    ]).to.deep.equal(['512 B', '12 KB', '850 MB', '1.2 GB', '?']);
  });
});

describe('pure: computeStats', () => {
  it('takes the figures from usage.extra when the engine gives them', () => {
    const stats = computeStats(
      { start: 0, firstToken: 100, end: 1000, chunks: 10, promptChars: 40 },
      {
        prompt_tokens: 12,
        completion_tokens: 11,
        extra: {
          time_to_first_token_s: 0.25,
          time_per_output_token_s: 0.025,
          decode_tokens_per_s: 40,
          prefill_tokens_per_s: 48,
        },
      },
      50,
    );
    expect(stats).to.deep.equal({
      ttftMs: 250,
      msPerToken: 25,
      tokensPerSecond: 40,
      prefillTokensPerSecond: 48,
      promptTokens: 12,
      completionTokens: 11,
      rating: 'good',
      source: 'engine',
    });
  });
  it('measures with the element clock when there is no usage', () => {
    const stats = computeStats(
      { start: 0, firstToken: 200, end: 1100, chunks: 10, promptChars: 400 },
      undefined,
      50,
    );
    expect(stats).to.deep.equal({
      ttftMs: 200,
      msPerToken: 100,
      tokensPerSecond: 10,
      prefillTokensPerSecond: 500,
      promptTokens: 100,
      completionTokens: 10,
      rating: 'slow',
      source: 'measured',
    });
  });
});

describe('pure: status machine', () => {
  const table: Array<[string, string, boolean]> = [
    ['idle', 'checking', true],
    ['checking', 'downloading', true],
    ['downloading', 'loading', true],
    ['loading', 'ready', true],
    ['ready', 'generating', true],
    ['generating', 'ready', true],
    ['idle', 'generating', false],
    ['downloading', 'generating', false],
    ['loading', 'error', true],
    ['error', 'checking', true],
  ];
  for (const [from, to, ok] of table)
    it(`${from} → ${to}: ${ok}`, () => expect(canTransition(from as never, to as never)).to.equal(ok));
});

describe('pure: readSettings', () => {
  const base: RawSettings = {
    latencyThreshold: undefined,
    temperature: undefined,
    maxTokens: undefined,
    maxModelSize: undefined,
    maxMemory: undefined,
  };
  const table: Array<[Partial<RawSettings>, string | undefined, Record<string, unknown>]> = [
    [{ latencyThreshold: '-3' }, 'latency-threshold', { latencyThreshold: 50 }],
    [{ latencyThreshold: 'fast' }, 'latency-threshold', { latencyThreshold: 50 }],
    [{ latencyThreshold: '80' }, undefined, { latencyThreshold: 80 }],
    [{ latencyThreshold: '0x10' }, 'latency-threshold', { latencyThreshold: 50 }],
    [{ latencyThreshold: '1e1' }, undefined, { latencyThreshold: 10 }],
    [{ maxTokens: '0b11' }, 'max-tokens', { maxTokens: undefined }],
    [{ maxModelSize: '1e400' }, 'max-model-size', { maxModelSize: undefined }],
    [{ temperature: 'hot' }, 'temperature', { temperature: undefined }],
    [{ temperature: '0.2' }, undefined, { temperature: 0.2 }],
    [{ temperature: 5 }, 'temperature', { temperature: undefined }],
    [{ maxTokens: '1.5' }, 'max-tokens', { maxTokens: undefined }],
    [{ maxTokens: '256' }, undefined, { maxTokens: 256 }],
    [{ maxModelSize: 'lots' }, 'max-model-size', { maxModelSize: undefined }],
    [{ maxModelSize: '1.5GB' }, undefined, { maxModelSize: 1.5e9 }],
    [{ maxMemory: '0' }, 'max-memory', { maxMemory: undefined }],
    [{ maxMemory: '4GiB' }, undefined, { maxMemory: 4 * 2 ** 30 }],
  ];
  for (const [input, attribute, expected] of table) {
    it(`${JSON.stringify(input)} → ${attribute ?? 'valid'}`, () => {
      const { settings, problems } = readSettings({ ...base, ...input });
      expect(problems.map((p) => p.attribute)).to.deep.equal(attribute ? [attribute] : []);
      if (attribute) expect(problems[0]!.message).to.contain(attribute);
      for (const [key, value] of Object.entries(expected))
        expect(settings[key as keyof typeof settings]).to.equal(value);
    });
  }
});

describe('pure: toChatError maps WebLLM errors by name and text', () => {
  const table: Array<[{ name: string; message: string }, string]> = [
    [
      { name: 'WebGPUNotAvailableError', message: 'WebGPU is not supported in your current environment' },
      'webgpu-unavailable',
    ],
    [
      { name: 'ShaderF16SupportError', message: 'This model requires WebGPU extension shader-f16' },
      'shader-f16-unsupported',
    ],
    [
      { name: 'ModelNotFoundError', message: 'Cannot find model record in appConfig for x' },
      'model-not-found',
    ],
    [
      { name: 'DeviceLostError', message: 'The WebGPU device was lost while loading the model.' },
      'device-lost',
    ],
    [
      { name: 'ContextWindowSizeExceededError', message: 'Prompt tokens exceed context window size' },
      'context-window-exceeded',
    ],
    [{ name: 'QuotaExceededError', message: 'quota' }, 'quota-exceeded'],
    [{ name: 'TypeError', message: 'Failed to fetch' }, 'network'],
    [
      { name: 'CompileError', message: 'WebAssembly.instantiate(): expected magic word 00 61 73 6d' },
      'engine',
    ],
    [{ name: 'Error', message: 'something odd\n    at foo (worker.js:1:2)' }, 'engine'],
  ];
  for (const [error, code] of table) {
    it(`${error.name} → ${code}, in plain words`, () => {
      const chat = toChatError(error, 'x');
      expect(chat.code).to.equal(code);
      // The page author's message keeps the runtime's own words (first line, no stack) ...
      expect(chat.message).to.contain(error.message.split('\n')[0]);
      expect(chat.message).not.to.match(/\bat \S+ \(/);
      // ... the visitor's words never do.
      expect(errorText(chat, en)).not.to.match(/Error|WebAssembly|magic|undefined|\{detail\}|\bat \S+ \(/);
    });
  }
});

describe('pure: model selection on a table of devices', () => {
  const records = [
    { model_id: 'Big-8B-Instruct-q4f16_1-MLC', vram_required_MB: 5000, required_features: ['shader-f16'] },
    { model_id: 'Big-8B-Instruct-q4f32_1-MLC', vram_required_MB: 6100 },
    { model_id: 'Mid-3B-Instruct-q4f16_1-MLC', vram_required_MB: 2500, required_features: ['shader-f16'] },
    { model_id: 'Mid-3B-Instruct-q4f32_1-MLC', vram_required_MB: 2900 },
    { model_id: 'Small-1B-Instruct-q4f32_1-MLC', vram_required_MB: 1100 },
    { model_id: 'Small-1B-q4f32_1-MLC', vram_required_MB: 1000 },
    { model_id: 'Embed-q4f32_1-MLC', vram_required_MB: 300, model_type: 1 },
  ];
  const table: Array<[string, DeviceInfo, { maxMemoryMB?: number }, string | undefined]> = [
    ['desktop with f16, 8 GB', device({}), {}, 'Big-8B-Instruct-q4f16_1-MLC'],
    ['desktop without f16, 8 GB', device({ shaderF16: false }), {}, 'Big-8B-Instruct-q4f32_1-MLC'],
    [
      'desktop without f16, max-memory 6000 MB',
      device({ shaderF16: false }),
      { maxMemoryMB: 6000 },
      'Mid-3B-Instruct-q4f32_1-MLC',
    ],
    ['phone with 4 GB', device({ deviceMemoryGB: 4 }), {}, 'Mid-3B-Instruct-q4f16_1-MLC'],
    ['phone with 2 GB', device({ deviceMemoryGB: 2 }), {}, 'Small-1B-Instruct-q4f32_1-MLC'],
    [
      'memory unknown (4 GB assumed)',
      device({ deviceMemoryGB: undefined, shaderF16: false }),
      {},
      'Mid-3B-Instruct-q4f32_1-MLC',
    ],
    ['max-memory 500 MB', device({}), { maxMemoryMB: 500 }, undefined],
    ['no WebGPU', device({ webgpu: false }), {}, undefined],
  ];
  for (const [name, dev, limits, expected] of table)
    it(`${name} → ${expected ?? 'nothing'}`, () =>
      expect(rankCandidates(records, dev, limits)[0]?.model_id).to.equal(expected));
  it('the default memory limit is three quarters of device memory, 4 GB when unknown', () => {
    expect([
      defaultMemoryLimitMB({ deviceMemoryGB: 8 }),
      defaultMemoryLimitMB({ deviceMemoryGB: undefined }),
    ]).to.deep.equal([6144, 4096]);
  });
  it('says why a model cannot run', () => {
    expect(refusal(records[0]!, device({ shaderF16: false }), {})).to.equal('shader-f16');
    expect(refusal(records[1]!, device({}), {})).to.equal(undefined);
    expect(refusal(records[1]!, device({ deviceMemoryGB: 4 }), {})).to.equal('memory');
  });
});

describe('pure: localized strings and errors', () => {
  before(() => loadStrings('zh-Hant'));

  const langs: Array<[string, string]> = [
    ['zh-Hant', 'zh'],
    ['zh-TW', 'zh'],
    ['zh_HK', 'zh'],
    ['ZH-MO', 'zh'],
    ['zh-Hant-HK', 'zh'],
    ['zh', 'en'],
    ['zh-CN', 'en'],
    ['zh-Hans', 'en'],
    ['ar', 'en'],
    ['', 'en'],
  ];
  for (const [lang, table] of langs)
    it(`lang ${JSON.stringify(lang)} → ${table}`, () =>
      expect(stringsFor(lang)).to.equal(table === 'zh' ? zhHant : en));

  it('every English string has a Traditional Chinese one with the same placeholders', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(zhHant[key], key).to.be.a('string').and.not.equal('');
      expect(placeholders(zhHant[key]), key).to.deep.equal(placeholders(en[key]));
    }
  });

  const codes: Array<[Parameters<typeof chatError>[0], string, string]> = [
    ['network', 'models.example', 'errorNetwork'],
    ['device-lost', '', 'errorDeviceLost'],
    ['shader-f16-unsupported', '', 'errorShaderF16Unsupported'],
    ['engine', '', 'errorEngine'],
    ['model-too-large', '2 GB download', 'errorModelTooLarge'],
  ];
  for (const [code, detail, key] of codes)
    it(`${code} (detail ${JSON.stringify(detail)}) shows the visitor's words from strings.${key}, the detail stays in the event`, () => {
      const error = chatError(code, detail);
      expect(errorKey(code)).to.equal(key);
      expect(errorText(error, en)).to.equal(en[key as keyof typeof en]);
      expect(errorText(error, zhHant)).to.equal(zhHant[key as keyof typeof en]);
      if (detail) expect(errorText(error, en)).not.to.contain(detail);
      expect(errorText(error, en)).not.to.match(/\{detail\}/);
    });

  it('recoverable is true only where trying the same thing again can succeed', () => {
    const expected: Record<ErrorCode, boolean> = {
      'webgpu-unavailable': false,
      'shader-f16-unsupported': false,
      'model-too-large': false,
      'insufficient-memory': false,
      'model-not-found': false,
      'invalid-attribute': false,
      network: true,
      'quota-exceeded': false,
      'device-lost': true,
      'context-window-exceeded': false,
      aborted: true,
      storage: false,
      engine: true,
    };
    for (const [code, recoverable] of Object.entries(expected))
      expect(chatError(code as ErrorCode).recoverable, code).to.equal(recoverable);
    const library = toChatError({
      name: 'ModelLibraryError',
      message: 'LinkError: import "env" "f" missing',
    });
    expect([library.code, library.recoverable]).to.deep.equal(['engine', false]);
    expect(library.message).to.contain('LinkError: import "env" "f" missing');
  });

  it("the visitor's error words give no advice only the page author can follow", () => {
    const errors = Object.entries(en).filter(([key]) => key.startsWith('error'));
    expect(errors.length).to.equal(11);
    for (const [key, text] of errors)
      expect(text, key).not.to.match(/pick|smaller model|model-url|model=|q4f|shader-f16|attribute|\.wasm/i);
  });

  it('a message of its own (a bad attribute value, a storage failure) shows as it is', () => {
    const attribute = chatError('invalid-attribute', 'temperature="hot" is not valid.');
    expect(errorText(attribute, zhHant)).to.equal('temperature="hot" is not valid.');
  });
});

describe('pure: the runtime list, the keys of a runtime, and the derived status', () => {
  const runtimes: Array<[unknown, string[], boolean]> = [
    [undefined, ['webgpu', 'wasm'], false],
    ['', ['webgpu', 'wasm'], false],
    ['wasm', ['wasm'], false],
    ['builtin webgpu wasm', ['builtin', 'webgpu', 'wasm'], false],
    ['WASM, webgpu', ['wasm', 'webgpu'], false],
    ['wasm wasm', ['wasm'], false],
    ['gpu', ['webgpu', 'wasm'], true],
    ['wasm turbo', ['wasm'], true],
    [5, ['webgpu', 'wasm'], true],
  ];
  for (const [value, expected, problem] of runtimes)
    it(`runtime=${JSON.stringify(value)} → ${expected.join(' ')}${problem ? ', named as a problem' : ''}`, () => {
      const parsed = parseRuntimes(value);
      expect(parsed.runtimes).to.deep.equal(expected);
      expect(parsed.problem !== undefined).to.equal(problem);
      if (problem) expect(parsed.problem).to.match(/^runtime="/);
    });

  it('a runtime key changes with what makes the runtime, and the limits key only with the limits', () => {
    const engine = { chat: { completions: { create: async () => [] } } } as never;
    const base = {
      engine: undefined,
      runtimes: ['webgpu', 'wasm'] as const,
      workerUrl: undefined,
      languages: ['en'],
    };
    const a = runtimeKeys({ ...base, runtimes: [...base.runtimes], spec: { model: 'auto' } });
    const same = runtimeKeys({ ...base, runtimes: [...base.runtimes], spec: { model: 'auto' } });
    const limited = runtimeKeys({
      ...base,
      runtimes: [...base.runtimes],
      spec: { model: 'auto', maxDownloadBytes: 5 },
    });
    const other = runtimeKeys({ ...base, runtimes: ['wasm'], spec: { model: 'auto' } });
    const withEngine = runtimeKeys({
      ...base,
      engine,
      runtimes: [...base.runtimes],
      spec: { model: 'auto' },
    });
    const otherEngine = runtimeKeys({
      ...base,
      engine: { ...(engine as object) } as never,
      runtimes: [...base.runtimes],
      spec: { model: 'auto' },
    });
    expect(same).to.deep.equal(a);
    expect([limited.runtime === a.runtime, limited.limits === a.limits]).to.deep.equal([true, false]);
    expect(other.runtime).not.to.equal(a.runtime);
    expect(withEngine.runtime).not.to.equal(a.runtime);
    expect(otherEngine.runtime).not.to.equal(withEngine.runtime);
  });

  const statuses: Array<[ModelPhase, boolean, boolean, string]> = [
    ['idle', false, false, 'idle'],
    ['checking', false, false, 'checking'],
    ['ready', true, false, 'generating'],
    ['ready', true, true, 'generating'],
    ['ready', false, true, 'error'],
    ['idle', false, true, 'error'],
    ['downloading', false, false, 'downloading'],
  ];
  for (const [phase, generating, failed, status] of statuses)
    it(`phase ${phase}, ${generating ? 'a reply streaming' : 'no reply'}, ${failed ? 'a failure shown' : 'no failure'} → ${status}`, () => {
      expect(deriveStatus(phase, generating, failed)).to.equal(status);
    });
});

describe('pure: what every worker backend does around a load', () => {
  it('a download becomes a progress report with its bytes, share and speed', () => {
    expect(downloadReport({ loadedBytes: 250, totalBytes: 1000, bytesPerSecond: 0 })).to.deep.equal({
      phase: 'download',
      progress: 0.25,
      loadedBytes: 250,
      totalBytes: 1000,
      text: `${formatBytes(250)} of ${formatBytes(1000)}`,
      bytesPerSecond: 0,
    });
    expect(downloadReport({ loadedBytes: 0, totalBytes: 0, bytesPerSecond: 2e6 }).progress).to.equal(0);
    expect(downloadReport({ loadedBytes: 1, totalBytes: 2, bytesPerSecond: 2e6 }).text).to.contain(
      `${formatBytes(2e6)}/s`,
    );
  });

  it('a load reuses the preflight of the same spec once; another spec or a second load runs again', async () => {
    const runs: string[] = [];
    const preflights = reusedPreflight(async (spec) => runs.push(spec.model));
    const signal = latestLoad().start();
    await preflights.check({ model: 'a' });
    await preflights.forLoad({ model: 'a' }, signal);
    await preflights.forLoad({ model: 'a' }, signal);
    await preflights.check({ model: 'a' });
    await preflights.forLoad({ model: 'b' }, signal);
    expect(runs).to.deep.equal(['a', 'a', 'a', 'b']);
  });

  it('the latest load cancels the one before', () => {
    const loads = latestLoad();
    const first = loads.start();
    const second = loads.start();
    expect([first.aborted, (first.reason as Error).name, second.aborted]).to.deep.equal([
      true,
      'AbortError',
      false,
    ]);
    loads.cancel();
    expect(second.aborted).to.equal(true);
  });
});

describe('pure: when the element needs the conversation’s chunk', () => {
  const none = { consented: false, customEngine: false, conversation: false, persist: false };
  const rows: Array<[string, Partial<typeof none>, ChatStatus, boolean]> = [
    ['nothing asked, idle', {}, 'idle', false],
    ['nothing asked, checking for the consent card', {}, 'checking', false],
    ['nothing asked, an error before consent', {}, 'error', false],
    ['consent given', { consented: true }, 'checking', true],
    ['the page’s engine', { customEngine: true }, 'idle', true],
    ['messages handed in', { conversation: true }, 'idle', true],
    ['persist set', { persist: true }, 'idle', true],
    ['a model already ready', {}, 'ready', true],
    ['a download under way', {}, 'downloading', true],
  ];
  for (const [name, given, status, wanted] of rows)
    it(`${name} → ${wanted ? 'load it' : 'not yet'}`, () => {
      expect(needsChatView({ ...none, ...given, status })).to.equal(wanted);
    });
});
