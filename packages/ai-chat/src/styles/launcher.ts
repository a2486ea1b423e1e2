/**
 * The launcher's look: the round button in the page's corner and the panel anchored to it (the
 * whole screen below 480 px). Plain CSS text, not Lit's `css`: the script-tag loader draws the
 * button with it before Lit is fetched (a constructed sheet, so no `style-src 'unsafe-inline'`).
 * The theme's custom properties are not declared yet then: each has its default here too.
 */
const css = String.raw;

export const launcherStyles = css`
  :host([launcher]:not([hidden])) {
    display: contents;
  }
  .launcher,
  .panel {
    position: fixed;
    z-index: 2147483000;
    right: var(--ai-chat-launcher-right, 20px);
    left: var(--ai-chat-launcher-left, auto);
  }
  .launcher {
    bottom: var(--ai-chat-launcher-bottom, 20px);
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-width: 56px;
    height: 56px;
    margin: 0;
    padding: 0 15px;
    border: none;
    border-radius: 999px;
    color-scheme: light dark;
    background: var(--ai-chat-launcher-background, var(--ai-chat-accent, light-dark(#4a4fd8, #9aa0ff)));
    color: var(--ai-chat-launcher-color, var(--ai-chat-accent-contrast, light-dark(#fff, #111218)));
    font:
      600 15px/1 system-ui,
      sans-serif;
    box-shadow:
      0 6px 18px rgb(0 0 0 / 0.22),
      0 1px 3px rgb(0 0 0 / 0.14);
    cursor: pointer;
    transition:
      transform 0.15s ease,
      box-shadow 0.15s ease;
  }
  :host([theme='dark']) .launcher {
    color-scheme: dark;
  }
  :host([theme='light']) .launcher {
    color-scheme: light;
  }
  .launcher:hover {
    transform: translateY(-1px);
    box-shadow:
      0 10px 24px rgb(0 0 0 / 0.26),
      0 2px 4px rgb(0 0 0 / 0.14);
  }
  .launcher:focus-visible {
    outline: 3px solid var(--ai-chat-launcher-background, var(--ai-chat-accent, light-dark(#4a4fd8, #9aa0ff)));
    outline-offset: 3px;
  }
  .launcher svg {
    width: 26px;
    height: 26px;
  }
  .launcher svg,
  .bar svg {
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .launcher[aria-expanded='true'] .closed,
  .launcher[aria-expanded='false'] .open {
    display: none;
  }
  .launcher .name {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  /* The panel: the chat, anchored above the button. */
  .panel {
    bottom: calc(var(--ai-chat-launcher-bottom, 20px) + 68px);
    display: flex;
    flex-direction: column;
    width: min(400px, 100vw - 40px);
    height: min(640px, 100dvh - var(--ai-chat-launcher-bottom, 20px) - 88px);
    border: 1px solid var(--ai-chat-border);
    border-radius: var(--ai-chat-radius);
    background: var(--ai-chat-background);
    box-shadow: 0 16px 48px rgb(0 0 0 / 0.24);
    overflow: hidden;
    transform-origin: bottom right;
    animation: rise 0.18s ease-out;
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(8px) scale(0.98);
    }
  }
  .panel > .base {
    flex: 1;
    min-height: 0;
    height: auto;
    padding-top: 0;
    border: 0;
    border-radius: 0;
  }
  .bar {
    flex: none;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--ai-chat-spacing);
    padding: 8px;
    padding-inline-start: 18px;
    font-weight: 650;
  }
  /* A round button of the element's own (its look comes with the element's styles), icon only. */
  .bar .close {
    display: grid;
    padding: 8px;
    border: 0;
    background: none;
    color: var(--ai-chat-muted);
  }
  .bar .close:hover {
    color: var(--ai-chat-color);
    background: color-mix(in srgb, var(--ai-chat-color) 8%, transparent);
  }
  @media (prefers-reduced-motion: reduce) {
    .launcher,
    .panel {
      transition: none;
      animation: none;
    }
  }
  @media (max-width: 480px) {
    .panel {
      inset: 0;
      width: auto;
      height: auto;
      border: 0;
      border-radius: 0;
    }
    .launcher[aria-expanded='true'] {
      display: none;
    }
  }
`;
