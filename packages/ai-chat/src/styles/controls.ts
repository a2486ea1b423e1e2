import { css } from 'lit';

/** The composer, buttons, icons, and the small-screen and reduced-motion rules. */
export const controls = css`
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
