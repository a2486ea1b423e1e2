import { css } from 'lit';

export const styles = css`
  :host {
    --ai-chat-background: #ffffff;
    --ai-chat-color: #1a1a1a;
    --ai-chat-muted: #5c5c66;
    --ai-chat-accent: #2f5bea;
    --ai-chat-accent-contrast: #ffffff;
    --ai-chat-user-background: #e8eefc;
    --ai-chat-assistant-background: #f4f4f6;
    --ai-chat-border: #d6d6dc;
    --ai-chat-error: #b42318;
    --ai-chat-radius: 12px;
    --ai-chat-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --ai-chat-font-size: 15px;
    --ai-chat-spacing: 8px;
    --ai-chat-max-height: 480px;
    --ai-chat-code-background: rgba(127, 127, 140, 0.14);
    display: block;
    box-sizing: border-box;
    color-scheme: light dark;
    color: var(--ai-chat-color);
    font: var(--ai-chat-font-size) / 1.5 var(--ai-chat-font);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --ai-chat-background: #17181c;
      --ai-chat-color: #ececf1;
      --ai-chat-muted: #a8a8b3;
      --ai-chat-accent: #7c9cff;
      --ai-chat-accent-contrast: #0b0c10;
      --ai-chat-user-background: #26304d;
      --ai-chat-assistant-background: #23242a;
      --ai-chat-border: #3a3b44;
      --ai-chat-error: #ff8a80;
      --ai-chat-code-keyword: #d59df0;
      --ai-chat-code-string: #98c379;
      --ai-chat-code-number: #f0b070;
    }
  }
  :host([theme='dark']) {
    --ai-chat-background: #17181c;
    --ai-chat-color: #ececf1;
    --ai-chat-muted: #a8a8b3;
    --ai-chat-accent: #7c9cff;
    --ai-chat-accent-contrast: #0b0c10;
    --ai-chat-user-background: #26304d;
    --ai-chat-assistant-background: #23242a;
    --ai-chat-border: #3a3b44;
    --ai-chat-error: #ff8a80;
    --ai-chat-code-keyword: #d59df0;
    --ai-chat-code-string: #98c379;
    --ai-chat-code-number: #f0b070;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--ai-chat-spacing);
    padding: calc(var(--ai-chat-spacing) * 1.5);
    background: var(--ai-chat-background);
    border: 1px solid var(--ai-chat-border);
    border-radius: var(--ai-chat-radius);
    min-width: 0;
  }
  .header:not(:has(::slotted(*))) {
    display: none;
  }
  .consent,
  .progress,
  .error {
    border: 1px solid var(--ai-chat-border);
    border-radius: calc(var(--ai-chat-radius) * 0.75);
    padding: calc(var(--ai-chat-spacing) * 1.5);
  }
  .consent p {
    margin: 0 0 var(--ai-chat-spacing);
  }
  .consent .title {
    font-weight: 600;
  }
  .consent .privacy,
  .stats,
  .notice,
  .bytes,
  .interrupted {
    color: var(--ai-chat-muted);
    font-size: 0.85em;
  }
  .progress-row {
    display: flex;
    gap: var(--ai-chat-spacing);
    align-items: baseline;
    flex-wrap: wrap;
  }
  .progress-row .label {
    flex: 1;
  }
  progress {
    width: 100%;
    accent-color: var(--ai-chat-accent);
  }
  .error {
    border-color: var(--ai-chat-error);
    color: var(--ai-chat-error);
  }
  .error p {
    margin: 0 0 var(--ai-chat-spacing);
  }
  .actions {
    display: flex;
    gap: var(--ai-chat-spacing);
    flex-wrap: wrap;
  }
  .messages {
    display: flex;
    flex-direction: column;
    gap: var(--ai-chat-spacing);
    max-height: var(--ai-chat-max-height);
    overflow-y: auto;
    overscroll-behavior: contain;
    scroll-behavior: smooth;
    min-height: 3em;
  }
  .empty {
    color: var(--ai-chat-muted);
    text-align: center;
    padding: var(--ai-chat-spacing);
  }
  .message {
    padding: var(--ai-chat-spacing) calc(var(--ai-chat-spacing) * 1.5);
    border-radius: var(--ai-chat-radius);
    max-width: 85%;
    overflow-wrap: anywhere;
  }
  .message .content {
    white-space: pre-wrap;
    unicode-bidi: plaintext;
    text-align: start;
  }
  .message .content.markdown {
    white-space: normal;
    min-width: 0;
  }
  .stats {
    margin: 0;
  }
  .stats.rating-slow {
    color: var(--ai-chat-error);
  }
  .composer {
    display: flex;
    gap: var(--ai-chat-spacing);
    align-items: flex-end;
  }
  textarea {
    flex: 1;
    min-width: 0;
    resize: vertical;
    min-height: 2.5em;
    max-height: 12em;
    font: inherit;
    color: inherit;
    background: var(--ai-chat-background);
    border: 1px solid var(--ai-chat-border);
    border-radius: calc(var(--ai-chat-radius) * 0.75);
    padding: var(--ai-chat-spacing);
    unicode-bidi: plaintext;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: calc(var(--ai-chat-radius) * 0.75);
    border: 1px solid var(--ai-chat-border);
    background: var(--ai-chat-background);
    color: inherit;
    padding: calc(var(--ai-chat-spacing) * 0.75) calc(var(--ai-chat-spacing) * 1.5);
  }
  button.primary,
  button.send {
    background: var(--ai-chat-accent);
    color: var(--ai-chat-accent-contrast);
    border-color: var(--ai-chat-accent);
  }
  button.link {
    border: none;
    background: none;
    text-decoration: underline;
    padding: 0 2px;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible,
  textarea:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--ai-chat-accent);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
