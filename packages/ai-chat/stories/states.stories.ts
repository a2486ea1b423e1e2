/** What a visitor sees from first sight to a streaming reply. */
import { expect, userEvent } from 'storybook/test';
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

const meta: ChatMeta = { ...chatMeta, title: 'ai-chat/States' };
export default meta;

const MODEL = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';
const SIZES = { downloadBytes: 879_000_000, vramMB: 1129 };

/**
 * Before anything downloads: the model, what it costs, and a button to start (scripted worker).
 * The sizes show here once the element runs its preflight while idle (issue 3); until then they
 * show after a first start, as in ConsentWithSizes.
 */
export const Consent: Story = {
  args: { model: MODEL, scriptedWorker: SIZES },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    const card = await part(el, '[part="consent"]');
    // The model's name as a visitor reads it, the one-time download, and the privacy promise.
    await shows(el, '[part="consent"] .model-name', 'Llama 3.2 · 1B');
    await shows(el, '[part="consent"]', '879 MB one-time download');
    await expect(card).toHaveTextContent('Nothing you type leaves this device.');
    await expect(card.querySelector('button')).toHaveTextContent('Download and start');
    await expect(el.status).toBe('idle');
  },
};

/**
 * The consent card after a started download was cancelled: it says what is left to download, and
 * focus is back on its button.
 */
export const ConsentWithSizes: Story = {
  args: { model: MODEL, scriptedWorker: { ...SIZES, stall: 'download' } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    const card = await part(el, '[part="consent"]');
    await userEvent.click(card.querySelector('button')!);
    await statusOf(el, 'downloading');
    // Cancel once the first bytes are in (the worker reports 45 % before it stalls).
    await shows(el, '[part="progress"]', 'of 879 MB');
    const cancel = await part<HTMLButtonElement>(el, '[part="progress"] button');
    await userEvent.click(cancel);
    await statusOf(el, 'idle');
    const again = await shows(el, '[part="consent"]', 'left to download (of 879 MB)');
    await expect(again).toHaveTextContent('uses about 1.2 GB of memory');
    await expect(el.shadowRoot!.activeElement).toBe(again.querySelector('button'));
  },
};

/** A model already in the browser's cache: no download, a Start button (after a cancelled start). */
export const ConsentCached: Story = {
  args: { model: `${MODEL}-cached`, scriptedWorker: { ...SIZES, stall: 'load' } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await userEvent.click((await part(el, '[part="consent"] button'))!);
    await statusOf(el, 'loading');
    await userEvent.click(await part(el, '[part="progress"] button'));
    await statusOf(el, 'idle');
    const card = await shows(el, '[part="consent"]', 'Already downloaded: starts in seconds');
    await expect(card).not.toHaveTextContent('879 MB');
    await expect(card.querySelector('button')).toHaveTextContent('Start');
  },
};

/** Checking the device and the model's size before anything downloads (the scripted preflight never answers). */
export const Checking: Story = {
  args: { model: MODEL, autoload: true, scriptedWorker: { stall: 'preflight' } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await statusOf(el, 'checking');
    const card = await shows(el, '[part="progress"]', 'Checking this device…');
    // Nothing to cancel yet: no Cancel.
    await expect(card.querySelector('button')).toBeNull();
    await expect(firedBy(el, 'ai-chat-progress')).toEqual([]);
  },
};

/** Downloading with progress: bytes so far, total, a bar and Cancel (the scripted download stays at 45 %). */
export const Downloading: Story = {
  args: { model: MODEL, autoload: true, scriptedWorker: { ...SIZES, stall: 'download' } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await statusOf(el, 'downloading');
    // The status comes first, the first progress report just after it.
    const progress = await shows(el, '[part="progress"]', '396 MB of 879 MB');
    await expect(progress).toHaveTextContent('Downloading the model');
    // The download fills 90 % of the bar, the start of the model the rest: it never goes back.
    await expect(progress.querySelector('progress')!.value).toBeCloseTo(0.405);
    await expect(progress.querySelector('button')).toHaveTextContent('Cancel');
  },
};

/** Loading the downloaded model onto the GPU (the scripted load stays halfway). */
export const Loading: Story = {
  args: { model: MODEL, autoload: true, scriptedWorker: { ...SIZES, stall: 'load' } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await statusOf(el, 'loading');
    const progress = await part(el, '[part="progress"]');
    await expect(progress).toHaveTextContent('Starting the model');
    // Halfway through the start, after a download: 90 % + half of the last 10 %.
    await expect(progress.querySelector('progress')!.value).toBeCloseTo(0.95);
  },
};

/** Ready: the model is loaded (through the scripted worker), the conversation is empty. */
export const Ready: Story = {
  args: { model: MODEL, autoload: true, scriptedWorker: SIZES },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await statusOf(el, 'ready');
    await expect(el.shadowRoot!.querySelector('[part="progress"]')).toBeNull();
    await expect(await part(el, '[part="messages"]')).toHaveTextContent(
      'Ask a question to start the conversation.',
    );
    await expect(await part(el, '[part="send-button"]')).toBeEnabled();
  },
};

/** Offline before consent: the consent card says the model's host cannot be reached, with Try again. */
export const Offline: Story = {
  args: {
    model: MODEL,
    scriptedWorker: { preflightError: 'NetworkError', preflightErrorMessage: 'Failed to fetch' },
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await shows(el, '[part="consent"] [role="alert"]', "Can't reach the model's host right now.");
    await expect(el.shadowRoot!.querySelector('[part="error"]')).toBeNull();
    await expect(await part(el, '[part="consent"] button.primary')).toHaveTextContent('Try again');
    await expect(firedBy(el, 'ai-chat-error').map((e) => e.code)).toEqual(['network']);
  },
};

/** The empty state: a greeting, and the page's suggested questions; one click sends one. */
export const Suggestions: Story = {
  args: {
    scriptedEngine: { replies: [{ text: 'It runs on this device.' }] },
    suggestions: ['What can you do without a server?', 'Is my data private?'],
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await shows(el, '.empty .greeting', 'How can I help?');
    await userEvent.click(await shows(el, '.suggestions button', 'What can you do without a server?'));
    await shows(el, '[part~="message-assistant"]', 'It runs on this device.');
    await expect(el.messages[0]!.content).toBe('What can you do without a server?');
  },
};

const LONG_REPLY =
  'WebGPU lets the browser run the model on your graphics card. Every word you see arrives as it is generated, ' +
  'and nothing you type leaves this device. A reply like this one takes a few seconds to stream in full.';

/** Streaming: a reply arriving token by token, with Stop (scripted engine, 120 ms per token). */
export const Streaming: Story = {
  args: { scriptedEngine: { tokenDelayMs: 120, replies: [{ text: LONG_REPLY }] } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'How does this work?');
    await statusOf(el, 'generating');
    const draft = await shows(el, '[part~="message-assistant"][data-streaming]', 'WebGPU lets');
    await expect(draft).not.toHaveTextContent('in full.');
    await expect(await part(el, '[part="stop-button"]')).toBeVisible();
    await expect(await part(el, '[part~="message-user"]')).toHaveTextContent('How does this work?');
  },
};

/** Stop pressed mid-reply: the words so far stay, marked as stopped, and the next message works. */
export const Stopped: Story = {
  args: {
    scriptedEngine: { tokenDelayMs: 120, replies: [{ text: LONG_REPLY }, { text: 'Sure, here it is.' }] },
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'How does this work?');
    await shows(el, '[part~="message-assistant"][data-streaming]', 'WebGPU');
    await userEvent.click(await part(el, '[part="stop-button"]'));
    await statusOf(el, 'ready');
    const reply = await shows(el, '[part~="message-assistant"]', 'stopped');
    await expect(reply).not.toHaveTextContent('in full.');
    await expect(el.messages.at(-1)?.interrupted).toBe(true);
  },
};

/** Sending while a reply streams: the element asks to wait or stop, and keeps the text. */
export const BusyNotice: Story = {
  args: { scriptedEngine: { tokenDelayMs: 120, replies: [{ text: LONG_REPLY }] } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'How does this work?');
    await statusOf(el, 'generating');
    const input = await part<HTMLTextAreaElement>(el, 'textarea');
    // Typed and Enter pressed (set directly: user-event cannot focus into a shadow root twice).
    input.value = 'And another thing';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await shows(
      el,
      '.notice[role="status"]',
      'Wait for the reply to finish, or stop it, before sending again.',
    );
    await expect(input.value).toBe('And another thing');
  },
};

/** A finished exchange with the stats line under the log (`show-stats`; scripted engine). */
export const Conversation: Story = {
  args: {
    'show-stats': true,
    scriptedEngine: {
      replies: [
        {
          text: 'Hello! I run entirely in this browser.',
          extra: { time_to_first_token_s: 0.31, time_per_output_token_s: 0.0238, decode_tokens_per_s: 42 },
        },
      ],
    },
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'Hi!');
    // `ready` comes once before the reply (the engine loads) and once after it: wait for the text.
    await shows(el, '[part~="message-assistant"]', 'Hello! I run entirely in this browser.');
    await statusOf(el, 'ready');
    const stats = await part(el, '[part="stats"]');
    await expect(stats.textContent!.replace(/\s+/g, ' ').trim()).toBe(
      'Good 42.0 tokens/s first token in 310 ms',
    );
  },
};
