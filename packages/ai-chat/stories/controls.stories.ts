/** The controls and states added for the look: each as a visitor meets it (scripted engine or worker). */
import { expect, userEvent, waitFor } from 'storybook/test';
import {
  chatIn,
  chatMeta,
  firedBy,
  part,
  renderChat,
  sendMessage,
  shows,
  statusOf,
  type ChatMeta,
  type Story,
} from './story-kit.js';

const meta: ChatMeta = { ...chatMeta, title: 'ai-chat/Controls' };
export default meta;

const RICH = [
  'Here is how the two sorts compare:',
  '',
  '| Method | Mutates | Since |',
  '|---|---|---|',
  '| `sort()` | yes | ES1 |',
  '| `toSorted()` | no | ES2023 |',
  '',
  '```js',
  'const ranked = [42, 7, 19].toSorted((a, b) => b - a);',
  '```',
  '',
  '- [x] Compare the methods',
  '- [ ] Pick one',
].join('\n');

/** Until the first token: three dots that say "The assistant is writing…" to a screen reader. */
export const TypingIndicator: Story = {
  args: { scriptedEngine: { replies: [{ text: 'Thinking done.', firstTokenDelayMs: 60_000 }] } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'Take your time.');
    const typing = await part(el, '[data-streaming] .typing');
    await expect(typing).toHaveTextContent('The assistant is writing…');
  },
};

/** While a reply streams, a caret at its end (150 ms per token). */
export const StreamingCaret: Story = {
  args: { scriptedEngine: { tokenDelayMs: 150, replies: [{ text: 'word '.repeat(80) }] } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'Go on.');
    await shows(el, '[data-streaming] .content', 'word word');
  },
};

/** Markdown in a reply: a table and code that scroll inside the message, a language label, a task list. */
export const RichReply: Story = {
  args: { width: 360, scriptedEngine: { replies: [{ text: RICH }] } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'Compare the sorts.');
    await shows(el, '.markdown .code .lang', 'js');
    const boxes = await waitFor(() => {
      const found = el.shadowRoot!.querySelectorAll('[role="checkbox"]');
      if (found.length !== 2) throw new Error('no task list yet');
      return [...found];
    });
    await expect(boxes.map((b) => b.getAttribute('aria-checked'))).toEqual(['true', 'false']);
    await expect(el.getBoundingClientRect().width).toBeLessThanOrEqual(360);
  },
};

/** Copy a reply; regenerate the last one (the reply is replaced by a new one for the same question). */
export const CopyAndRegenerate: Story = {
  args: { scriptedEngine: { replies: [{ text: 'A first answer.' }, { text: 'A second, better answer.' }] } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'Answer me.');
    await shows(el, '[part~="message-assistant"]', 'A first answer.');
    await expect(await part(el, '[aria-label="Copy reply"]')).toBeVisible();
    await userEvent.click(await part(el, '[data-action="regenerate"]'));
    await shows(el, '[part~="message-assistant"]', 'A second, better answer.');
    await statusOf(el, 'ready');
    await expect(el.messages.map((m) => m.content)).toEqual(['Answer me.', 'A second, better answer.']);
  },
};

/** Longer than the model reads at once: the oldest turns are left out, and the visitor is told, once. */
export const LongConversation: Story = {
  args: {
    scriptedEngine: {
      contextWindow: 80,
      replies: [{ text: 'An answer of a dozen words or so, which fills the small window.' }],
    },
    conversation: Array.from({ length: 6 }, (_, i) => [
      { role: 'user' as const, content: `Question ${i + 1}: what comes next in this long conversation?` },
      { role: 'assistant' as const, content: `Answer ${i + 1}: the next step, said in a dozen words or so.` },
    ]).flat(),
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'And one more question.');
    await shows(el, '.context-note', 'The model no longer sees the messages above');
    await statusOf(el, 'ready');
    await expect(el.shadowRoot!.querySelectorAll('.context-note')).toHaveLength(1);
    await expect(el.messages).toHaveLength(14);
  },
};

/** Opacity of `el`, once its transition is over. */
const settled = (el: Element, opacity: string, pseudo?: string) =>
  waitFor(() => expect(getComputedStyle(el, pseudo).opacity, `${el.className}${pseudo ?? ''}`).toBe(opacity));

/**
 * A reply's actions are icons with names: shown on the last reply, on an earlier one only while it
 * is pointed at or focused; a button pointed at or focused shows its name as a tooltip.
 */
export const ReplyActions: Story = {
  args: { scriptedEngine: { replies: [{ text: 'A first answer.' }, { text: 'A second answer.' }] } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'One?');
    await shows(el, '[part~="message-assistant"]', 'A first answer.');
    await statusOf(el, 'ready');
    await sendMessage(el, 'Two?');
    await waitFor(() => expect(el.shadowRoot!.querySelectorAll('.message-actions')).toHaveLength(2));
    await statusOf(el, 'ready');
    const [first, last] = el.shadowRoot!.querySelectorAll<HTMLElement>('.message-actions');
    await settled(last!, '1');
    await settled(first!, '0');
    const copy = first!.querySelector<HTMLButtonElement>('button.action')!;
    await expect(copy).toHaveAccessibleName('Copy reply');
    await expect(copy).not.toHaveTextContent(/\S/); // icon only
    // Focused from the keyboard (as pointing at it, which a story cannot do with a real mouse):
    // its reply's actions show, and the button's name as a tooltip.
    copy.focus();
    await settled(first!, '1');
    await settled(copy, '1', '::after');
    await expect(getComputedStyle(copy, '::after').content).toBe('"Copy"');
    copy.blur();
    await settled(first!, '0');
    await expect(last!.querySelector('[data-action="regenerate"]')).toHaveAccessibleName(
      'Regenerate the last reply',
    );
  },
};

/** Without `show-stats` no figures show under the log (the `ai-chat-stats` event fires either way). */
export const NoStatsUnlessAsked: Story = {
  args: {
    scriptedEngine: {
      replies: [{ text: ['Hello', '!'], extra: { time_to_first_token_s: 0.2, decode_tokens_per_s: 40 } }],
    },
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'Hi');
    await shows(el, '[part~="message-assistant"]', 'Hello!');
    await statusOf(el, 'ready');
    await expect(firedBy(el, 'ai-chat-stats')).toHaveLength(1);
    await expect(el.shadowRoot!.querySelector('[part="stats"]')).toBeNull();
  },
};

/** Scrolled up while reading: "Jump to latest" brings the reader back. */
export const JumpToLatest: Story = {
  args: {
    '--ai-chat-max-height': '220px',
    scriptedEngine: { replies: [{ text: 'A line.\n\n'.repeat(40) }] },
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'Talk a lot.');
    await waitFor(() => {
      if (el.messages.length !== 2 || el.status !== 'ready') throw new Error('the reply is not whole yet');
    });
    const log = await part(el, '[part="messages"]');
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await expect(log.scrollHeight).toBeGreaterThan(log.clientHeight);
    log.scrollTo({ top: 0, behavior: 'instant' });
    await userEvent.click(await part(el, '.jump'));
    await waitFor(() => {
      if (el.shadowRoot!.querySelector('.jump')) throw new Error('still away from the latest');
    });
  },
};

/** The text box grows with what is typed, up to a limit. */
export const GrowingComposer: Story = {
  args: { scriptedEngine: {} },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    const input = await part<HTMLTextAreaElement>(el, 'textarea');
    const before = input.getBoundingClientRect().height;
    await userEvent.type(
      input,
      'one{Shift>}{Enter}{/Shift}two{Shift>}{Enter}{/Shift}three{Shift>}{Enter}{/Shift}four',
    );
    await expect(input.getBoundingClientRect().height).toBeGreaterThan(before * 2);
  },
};

/** Enter before the chat can send says why, and keeps the text (the consent card is waiting). */
export const EnterBeforeConsent: Story = {
  args: { model: 'Llama-3.2-1B-Instruct-q4f16_1-MLC', scriptedWorker: { downloadBytes: 879_000_000 } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await part(el, '[part="consent"]');
    const input = await part<HTMLTextAreaElement>(el, 'textarea');
    input.value = 'Hello?';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await shows(el, '.notice', 'Start the chat above first.');
    await expect(input.value).toBe('Hello?');
  },
};

/** The stats line, right to left: each figure whole, the chip first on the right. */
export const StatsRightToLeft: Story = {
  args: {
    dir: 'rtl',
    'show-stats': true,
    scriptedEngine: {
      replies: [
        {
          // Two tokens: a reply of one has no per-token figure and no rating.
          text: ['مرحبا', '!'],
          extra: { time_to_first_token_s: 0.2, time_per_output_token_s: 0.025, decode_tokens_per_s: 40 },
        },
      ],
    },
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'مرحبا');
    const stats = await part(el, '[part="stats"]');
    const [chip, speed] = [...stats.children].map((c) => c.getBoundingClientRect());
    await expect(chip!.right).toBeGreaterThan(speed!.right);
  },
};

/** A height given to the element is honoured: the log scrolls, the composer stays. */
export const FixedHeight: Story = {
  args: { width: 360, scriptedEngine: { replies: [{ text: RICH }] } },
  render: (args) => {
    const frame = renderChat(args);
    frame.querySelector('ai-chat')!.setAttribute('style', 'height: 320px; --ai-chat-max-height: none');
    return frame;
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    await sendMessage(el, 'Compare.');
    await shows(el, '[part~="message-assistant"]', 'Pick one');
    await expect(el.getBoundingClientRect().height).toBeCloseTo(320, 0);
    const send = (await part(el, '[part="send-button"]')).getBoundingClientRect();
    await expect(send.bottom).toBeLessThanOrEqual(el.getBoundingClientRect().bottom);
  },
};
