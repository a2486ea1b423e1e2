import { css } from 'lit';

/** The consent and error cards, and what every card shares (the progress card's own rules: progress.ts). */
export const cards = css`
  /* Cards: consent, progress, error. */
  .card {
    flex: 0 1 auto;
    width: 100%;
    max-width: var(--ai-chat-measure);
    margin-inline: auto;
    min-width: 0;
    overflow-y: auto;
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
    gap: var(--ai-chat-spacing);
  }
  .consent .title {
    font-size: 1.2em;
    font-weight: 650;
    line-height: 1.3;
    letter-spacing: -0.01em;
    text-wrap: balance;
  }
  .consent .model-name {
    font-weight: 600;
  }
  /* The figures: one muted line, dot-separated (the dots are not read out). */
  .facts {
    margin: calc(var(--ai-chat-spacing) * -0.75) 0 0;
    padding: 0;
    list-style: none;
    color: var(--ai-chat-muted);
    font-size: 0.875em;
  }
  .facts li {
    display: inline;
  }
  .facts li + li::before {
    content: ' · ' / '';
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
    margin-top: calc(var(--ai-chat-spacing) * 0.5);
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
