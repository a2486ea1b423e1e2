import { css } from 'lit';

/**
 * The element's whole base look, eager: the frame, the cards, the bubbles, the composer. The
 * Markdown chunk adds only what Markdown needs (render/markdown.styles.ts), so the first exchange is
 * styled before that chunk is even requested.
 */
export const styles = css`
  :host {
    --ai-chat-background: #ffffff;
    --ai-chat-color: #1d1f24;
    --ai-chat-muted: #5d616b;
    --ai-chat-accent: #4a4fd8;
    --ai-chat-accent-contrast: #ffffff;
    --ai-chat-user-background: #eef0fb;
    --ai-chat-assistant-background: transparent;
    --ai-chat-surface: #f6f7f9;
    --ai-chat-border: #dcdee4;
    --ai-chat-error: #b42318;
    --ai-chat-radius: 16px;
    --ai-chat-font:
      system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang TC', 'Microsoft JhengHei',
      sans-serif;
    --ai-chat-font-size: 15px;
    --ai-chat-spacing: 8px;
    --ai-chat-max-height: 480px;
    --ai-chat-code-background: #f3f4f7;
    display: block;
    box-sizing: border-box;
    min-width: 0;
    max-width: 100%;
    color-scheme: light dark;
    color: var(--ai-chat-color);
    font: var(--ai-chat-font-size) / 1.55 var(--ai-chat-font);
    text-align: start;
    -webkit-text-size-adjust: 100%;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --ai-chat-background: #17181c;
      --ai-chat-color: #e9e9ee;
      --ai-chat-muted: #a3a5b0;
      --ai-chat-accent: #9aa0ff;
      --ai-chat-accent-contrast: #111218;
      --ai-chat-user-background: #2a2c3b;
      --ai-chat-surface: #1f2025;
      --ai-chat-border: #363842;
      --ai-chat-error: #ff9b8f;
      --ai-chat-code-background: #1f2026;
      --ai-chat-code-keyword: #d3a1f5;
      --ai-chat-code-string: #a5d68a;
      --ai-chat-code-number: #f5b97a;
    }
  }
  :host([theme='dark']) {
    --ai-chat-background: #17181c;
    --ai-chat-color: #e9e9ee;
    --ai-chat-muted: #a3a5b0;
    --ai-chat-accent: #9aa0ff;
    --ai-chat-accent-contrast: #111218;
    --ai-chat-user-background: #2a2c3b;
    --ai-chat-surface: #1f2025;
    --ai-chat-border: #363842;
    --ai-chat-error: #ff9b8f;
    --ai-chat-code-background: #1f2026;
    --ai-chat-code-keyword: #d3a1f5;
    --ai-chat-code-string: #a5d68a;
    --ai-chat-code-number: #f5b97a;
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

  /* Cards: consent, progress, error. */
  .card {
    flex: none;
    min-width: 0;
    border-radius: calc(var(--ai-chat-radius) * 0.75);
    padding: calc(var(--ai-chat-spacing) * 2);
    background: var(--ai-chat-surface);
    border: 1px solid var(--ai-chat-border);
  }
  .card p {
    margin: 0;
  }
  /* Before the chat starts, its one card sits in the middle of the space above the composer. */
  .base[data-panel='consent'] > .consent,
  .base[data-panel='progress'] > .progress,
  .base[data-panel='error'] > .error {
    margin-top: auto;
  }
  .consent {
    display: flex;
    flex-direction: column;
    gap: calc(var(--ai-chat-spacing) * 1.25);
  }
  .consent .eyebrow {
    color: var(--ai-chat-muted);
    font-size: 0.875em;
  }
  .consent .model-name {
    font-size: 1.35em;
    font-weight: 650;
    line-height: 1.25;
    letter-spacing: -0.01em;
  }
  .facts {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .facts li {
    padding: 2px 10px;
    border-radius: 999px;
    background: var(--ai-chat-background);
    border: 1px solid var(--ai-chat-border);
    font-size: 0.85em;
  }
  .privacy {
    display: flex;
    gap: 10px;
    align-items: flex-start;
    padding: 10px 12px;
    border-radius: calc(var(--ai-chat-radius) * 0.5);
    background: color-mix(in srgb, var(--ai-chat-accent) 10%, var(--ai-chat-background));
  }
  .privacy .icon {
    color: var(--ai-chat-accent);
    margin-top: 2px;
  }
  .consent .primary {
    align-self: flex-start;
  }
  .progress {
    display: flex;
    flex-direction: column;
    gap: var(--ai-chat-spacing);
  }
  .progress-row {
    display: flex;
    gap: var(--ai-chat-spacing);
    align-items: baseline;
    justify-content: space-between;
  }
  .progress .label {
    font-weight: 600;
  }
  progress,
  .bar {
    appearance: none;
    display: block;
    width: 100%;
    height: 6px;
    border: 0;
    border-radius: 999px;
    overflow: hidden;
    background: color-mix(in srgb, var(--ai-chat-color) 12%, transparent);
  }
  progress::-webkit-progress-bar {
    background: transparent;
  }
  progress::-webkit-progress-value {
    background: var(--ai-chat-accent);
    border-radius: 999px;
    transition: width 0.3s ease;
  }
  progress::-moz-progress-bar {
    background: var(--ai-chat-accent);
  }
  .bar.indeterminate span {
    display: block;
    width: 35%;
    height: 100%;
    border-radius: 999px;
    background: var(--ai-chat-accent);
    animation: slide 1.2s ease-in-out infinite;
  }
  @keyframes slide {
    from {
      transform: translateX(-100%);
    }
    to {
      transform: translateX(300%);
    }
  }
  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 14px;
    color: var(--ai-chat-muted);
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .error {
    border-color: color-mix(in srgb, var(--ai-chat-error) 45%, var(--ai-chat-border));
    background: color-mix(in srgb, var(--ai-chat-error) 7%, var(--ai-chat-background));
  }
  .error-body {
    display: flex;
    gap: 10px;
    align-items: flex-start;
  }
  .error-body .icon {
    color: var(--ai-chat-error);
    margin-top: 2px;
  }
  .error.warning {
    border-color: var(--ai-chat-border);
    background: var(--ai-chat-surface);
  }
  .error.warning .icon {
    color: var(--ai-chat-muted);
  }
  .actions {
    display: flex;
    gap: var(--ai-chat-spacing);
    flex-wrap: wrap;
    align-items: center;
    margin-top: calc(var(--ai-chat-spacing) * 1.25);
    padding-inline-start: 28px;
  }

  /* The log. */
  .log-wrap {
    position: relative;
    display: flex;
    flex-direction: column;
    flex: 1 1 auto;
    min-height: 0;
    min-width: 0;
  }
  .messages {
    display: flex;
    flex-direction: column;
    gap: calc(var(--ai-chat-spacing) * 2);
    flex: 1 1 auto;
    min-height: 3em;
    min-width: 0;
    max-height: var(--ai-chat-max-height);
    overflow-x: hidden;
    overflow-y: auto;
    overscroll-behavior: contain;
    scroll-behavior: smooth;
    padding-block: 2px;
  }
  .empty {
    margin: auto;
    color: var(--ai-chat-muted);
    text-align: center;
    padding: calc(var(--ai-chat-spacing) * 2) var(--ai-chat-spacing);
  }
  .message {
    position: relative;
    min-width: 0;
    max-width: 100%;
    overflow-wrap: break-word;
  }
  .message .content {
    min-width: 0;
    white-space: pre-wrap;
    unicode-bidi: plaintext;
    text-align: start;
  }
  .message .content.markdown {
    white-space: normal;
  }
  .message.user {
    align-self: flex-end;
    max-width: min(85%, 42em);
    padding: calc(var(--ai-chat-spacing) * 1.1) calc(var(--ai-chat-spacing) * 1.75);
    border-radius: 20px;
    border-end-end-radius: 6px;
    background: var(--ai-chat-user-background);
  }
  .message.assistant {
    align-self: stretch;
    background: var(--ai-chat-assistant-background);
    border-radius: calc(var(--ai-chat-radius) * 0.75);
  }
  .message[data-streaming] .content:not(.markdown)::after,
  .message[data-streaming] .content > [data-open='true'] > :is(p, h1, h2, h3, h4, h5, h6):last-child::after,
  .message[data-streaming] .content > [data-open='true'] > :is(ul, ol):last-child > li:last-child::after {
    content: '';
    display: inline-block;
    width: 0.5em;
    height: 1.05em;
    margin-inline-start: 2px;
    vertical-align: text-bottom;
    border-radius: 2px;
    background: currentColor;
    opacity: 0.65;
    animation: blink 1s steps(2, start) infinite;
  }
  @keyframes blink {
    to {
      visibility: hidden;
    }
  }
  .typing {
    display: inline-flex;
    gap: 5px;
    align-items: center;
    height: 2.2em;
    padding-inline: 14px;
    border-radius: 999px;
    background: var(--ai-chat-surface);
  }
  .typing .dot {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: var(--ai-chat-muted);
    animation: bounce 1.2s ease-in-out infinite;
  }
  .typing .dot:nth-child(3) {
    animation-delay: 0.15s;
  }
  .typing .dot:nth-child(4) {
    animation-delay: 0.3s;
  }
  @keyframes bounce {
    0%,
    60%,
    100% {
      opacity: 0.35;
      transform: translateY(0);
    }
    30% {
      opacity: 1;
      transform: translateY(-3px);
    }
  }
  .interrupted {
    display: inline-block;
    margin-top: 4px;
    color: var(--ai-chat-muted);
    font-size: 0.8em;
    font-style: italic;
  }
  .message-actions {
    display: flex;
    gap: 2px;
    margin-top: 4px;
    margin-inline-start: -6px;
  }
  .jump {
    position: absolute;
    inset-block-end: 8px;
    inset-inline-start: 50%;
    transform: translateX(-50%);
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 4px 12px;
    border-radius: 999px;
    background: var(--ai-chat-background);
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
    font-size: 0.85em;
  }
  :host(:dir(rtl)) .jump {
    transform: translateX(50%);
  }

  /* The stats line (show-stats). */
  .stats {
    flex: none;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 10px;
    margin: 0;
    color: var(--ai-chat-muted);
    font-size: 0.8em;
    text-align: start;
    font-variant-numeric: tabular-nums;
  }
  .stats .figure {
    unicode-bidi: isolate;
  }
  .chip {
    padding: 0 8px;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-weight: 600;
    unicode-bidi: isolate;
  }
  .chip.rating-slow {
    color: var(--ai-chat-error);
  }

  /* The composer. */
  .composer {
    flex: none;
    margin-top: auto;
    display: flex;
    gap: var(--ai-chat-spacing);
    align-items: flex-end;
    min-width: 0;
    padding: 6px;
    padding-inline-start: 14px;
    border: 1px solid var(--ai-chat-border);
    border-radius: 24px;
    background: var(--ai-chat-background);
    box-shadow: 0 1px 2px rgb(0 0 0 / 0.04);
  }
  .composer:focus-within {
    border-color: var(--ai-chat-accent);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--ai-chat-accent) 22%, transparent);
  }
  textarea {
    flex: 1;
    min-width: 0;
    resize: none;
    min-height: 36px;
    max-height: 12em;
    margin: 0;
    padding: 7px 0;
    font: inherit;
    line-height: 22px;
    color: inherit;
    background: transparent;
    border: 0;
    outline: none;
    unicode-bidi: plaintext;
  }
  textarea::placeholder {
    color: var(--ai-chat-muted);
    opacity: 1;
  }
  .notice {
    flex: none;
    margin: calc(var(--ai-chat-spacing) * -0.75) 0 0;
    padding-inline: 14px;
    color: var(--ai-chat-muted);
    font-size: 0.85em;
  }

  /* Buttons. */
  button {
    font: inherit;
    font-size: 0.93em;
    font-weight: 550;
    cursor: pointer;
    border-radius: 999px;
    border: 1px solid var(--ai-chat-border);
    background: var(--ai-chat-background);
    color: inherit;
    padding: 6px 16px;
    line-height: 1.4;
  }
  button:hover {
    background: color-mix(in srgb, var(--ai-chat-color) 6%, var(--ai-chat-background));
  }
  button.primary {
    background: var(--ai-chat-accent);
    color: var(--ai-chat-accent-contrast);
    border-color: var(--ai-chat-accent);
    padding: 8px 20px;
  }
  button.primary:hover {
    background: color-mix(in srgb, var(--ai-chat-accent) 88%, var(--ai-chat-color));
  }
  button.link {
    border: none;
    background: none;
    text-decoration: underline;
    text-underline-offset: 2px;
    padding: 2px 4px;
    font-weight: 500;
  }
  button.ghost {
    display: inline-flex;
    align-items: center;
    gap: 5px;
    border: none;
    background: none;
    color: var(--ai-chat-muted);
    padding: 3px 6px;
    border-radius: 8px;
    font-size: 0.8em;
    font-weight: 500;
  }
  button.ghost:hover {
    color: var(--ai-chat-color);
    background: color-mix(in srgb, var(--ai-chat-color) 7%, transparent);
  }
  button.ghost[data-copied] .action-label {
    color: var(--ai-chat-accent);
  }
  button.round {
    flex: none;
    display: grid;
    place-items: center;
    width: 36px;
    height: 36px;
    padding: 0;
    border: none;
    background: var(--ai-chat-accent);
    color: var(--ai-chat-accent-contrast);
  }
  button.round.stop {
    background: var(--ai-chat-color);
    color: var(--ai-chat-background);
  }
  button.send:disabled {
    cursor: not-allowed;
    background: color-mix(in srgb, var(--ai-chat-color) 14%, var(--ai-chat-background));
    color: var(--ai-chat-muted);
  }
  button:focus-visible,
  textarea:focus-visible,
  a:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--ai-chat-accent);
    outline-offset: 2px;
  }
  .icon {
    flex: none;
    width: 18px;
    height: 18px;
  }
  .icon.mask {
    display: inline-block;
    width: 15px;
    height: 15px;
    background: currentColor;
    -webkit-mask: var(--icon) center / contain no-repeat;
    mask: var(--icon) center / contain no-repeat;
  }
  .icon-copy {
    --icon: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Cg fill='none' stroke='%23000' stroke-width='1.8' stroke-linecap='round'%3E%3Crect x='8.5' y='8.5' width='11' height='11' rx='2.5'/%3E%3Cpath d='M15.5 5.5v-.5a2 2 0 0 0-2-2h-8a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h.5'/%3E%3C/g%3E%3C/svg%3E");
  }
  .icon-regenerate {
    --icon: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Cpath d='M19.5 12a7.5 7.5 0 1 1-2.2-5.3M19.5 4v4.5H15' fill='none' stroke='%23000' stroke-width='1.8' stroke-linecap='round' stroke-linejoin='round'/%3E%3C/svg%3E");
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (max-width: 480px) {
    .base {
      padding: calc(var(--ai-chat-spacing) * 1.25);
    }
    .card {
      padding: calc(var(--ai-chat-spacing) * 1.5);
    }
    .actions {
      padding-inline-start: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
