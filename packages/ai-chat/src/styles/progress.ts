import { css } from 'lit';

/** The progress card: its row, the bar (determinate or not) and the figures. In the conversation's chunk. */
export const progress = css`
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
`;
