import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { chatError } from '../src/errors.js';
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
  suggestions: [],
});

const noop = { consent: () => undefined, retry: () => undefined };

function shown(s: ViewState): string[] {
  const host = document.createElement('div');
  render(consentView(s, noop), host);
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
      ['Qwen2.5 · 0.5B', '491 MB one-time download', 'stored in this browser for next time'],
    ],
    [
      'after a cancelled download: what is left',
      state(info, 200_000_000),
      ['Qwen2.5 · 0.5B', '291 MB left to download (of 491 MB)', 'stored in this browser for next time'],
    ],
    [
      'the CPU runtime says its predicted speed',
      state({ ...info, predictedMsPerToken: 80 } as ModelInfo),
      [
        'Qwen2.5 · 0.5B',
        '491 MB one-time download',
        'stored in this browser for next time',
        'about 13 tokens/s on this device',
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

describe('consent card: the model host cannot be reached before consent (view only)', () => {
  const offline = (over: Partial<ViewState> = {}): ViewState => ({
    ...state(undefined),
    model: 'Llama-3.2-1B-Instruct-q4f16_1-MLC',
    status: 'error',
    error: chatError('network', 'Failed to fetch'),
    ...over,
  });
  const card = (s: ViewState) => {
    const host = document.createElement('div');
    const pressed: string[] = [];
    render(
      consentView(s, { consent: () => pressed.push('consent'), retry: () => pressed.push('retry') }),
      host,
    );
    host.querySelector<HTMLButtonElement>('button.primary')!.click();
    return {
      title: host.querySelector('.title')!.textContent!.trim(),
      name: host.querySelector('.model-name')!.textContent!.trim(),
      alert: host.querySelector('[role="alert"]')?.textContent?.trim() ?? '',
      button: host.querySelector('button.primary')!.textContent!.trim(),
      pressed,
    };
  };
  it('says so on the card, with Try again (which checks again), titled by what the visitor gets', () =>
    expect(card(offline())).to.deep.equal({
      title: 'Chat with an AI that runs on this device',
      name: 'Llama 3.2 · 1B',
      alert: "Can't reach the model's host right now.",
      button: 'Try again',
      pressed: ['retry'],
    }));
  it("after consent a network failure is no longer the consent card's to say", () =>
    expect(card(offline({ consented: true })).alert).to.equal(''));
  it('another failure before consent is not said as an unreachable host', () =>
    expect(card(offline({ error: chatError('model-not-found', 'gone') })).alert).to.equal(''));
});
