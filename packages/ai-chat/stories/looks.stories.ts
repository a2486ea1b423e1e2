/** The same conversation in each look: dark, light, narrow, wide, Chinese and right-to-left; and in a page's column. */
import { expect } from 'storybook/test';
import type { ChatMessage } from '../src/types.js';
import {
  chatIn,
  chatMeta,
  part,
  renderChat,
  sendMessage,
  shows,
  statusOf,
  type ChatMeta,
  type Story,
} from './story-kit.js';

const meta: ChatMeta = { ...chatMeta, title: 'ai-chat/Looks' };
export default meta;

const conversation: ChatMessage[] = [
  { role: 'user', content: 'What can you do without a server?' },
  {
    role: 'assistant',
    content:
      'Everything in this chat runs in your browser: the model, the replies, the memory of this conversation.',
  },
];

const chat = { autoload: true, scriptedEngine: {}, conversation };

/** The computed background of the chat's `base` part. */
async function background(canvas: HTMLElement): Promise<string> {
  const el = chatIn(canvas);
  await statusOf(el, 'ready');
  return getComputedStyle(await part(el, '[part="base"]')).backgroundColor;
}

export const Dark: Story = {
  args: { ...chat, theme: 'dark' },
  play: async ({ canvasElement }) => {
    await expect(await background(canvasElement)).toBe('rgb(23, 24, 28)');
  },
};

export const Light: Story = {
  args: { ...chat, theme: 'light' },
  play: async ({ canvasElement }) => {
    await expect(await background(canvasElement)).toBe('rgb(255, 255, 255)');
  },
};

/** Nothing sticks out of the element's box: no horizontal scrolling, Send inside. */
function fits(width: number): Story['play'] {
  return async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await statusOf(el, 'ready');
    const box = el.getBoundingClientRect();
    await expect(box.width).toBeLessThanOrEqual(width);
    const base = await part(el, '[part="base"]');
    await expect(base.scrollWidth).toBeLessThanOrEqual(base.clientWidth);
    const send = (await part(el, '[part="send-button"]')).getBoundingClientRect();
    await expect(send.right).toBeLessThanOrEqual(box.right);
    await expect(send.left).toBeGreaterThanOrEqual(box.left);
  };
}

export const Narrow: Story = {
  name: 'Narrow (320px)',
  args: { ...chat, width: 320 },
  play: fits(320),
};

export const Wide: Story = {
  name: 'Wide (960px)',
  args: { ...chat, width: 960 },
  play: fits(960),
};

// The element's own strings follow `lang`: Traditional Chinese for zh-Hant, zh-TW, zh-HK.
export const Chinese: Story = {
  name: 'Chinese (zh-Hant)',
  args: {
    ...chat,
    lang: 'zh-Hant',
    conversation: [
      { role: 'user', content: '不用伺服器，你能做什麼？' },
      { role: 'assistant', content: '這個聊天的一切都在你的瀏覽器裡執行：模型、回覆，以及這段對話的記憶。' },
    ],
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await statusOf(el, 'ready');
    await expect(el.lang).toBe('zh-Hant');
    await shows(el, '[part~="message-assistant"]', '都在你的瀏覽器裡執行');
    await expect(await part(el, '[part="send-button"]')).toHaveTextContent('傳送');
  },
};

export const RightToLeft: Story = {
  name: 'Right-to-left (Arabic)',
  args: {
    ...chat,
    dir: 'rtl',
    lang: 'ar',
    conversation: [
      { role: 'user', content: 'ماذا يمكنك أن تفعل بدون خادم؟' },
      { role: 'assistant', content: 'كل شيء في هذه المحادثة يعمل في متصفحك: النموذج والردود.' },
    ],
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await statusOf(el, 'ready');
    const base = await part(el, '[part="base"]');
    await expect(getComputedStyle(base).direction).toBe('rtl');
    // Mirrored: the visitor's messages on the left, the assistant's on the right, Send left of the text box.
    const user = (await part(el, '[part~="message-user"]')).getBoundingClientRect();
    const assistant = (await part(el, '[part~="message-assistant"]')).getBoundingClientRect();
    await expect(user.left).toBeLessThanOrEqual(assistant.left + 1);
    await expect(user.right).toBeLessThan(assistant.right);
    const send = (await part(el, '[part="send-button"]')).getBoundingClientRect();
    const input = (await part(el, '[part="input"]')).getBoundingClientRect();
    await expect(send.right).toBeLessThanOrEqual(input.left);
  },
};

const WIDE_REPLY = [
  'A long line and a wide table:',
  '',
  '```js',
  `const line = '${'x'.repeat(200)}';`,
  '```',
  '',
  `| ${'abcdefgh'.split('').join(' | ')} |`,
  `|${'---|'.repeat(8)}`,
  `| ${Array.from({ length: 8 }, () => 'a long cell of text').join(' | ')} |`,
].join('\n');

/**
 * In a column the page owns (`flex: 1` in a flex row, no `min-width: 0`), 320 px wide: a reply
 * with a 220-character code line and an 8-column table scrolls inside its message; the element
 * keeps its box (same width and height as before the reply), and the page never scrolls sideways.
 */
export const InAPageColumn: Story = {
  name: "In a page's column (320px)",
  args: { width: 320, autoload: true, scriptedEngine: { replies: [{ text: WIDE_REPLY }] } },
  render: (args) => {
    const frame = renderChat(args);
    const row = Object.assign(document.createElement('div'), { style: 'display: flex' });
    const column = Object.assign(document.createElement('div'), { style: 'flex: 1' });
    column.append(frame.querySelector('ai-chat')!);
    row.append(column);
    frame.append(row);
    return frame;
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    const frame = canvasElement.querySelector<HTMLElement>('.story-frame')!;
    await statusOf(el, 'ready');
    const before = el.getBoundingClientRect();
    await sendMessage(el, 'Show me something wide.');
    await shows(el, '[part~="message-assistant"]', 'a long cell of text');
    await statusOf(el, 'ready');
    const after = el.getBoundingClientRect();
    await expect(after.width).toBeCloseTo(before.width, 0);
    await expect(after.height).toBeCloseTo(before.height, 0);
    await expect(after.width).toBeLessThanOrEqual(320);
    await expect(frame.scrollWidth).toBeLessThanOrEqual(frame.clientWidth);
    const code = await part(el, '.content pre');
    await expect(code.scrollWidth).toBeGreaterThan(code.clientWidth);
  },
};
