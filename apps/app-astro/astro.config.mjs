import react from '@astrojs/react';
import { defineConfig } from 'astro/config';

// Astro's default config with its React integration: nothing for workers, WebAssembly or ai-chat.
export default defineConfig({
  integrations: [react()],
});
