/** `<ai-chat launcher>`: a round button in the corner; the chat opens in a panel (scripted worker). */
import { expect, userEvent, waitFor } from 'storybook/test';
import { chatIn, chatMeta, firedBy, part, shows, type ChatMeta, type Story } from './story-kit.js';

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
