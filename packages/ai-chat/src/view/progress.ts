/** The progress card: checking, downloading, starting; a bar that never goes back, honest figures. */
import { html, nothing } from 'lit';
import { formatBytes } from '../fit/size.js';
import { format } from '../i18n/format.js';
import { formatDuration, progressFigures } from './figures.js';
import type { ViewState } from './state.js';

export interface ProgressActions {
  cancel: () => void;
}

export function progressView(s: ViewState, on: ProgressActions) {
  const t = s.strings;
  const label = s.status === 'checking' ? t.checking : s.status === 'downloading' ? t.downloading : t.loading;
  const p = s.progress;
  const downloaded = !(s.modelInfo?.cached ?? s.customEngine);
  const f = progressFigures(p, downloaded);
  const figures: string[] = [];
  if (s.status === 'downloading' && p && p.totalBytes) {
    figures.push(
      format(t.progressOf, { done: formatBytes(p.loadedBytes), total: formatBytes(p.totalBytes) }),
    );
    if (f.speed) figures.push(format(t.progressSpeed, { speed: formatBytes(f.speed) }));
    if (f.secondsLeft)
      figures.push(
        format(t.progressLeft, {
          time: formatDuration(f.secondsLeft, { s: t.unitSeconds, min: t.unitMinutes }),
        }),
      );
  }
  const checking = s.status === 'checking';
  return html`<section part="progress" class="card progress" aria-label=${label}>
    <div class="progress-row">
      <span class="label" role="status">${label}</span>
      ${
        checking
          ? nothing
          : html`<button type="button" class="link" data-focus="cancel" @click=${on.cancel}>
              ${t.cancel}
            </button>`
      }
    </div>
    ${
      checking
        ? html`<div class="bar indeterminate" aria-hidden="true"><span></span></div>`
        : html`<progress max="1" .value=${f.value} aria-label=${label}></progress>`
    }
    ${
      figures.length
        ? html`<p class="figures">${figures.map((x) => html`<span><bdi>${x}</bdi></span>`)}</p>`
        : nothing
    }
  </section>`;
}
