import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  // Relative URLs: the built app (and its worker chunk) works under any path.
  base: './',
  plugins: [
    // <ai-chat> is a custom element, not a Vue component.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'ai-chat' } } }),
  ],
  // The package's `new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })` must
  // stay as written for Vite to see it: no dependency pre-bundling of ai-chat in dev. (Here the
  // package is a workspace link, which Vite does not pre-bundle anyway; an installed copy would be.)
  optimizeDeps: { exclude: ['ai-chat'] },
  worker: { format: 'es' },
  // The worker chunk carries web-llm (about 6 MB): no size warning, no plugin-timing report for it.
  build: { chunkSizeWarningLimit: 8000, rolldownOptions: { checks: { pluginTimings: false } } },
});
