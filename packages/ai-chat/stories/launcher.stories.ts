/** `<ai-chat launcher>`: a round button in the corner; the chat opens in a panel (scripted worker). */
import { expect, userEvent, waitFor } from 'storybook/test';
import {
  chatIn,
  chatMeta,
  firedBy,
  part,
  renderChat,
  shows,
  type ChatMeta,
  type Story,
} from './story-kit.js';

const meta: ChatMeta = { ...chatMeta, title: 'ai-chat/Launcher' };
export default meta;

const MODEL = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';

/** Closed: only the button, named; nothing checked before the visitor shows interest. */
export const Closed: Story = {
  args: { model: MODEL, launcher: true, scriptedWorker: { downloadBytes: 879_000_000, vramMB: 1129 } },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    const button = await part<HTMLButtonElement>(el, 'button.launcher');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button.querySelector('.name')).toHaveTextContent('Open chat');
    await expect(firedBy(el, 'ai-chat-status')).toEqual([]);
  },
};

/** Open: a click shows the consent card in the panel; Escape closes it, focus back on the button. */
export const Open: Story = {
  args: { ...Closed.args },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    const button = await part<HTMLButtonElement>(el, 'button.launcher');
    await userEvent.click(button);
    await shows(el, '[part="launcher-panel"] [part="consent"]', '879 MB one-time download');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(el.shadowRoot!.activeElement).toBe(button));
    await expect(await part(el, '[part="launcher-panel"]')).not.toBeVisible();
    await userEvent.click(button);
    const panel = await part(el, '[part="launcher-panel"]');
    await waitFor(() => expect(panel).toBeVisible());
    await Promise.all(panel.getAnimations().map((a) => a.finished)); // faded in, for the axe check
  },
};

/**
 * The page's words and corner: a `launcher-label` beside the icon names the button; custom
 * properties put it bottom left in the page's colour, and the panel opens above it (the whole
 * screen below 480 px).
 */
export const LabelAndCorner: Story = {
  args: {
    ...Closed.args,
    '--ai-chat-launcher-right': 'auto',
    '--ai-chat-launcher-left': '20px',
    '--ai-chat-launcher-background': 'rgb(14, 116, 144)',
  },
  render: (args) => {
    const frame = renderChat(args);
    const label = Object.assign(document.createElement('span'), {
      slot: 'launcher-label',
      textContent: 'Ask us',
    });
    frame.querySelector('ai-chat')!.append(label);
    return frame;
  },
  play: async ({ canvasElement }) => {
    const el = chatIn(canvasElement);
    const button = await part<HTMLButtonElement>(el, 'button.launcher');
    await expect(button).toHaveAccessibleName('Ask us');
    await expect(getComputedStyle(button).backgroundColor).toBe('rgb(14, 116, 144)');
    const corner = button.getBoundingClientRect();
    // 20 px from the bottom-left corner of the viewport, wherever the element sits in the page.
    await expect(corner.left).toBeCloseTo(20, 0);
    await expect(innerHeight - corner.bottom).toBeCloseTo(20, 0);
    await userEvent.click(button);
    const panel = await part(el, '[part="launcher-panel"]');
    await shows(el, '[part="launcher-panel"] [part="consent"]', '879 MB one-time download');
    await Promise.all(panel.getAnimations().map((a) => a.finished));
    const box = panel.getBoundingClientRect();
    // Above the button on its side; below 480 px, the whole screen.
    if (innerWidth > 480) {
      await expect(box.bottom).toBeLessThanOrEqual(corner.top);
      await expect(box.left).toBeCloseTo(corner.left, 0);
    } else await expect(box.width).toBe(innerWidth);
  },
};
