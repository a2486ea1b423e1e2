import { css } from 'lit';

/**
 * A reply's actions (Copy; Regenerate on the last reply): icon buttons with a tooltip of their
 * name. The icons are drawn in CSS, so the log holds no SVG and no CSP can hide them. In the
 * conversation's chunk, with the log.
 */
export const actions = css`
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
`;
