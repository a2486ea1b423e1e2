import { css } from 'lit';

/** The consent, progress and error cards. */
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
`;
