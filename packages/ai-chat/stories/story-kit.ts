/**
 * What every story shares: `<ai-chat>` built from a story's args (controls come from
 * custom-elements.json), a scripted engine or the scripted worker in place of WebLLM (no GPU, no
 * network), and small helpers for `play` functions that look into the element's shadow DOM.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';
import { userEvent, waitFor } from 'storybook/test';
import '../src/define.js';
import { AiChat } from '../src/ai-chat.js';
import { ScriptedEngine, type ScriptedEngineOptions } from '../src/testing/index.js';
import type { ChatMessage } from '../src/types.js';
import scriptedWorker from '../src/testing/scripted-worker.ts?worker&url';

export interface ChatArgs {
  /** Attributes and properties of `<ai-chat>`, by attribute or property name (from the manifest). */
  [name: string]: unknown;
  /** Use a scripted engine with these options (set before the element connects). */
  scriptedEngine?: ScriptedEngineOptions;
  /** Use the scripted worker through `worker-url`, steered by these query parameters. */
  scriptedWorker?: Record<string, string | number>;
  /** Wrapper around the element: width in px, `dir`, `lang`, page background. */
  width?: number;
  dir?: 'ltr' | 'rtl';
  lang?: string;
  theme?: 'light' | 'dark';
  /** A conversation to show (the `messages` property). */
  conversation?: ChatMessage[];
  /** Questions for the empty state (the `suggestions` property). */
  suggestions?: string[];
}

export type Story = StoryObj<ChatArgs>;

const helpers = getStorybookHelpers<AiChat>('ai-chat');

/** The URL of the scripted worker, with its steering query. */
export function scriptedWorkerUrl(query: Record<string, string | number> = {}): string {
  const url = new URL(scriptedWorker, document.baseURI);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
  return url.href;
}

const EVENTS = [
  'ai-chat-status',
  'ai-chat-progress',
  'ai-chat-ready',
  'ai-chat-message',
  'ai-chat-stats',
  'ai-chat-threshold',
  'ai-chat-error',
] as const;
type ChatEventName = (typeof EVENTS)[number];
const logs = new WeakMap<AiChat, Event[]>();

/** Every `ai-chat-*` event of type `type` the element fired since it was made, in order. */
export function firedBy<K extends ChatEventName>(el: AiChat, type: K): HTMLElementEventMap[K][] {
  return (logs.get(el) ?? []).filter((event) => event.type === type) as HTMLElementEventMap[K][];
}

/** `<ai-chat>` made from the args: properties first, then connected, so nothing loads by mistake. */
export function renderChat(args: ChatArgs): HTMLElement {
  const el = document.createElement('ai-chat');
  const log: Event[] = [];
  logs.set(el, log);
  for (const type of EVENTS) el.addEventListener(type, (event) => log.push(event));
  if (args.scriptedEngine) el.engine = new ScriptedEngine(args.scriptedEngine);
  if (args.scriptedWorker) el.workerUrl = scriptedWorkerUrl(args.scriptedWorker);
  for (const [prop, options] of AiChat.elementProperties) {
    if (typeof prop !== 'string' || options.attribute === false) continue;
    const attribute = typeof options.attribute === 'string' ? options.attribute : prop.toLowerCase();
    const value = args[attribute] ?? args[prop];
    if (value === undefined || value === null || value === '') continue;
    if (prop === 'workerUrl' && args.scriptedWorker) continue;
    (el as unknown as Record<string, unknown>)[prop] = value;
  }
  for (const [name, value] of Object.entries(args))
    if (name.startsWith('--') && typeof value === 'string' && value) el.style.setProperty(name, value);
  if (args.conversation) el.messages = args.conversation;
  if (args.suggestions) el.suggestions = args.suggestions;
  if (args.theme) el.setAttribute('theme', args.theme);
  if (args.lang) el.lang = args.lang;
  const frame = document.createElement('div');
  frame.className = 'story-frame';
  if (args.dir) frame.dir = args.dir;
  frame.style.cssText = `width: ${args.width ? `${args.width}px` : '100%'}; max-width: 100%; padding: 8px;`;
  if (args.theme === 'dark') frame.style.background = '#0b0c10';
  if (args.theme === 'light') frame.style.background = '#ffffff';
  frame.append(el);
  return frame;
}

/** What every story file's meta spreads: controls from custom-elements.json, rendered by `renderChat`. */
export const chatMeta = {
  component: 'ai-chat',
  argTypes: helpers.argTypes,
  render: (args) => renderChat(args),
} satisfies Meta<ChatArgs>;

export type ChatMeta = Meta<ChatArgs>;

/** The story's `<ai-chat>`. */
export function chatIn(canvas: HTMLElement): AiChat {
  const el = canvas.querySelector('ai-chat');
  if (!el) throw new Error('no <ai-chat> in the story');
  return el;
}

/** The first element matching `selector` in the element's shadow DOM, once it is there. */
export async function part<T extends Element = HTMLElement>(el: AiChat, selector: string): Promise<T> {
  return waitFor(
    () => {
      const found = el.shadowRoot?.querySelector<T>(selector);
      if (!found) throw new Error(`${selector} is not shown`);
      return found;
    },
    { timeout: 10_000 },
  );
}

/** The first element matching `selector` in the shadow DOM, once its text contains `text`. */
export async function shows<T extends Element = HTMLElement>(
  el: AiChat,
  selector: string,
  text: string,
): Promise<T> {
  return waitFor(
    () => {
      const found = el.shadowRoot?.querySelector<T>(selector);
      if (!found?.textContent?.includes(text)) throw new Error(`${selector} does not show "${text}"`);
      return found;
    },
    { timeout: 10_000 },
  );
}

/** Wait until the element's status is `status`. */
export function statusOf(el: AiChat, status: AiChat['status']): Promise<void> {
  return waitFor(
    () => {
      if (el.status !== status) throw new Error(`status is ${el.status}, waiting for ${status}`);
    },
    { timeout: 10_000 },
  );
}

/** Type a message into the element's text box and press Send, as a visitor does. */
export async function sendMessage(el: AiChat, text: string): Promise<void> {
  const input = await part<HTMLTextAreaElement>(el, 'textarea');
  await userEvent.type(input, text);
  const send = await part<HTMLButtonElement>(el, '[part="send-button"]');
  await waitFor(() => {
    if (send.disabled) throw new Error('Send is disabled');
  });
  await userEvent.click(send);
}
