/**
 * Small icons, inline SVG, decorative: every button with one is named (its text, or an
 * `aria-label` for the icon-only reply actions, whose tooltip says the same). Inline, so a page
 * whose CSP refuses `data:` images still shows them. The icons of the log live with the log's
 * views (the conversation's chunk): here are those a page shows before the first click.
 */
import { html, svg } from 'lit';

export const icon = (body: unknown) =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${body}</svg>`;
export const stroke = (d: string, width = 2) =>
  svg`<path d=${d} fill="none" stroke="currentColor" stroke-width=${width} stroke-linecap="round" stroke-linejoin="round"/>`;

export const sendIcon = icon(stroke('M12 19V5M5.5 11.5 12 5l6.5 6.5', 2.4));
export const stopIcon = icon(
  svg`<rect x="6.5" y="6.5" width="11" height="11" rx="2.5" fill="currentColor"/>`,
);
export const lockIcon = icon(
  svg`<rect x="5" y="10.5" width="14" height="10" rx="2.5" fill="none" stroke="currentColor" stroke-width="1.8"/>${stroke('M8.5 10.5V7.5a3.5 3.5 0 0 1 7 0v3', 1.8)}`,
);
export const alertIcon = icon(
  svg`<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="1.8"/>${stroke('M12 7.5v5.5M12 16.3v.2')}`,
);
