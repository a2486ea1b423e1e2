import { css } from 'lit';
import { cards } from './styles/cards.js';
import { controls } from './styles/controls.js';

/**
 * The element's eager look: the frame, the cards, the composer. The log's styles (bubbles, actions,
 * stats) arrive with the conversation's chunk (view/chat-view.ts), before its first render, and
 * are adopted just before `controls`, in the order they always had; the Markdown chunk adds only
 * what Markdown needs (render/markdown.styles.ts). Here: the theme (every `--ai-chat-*` property
 * but the code colours, which only replies use: styles/log.ts) and the frame; the rest in `styles/`.
 */
const theme = css`
  :host {
    --ai-chat-background: light-dark(#ffffff, #17181c);
    --ai-chat-color: light-dark(#1d1f24, #e9e9ee);
    --ai-chat-muted: light-dark(#5d616b, #a3a5b0);
    --ai-chat-accent: light-dark(#4a4fd8, #9aa0ff);
    --ai-chat-accent-contrast: light-dark(#ffffff, #111218);
    --ai-chat-user-background: light-dark(#eef0fb, #2a2c3b);
    --ai-chat-assistant-background: transparent;
    --ai-chat-surface: light-dark(#f6f7f9, #1f2025);
    --ai-chat-border: light-dark(#dcdee4, #363842);
    --ai-chat-error: light-dark(#b42318, #ff9b8f);
    --ai-chat-radius: 16px;
    --ai-chat-font:
      system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang TC', 'Microsoft JhengHei',
      sans-serif;
    --ai-chat-font-size: 15px;
    --ai-chat-spacing: 8px;
    --ai-chat-max-height: none;
    --ai-chat-height: min(560px, 100svh);
    --ai-chat-measure: calc(48 * var(--ai-chat-font-size));
    /* The box: its inline size never depends on what it shows (a wide reply cannot widen the page's
       column), it fills the line it is in (a flex row too), and it keeps one block size. */
    display: block;
    box-sizing: border-box;
    contain: inline-size;
    width: -webkit-fill-available;
    width: -moz-available;
    width: stretch;
    min-width: 0;
    max-width: 100%;
    height: var(--ai-chat-height);
    color-scheme: light dark;
    color: var(--ai-chat-color);
    font: var(--ai-chat-font-size) / 1.55 var(--ai-chat-font);
    text-align: start;
    -webkit-text-size-adjust: 100%;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }

  /* The frame: a column that fills a height given to the element; only the log scrolls. */
  .base {
    display: flex;
    flex-direction: column;
    gap: calc(var(--ai-chat-spacing) * 1.5);
    height: 100%;
    min-height: inherit;
    max-height: inherit;
    min-width: 0;
    padding: calc(var(--ai-chat-spacing) * 2);
    background: var(--ai-chat-background);
    border: 1px solid var(--ai-chat-border);
    border-radius: var(--ai-chat-radius);
    overflow: hidden;
    text-align: start;
  }
  .header,
  .footer {
    flex: none;
    min-width: 0;
  }
  .header {
    font-weight: 600;
  }
  .footer {
    color: var(--ai-chat-muted);
    font-size: 0.85em;
  }
`;

export const styles = [theme, cards, controls];
export { controls };
