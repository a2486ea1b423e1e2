import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Vite's React template, as it comes: nothing for workers, WebAssembly or ai-chat.
export default defineConfig({
  plugins: [react()],
});
