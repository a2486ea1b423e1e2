/**
 * `<ai-chat>` with every control from custom-elements.json (attributes, properties, CSS custom
 * properties), behind the scripted worker: change a control and the element is made again.
 */
import { expect } from 'storybook/test';
import { chatIn, chatMeta, part, type ChatMeta, type Story } from './story-kit.js';

const meta: ChatMeta = { ...chatMeta, title: 'ai-chat', tags: ['autodocs'] };
export default meta;

export const Playground: Story = {
  args: {
    model: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
    placeholder: 'Ask about this page…',
    'latency-threshold': 50,
    '--ai-chat-accent': '#0f766e',
    scriptedWorker: { downloadBytes: 279_000_000, vramMB: 945 },
  },
  play: async ({ canvasElement, args }) => {
    const el = chatIn(canvasElement);
    // The controls reach the element.
    await expect(el.model).toBe(args.model);
    await expect(await part(el, 'textarea')).toHaveAttribute('placeholder', 'Ask about this page…');
    await expect(getComputedStyle(await part(el, '[part="consent"] button')).backgroundColor).toBe(
      'rgb(15, 118, 110)',
    );
  },
};
