import { css } from 'lit';

/**
 * The message log: bubbles on a reading measure, typing indicator, caret, the empty state and its
 * suggestions, jump to latest, stats line (the reply actions: actions.ts).
 */
export const log = css`
  /* The theme's code colours (only replies use them; a page's own values win over :host). */
  :host {
    --ai-chat-code-background: light-dark(#f3f4f7, #1f2026);
    --ai-chat-code-keyword: light-dark(#8b1d89, #d3a1f5);
    --ai-chat-code-string: light-dark(#2b5c16, #a5d68a);
    --ai-chat-code-number: light-dark(#8a3a00, #f5b97a);
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
  /* The empty state: a greeting, a line, and the page's suggested questions. */
  .empty {
    margin: auto;
    width: 100%;
    max-width: var(--ai-chat-measure);
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: calc(var(--ai-chat-spacing) * 0.5);
    text-align: center;
    padding: calc(var(--ai-chat-spacing) * 2) var(--ai-chat-spacing);
  }
  .empty p {
    margin: 0;
    color: var(--ai-chat-muted);
  }
  .empty .greeting {
    color: var(--ai-chat-color);
    font-size: 1.35em;
    font-weight: 650;
    letter-spacing: -0.01em;
  }
  .suggestions {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: var(--ai-chat-spacing);
    margin: calc(var(--ai-chat-spacing) * 1.5) 0 0;
    padding: 0;
    list-style: none;
  }
  .suggestions button {
    max-width: 100%;
    font-weight: 500;
    text-align: start;
    border-radius: calc(var(--ai-chat-radius) * 0.75);
    padding: 8px 14px;
    overflow-wrap: anywhere;
  }
  /* Messages on a reading measure, centred; the user's bubbles end where the replies end. */
  .message {
    position: relative;
    width: 100%;
    min-width: 0;
    max-width: var(--ai-chat-measure);
    align-self: center;
    overflow-wrap: break-word;
  }
  /* The conversation's error card, where it happened: whole (a card elsewhere may scroll inside). */
  .messages > .card {
    flex: none;
    overflow: visible;
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
    width: auto;
    align-self: flex-end;
    max-width: min(85%, 42em);
    margin-inline-end: max(0px, (100% - var(--ai-chat-measure)) / 2);
    padding: calc(var(--ai-chat-spacing) * 1.1) calc(var(--ai-chat-spacing) * 1.75);
    border-radius: 20px;
    border-end-end-radius: 6px;
    background: var(--ai-chat-user-background);
  }
  .message.assistant {
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
    align-self: center;
    width: 100%;
    max-width: var(--ai-chat-measure);
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

  /* Stop, in the composer while a reply streams. */
  button.round.stop {
    background: var(--ai-chat-color);
    color: var(--ai-chat-background);
  }
  /* Everything that moves (the caret, the dots, the progress bar, smooth scrolling) is in this chunk. */
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }

  /* The stats line (show-stats): small, quiet, on the reading measure. */
  .stats {
    flex: none;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 2px 10px;
    width: 100%;
    max-width: var(--ai-chat-measure);
    margin: calc(var(--ai-chat-spacing) * -0.75) auto;
    padding-inline: 14px;
    color: var(--ai-chat-muted);
    font-size: 0.75em;
    text-align: start;
    font-variant-numeric: tabular-nums;
  }
  .stats .figure {
    unicode-bidi: isolate;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 5px;
    unicode-bidi: isolate;
  }
  .chip::before {
    content: '';
    width: 6px;
    height: 6px;
    border-radius: 50%;
    background: var(--ai-chat-accent);
  }
  .chip.rating-slow::before {
    background: var(--ai-chat-error);
  }
`;
