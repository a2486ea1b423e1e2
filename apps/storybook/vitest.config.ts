// The stories as tests: each story renders in headless Chromium (Debian's, never a downloaded
// one) and its `play` function runs. One browser, one worker: the machine has 2 cores.
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROME_FLAGS, CHROME_PATH } from '../../tools/chromium.mjs';
import { startNetGuard } from '../../tools/net-guard.mjs';

// No story reaches a host other than 127.0.0.1: the network guard refuses such requests, and
// net-guard-teardown.ts fails the run if it saw any.
// The config is evaluated more than once in one process: one guard for all.
const shared = globalThis as { aiChatNetGuard?: Awaited<ReturnType<typeof startNetGuard>> };
const netGuard = (shared.aiChatNetGuard ??= await startNetGuard());

export default defineConfig({
  plugins: [storybookTest({ configDir: '.storybook', storybookScript: 'pnpm dev' })],
  test: {
    name: 'stories (scripted engine)',
    fileParallelism: false,
    globalSetup: ['./net-guard-teardown.ts'],
    testTimeout: 20_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: CHROME_PATH,
          args: [...CHROME_FLAGS, ...netGuard.args],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
