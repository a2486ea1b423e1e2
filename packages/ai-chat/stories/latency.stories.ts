/**
 * The stats line after a reply, in each latency band (`excellent` < 20 ms per token, `good` < 30,
 * `acceptable` up to `latency-threshold`, `slow` above). The scripted engine reports the figures
 * in `usage.extra`, as WebLLM does, so the band does not depend on this machine's speed.
 */
import { expect } from 'storybook/test';
import type { UsageExtra } from '../src/engine/engine.js';
import type { ScriptedEngineOptions } from '../src/testing/index.js';
import {
  chatIn,
  chatMeta,
  firedBy,
  part,
  sendMessage,
  shows,
  statusOf,
  type ChatMeta,
  type Story,
} from './story-kit.js';

const meta: ChatMeta = { ...chatMeta, title: 'ai-chat/Latency' };
export default meta;

/** WebLLM-style `usage.extra` for a reply at `msPerToken`, first token after `ttftMs`. */
function figures(msPerToken: number, ttftMs: number): UsageExtra {
  return {
    time_per_output_token_s: msPerToken / 1000,
    time_to_first_token_s: ttftMs / 1000,
    decode_tokens_per_s: 1000 / msPerToken,
    prefill_tokens_per_s: 250,
  };
}

function engine(msPerToken: number, ttftMs: number): ScriptedEngineOptions {
  return {
    replies: [{ text: 'Paris is the capital of France.', extra: figures(msPerToken, ttftMs) }],
  };
}

/** The stats line (opt-in, `show-stats`): the rating as a chip, then the speed and the first token. */
function rated(line: string, rating: string): Story['play'] {
  return async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'What is the capital of France?');
    await statusOf(el, 'ready');
    await shows(el, '[part~="message-assistant"]', 'Paris is the capital of France.');
    const stats = await part(el, '[part="stats"]');
    await expect(stats.textContent!.replace(/\s+/g, ' ').trim()).toBe(line);
    await expect(firedBy(el, 'ai-chat-stats').map((event) => event.rating)).toEqual([rating]);
  };
}

export const Excellent: Story = {
  args: { 'show-stats': true, scriptedEngine: engine(12, 180) },
  play: rated('Excellent 83.3 tokens/s first token in 180 ms', 'excellent'),
};

export const Good: Story = {
  args: { 'show-stats': true, scriptedEngine: engine(25, 310) },
  play: rated('Good 40.0 tokens/s first token in 310 ms', 'good'),
};

export const Acceptable: Story = {
  args: { 'show-stats': true, scriptedEngine: engine(40, 520) },
  play: rated('Fair 25.0 tokens/s first token in 520 ms', 'acceptable'),
};

export const Slow: Story = {
  args: { 'show-stats': true, scriptedEngine: engine(80, 1400) },
  play: rated('Slow 12.5 tokens/s first token in 1400 ms', 'slow'),
};
