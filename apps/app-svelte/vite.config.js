import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// Vite's Svelte template, as it comes: nothing for workers, WebAssembly or ai-chat.
export default defineConfig({
  plugins: [svelte()],
});
