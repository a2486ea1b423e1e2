import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { en } from '../src/i18n/en.js';
import type { ModelInfo } from '../src/types.js';
import { consentView } from '../src/view/consent.js';
import type { ViewState } from '../src/view/state.js';

const state = (modelInfo: ViewState['modelInfo'], resumeBytes = 0): ViewState => ({
  status: 'idle',
  strings: en,
  messages: [],
  draft: undefined,
  progress: undefined,
  error: undefined,
  errorInLog: false,
  seenFrom: undefined,
  modelInfo,
  model: 'auto',
  hasEngine: false,
  customEngine: false,
  stats: undefined,
  showStats: false,
  notice: '',
  allowImages: false,
  placeholder: undefined,
  resumeBytes,
  awayFromLatest: false,
  consented: false,
});

function shown(s: ViewState): string[] {
  const host = document.createElement('div');
  render(consentView(s, { consent: () => undefined }), host);
  return [...host.querySelectorAll('.model-name, .facts li')].map((e) => e.textContent!.trim());
}

describe('consent card (view only)', () => {
  const info: ModelInfo = {
    id: 'Qwen2.5-0.5B-Instruct-Q4_K_M.gguf',
    downloadBytes: 491_000_000,
    vramMB: 0,
    cached: false,
  };
  const table: Array<[string, ViewState, string[]]> = [
    [
      'before the preflight: the best model for this device',
      state(undefined),
      ['The best model for this device'],
    ],
    [
      'the friendly name, the one-time download, kept for next time',
      state(info),
      ['Qwen2.5 · 0.5B', '491 MB one-time download', 'Stored in this browser for next time'],
    ],
    [
      'after a cancelled download: what is left',
      state(info, 200_000_000),
      ['Qwen2.5 · 0.5B', '291 MB left to download (of 491 MB)', 'Stored in this browser for next time'],
    ],
    [
      'the CPU runtime says its predicted speed',
      state({ ...info, predictedMsPerToken: 80 } as ModelInfo),
      [
        'Qwen2.5 · 0.5B',
        '491 MB one-time download',
        'Stored in this browser for next time',
        'About 13 tokens/s on this device',
      ],
    ],
    [
      'memory when known; cached: starts in seconds',
      state({ ...info, id: 'Llama-3.2-1B-Instruct-q4f16_1-MLC', vramMB: 1129, cached: true }),
      ['Llama 3.2 · 1B', 'Already downloaded: starts in seconds'],
    ],
  ];
  for (const [name, s, expected] of table) it(name, () => expect(shown(s)).to.deep.equal(expected));
});
