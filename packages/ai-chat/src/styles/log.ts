import { css } from 'lit';

/** The message log: bubbles, typing indicator, caret, reply actions, jump to latest, stats line. */
export const log = css`
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
  /* Long conversations: where the model's view starts; an answer without a word. */
  .context-note {
    margin: 0;
    padding-block: 4px;
    border-block-start: 1px dashed var(--ai-chat-border);
    color: var(--ai-chat-muted);
    font-size: 0.8em;
    text-align: center;
  }
  .empty-reply {
    color: var(--ai-chat-muted);
    font-style: italic;
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
`;
