// The stories as tests: each story renders in headless Chromium (Debian's, never a downloaded
// one) and its `play` function runs. One browser, one worker: the machine has 2 cores.
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROME_FLAGS, CHROME_PATH } from '../../tools/chromium.mjs';

export default defineConfig({
  plugins: [storybookTest({ configDir: '.storybook', storybookScript: 'pnpm dev' })],
  test: {
    name: 'stories (scripted engine)',
    fileParallelism: false,
    testTimeout: 20_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: CHROME_PATH,
          args: CHROME_FLAGS,
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
