/** The consent card: what the model is, what it costs once, what it needs, and the privacy promise. */
import { html, nothing } from 'lit';
import { formatBytes } from '../fit/size.js';
import { format } from '../i18n/format.js';
import { lockIcon } from './icons.js';
import { friendlyModelName } from './model-name.js';
import type { ViewState } from './state.js';

export interface ConsentActions {
  consent: () => void;
}

export function consentView(s: ViewState, on: ConsentActions) {
  const t = s.strings;
  const info = s.modelInfo;
  const id = info?.id ?? s.model;
  // The browser's own model: no size of ours, only whether the browser downloads it first.
  const browsers = info?.download === 'browser';
  const name = browsers ? t.builtinModel : info?.label || friendlyModelName(id) || t.consentAutoModel;
  const facts: string[] = [];
  if (browsers) facts.push(info.browserDownload ? t.consentBuiltinDownload : t.consentBuiltin);
  else if (info?.cached) facts.push(t.consentCached);
  else if (info) {
    if (info.downloadBytes) {
      const size = formatBytes(info.downloadBytes);
      const left = info.downloadBytes - s.resumeBytes;
      facts.push(
        s.resumeBytes > 0 && left > 0
          ? format(t.consentResume, { left: formatBytes(left), size })
          : format(t.consentSize, { size }),
      );
      facts.push(t.consentStored);
    }
    if (info.vramMB) facts.push(format(t.consentMemory, { memory: formatBytes(info.vramMB * 2 ** 20) }));
  }
  // The CPU runtime predicts its speed before the first byte (`modelInfo.predictedMsPerToken`).
  const predicted = info?.predictedMsPerToken;
  if (predicted && predicted > 0 && Number.isFinite(predicted)) {
    const tps = 1000 / predicted;
    facts.push(format(t.consentSpeed, { tps: tps >= 10 ? Math.round(tps) : tps.toFixed(1) }));
  }
  return html`<section part="consent" class="card consent" aria-labelledby="consent-title">
    <p class="eyebrow" id="consent-title">${t.consentTitle}</p>
    <p class="model-name" title=${id}><bdi>${name}</bdi></p>
    ${
      facts.length
        ? html`<ul class="facts">
            ${facts.map((f) => html`<li>${f}</li>`)}
          </ul>`
        : nothing
    }
    ${
      // The last load of this model (or, for `auto`, of a larger one) died with the page.
      info?.crash
        ? html`<p role="note">
            ${format(t.consentCrashed, { model: info.crash.label || friendlyModelName(info.crash.model) })}
          </p>`
        : nothing
    }
    <div class="privacy">
      ${lockIcon}
      <p><strong>${t.consentPrivacyTitle}</strong> ${t.consentPrivacy}</p>
    </div>
    <button type="button" class="primary" data-focus="consent" @click=${on.consent}>
      ${info?.cached || (browsers && !info.browserDownload) ? t.consentButtonCached : t.consentButton}
    </button>
  </section>`;
}
