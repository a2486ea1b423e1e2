/**
 * Every error code as a visitor sees it: plain words with a way forward, never a stack trace.
 * Load failures come from the scripted worker (WebLLM's error name and text, as they cross the
 * worker); reply failures from the scripted engine. `model-too-large` and `insufficient-memory`
 * are in Thresholds.
 */
import { expect, waitFor } from 'storybook/test';
import { chatError, ERROR_MESSAGES } from '../src/errors.js';
import { errorText } from '../src/i18n/error-text.js';
import { en } from '../src/i18n/en.js';
import type { ErrorCode } from '../src/types.js';
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

const meta: ChatMeta = { ...chatMeta, title: 'ai-chat/Errors' };
export default meta;

const MODEL = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';

/** A load through the scripted worker that fails with WebLLM's error `name` and `message`. */
const failingLoad = (name: string, message: string) => ({
  model: MODEL,
  autoload: true,
  scriptedWorker: { loadError: name, loadErrorMessage: message },
});

/**
 * The element shows the visitor's words for `code` and the ways forward the visitor can take; the
 * page author's words, with `detail`, are in the event.
 */
function shown(code: ErrorCode, detail = '', buttons: string[] = ['Try again', 'Dismiss']): Story['play'] {
  return async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    // The visitor's words for the code; the runtime's own words go to the page author (the event).
    const box = await shows(el, '[part="error"]', errorText(chatError(code, detail), en));
    await expect(box).toHaveAttribute('role', 'alert');
    await expect(box).not.toHaveTextContent(/Error:|at \S+:\d+/);
    const event = firedBy(el, 'ai-chat-error').find((e) => e.code === code);
    // The page author's words for the code, before any detail.
    await expect(event?.message).toContain(ERROR_MESSAGES[code].split(' (')[0]!.split('{detail}')[0]);
    const labels = [...box.querySelectorAll('button')].map((b) => b.textContent!.trim());
    await expect(labels).toEqual(buttons);
  };
}

export const WebgpuUnavailable: Story = {
  name: 'webgpu-unavailable',
  args: failingLoad(
    'WebGPUNotAvailableError',
    'WebGPU is not supported in your current environment, but it is necessary to run the WebLLM engine.',
  ),
  // Neither a retry nor a dismissal can fix the device: no button leads back to a download that cannot work.
  play: shown('webgpu-unavailable', '', []),
};

export const ShaderF16Unsupported: Story = {
  name: 'shader-f16-unsupported',
  args: failingLoad(
    'ShaderF16SupportError',
    'This model requires WebGPU extension shader-f16, which is not enabled in this browser.',
  ),
  play: shown('shader-f16-unsupported', '', []),
};

export const ModelNotFound: Story = {
  name: 'model-not-found',
  // A known id whose files are missing on the host (an unknown id is an invalid attribute instead).
  args: failingLoad('ModelFilesNotFoundError', 'tensor-cache.json answered HTTP 404'),
  play: shown('model-not-found', MODEL),
};

export const InvalidAttribute: Story = {
  name: 'invalid-attribute',
  args: { 'latency-threshold': '-3', scriptedEngine: {} },
  play: async (context) => {
    const el = chatIn(context.canvasElement);
    const box = await shows(el, '[part="error"]', 'latency-threshold="-3" is not valid');
    await expect(box).toHaveTextContent('Using 50.');
    // It keeps working with the default.
    await expect(el.settings.latencyThreshold).toBe(50);
    await sendMessage(el, 'Still there?');
    await shows(el, '[part~="message-assistant"]', 'You said: Still there?');
  },
};

export const Network: Story = {
  name: 'network',
  args: failingLoad('NetworkError', 'Failed to fetch'),
  play: shown('network', 'Failed to fetch'),
};

export const QuotaExceeded: Story = {
  name: 'quota-exceeded',
  args: failingLoad('QuotaExceededError', 'The quota has been exceeded.'),
  play: shown('quota-exceeded', 'The quota has been exceeded', [
    'Try again',
    'Clear downloaded files',
    'Dismiss',
  ]),
};

export const DeviceLost: Story = {
  name: 'device-lost',
  // The GPU is lost mid-reply: the words so far stay, marked as stopped.
  args: {
    scriptedEngine: {
      replies: [
        {
          text: 'The answer starts well and then the graphics device stops',
          failAfter: 5,
          error: { name: 'DeviceLostError', message: 'The WebGPU device was lost.' },
        },
      ],
    },
  },
  play: async (context) => {
    const el = chatIn(context.canvasElement);
    await sendMessage(el, 'Tell me something long.');
    // Try again asks for the reply again.
    await shown('device-lost', '', ['Try again', 'Dismiss'])!(context);
    await expect(el.status).toBe('error');
    const reply = await shows(el, '[part~="message-assistant"]', 'The answer starts well');
    await expect(reply).toHaveTextContent('stopped');
  },
};

/**
 * The same failure in a short box after a long conversation: the card at the log's end is whole
 * (never squeezed by the log's height), and the log scrolls to show it.
 */
export const DeviceLostInAShortBox: Story = {
  name: 'device-lost in a short box',
  args: {
    ...DeviceLost.args,
    '--ai-chat-height': '360px',
    conversation: [
      { role: 'user', content: 'Say a lot.' },
      { role: 'assistant', content: 'A line of an earlier answer.\n\n'.repeat(12) },
    ],
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'Tell me something long.');
    const card = await part(el, '[part="messages"] [part="error"]');
    await waitFor(() => expect(card.scrollHeight).toBeLessThanOrEqual(card.clientHeight + 1));
    await expect(card.getBoundingClientRect().height).toBeGreaterThan(80);
  },
};

/** A conversation that outgrows the model's window with `context-policy="error"`: refused before it is sent. */
export const ContextWindowExceeded: Story = {
  name: 'context-window-exceeded',
  args: {
    contextPolicy: 'error',
    scriptedEngine: {
      contextWindow: 100,
      replies: [
        {
          text: 'A first answer that takes a good part of the small window of this model: it goes on for a while, as answers do, with more words than the question had.',
        },
      ],
    },
  },
  play: async (context) => {
    const el = chatIn(context.canvasElement);
    await sendMessage(el, 'A first question of some length.');
    await shows(el, '[part~="message-assistant"]', 'A first answer');
    await sendMessage(el, 'A second question that no longer fits with the first.');
    await shown('context-window-exceeded', '', ['New conversation', 'Dismiss'])!(context);
    // Never sent: the text is back in the composer, not in the log.
    await expect(el.shadowRoot!.querySelector('textarea')!.value).toContain('A second question');
  },
};

/** One message longer than the model's whole window: refused before it is sent, to be shortened. */
export const MessageTooLong: Story = {
  name: 'context-window-exceeded: a message too long',
  args: { scriptedEngine: { contextWindow: 30 } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'word '.repeat(40).trim());
    const box = await shows(el, '[part="messages"] [part="error"]', en.errorMessageTooLong);
    const labels = [...box.querySelectorAll('button')].map((b) => b.textContent!.trim());
    await expect(labels).toEqual(['Dismiss']);
    await expect(el.messages).toEqual([]);
  },
};

export const Aborted: Story = {
  name: 'aborted',
  args: {
    autoload: true,
    scriptedEngine: { loadError: { name: 'AbortError', message: 'The operation was aborted.' } },
  },
  play: async (context) => {
    await shown('aborted')!(context);
    await statusOf(chatIn(context.canvasElement), 'error');
  },
};

export const Engine: Story = {
  name: 'engine',
  args: failingLoad('Error', 'Failed to instantiate the model library: CompileError'),
  // The visitor gets plain words; the page author the runtime's own (a plain Error, so a retry may
  // help; the files the load left in the cache may be the cause, so they can be cleared).
  play: shown('engine', '', ['Try again', 'Clear downloaded files', 'Dismiss']),
};
