import { expect } from '@open-wc/testing';
import { chatError } from '../src/errors.js';
import { formatDuration, progressFigures } from '../src/view/figures.js';
import { friendlyModelName } from '../src/view/model-name.js';
import { canSend, errorShown, panelFor } from '../src/view/state.js';
import type { ChatStatus, ProgressReport } from '../src/types.js';

describe('pure: friendlyModelName', () => {
  const table: Array<[string, string]> = [
    ['Llama-3.2-1B-Instruct-q4f16_1-MLC', 'Llama 3.2 · 1B'],
    ['Llama-3.2-3B-Instruct-q4f32_1-MLC', 'Llama 3.2 · 3B'],
    ['Llama-3.1-8B-Instruct-q4f16_1-MLC-1k', 'Llama 3.1 · 8B'],
    ['Llama-3.2-1B-Instruct-q0f32-MLC', 'Llama 3.2 · 1B'],
    ['Qwen2.5-0.5B-Instruct-q4f16_1-MLC', 'Qwen2.5 · 0.5B'],
    ['Qwen2.5-Coder-1.5B-Instruct-q4f16_1-MLC', 'Qwen2.5 Coder · 1.5B'],
    ['SmolLM2-360M-Instruct-q4f32_1-MLC', 'SmolLM2 · 360M'],
    ['gemma-2-2b-it-q4f16_1-MLC', 'Gemma 2 · 2B'],
    ['Phi-3.5-mini-instruct-q4f16_1-MLC', 'Phi 3.5 mini'],
    ['TinyLlama-1.1B-Chat-v1.0-q4f16_1-MLC', 'TinyLlama v1.0 · 1.1B'],
    ['DeepSeek-R1-Distill-Qwen-7B-q4f16_1-MLC', 'DeepSeek R1 Distill Qwen · 7B'],
    ['Qwen2.5-0.5B-Instruct-Q4_K_M.gguf', 'Qwen2.5 · 0.5B'],
    ['https://example.com/models/SmolLM2-135M-Instruct-Q8_0.gguf', 'SmolLM2 · 135M'],
    ['smollm2-135m-instruct.Q8_0', 'Smollm2 · 135M'],
    // The GGUF catalog's ids and a file name with its quantization: never the quantization twice.
    ['SmolLM2-135M-Instruct-Q8_0-GGUF', 'SmolLM2 · 135M'],
    ['TinyChat-27M-Q8_0', 'TinyChat · 27M'],
    ['auto', ''],
    ['', ''],
    ['my-model', 'My model'],
  ];
  for (const [id, name] of table)
    it(`${JSON.stringify(id)} → ${JSON.stringify(name)}`, () => expect(friendlyModelName(id)).to.equal(name));
});

describe('pure: progressFigures', () => {
  const report = (phase: 'download' | 'load', progress: number, loaded = 0, total = 0, bps?: number) =>
    ({
      phase,
      progress,
      loadedBytes: loaded,
      totalBytes: total,
      text: '',
      ...(bps ? { bytesPerSecond: bps } : {}),
    }) as ProgressReport;
  const MB = 2 ** 20;
  const table: Array<
    [string, ProgressReport | undefined, boolean, Partial<ReturnType<typeof progressFigures>>]
  > = [
    ['nothing yet', undefined, true, { value: 0, speed: undefined }],
    [
      'download half',
      report('download', 0.5, 50 * MB, 100 * MB, 5 * MB),
      true,
      { value: 0.45, leftBytes: 50 * MB, speed: 5 * MB, secondsLeft: 10 },
    ],
    [
      'first bytes: no speed yet',
      report('download', 0.0002, 7000, 42 * MB, 13000),
      true,
      { speed: undefined, secondsLeft: undefined, leftBytes: 42 * MB - 7000 },
    ],
    [
      'download done',
      report('download', 1, 42 * MB, 42 * MB, MB),
      true,
      { value: 0.9, leftBytes: undefined },
    ],
    ['start after a download never goes below it', report('load', 0, 0, 0), true, { value: 0.9 }],
    ['start half after a download', report('load', 0.5, 0, 0), true, { value: 0.95 }],
    ['start from the cache fills the whole bar', report('load', 0.5, 0, 0), false, { value: 0.5 }],
    ['nonsense progress is clamped', report('download', 7, 1, 1), true, { value: 0.9 }],
    ['NaN progress is zero', report('load', Number.NaN), false, { value: 0 }],
  ];
  for (const [name, input, downloaded, expected] of table)
    it(name, () => {
      const figures = progressFigures(input, downloaded);
      for (const [key, value] of Object.entries(expected))
        if (value === undefined) expect(figures[key as keyof typeof figures], key).to.equal(undefined);
        else expect(figures[key as keyof typeof figures], key).to.be.closeTo(value, 1e-9);
    });
  it('a download never shows a bar above a later start', () => {
    const download = progressFigures(report('download', 1, 1, 1), true).value;
    expect(progressFigures(report('load', 0), true).value).to.be.at.least(download);
  });
  it('formats durations shortly', () => {
    const units = { s: 's', min: 'min' };
    expect([8, 0.2, 59.6, 75, 600, 3600].map((s) => formatDuration(s, units))).to.deep.equal([
      '8 s',
      '1 s',
      '1 min',
      '1 min 15 s',
      '10 min',
      '60 min',
    ]);
  });
});

describe('pure: panelFor (one state at a time) and canSend', () => {
  const network = chatError('network', 'x');
  const attribute = chatError('invalid-attribute', 'x');
  const table: Array<
    [ChatStatus, ReturnType<typeof chatError> | undefined, boolean, boolean, string, boolean]
  > = [
    // status, error, hasEngine, customEngine → panel, canSend
    ['idle', undefined, false, false, 'consent', false],
    ['idle', attribute, false, false, 'consent', false],
    ['idle', undefined, false, true, 'chat', true],
    ['checking', undefined, false, false, 'progress', false],
    ['downloading', undefined, false, false, 'progress', false],
    ['loading', undefined, false, true, 'progress', false],
    ['error', network, false, false, 'error', false],
    ['error', network, true, false, 'chat', true],
    ['ready', undefined, true, false, 'chat', true],
    ['generating', undefined, true, false, 'chat', false],
  ];
  it("before consent, a host that cannot be reached is the consent card's to say, not an error card", () => {
    const s = { status: 'error' as const, error: network, hasEngine: false, customEngine: false };
    expect(panelFor({ ...s, consented: false })).to.equal('consent');
    expect(errorShown(network, 'consent', { ...s, consented: false })).to.equal(false);
    // After consent it is a failed download: the error card.
    expect(panelFor({ ...s, consented: true })).to.equal('error');
    // A host that refuses this page (no CORS: not recoverable) is the error card's to say, without Try again.
    const refused = chatError('network', 'no CORS', { recoverable: false });
    expect(panelFor({ ...s, error: refused, consented: false })).to.equal('error');
    // A chunk that could not be fetched is a warning (no failure status): its card shows.
    expect(errorShown(network, 'consent', { ...s, status: 'idle', consented: false })).to.equal(true);
  });
  it('checking before consent keeps the consent card; after consent it is progress', () => {
    const s = { status: 'checking' as const, error: undefined, hasEngine: false, customEngine: false };
    expect(panelFor({ ...s, consented: false })).to.equal('consent');
    expect(panelFor({ ...s, consented: true })).to.equal('progress');
  });
  for (const [status, error, hasEngine, customEngine, panel, send] of table)
    it(`${status}${error ? ` with ${error.code}` : ''}${hasEngine ? ', model loaded' : ''}${customEngine ? ', page engine' : ''} → ${panel}`, () => {
      expect(panelFor({ status, error, hasEngine, customEngine })).to.equal(panel);
      expect(canSend({ status, hasEngine, customEngine })).to.equal(send);
    });
});
