import type { StorybookConfig } from '@storybook/web-components-vite';

process.env.STORYBOOK_DISABLE_TELEMETRY = '1';

const config: StorybookConfig = {
  stories: ['../../../packages/ai-chat/stories/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(vite) {
    return {
      ...vite,
      // Relative URLs, so storybook-static works under any sub-path (worker URLs included).
      base: './',
      // The element starts its worker as a module worker.
      worker: { ...vite.worker, format: 'es' },
    };
  },
};
export default config;
