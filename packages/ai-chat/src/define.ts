import { AiChat } from './ai-chat.js';

/** Registers `<ai-chat>`: the package's only side effect. Safe to import twice, and on a server. */
if (typeof customElements !== 'undefined' && !customElements.get('ai-chat')) {
  customElements.define('ai-chat', AiChat);
}
