import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Vite's Vue template, and Vue's own setting for custom elements (a tag with a dash is not a Vue
// component): nothing for workers, WebAssembly or ai-chat.
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.includes('-') } } })],
});
