/**
 * The consent card: titled by what the visitor gets (a chat that runs on this device), then the
 * model's friendly name, its figures on one muted line, the privacy promise and one button. Before
 * consent, a model host that cannot be reached is said here, with Try again (nothing was
 * downloading, so it is no failed download).
 */
import { html, nothing } from 'lit';
import { formatBytes } from '../fit/size.js';
import { format } from '../i18n/format.js';
import { alertIcon, lockIcon } from './icons.js';
import { friendlyModelName } from './model-name.js';
import { unreachable, type ViewState } from './state.js';

export interface ConsentActions {
  consent: () => void;
  retry: () => void;
}

/** The figures of the consent card, in the order they are said. Pure. */
export function consentFacts(s: ViewState): string[] {
  const t = s.strings;
  const info = s.modelInfo;
  const facts: string[] = [];
  if (info?.download === 'browser')
    facts.push(info.browserDownload ? t.consentBuiltinDownload : t.consentBuiltin);
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
  return facts;
}

export function consentView(s: ViewState, on: ConsentActions) {
  const t = s.strings;
  const info = s.modelInfo;
  // The page's `model` as it set it (checked in `state/inputs.ts`): only text names a model.
  const id = info?.id ?? (typeof s.model === 'string' ? s.model : '');
  // The browser's own model: no size of ours, only whether the browser downloads it first.
  const browsers = info?.download === 'browser';
  // A name a visitor reads: the runtime's, else one made from the id (never a file name).
  const name = browsers ? t.builtinModel : info?.label || friendlyModelName(id) || t.consentAutoModel;
  const facts = consentFacts(s);
  const away = unreachable(s);
  return html`<section part="consent" class="card consent" aria-labelledby="consent-title">
    <p class="title" id="consent-title">${t.consentTitle}</p>
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
    ${away ? html`<p class="error-body" role="alert">${alertIcon}<span>${t.consentUnreachable}</span></p>` : nothing}
    <div class="privacy">
      ${lockIcon}
      <p><strong>${t.consentPrivacyTitle}</strong> ${t.consentPrivacy}</p>
    </div>
    <button type="button" class="primary" data-focus="consent" @click=${away ? on.retry : on.consent}>
      ${
        away
          ? t.retry
          : info?.cached || (browsers && !info.browserDownload)
            ? t.consentButtonCached
            : t.consentButton
      }
    </button>
  </section>`;
}
