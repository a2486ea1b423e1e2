import { css } from 'lit';

/**
 * The message log: bubbles on a reading measure, typing indicator, caret, reply actions with their
 * tooltips, the empty state and its suggestions, jump to latest, stats line.
 */
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
  .interrupted {
    display: inline-block;
    margin-top: 4px;
    color: var(--ai-chat-muted);
    font-size: 0.8em;
    font-style: italic;
  }
  /* Reply actions: icons, on hover or focus of their reply, always on the last one and on touch. */
  .message-actions {
    display: flex;
    gap: 2px;
    margin-top: 2px;
    margin-inline-start: -7px;
    opacity: 0;
    transition: opacity 0.15s;
  }
  .message:is(:hover, :focus-within, [data-last]) .message-actions {
    opacity: 1;
  }
  @media (hover: none) {
    .message-actions {
      opacity: 1;
    }
  }
  button.action {
    position: relative;
    display: grid;
    place-items: center;
    width: 30px;
    height: 30px;
    padding: 0;
    border: none;
    border-radius: 8px;
    background: none;
    color: var(--ai-chat-muted);
  }
  button.action:hover {
    color: var(--ai-chat-color);
    background: color-mix(in srgb, var(--ai-chat-color) 7%, transparent);
  }
  button.action:not([data-copied]) .i + .i,
  button.action[data-copied] .i:first-child {
    display: none;
  }
  /* The icons, drawn with borders: copy (two sheets), regenerate (a turning arrow), copied (a check). */
  .i {
    position: relative;
    display: block;
    border: 0 solid;
  }
  .i::before,
  .i::after {
    content: '';
    position: absolute;
    border: 0 solid;
  }
  .i-copy {
    width: 10px;
    height: 11px;
    margin: 3px 0 0 3px;
    border-width: 1.6px;
    border-radius: 2.5px;
  }
  .i-copy::before {
    inset: -5px auto auto -5px;
    width: 9px;
    height: 10px;
    border-width: 1.6px 0 0 1.6px;
    border-radius: 2.5px 0 0;
  }
  .i-regenerate {
    width: 14px;
    height: 14px;
    border-width: 1.7px;
    border-radius: 50%;
    border-top-color: transparent;
    rotate: 45deg;
  }
  /* The arrowhead at the arc's end (top left before the turn: at the top after it), clockwise. */
  .i-regenerate::after {
    left: -1px;
    top: -2px;
    border-width: 3.5px 0 3.5px 5px;
    border-color: transparent;
    border-left-color: currentColor;
    rotate: -45deg;
  }
  .i-check {
    width: 6px;
    height: 11px;
    margin-top: -3px;
    border-width: 0 2px 2px 0;
    rotate: 45deg;
  }
  button.action[data-copied] {
    color: var(--ai-chat-accent);
  }
  /* The tooltip: the button's name, above it (from its start: never cut off at the log's edge), on
     hover and keyboard focus. */
  button.action::after {
    content: attr(data-tip);
    position: absolute;
    inset-block-end: calc(100% + 4px);
    inset-inline-start: 0;
    padding: 3px 8px;
    border-radius: 6px;
    background: var(--ai-chat-color);
    color: var(--ai-chat-background);
    font-size: 0.75em;
    font-weight: 500;
    white-space: nowrap;
    pointer-events: none;
    opacity: 0;
    transition: opacity 0.12s;
  }
  button.action[data-copied]::after {
    content: attr(data-tip-done);
  }
  button.action:is(:hover, :focus-visible, [data-copied])::after {
    opacity: 1;
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
