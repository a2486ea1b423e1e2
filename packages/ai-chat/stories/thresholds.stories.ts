/**
 * The limits a page author sets, each refusing what exceeds it: a model over `max-model-size` or
 * `max-memory` is refused before any download (figures from the scripted preflight), and a
 * reply slower than `latency-threshold` is reported as such.
 */
import { expect } from 'storybook/test';
import type { ErrorCode } from '../src/types.js';
import {
  chatIn,
  chatMeta,
  firedBy,
  sendMessage,
  shows,
  statusOf,
  type ChatMeta,
  type Story,
} from './story-kit.js';

const meta: ChatMeta = { ...chatMeta, title: 'ai-chat/Thresholds' };
export default meta;

const MODEL = 'Llama-3.1-8B-Instruct-q4f16_1-MLC';

/** Refused before the first byte: the error in plain words, both events, and never a download. */
function refused(kind: 'model-size' | 'memory', code: ErrorCode, text: string): Story['play'] {
  return async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    const box = await shows(el, '[part="error"]', text);
    await expect(box).not.toHaveTextContent(/pick|smaller model/i);
    await statusOf(el, 'error');
    await expect(firedBy(el, 'ai-chat-error').map((event) => event.code)).toContain(code);
    const [threshold] = firedBy(el, 'ai-chat-threshold');
    await expect(threshold?.kind).toBe(kind);
    await expect(threshold!.actual).toBeGreaterThan(threshold!.limit);
    await expect(firedBy(el, 'ai-chat-status').map((event) => event.status)).not.toContain('downloading');
    await expect(firedBy(el, 'ai-chat-progress')).toEqual([]);
  };
}

export const ModelSize: Story = {
  name: 'model-size (model-too-large)',
  args: {
    model: MODEL,
    'max-model-size': '1GB',
    autoload: true,
    scriptedWorker: { downloadBytes: 4_600_000_000, vramMB: 5295 },
  },
  play: refused('model-size', 'model-too-large', 'Nothing was downloaded'),
};

export const Memory: Story = {
  name: 'memory (insufficient-memory)',
  args: {
    model: MODEL,
    'max-memory': '4GB',
    autoload: true,
    scriptedWorker: { downloadBytes: 4_600_000_000, vramMB: 5295 },
  },
  play: refused('memory', 'insufficient-memory', 'does not have enough memory'),
};

export const Latency: Story = {
  name: 'latency',
  args: {
    'latency-threshold': 30,
    'show-stats': true,
    scriptedEngine: {
      replies: [
        {
          text: 'This reply came slower than the page allows.',
          extra: {
            time_per_output_token_s: 0.04,
            time_to_first_token_s: 0.6,
            decode_tokens_per_s: 25,
            prefill_tokens_per_s: 200,
          },
        },
      ],
    },
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'Hello?');
    await statusOf(el, 'ready');
    await shows(el, '[part="stats"] .chip', 'Slow');
    await shows(el, '[part="stats"]', '25.0 tokens/s');
    await expect(
      firedBy(el, 'ai-chat-threshold').map(({ kind, limit, actual }) => ({ kind, limit, actual })),
    ).toEqual([{ kind: 'latency', limit: 30, actual: 40 }]);
  },
};
