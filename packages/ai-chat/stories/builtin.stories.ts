/**
 * The browser's own model (`runtime="builtin"`, the Prompt API) as a visitor sees it, with the
 * stand-in `LanguageModel` from `ai-chat/testing` in place of Chrome's: each story installs one in
 * the state it shows, and puts the page's own back afterwards.
 */
import { expect } from 'storybook/test';
import { PromptApiStandIn, type PromptApiStandInOptions } from '../src/testing/index.js';
import {
  chatIn,
  chatMeta,
  part,
  sendMessage,
  shows,
  statusOf,
  type ChatMeta,
  type Story,
} from './story-kit.js';

const meta: ChatMeta = { ...chatMeta, title: 'ai-chat/Built-in model' };
export default meta;

/** Install a stand-in `LanguageModel` for one story; Storybook calls the returned cleanup after it. */
const withStandIn = (options: PromptApiStandInOptions) => () =>
  new PromptApiStandIn({ tokenDelayMs: 30, ...options }).install();

/** The browser has its model ready: no consent card; the conversation says which model answers. */
export const Available: Story = {
  args: { runtime: 'builtin', 'system-prompt': 'Be brief.' },
  beforeEach: withStandIn({
    availability: 'available',
    reply: (input) =>
      `This reply comes from the stand-in for the browser's built-in model. You said: ${input}`,
  }),
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await statusOf(el, 'ready');
    await shows(el, '.empty', "Answers come from your browser's built-in model: nothing to download.");
    await expect(el.shadowRoot!.querySelector('[part="consent"]')).toBeNull();
    await sendMessage(el, 'Hello');
    await shows(el, '[part~="message-assistant"]', 'You said: Hello');
  },
};

/** The browser can download its model: the card says so; the browser wants a click to start it. */
export const Downloadable: Story = {
  args: { runtime: 'builtin' },
  beforeEach: withStandIn({ availability: 'downloadable', downloadSteps: 20, downloadStepMs: 100 }),
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    const card = await shows(el, '[part="consent"]', 'your browser will download its built-in model first');
    await expect(card.querySelector('button')).toHaveTextContent('Download and start');
  },
};

/** `load()` from code, without a click, while the browser would download: it asks for one. */
export const ClickNeeded: Story = {
  args: { runtime: 'builtin' },
  beforeEach: withStandIn({ availability: 'downloadable' }),
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await shows(el, '[part="consent"]', 'download');
    await el.load().catch(() => undefined);
    await part(el, '[part="error"]');
    await shows(el, '[part="error"]', 'only after a click');
  },
};

/** No model in this browser: `runtime="builtin webgpu wasm"` goes on to WebLLM (scripted worker). */
export const FallsBack: Story = {
  args: {
    runtime: 'builtin webgpu wasm',
    model: 'Llama-3.2-1B-Instruct-q4f16_1-MLC',
    scriptedWorker: { downloadBytes: 879_000_000, vramMB: 1129 },
  },
  beforeEach: withStandIn({ availability: 'unavailable' }),
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await shows(el, '[part="consent"]', 'Llama 3.2 · 1B');
    await expect(el.modelInfo?.runtime).not.toBe('builtin');
  },
};
