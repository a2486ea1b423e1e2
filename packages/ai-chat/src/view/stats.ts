/**
 * The figures of the last reply, when the page asks for them (`show-stats`): a small muted line,
 * the rating as a chip. Each figure is its own isolated span, so right-to-left text never
 * reorders the numbers and units; the line is hidden while a reply streams.
 */
import { html, nothing } from 'lit';
import type { Strings } from '../i18n/en.js';
import { format } from '../i18n/format.js';
import type { LatencyRating } from '../types.js';
import type { ViewState } from './state.js';

const RATING: Record<LatencyRating, keyof Strings> = {
  excellent: 'ratingExcellent',
  good: 'ratingGood',
  acceptable: 'ratingAcceptable',
  slow: 'ratingSlow',
};

export function statsView(s: ViewState) {
  const stats = s.stats;
  if (!s.showStats || !stats || s.status === 'generating') return nothing;
  const t = s.strings;
  // A reply of fewer than two tokens has no per-token figure and no rating: only its first token.
  const { rating, tokensPerSecond } = stats;
  return html`<p part="stats" class="stats" aria-label=${t.statsLabel}>
    ${rating !== null ? html`<span class="chip rating-${rating}">${t[RATING[rating]]}</span>` : nothing}
    ${
      tokensPerSecond !== null
        ? html`<span class="figure" dir="auto"
            >${format(t.statsSpeed, { tps: tokensPerSecond.toFixed(1) })}</span
          >`
        : nothing
    }
    <span class="figure" dir="auto">${format(t.statsFirst, { ttft: Math.round(stats.ttftMs) })}</span>
  </p>`;
}
