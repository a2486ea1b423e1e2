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

function rated(line: string): Story['play'] {
  return async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'What is the capital of France?');
    await statusOf(el, 'ready');
    await shows(el, '[part~="message-assistant"]', 'Paris is the capital of France.');
    await shows(el, '[part="stats"]', line);
    const rating = line.split(' · ').at(-1);
    await expect(firedBy(el, 'ai-chat-stats').map((event) => event.rating)).toEqual([rating]);
  };
}

export const Excellent: Story = {
  args: { scriptedEngine: engine(12, 180) },
  play: rated('83.3 tokens/s · 12.0 ms/token · first token 180 ms · excellent'),
};

export const Good: Story = {
  args: { scriptedEngine: engine(25, 310) },
  play: rated('40.0 tokens/s · 25.0 ms/token · first token 310 ms · good'),
};

export const Acceptable: Story = {
  args: { scriptedEngine: engine(40, 520) },
  play: rated('25.0 tokens/s · 40.0 ms/token · first token 520 ms · acceptable'),
};

export const Slow: Story = {
  args: { scriptedEngine: engine(80, 1400) },
  play: rated('12.5 tokens/s · 80.0 ms/token · first token 1400 ms · slow'),
};
