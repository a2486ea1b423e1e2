import { css } from 'lit';

/** The consent and error cards, and what every card shares (the progress card's own rules: progress.ts). */
export const cards = css`
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
`;
