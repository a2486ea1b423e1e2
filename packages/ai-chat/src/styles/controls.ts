import { css } from 'lit';

/**
 * The composer, buttons, icons, and the small-screen rules. (What shows only once the chat runs,
 * the Stop button and the reduced-motion rules among it, comes with the log: styles/log.ts.)
 */
export const controls = css`
  /* The composer. */
  .composer {
    flex: none;
    width: 100%;
    max-width: var(--ai-chat-measure);
    margin: auto auto 0;
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
  /* Until the chat can start, the composer looks as it is: waiting. */
  .base:not([data-panel='chat']) .composer {
    border-style: dashed;
    background: var(--ai-chat-surface);
    box-shadow: none;
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
    width: 100%;
    max-width: var(--ai-chat-measure);
    margin: calc(var(--ai-chat-spacing) * -0.75) auto 0;
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
  button.send:disabled {
    cursor: not-allowed;
    background: color-mix(in srgb, var(--ai-chat-color) 14%, var(--ai-chat-background));
    color: var(--ai-chat-muted);
  }
  /* The text box has no ring of its own: the composer's ring (focus-within) is its one ring. */
  button:focus-visible,
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
`;
